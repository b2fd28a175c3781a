// The real client through a proxy that loses answers (issue #16): a dropped, cut-off or delayed answer
// to a push or a file upload is recovered by the retry with the recorded result (nothing lost, nothing
// twice); a lost or unreadable refresh answer leaves the user signed in; a server that keeps failing
// on the queue head sets that one change aside and the rest syncs; an oversize body is a 413 the
// client sees.
import { describe, expect, it } from 'vitest';
import { MAX_PUSH_FAILURES } from '../../../src-main/core/sync/push-failures.ts';
import { call } from '../../helpers/core.ts';
import { startFaultProxy } from '../../helpers/fault-proxy.ts';
import { rawClient } from '../../helpers/http-client.ts';
import { startClient } from '../../helpers/sync-stack.ts';
import { startInProcessServer } from '../sync-chaos/harness.ts';

const PUSH = /\/push$/;
const PULL = /\/pull\?/;

async function syncUntilDrained(core: Awaited<ReturnType<typeof startClient>>['core'], rounds = 12) {
  for (let i = 0; i < rounds; i++) {
    await core.syncNow();
    const status = await call(core, 'sync.status', {});
    if (status.pending === 0 && status.phase === 'up_to_date') return status;
  }
  return call(core, 'sync.status', {});
}

describe('sync over a connection that loses answers', () => {
  it('recovers every lost push and upload answer by retrying: each change on the server exactly once', async () => {
    const server = await startInProcessServer({ postgres: false });
    const proxy = await startFaultProxy(server.url);
    const { core } = await startClient(proxy);
    await core.syncNow();

    const created = [];
    for (const n of [1, 2, 3]) created.push(await call(core, 'valuations.create', { title: `שומה ${n} מהשטח`, addressFull: `רח׳ הגפן ${n}, חיפה` }));
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n% נסח טאבו\ntrailer<<>>\n%%EOF\n');
    await call(core, 'documents.add', { valuationId: created[0]!.id, docType: 'TABU', fileName: 'נסח.pdf', source: { bytesBase64: pdf.toString('base64') } });
    proxy.inject('PUT', /\/blobs\//, 'drop');
    proxy.inject('POST', PUSH, 'drop');
    proxy.inject('POST', PUSH, 'truncate');
    proxy.inject('POST', PUSH, 'delay');
    const status = await syncUntilDrained(core);
    expect(status).toMatchObject({ pending: 0, rejected: 0, phase: 'up_to_date' });

    // Later edits go through the same faults.
    await call(core, 'valuations.update', { id: created[1]!.id, fields: { title: 'כותרת אחרי הניתוק' } });
    proxy.inject('POST', PUSH, 'truncate');
    expect(await syncUntilDrained(core)).toMatchObject({ pending: 0, rejected: 0 });

    const faults = proxy.log.filter((l) => l.fault).map((l) => `${l.method} ${l.fault} ${l.status}`);
    expect(faults).toEqual(expect.arrayContaining(['PUT drop 201', 'POST drop 200', 'POST truncate 200', 'POST delay 200']));
    const ids = created.map((v) => v.id);
    const rows = await server.db.query<{ id: string; title: string }>('SELECT id, title FROM valuations WHERE id = ANY($1::uuid[]) ORDER BY title', [ids]);
    expect(rows.map((r) => r.title).sort()).toEqual(['כותרת אחרי הניתוק', 'שומה 1 מהשטח', 'שומה 3 מהשטח']);
    const [once] = await server.db.query<{ activity: number; documents: number }>(
      `SELECT (SELECT count(*)::int FROM activity_logs WHERE valuation_id = ANY($1::uuid[]) AND action = 'created') AS activity,
              (SELECT count(*)::int FROM documents WHERE valuation_id = ANY($1::uuid[])) AS documents`,
      [ids],
    );
    expect(once).toEqual({ activity: 3, documents: 1 });
  });

  it('a lost or unreadable refresh answer leaves the user signed in', async () => {
    const server = await startInProcessServer({ postgres: false });
    const proxy = await startFaultProxy(server.url);
    const { core } = await startClient(proxy);
    await core.syncNow();

    // The access token runs out; the server rotates the refresh token but the answer is lost.
    proxy.inject('GET', PULL, 'expire');
    proxy.inject('POST', /\/v1\/auth\/refresh$/, 'drop');
    await core.syncNow();
    expect((await call(core, 'session.current', {})).user).not.toBeNull();
    // Next time the device presents the token it still holds: same new pair, the session goes on.
    proxy.inject('GET', PULL, 'expire');
    await call(core, 'valuations.create', { title: 'נוצרה אחרי רענון שאבד' });
    expect(await syncUntilDrained(core)).toMatchObject({ pending: 0, phase: 'up_to_date' });

    // An answer cut off halfway cannot be read: the tokens stay too.
    proxy.inject('GET', PULL, 'expire');
    proxy.inject('POST', /\/v1\/auth\/refresh$/, 'truncate');
    await core.syncNow();
    proxy.inject('GET', PULL, 'expire');
    expect(await syncUntilDrained(core)).toMatchObject({ pending: 0, phase: 'up_to_date' });
    expect((await call(core, 'session.current', {})).user).not.toBeNull();

    const refreshes = proxy.log.filter((l) => l.path === '/v1/auth/refresh').map((l) => [l.fault, l.status]);
    expect(refreshes).toEqual([['drop', 200], [null, 200], ['truncate', 200], [null, 200]]);
    const [session] = await server.db.query<{ revoked: number }>("SELECT count(*)::int AS revoked FROM user_sessions WHERE revoked_at IS NOT NULL");
    expect(session?.revoked).toBe(0);
  });

  it('sets aside the change the server keeps failing on, with its reason, and syncs the rest', async () => {
    const server = await startInProcessServer({ postgres: false });
    const proxy = await startFaultProxy(server.url);
    const { core } = await startClient(proxy);
    await core.syncNow();
    const created = [];
    for (const n of [1, 2, 3]) created.push(await call(core, 'valuations.create', { title: `שומה ${n}` }));
    // The batch of three fails once, then the first change alone fails every time.
    proxy.inject('POST', PUSH, 'fail', 1 + MAX_PUSH_FAILURES);
    const status = await syncUntilDrained(core, MAX_PUSH_FAILURES + 2);
    expect(status).toMatchObject({ pending: 0, rejected: 1 });
    const [rejection] = await call(core, 'sync.rejected.list', {});
    expect(rejection).toMatchObject({ rowId: created[0]!.id, reasonCode: 'FAILED_REPEATEDLY' });
    const rows = await server.db.query<{ id: string }>('SELECT id FROM valuations WHERE id = ANY($1::uuid[])', [created.map((v) => v.id)]);
    expect(rows.map((r) => r.id).sort()).toEqual([created[1]!.id, created[2]!.id].sort());
  });

  it('answers an oversize push 413 TOO_LARGE, which the client sees (not a broken connection)', async () => {
    const server = await startInProcessServer({ postgres: false });
    const client = await rawClient(server.url, 'appraiser1@demo.shamay.local');
    const body = JSON.stringify({ deviceId: client.deviceId, mutations: [{ padding: 'ש'.repeat(6 * 1024 * 1024) }] });
    const response = await fetch(`${server.url}/v1/orgs/${client.organizationId}/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'TOO_LARGE' } });
    // A file over the size limit, refused before its body is read: the rest is read and discarded first.
    const file = await fetch(`${server.url}/v1/orgs/${client.organizationId}/blobs/${'ab'.repeat(32)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/octet-stream', 'upload-offset': '0', 'upload-length': String(60 * 1024 * 1024) },
      body: Buffer.alloc(60 * 1024 * 1024, 7),
    });
    expect(file.status).toBe(413);
    expect(await file.json()).toMatchObject({ error: { code: 'TOO_LARGE' } });
  });
});
