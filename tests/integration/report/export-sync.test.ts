// Exports made offline on two laptops both number their file version 1: the server renumbers them,
// and both laptops settle on the server's numbers without a sync error.
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/core.ts';
import { startClient, startTestServer } from '../../helpers/sync-stack.ts';
import { fillForReady } from '../preflight/fixture.ts';

describe('exports across devices', () => {
  it('keeps every export of two offline laptops, numbered by the server', async () => {
    const server = await startTestServer();
    const a = await startClient(server, 'appraiser1@demo.shamay.local');
    const b = await startClient(server, 'appraiser1@demo.shamay.local');
    const valuation = await call(a.core, 'valuations.create', { title: 'ייצוא משני מחשבים' });
    await fillForReady(a.core, valuation.id);
    await a.core.syncNow();
    await b.core.syncNow();

    await call(b.core, 'report.export', { valuationId: valuation.id, format: 'CSV' });
    await b.core.syncNow();
    await call(a.core, 'report.export', { valuationId: valuation.id, format: 'CSV' });
    await call(a.core, 'report.export', { valuationId: valuation.id, format: 'CSV' });
    await a.core.syncNow();
    await b.core.syncNow();

    for (const laptop of [a, b]) {
      const status = await call(laptop.core, 'sync.status', {});
      expect(status).toMatchObject({ lastError: null, pending: 0, rejected: 0 });
      const versions = (await call(laptop.core, 'assets.list', { valuationId: valuation.id })).map((asset) => asset.version).sort();
      expect(versions).toEqual([1, 2, 3]);
    }
  });
});
