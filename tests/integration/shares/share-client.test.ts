// Share links from the app's side: a real core (SQLite, sync engine, server client) calling
// shares.create / shares.list / shares.revoke through dispatch against the real server on 127.0.0.1,
// on PGlite and on the real PostgreSQL; and what the app says when the server is not there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callError, signedInCore } from '../../helpers/core.ts';
import { openCoreDb } from '../../helpers/local-db.ts';
import { startClient } from '../../helpers/sync-stack.ts';
import { DEMO, createReport, engines, sha256, signIn, startShareServer, type ShareServer } from './harness.ts';

const APPRAISER = DEMO.appraisers[0].email;
const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(engines)('share links through the core ($name)', ({ postgres, skip }) => {
  let server: ShareServer;

  beforeAll(async () => {
    if (skip) return;
    server = await startShareServer({ postgres });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(skip)('an appraiser creates a link to the synced signed report, sees it counted, and revokes it', async () => {
    const report = await createReport(server, await signIn(server, APPRAISER));
    const { core, dataDir } = await startClient(server, APPRAISER);
    await core.syncNow(); // the report reaches this laptop like any other row

    const share = await call(core, 'shares.create', { assetId: report.assetId, expiresInDays: 14, password: 'לקוח-2024' });
    expect(share).toMatchObject({ assetId: report.assetId, hasPassword: true, accessCount: 0, revokedAt: null });
    expect(share.url).toMatch(new RegExp(`^${server.url}/s/[A-Za-z0-9_-]{43}$`));
    expect(new Date(share.expiresAt).getTime() - new Date(share.createdAt).getTime()).toBe(14 * DAY_MS);

    const opened = await fetch(share.url!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password: 'לקוח-2024' }).toString(),
    });
    expect(opened.status).toBe(200);
    expect(sha256(new Uint8Array(await opened.arrayBuffer()))).toBe(report.sha256);

    expect(await call(core, 'shares.list', { valuationId: report.valuationId })).toEqual([{ ...share, accessCount: 1 }]);

    const revoked = await call(core, 'shares.revoke', { id: share.id });
    expect(revoked).toEqual({ ...share, accessCount: 1, revokedAt: server.clock.now.toISOString() });
    expect((await fetch(share.url!)).status).toBe(410);

    // The next sync brings the share as the server has it, and its access log, to the laptop.
    await core.syncNow();
    const db = openCoreDb(dataDir);
    expect(db.prepare('SELECT access_count, revoked_at, has_password FROM document_shares WHERE id = ?').get(share.id)).toEqual({
      access_count: 1,
      revoked_at: revoked.revokedAt,
      has_password: 1,
    });
    expect(db.prepare('SELECT action, success FROM document_access_logs WHERE share_id = ? ORDER BY server_version').all(share.id)).toEqual([
      { action: 'share', success: 1 },
      { action: 'view', success: 1 },
      { action: 'view', success: 0 }, // the revoked link opened once more
    ]);
  });

  it.skipIf(skip)('refusals arrive as typed errors: viewer, unknown report, unsigned report, bad input', async () => {
    const author = await signIn(server, APPRAISER);
    const unsigned = await createReport(server, author, { status: 'READY' });
    const { core } = await startClient(server, APPRAISER);
    await core.syncNow();

    expect(await callError(core, 'shares.create', { assetId: unsigned.assetId, expiresInDays: 7 })).toMatchObject({ code: 'LIFECYCLE' });
    expect(await callError(core, 'shares.create', { assetId: '01900000-0000-7000-8000-000000000000', expiresInDays: 7 })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await callError(core, 'shares.create', { assetId: unsigned.assetId, expiresInDays: 91 })).toMatchObject({ code: 'VALIDATION' });
    expect(await callError(core, 'shares.create', { assetId: unsigned.assetId, expiresInDays: 7, password: 'short' })).toMatchObject({
      code: 'VALIDATION',
    });
    expect(await callError(core, 'shares.revoke', { id: '01900000-0000-7000-8000-000000000000' })).toMatchObject({ code: 'NOT_FOUND' });

    const viewer = await startClient(server, DEMO.clientViewer.email);
    for (const [method, input] of [
      ['shares.create', { assetId: unsigned.assetId, expiresInDays: 7 }],
      ['shares.list', { valuationId: unsigned.valuationId }],
      ['shares.revoke', { id: '01900000-0000-7000-8000-000000000000' }],
    ] as const) {
      expect(await callError(viewer.core, method, input)).toMatchObject({ code: 'FORBIDDEN' });
    }
    const [shares] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM document_shares WHERE asset_id = $1', [unsigned.assetId]);
    expect(shares?.n).toBe(0);
  });

  it.skipIf(skip)('offline: creating and revoking answer UNAVAILABLE; the list shows the links and counts of the last sync', async () => {
    const report = await createReport(server, await signIn(server, APPRAISER));
    const { core } = await startClient(server, APPRAISER);
    await core.syncNow();
    const share = await call(core, 'shares.create', { assetId: report.assetId, expiresInDays: 3 });
    for (let i = 0; i < 2; i++) expect((await fetch(share.url!)).status).toBe(200);
    await core.syncNow(); // brings the share row with access_count 2

    expect((await fetch(share.url!)).status).toBe(200); // a third view the laptop will not hear of
    await server.stop();

    const offline = await callError(core, 'shares.create', { assetId: report.assetId, expiresInDays: 3 });
    expect(offline.code).toBe('UNAVAILABLE');
    expect(offline.message).toMatch(/cannot be reached/);
    expect(await callError(core, 'shares.revoke', { id: share.id })).toMatchObject({ code: 'UNAVAILABLE' });
    expect(await call(core, 'shares.list', { valuationId: report.valuationId })).toEqual([{ ...share, accessCount: 2 }]);
  });
});

describe('share links without a sync server', () => {
  it('creating and revoking say a server is needed; the list is what this laptop has (nothing)', async () => {
    const { core } = await signedInCore(APPRAISER);
    const error = await callError(core, 'shares.create', { assetId: '01900000-0000-7000-8000-000000000000', expiresInDays: 7 });
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
    expect(error.message).toMatch(/No sync server is configured/);
    expect(await callError(core, 'shares.revoke', { id: '01900000-0000-7000-8000-000000000000' })).toMatchObject({ code: 'UNAVAILABLE' });
    expect(await call(core, 'shares.list', { valuationId: '01900000-0000-7000-8000-000000000000' })).toEqual([]);
  });
});
