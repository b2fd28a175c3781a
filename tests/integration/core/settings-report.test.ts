// The report's branding in the settings: footer text, and the logo and signature images scaled down
// and kept as PNG data URLs; anything but an image is refused and changes nothing.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { call, callError, signedInCore } from '../../helpers/core.ts';

const base64 = (bytes: Buffer) => bytes.toString('base64');
const pngOf = (dataUrl: string) => Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');

describe('report branding settings', () => {
  it('keeps the footer text and a scaled PNG of the logo and the signature; null removes one', async () => {
    const { core } = await signedInCore();
    expect((await call(core, 'settings.get', {})).report).toEqual({ footerText: '', logoDataUrl: null, signatureDataUrl: null });

    const updated = await call(core, 'settings.update', { report: { footerText: 'משרד שמאות לוי · רח׳ הרצל 1, חיפה' } });
    expect(updated.report.footerText).toBe('משרד שמאות לוי · רח׳ הרצל 1, חיפה');

    const bigJpeg = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: '#17324d' } }).jpeg().toBuffer();
    const withLogo = await call(core, 'settings.setReportImage', { kind: 'logo', source: { bytesBase64: base64(bigJpeg) } });
    expect(withLogo.report.logoDataUrl).toMatch(/^data:image\/png;base64,/);
    const logo = await sharp(pngOf(withLogo.report.logoDataUrl!)).metadata();
    expect([logo.format, logo.width, logo.height]).toEqual(['png', 900, 300]);
    // The footer set before stays.
    expect(withLogo.report.footerText).toBe('משרד שמאות לוי · רח׳ הרצל 1, חיפה');

    const smallPng = await sharp({ create: { width: 240, height: 80, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const signed = await call(core, 'settings.setReportImage', { kind: 'signature', source: { bytesBase64: base64(smallPng) } });
    const signature = await sharp(pngOf(signed.report.signatureDataUrl!)).metadata();
    expect([signature.width, signature.height, signature.hasAlpha]).toEqual([240, 80, true]); // never enlarged

    const removed = await call(core, 'settings.setReportImage', { kind: 'logo', source: null });
    expect(removed.report).toMatchObject({ logoDataUrl: null, signatureDataUrl: signed.report.signatureDataUrl });
  });

  it('refuses what is not an image, or too large, and keeps what it had', async () => {
    const { core } = await signedInCore();
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).png().toBuffer();
    const before = await call(core, 'settings.setReportImage', { kind: 'logo', source: { bytesBase64: base64(png) } });

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    expect(await callError(core, 'settings.setReportImage', { kind: 'logo', source: { bytesBase64: base64(pdf) } })).toMatchObject({
      code: 'VALIDATION',
      details: { reason: 'NOT_AN_IMAGE' },
    });
    const huge = Buffer.alloc(11 * 1024 * 1024, 1);
    expect(await callError(core, 'settings.setReportImage', { kind: 'logo', source: { bytesBase64: base64(huge) } })).toMatchObject({
      code: 'VALIDATION',
      details: { reason: 'TOO_LARGE' },
    });
    expect(await callError(core, 'settings.setReportImage', { kind: 'logo', source: { path: '/nonexistent/logo.png' } })).toMatchObject({ code: 'STORAGE' });
    expect(await callError(core, 'settings.update', { report: { logoDataUrl: 'data:text/html;base64,PHNjcmlwdD4=' } })).toMatchObject({ code: 'VALIDATION' });
    expect((await call(core, 'settings.get', {})).report.logoDataUrl).toBe(before.report.logoDataUrl);
  });
});
