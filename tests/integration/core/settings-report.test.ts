// The report's branding in the settings: footer text, and the logo and signature images scaled down
// and kept as PNG data URLs; anything but an image is refused and changes nothing. The logo and footer
// are the organization's and the signature the user's: a shared computer never carries them over to
// another office or another appraiser, in the settings or in the report.
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createBlobStore } from '../../../src-main/core/blobs/blob-store.ts';
import { createLocalState, type Actor, type CoreContext } from '../../../src-main/core/context.ts';
import { buildReportHtml } from '../../../src-main/core/report/build-html.ts';
import { generateDemoPeople } from '../../../src-shared/seed/index.ts';
import { call, callError, demoAuth, signedInCore } from '../../helpers/core.ts';
import { openCoreDb } from '../../helpers/local-db.ts';

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

const EMPTY = { footerText: '', logoDataUrl: null, signatureDataUrl: null };
const OTHER_OFFICE = { id: '01900000-0000-7000-8000-00000000000e', name: 'משרד שני' };

/** A small PNG of one colour, so that each image set is told apart by its bytes. */
async function pngBase64(background: string): Promise<string> {
  return base64(await sharp({ create: { width: 40, height: 20, channels: 3, background } }).png().toBuffer());
}

/** A core signed in as appraiser1, who also belongs to a second office. */
async function twoOfficeCore() {
  const people = generateDemoPeople(1);
  const t = await signedInCore('appraiser1@demo.shamay.local', { auth: demoAuth(people, [{ email: 'appraiser1@demo.shamay.local', organization: OTHER_OFFICE }]) });
  return { ...t, officeA: people.organization.id, officeB: OTHER_OFFICE.id };
}

async function signInAs(core: TwoOffice['core'], email: string) {
  await call(core, 'session.signOut', {});
  return call(core, 'session.signIn', { email, password: 'demo' });
}
type TwoOffice = Awaited<ReturnType<typeof twoOfficeCore>>;

describe('report branding belongs to the organization and the user', () => {
  it("keeps the logo and footer per organization: another office starts empty and each keeps its own", async () => {
    const { core, officeA, officeB } = await twoOfficeCore();
    expect((await call(core, 'session.current', {})).organizationId).toBe(officeA);
    await call(core, 'settings.update', { report: { footerText: 'משרד א׳' } });
    const inA = await call(core, 'settings.setReportImage', { kind: 'logo', source: { bytesBase64: await pngBase64('#aa0000') } });
    const signed = await call(core, 'settings.setReportImage', { kind: 'signature', source: { bytesBase64: await pngBase64('#0000aa') } });

    await call(core, 'session.switchOrganization', { organizationId: officeB });
    // Office B has no branding of its own yet; the signature is the user's and goes with them.
    expect((await call(core, 'settings.get', {})).report).toEqual({ ...EMPTY, signatureDataUrl: signed.report.signatureDataUrl });
    await call(core, 'settings.update', { report: { footerText: 'משרד ב׳' } });

    await call(core, 'session.switchOrganization', { organizationId: officeA });
    expect((await call(core, 'settings.get', {})).report).toEqual({ footerText: 'משרד א׳', logoDataUrl: inA.report.logoDataUrl, signatureDataUrl: signed.report.signatureDataUrl });
    await call(core, 'session.switchOrganization', { organizationId: officeB });
    expect((await call(core, 'settings.get', {})).report).toMatchObject({ footerText: 'משרד ב׳', logoDataUrl: null });
  });

  it("keeps the signature per user: another appraiser on the same computer does not get it", async () => {
    const { core } = await signedInCore();
    await call(core, 'settings.update', { report: { footerText: 'המשרד' } });
    const mine = await call(core, 'settings.setReportImage', { kind: 'signature', source: { bytesBase64: await pngBase64('#0000aa') } });
    expect(mine.report.signatureDataUrl).toMatch(/^data:image\/png;base64,/);

    await signInAs(core, 'appraiser2@demo.shamay.local');
    // Same office: its footer shows; the signature was appraiser1's.
    expect((await call(core, 'settings.get', {})).report).toEqual({ ...EMPTY, footerText: 'המשרד' });
    const theirs = await call(core, 'settings.setReportImage', { kind: 'signature', source: { bytesBase64: await pngBase64('#00aa00') } });
    expect(theirs.report.signatureDataUrl).not.toBe(mine.report.signatureDataUrl);

    await signInAs(core, 'appraiser1@demo.shamay.local');
    expect((await call(core, 'settings.get', {})).report).toEqual({ footerText: 'המשרד', logoDataUrl: null, signatureDataUrl: mine.report.signatureDataUrl });
  });

  it('without a session shows no branding and refuses to change it; the device settings still change', async () => {
    const { core } = await signedInCore();
    await call(core, 'settings.update', { report: { footerText: 'המשרד' } });
    await call(core, 'settings.setReportImage', { kind: 'signature', source: { bytesBase64: await pngBase64('#0000aa') } });
    await call(core, 'session.signOut', {});

    expect((await call(core, 'settings.get', {})).report).toEqual(EMPTY);
    expect(await callError(core, 'settings.update', { report: { footerText: 'של מי?' } })).toMatchObject({ code: 'UNAUTHENTICATED' });
    // A change that mixes both is refused whole.
    expect(await callError(core, 'settings.update', { language: 'en', report: { footerText: 'של מי?' } })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await call(core, 'settings.get', {})).language).toBe('he');
    expect(await callError(core, 'settings.setReportImage', { kind: 'logo', source: { bytesBase64: await pngBase64('#aa0000') } })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await callError(core, 'settings.setReportImage', { kind: 'signature', source: null })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await call(core, 'settings.update', { language: 'en' })).language).toBe('en');

    // Continuing offline as the same person brings back their branding, untouched.
    await call(core, 'session.continueOffline', {});
    expect((await call(core, 'settings.get', {})).report).toMatchObject({ footerText: 'המשרד', signatureDataUrl: expect.stringMatching(/^data:image\/png/) });
  });

  it("ignores the device-wide branding an unreleased build kept in 'settings', and drops it on the next write", async () => {
    const { core, dataDir } = await signedInCore();
    const db = openCoreDb(dataDir);
    const old = { language: 'en', report: { footerText: 'ישן', logoDataUrl: `data:image/png;base64,${await pngBase64('#aa0000')}`, signatureDataUrl: null } };
    db.prepare(`INSERT INTO sync_state (key, value) VALUES ('settings', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(JSON.stringify(old));

    expect(await call(core, 'settings.get', {})).toMatchObject({ language: 'en', report: EMPTY });
    await call(core, 'settings.update', { imageMaxBytes: 5 * 1024 * 1024 });
    const stored = JSON.parse((db.prepare("SELECT value FROM sync_state WHERE key = 'settings'").get() as { value: string }).value) as Record<string, unknown>;
    expect(stored).toEqual({ language: 'en', imageMaxBytes: 5 * 1024 * 1024 });
  });
});

describe('the report prints the branding of the valuation, not of the session', () => {
  it("prints the valuation's office's logo and footer, and its appraiser's own signature only", async () => {
    const { core, dataDir, people, officeA, officeB } = await twoOfficeCore();
    const [appraiser1, appraiser2] = people.appraisers;
    const logo = `data:image/png;base64,${await pngBase64('#aa0000')}`;
    const signature = `data:image/png;base64,${await pngBase64('#0000aa')}`;
    await call(core, 'settings.update', { report: { footerText: 'משרד א׳ · רח׳ הרצל 1', logoDataUrl: logo, signatureDataUrl: signature } });
    const ofAppraiser1 = await call(core, 'valuations.create', { title: 'של שמאי 1' });
    await call(core, 'session.switchOrganization', { organizationId: officeB });
    const inOfficeB = await call(core, 'valuations.create', { title: 'במשרד ב׳' });
    await call(core, 'session.switchOrganization', { organizationId: officeA });

    await signInAs(core, 'appraiser2@demo.shamay.local');
    const ofAppraiser2 = await call(core, 'valuations.create', { title: 'של שמאי 2' });

    // A second connection to the core's files stands in for its context.
    const db = openCoreDb(dataDir);
    const ctx = { db, state: createLocalState(db), blobs: createBlobStore({ root: join(dataDir, 'blobs'), limits: { documentBytes: 1, imageBytes: 1 } }) } as unknown as CoreContext;
    const actor = (userId: string, organizationId: string): Actor => ({ userId, organizationId, role: 'APPRAISER' });

    // appraiser2's valuation while appraiser1's signature is kept on this computer: no signature image.
    const html2 = await buildReportHtml(ctx, actor(appraiser2.id, officeA), ofAppraiser2.id);
    expect(html2).not.toContain(signature);
    expect(html2).not.toContain('חתימת השמאי');
    expect(html2).toContain(logo); // the office's logo and footer are the office's
    expect(html2).toContain('משרד א׳ · רח׳ הרצל 1');

    // appraiser1's own valuation carries their signature, whoever is signed in on the computer now.
    const html1 = await buildReportHtml(ctx, actor(appraiser1.id, officeA), ofAppraiser1.id);
    expect(html1).toContain(signature);
    expect(html1).toContain(logo);

    // In office B: appraiser1's signature, but none of office A's branding.
    const htmlB = await buildReportHtml(ctx, actor(appraiser1.id, officeB), inOfficeB.id);
    expect(htmlB).toContain(signature);
    expect(htmlB).not.toContain(logo);
    expect(htmlB).not.toContain('משרד א׳ · רח׳ הרצל 1');
  });
});
