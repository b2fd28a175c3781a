import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { openServerDatabase } from '../../../src-server/db/open.ts';
import { rawClient } from '../../helpers/http-client.ts';
import { startTestServer } from '../../helpers/sync-stack.ts';

async function serverRows(server: Awaited<ReturnType<typeof startTestServer>>, sql: string, params: unknown[] = []) {
  await server.stop();
  const { db } = await openServerDatabase({ dataDir: `${server.dataDir}/pgdata` });
  try {
    return await db.query<Record<string, unknown>>(sql, params);
  } finally {
    await db.close();
  }
}

describe('push rules on the server', () => {
  it('applies a mutation exactly once: a retried push returns the recorded result and changes nothing', async () => {
    const server = await startTestServer();
    const client = await rawClient(server.url, 'appraiser1@demo.shamay.local');
    const id = uuidv7();
    const insert = client.mutation({
      table: 'valuations',
      rowId: id,
      op: 'insert',
      changes: { id, organization_id: client.organizationId, created_by_id: client.userId, title: 'פעם אחת', status: 'DRAFT', meta: {} },
      activity: { id: uuidv7(), subjectType: 'valuation', subjectId: id, valuationId: id, action: 'created', payload: {}, createdAt: new Date().toISOString() },
    });
    const first = await client.push([insert]);
    const second = await client.push([insert]);
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toMatchObject({ outcome: 'applied', row: { id, title: 'פעם אחת' } });
    expect(second.body.results[0]).toMatchObject({ outcome: 'applied', serverVersion: first.body.results[0]!.serverVersion });

    const [counts] = await serverRows(
      server,
      `SELECT (SELECT count(*)::int FROM valuations WHERE id = $1) AS rows,
              (SELECT count(*)::int FROM applied_mutations WHERE mutation_id = $2) AS applied,
              (SELECT count(*)::int FROM activity_logs WHERE subject_id = $1) AS activity,
              (SELECT count(*)::int FROM outbox WHERE payload->>'mutationId' = $2::text) AS events,
              (SELECT count(*)::int FROM sync_changes WHERE row_id = $1) AS feed`,
      [id, insert.mutationId],
    );
    expect(counts).toEqual({ rows: 1, applied: 1, activity: 1, events: 1, feed: 1 });
  });

  it('refuses what the server is the authority on, with a reason, and records nothing half-done', async () => {
    const server = await startTestServer();
    const client = await rawClient(server.url, 'appraiser1@demo.shamay.local');
    const { body } = await client.pull(0, 5000);
    const signed = body.changes.find((c) => c.table === 'valuations' && c.row.status === 'SIGNED')!.row;
    const draft = body.changes.find((c) => c.table === 'valuations' && c.row.status === 'DRAFT')!.row;
    const newId = uuidv7();
    const cases = [
      // a SIGNED valuation is immutable
      client.mutation({ table: 'valuations', rowId: String(signed.id), op: 'update', changes: { title: 'x' }, baseVersion: Number(signed.server_version), base: { title: signed.title } }),
      // signing is not a status change
      client.mutation({ table: 'valuations', rowId: String(draft.id), op: 'update', changes: { status: 'SIGNED' }, baseVersion: Number(draft.server_version), base: { status: 'DRAFT' } }),
      // skipping a lifecycle step
      client.mutation({ table: 'valuations', rowId: String(draft.id), op: 'update', changes: { status: 'READY' }, baseVersion: Number(draft.server_version), base: { status: 'DRAFT' } }),
      // identity fields
      client.mutation({ table: 'valuations', rowId: String(draft.id), op: 'update', changes: { created_by_id: client.userId }, baseVersion: Number(draft.server_version) }),
      // a row pretending to be someone else's
      client.mutation({ table: 'valuations', rowId: newId, op: 'insert', changes: { id: newId, organization_id: client.organizationId, created_by_id: uuidv7(), title: 'זר' } }),
      // unknown column and server-managed table
      client.mutation({ table: 'valuations', rowId: String(draft.id), op: 'update', changes: { password: 'x' } }),
      client.mutation({ table: 'memberships', rowId: uuidv7(), op: 'insert', changes: { role: 'OWNER' } }),
      // a newer app's change
      client.mutation({ table: 'valuations', rowId: String(draft.id), op: 'update', changes: { title: 'חדש' }, schemaVersion: 999 }),
      // deleting something that is not a draft
      client.mutation({ table: 'valuations', rowId: String(signed.id), op: 'delete', changes: {} }),
    ];
    const { body: pushed } = await client.push(cases);
    expect(pushed.results.map((r) => [r.outcome, r.reasonCode])).toEqual([
      ['rejected', 'LIFECYCLE'],
      ['rejected', 'LIFECYCLE'],
      ['rejected', 'LIFECYCLE'],
      ['rejected', 'FORBIDDEN'],
      ['rejected', 'FORBIDDEN'],
      ['rejected', 'SCHEMA'],
      ['rejected', 'INVALID'],
      ['rejected', 'SCHEMA'],
      ['rejected', 'LIFECYCLE'],
    ]);
    for (const r of pushed.results) expect(String(r.reason).length).toBeGreaterThan(10);
    const [after] = await serverRows(
      server,
      `SELECT (SELECT title FROM valuations WHERE id = $1) AS signed_title, (SELECT status FROM valuations WHERE id = $2) AS draft_status,
              (SELECT count(*)::int FROM valuations WHERE id = $3) AS forged, (SELECT count(*)::int FROM outbox) AS events`,
      [signed.id, draft.id, newId],
    );
    expect(after).toEqual({ signed_title: signed.title, draft_status: 'DRAFT', forged: 0, events: 0 });
  });

  it('refuses a client viewer and a row whose file has not been uploaded (without recording the latter)', async () => {
    const server = await startTestServer();
    const viewer = await rawClient(server.url, 'viewer@demo.shamay.local');
    const id = uuidv7();
    const viewerPush = await viewer.push([viewer.mutation({ table: 'valuations', rowId: id, op: 'insert', changes: { id, organization_id: viewer.organizationId, created_by_id: viewer.userId, title: 'x' } })]);
    expect(viewerPush.body.results[0]).toMatchObject({ outcome: 'rejected', reasonCode: 'FORBIDDEN' });

    const appraiser = await rawClient(server.url, 'appraiser1@demo.shamay.local');
    const { body } = await appraiser.pull(0, 5000);
    const draft = body.changes.find((c) => c.table === 'valuations' && c.row.status === 'DRAFT')!.row;
    const docId = uuidv7();
    const sha = 'ab'.repeat(32);
    const doc = appraiser.mutation({
      table: 'documents',
      rowId: docId,
      op: 'insert',
      blobSha256: sha,
      changes: { id: docId, valuation_id: draft.id, organization_id: appraiser.organizationId, doc_type: 'TABU', file_name: 'נסח.pdf', storage_key: sha, sha256: sha, size_bytes: 10, mime_type: 'application/pdf', uploaded_by_id: appraiser.userId },
    });
    const first = await appraiser.push([doc]);
    expect(first.body.results[0]).toMatchObject({ outcome: 'rejected', reasonCode: 'BLOB_MISSING', row: null });
    const [recorded] = await serverRows(server, 'SELECT count(*)::int AS n FROM applied_mutations WHERE mutation_id = $1', [doc.mutationId]);
    expect(recorded).toEqual({ n: 0 });
  });
});
