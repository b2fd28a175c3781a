import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/core.ts';
import { openCoreDb } from '../../helpers/local-db.ts';
import { TEST_DATABASE_URL } from '../../helpers/postgres.ts';
import { startClient, startTestServer } from '../../helpers/sync-stack.ts';
import { base64, csvWindows1255 } from './fixtures.ts';

const engines = [
  { name: 'PGlite', postgres: false, skip: false },
  { name: 'PostgreSQL 15', postgres: true, skip: !TEST_DATABASE_URL },
];

describe.each(engines)('the comparables library syncs through the real server ($name)', ({ postgres, skip }) => {
  it.skipIf(skip)('a colleague receives the imported comparables and finds the same rows; a removal reaches them too', async () => {
    const server = await startTestServer({ postgres });
    const a = await startClient(server);
    const b = await startClient(server, 'appraiser2@demo.shamay.local');
    const viewer = await startClient(server, 'viewer@demo.shamay.local');

    const result = await call(a.core, 'comparables.import', { fileName: 'עסקאות.csv', source: { bytesBase64: base64(csvWindows1255()) }, skipInvalid: true });
    expect(result.imported).toBe(5);
    await a.core.syncNow();
    expect(await call(a.core, 'sync.status', {})).toMatchObject({ pending: 0 });
    expect(await call(a.core, 'sync.rejected.list', {})).toEqual([]);
    const onA = await call(a.core, 'comparables.search', { block: '9905' });
    expect(onA.items.every((c) => c.syncState === 'synced' && c.serverVersion > 0)).toBe(true);

    await b.core.syncNow();
    const onB = await call(b.core, 'comparables.search', { block: '9905' });
    expect(onB.items.map(({ syncState: _, ...c }) => c)).toEqual(onA.items.map(({ syncState: _, ...c }) => c));
    expect(onB.items.map((c) => c.syncState)).toEqual(['synced', 'synced']);
    // (the demo office's own library has Ramat Gan deals too: the file's one is found by its block)
    expect((await call(b.core, 'comparables.search', { city: 'רמת גן', block: '6158', roomsMin: 3, areaMax: 80 })).items).toMatchObject([
      { dealDate: '2024-03-20', street: 'ביאליק', houseNumber: '12', block: '6158', parcel: '123', subparcel: '4', priceAgorot: 195_000_000, areaHundredths: 7200 },
    ]);

    // B already holds these deals: importing the same file there adds nothing.
    expect((await call(b.core, 'comparables.import', { fileName: 'עסקאות.csv', source: { bytesBase64: base64(csvWindows1255()) }, skipInvalid: true })).duplicates).toBe(5);

    // B removes one; A loses it on its next sync.
    const removed = onB.items[0]!;
    await call(b.core, 'comparables.remove', { id: removed.id });
    await b.core.syncNow();
    await a.core.syncNow();
    expect((await call(a.core, 'comparables.search', { block: '9905' })).items.map((c) => c.id)).toEqual([onA.items[1]!.id]);

    // A client viewer's laptop never receives the library.
    await viewer.core.syncNow();
    const viewerDb = openCoreDb(viewer.dataDir);
    try {
      expect((viewerDb.prepare('SELECT count(*) AS n FROM comparables').get() as { n: number }).n).toBe(0);
    } finally {
      viewerDb.close();
    }
  });
});
