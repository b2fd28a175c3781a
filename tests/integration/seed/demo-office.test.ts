// The demo office as a newcomer meets it (issue #14): its SIGNED valuations carry the sealed report the
// app prints, stored on the server under the valuation's seal, and shareable at once; its comparables
// library answers a search by the block of a demo valuation. Printing needs Chromium: without it the
// first part is skipped and says so (the server then seeds those valuations as READY, tested below).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createChromiumPdfPrinter } from '../../../src-main/host/chromium-pdf-printer.ts';
import { cachedPrinter, demoReportPrinter } from '../../../src-main/host/demo-reports.ts';
import { call } from '../../helpers/core.ts';
import { startClient, startTestServer } from '../../helpers/sync-stack.ts';
import { tempDir } from '../../helpers/temp.ts';

const CHROMIUM = process.env.SHAMAY_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`${CHROMIUM} is missing: the demo's printed signed reports are not tested.`);
const printer = hasChromium ? createChromiumPdfPrinter({ executablePath: CHROMIUM }) : null;
afterAll(async () => printer?.close());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const PASSWORD = 'לקוח-דמו-2026';

describe.skipIf(!hasChromium)('the demo office with printed signed reports', () => {
  it('stores each SIGNED valuation’s printed report under its seal, and a share link serves it', { timeout: 120_000 }, async () => {
    const cache = tempDir('shamay-report-cache-');
    const print = cachedPrinter(printer!.print, cache);
    // Ten valuations: the first five take every status once, so some are SIGNED.
    const server = await startTestServer({ demoReports: demoReportPrinter(print), demoValuations: 10 });
    const { core } = await startClient(server);
    await core.syncNow();

    const listed = (await call(core, 'valuations.list', { status: ['SIGNED'] })).items;
    const signed = await Promise.all(listed.map((v) => call(core, 'valuations.get', { id: v.id })));
    expect(signed.length).toBeGreaterThan(0);
    // Every print went to the cache, one per signed valuation.
    expect(readdirSync(cache).filter((f) => f.endsWith('.pdf'))).toHaveLength(signed.length);
    for (const valuation of signed) {
      const assets = await call(core, 'assets.list', { valuationId: valuation.id });
      const report = assets.find((a) => a.slug === 'signed-report');
      expect(report).toMatchObject({ assetType: 'PDF', sha256: valuation.reportSha256 });
      const { path } = await call(core, 'assets.open', { id: report!.id });
      const bytes = new Uint8Array(readFileSync(path));
      expect(sha256(bytes)).toBe(valuation.reportSha256);
      // The app's report (Hebrew font embedded, several pages), not a stand-in of a few hundred bytes.
      expect(new TextDecoder('latin1').decode(bytes.subarray(0, 5))).toBe('%PDF-');
      expect(bytes.byteLength).toBeGreaterThan(20_000);
    }

    const [first] = signed;
    const report = (await call(core, 'assets.list', { valuationId: first!.id })).find((a) => a.slug === 'signed-report')!;
    const share = await call(core, 'shares.create', { assetId: report.id, expiresInDays: 7, password: PASSWORD });
    const opened = await fetch(share.url!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password: PASSWORD }).toString(),
    });
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(sha256(new Uint8Array(await opened.arrayBuffer()))).toBe(first!.reportSha256);
  });
});

describe('the demo office on a server that prints nothing', () => {
  it('seeds the would-be signed valuations as READY, with no seal, and a library to search', async () => {
    const dataDir = tempDir('shamay-server-');
    const lines: string[] = [];
    const { serverConfigSchema } = await import('../../../src-server/config.ts');
    const { startSyncServer } = await import('../../../src-server/start.ts');
    const running = await startSyncServer(serverConfigSchema.parse({ port: 0, dataDir, seedDemo: true, logLevel: 'silent', demoValuations: 10 }), {
      log: (line) => lines.push(line),
    });
    try {
      expect(lines.join('\n')).toMatch(/signed valuations are seeded as READY/);
      const { core } = await startClient(running);
      await core.syncNow();
      const all = (await call(core, 'valuations.list', {})).items;
      expect(all.filter((v) => v.status === 'SIGNED')).toEqual([]);
      for (const v of all) expect((await call(core, 'valuations.get', { id: v.id })).reportSha256).toBeNull();

      // A search by the block of a demo valuation finds deals of the office's library.
      const found = await Promise.all(all.map((v) => call(core, 'comparables.search', { block: v.block! })));
      expect(found.some((result) => result.total > 0)).toBe(true);
      expect((await call(core, 'comparables.search', { limit: 1 })).total).toBeGreaterThanOrEqual(300);
    } finally {
      await running.stop();
    }
  });
});
