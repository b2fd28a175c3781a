// report.preview and report.export through the core's dispatch: each format becomes a new version of
// the valuation's asset (its file in the blob store, its row synced like any other), and who may
// export what.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { createChromiumPdfPrinter } from '../../../src-main/host/chromium-pdf-printer.ts';
import { call, callError, signedInCore } from '../../helpers/core.ts';
import { fillForReady } from '../preflight/fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`${CHROMIUM} is missing: the report export tests are skipped.`);
const printer = hasChromium ? createChromiumPdfPrinter({ executablePath: CHROMIUM }) : null;
afterAll(async () => printer?.close());

async function filled(email = 'appraiser1@demo.shamay.local') {
  const t = await signedInCore(email, printer ? { printPdf: printer.print } : {});
  const valuation = await call(t.core, 'valuations.create', { title: 'דירה 6158/123/4' });
  await fillForReady(t.core, valuation.id);
  return { ...t, id: valuation.id };
}

describe.skipIf(!hasChromium)('report preview and exports', () => {
  it('previews the report as the HTML that is printed, and exports every format as a versioned asset', async () => {
    const { core, id } = await filled();
    const { html } = await call(core, 'report.preview', { valuationId: id });
    expect(html).toMatch(/^<!doctype html><html lang="he" dir="rtl">/);
    expect(html).toContain('הנביאים 7, חיפה');

    const pdf = await call(core, 'report.export', { valuationId: id, format: 'PDF' });
    const docx = await call(core, 'report.export', { valuationId: id, format: 'DOCX' });
    const csv = await call(core, 'report.export', { valuationId: id, format: 'CSV' });
    const json = await call(core, 'report.export', { valuationId: id, format: 'JSON' });
    const again = await call(core, 'report.export', { valuationId: id, format: 'CSV' });

    expect([pdf, docx, csv, json, again].map((e) => [e.asset.assetType, e.asset.slug, e.asset.version])).toEqual([
      ['PDF', 'report-pdf', 1],
      ['DOCX', 'report-docx', 1],
      ['CSV', 'valuation-csv', 1],
      ['JSON', 'valuation-json', 1],
      ['CSV', 'valuation-csv', 2],
    ]);
    expect(pdf.asset.fileName).toBe('חוות דעת - דירה 6158-123-4.pdf');
    for (const { asset, path } of [pdf, docx, csv, json]) {
      const bytes = readFileSync(path);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(asset.sha256);
      expect(bytes.byteLength).toBe(asset.sizeBytes);
      expect(asset.syncState).toBe('saved_locally');
    }
    expect(readFileSync(pdf.path).subarray(0, 5).toString()).toBe('%PDF-');
    const word = strFromU8(unzipSync(readFileSync(docx.path))['word/document.xml']!);
    // Word keeps numbers in runs of their own (left to right inside right-to-left text): join the runs.
    const wordText = [...word.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(wordText).toContain('הנביאים 7, חיפה');
    expect(JSON.parse(readFileSync(json.path, 'utf8'))).toMatchObject({ format: 'shamay.valuation', valuation: { id } });

    const listed = await call(core, 'assets.list', { valuationId: id });
    expect(listed).toHaveLength(5);
    const activity = await call(core, 'activity.query', { valuationId: id });
    expect(activity.filter((a) => a.action === 'generated')).toHaveLength(5);
  });

  it('refuses a client viewer, an archived valuation and another organization’s valuation, and writes nothing', async () => {
    const { core, id, dataDir } = await filled();
    await call(core, 'valuations.archive', { id });
    expect((await callError(core, 'report.export', { valuationId: id, format: 'CSV' })).code).toBe('LIFECYCLE');
    expect((await callError(core, 'report.export', { valuationId: '0190a0b0-0000-7000-8000-00000000dead', format: 'JSON' })).code).toBe('NOT_FOUND');
    expect(await call(core, 'assets.list', { valuationId: id })).toEqual([]);
    expect((await callError(core, 'assets.open', { id: '0190a0b0-0000-7000-8000-00000000beef' })).code).toBe('NOT_FOUND');

    const other = await filled();
    await call(other.core, 'valuations.changeStatus', { id: other.id, status: 'IN_PROGRESS' });
    await call(other.core, 'valuations.changeStatus', { id: other.id, status: 'READY' });
    await call(other.core, 'session.signIn', { email: 'viewer@demo.shamay.local', password: 'demo' });
    expect((await callError(other.core, 'report.export', { valuationId: other.id, format: 'JSON' })).code).toBe('FORBIDDEN');
    expect(dataDir).not.toBe(other.dataDir);
  });
});
