// Issue #16: no single bad change can stop a push. Each case the black-box test found, on PGlite and
// on PostgreSQL: the poison mutation is rejected with its reason code, the valid mutations of the same
// batch are applied, a retry answers the same, and a device's history (a restored backup, another
// organization's mutation id) cannot make its pushes fail.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { addMember, createOrganization, createUser } from '../../../src-server/cli/commands.ts';
import type { Mutation } from '../../../src-shared/sync/protocol.ts';
import { rawClient } from '../../helpers/http-client.ts';
import { TEST_DATABASE_URL } from '../../helpers/postgres.ts';
import { DEMO_PASSWORD, startInProcessServer, type InProcessServer } from '../sync-chaos/harness.ts';

const ENGINES = [
  { name: 'PGlite', postgres: false, skip: false },
  { name: 'PostgreSQL', postgres: true, skip: !TEST_DATABASE_URL },
];

type Client = Awaited<ReturnType<typeof rawClient>>;

function valuationInsert(client: Client, fields: Record<string, unknown> = {}, seq?: number): Mutation {
  const id = uuidv7();
  return client.mutation({
    table: 'valuations',
    rowId: id,
    op: 'insert',
    changes: { id, organization_id: client.organizationId, created_by_id: client.userId, title: 'דירה ברחוב הרצל 12', status: 'DRAFT', meta: {}, ...fields },
    ...(seq === undefined ? {} : { seq }),
  });
}

/** Pushes a body written by hand (JSON cannot carry Infinity, but `1e999` parses to it). */
async function pushRaw(server: InProcessServer, client: Client, body: string) {
  const response = await fetch(`${server.url}/v1/orgs/${client.organizationId}/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, body: (await response.json()) as { results: { mutationId: string; outcome: string; reasonCode?: string; reason?: string }[] } };
}

async function officeB(server: InProcessServer): Promise<Client> {
  const organization = await createOrganization(server.db, { name: 'משרד אחר' });
  const email = `owner-${organization.id.slice(0, 8)}@office-b.example`;
  await createUser(server.db, { email, name: 'בעלים של משרד אחר', password: DEMO_PASSWORD });
  await addMember(server.db, { email, org: organization.id, role: 'OWNER' });
  return rawClient(server.url, email);
}

async function count(server: InProcessServer, sql: string, params: unknown[]): Promise<number> {
  const [row] = await server.db.query<{ n: number }>(sql, params);
  return Number(row?.n);
}

describe.each(ENGINES)('a push that no single bad change can stop ($name)', (engine) => {
  it.skipIf(engine.skip)('rejects each poison mutation with its reason and applies the rest of the batch, in seq order', async () => {
    const server = await startInProcessServer({ postgres: engine.postgres });
    const a = await rawClient(server.url, 'appraiser1@demo.shamay.local');
    const b = await officeB(server);
    const foreign = valuationInsert(b);
    expect((await b.push([foreign])).body.results[0]).toMatchObject({ outcome: 'applied' });

    const first = valuationInsert(a);
    const later = valuationInsert(a, {}, 11);
    const laterUpdate = a.mutation({ table: 'valuations', rowId: later.rowId, op: 'update', changes: { title: 'עודכן אחרי ההוספה' }, seq: 12 });
    const last = valuationInsert(a);
    const docId = uuidv7();
    const batch: [Mutation, string][] = [
      [first, 'applied'],
      [valuationInsert(a, { title: 'ש'.repeat(3_000) }), 'TOO_LONG'], // found 1: PostgreSQL 54000
      // found 9: applied after its insert (seq 11) although it comes first, not NOT_FOUND ("merged":
      // its base version 0 is older than the inserted row's)
      [laterUpdate, 'merged'],
      [later, 'applied'],
      [a.mutation({ table: 'users', rowId: a.userId, op: 'update', changes: { name: 'x' } }), 'INVALID'], // found 3
      [valuationInsert(a, { meta: 'not-an-object' }), 'INVALID'], // found 5
      [valuationInsert(a, { title: 'כותרת \uD800 שבורה' }), 'INVALID'], // found 6
      [a.mutation({ table: 'valuations', rowId: first.rowId, op: 'update', changes: { final_valuation_agorot: '__INFINITY__' } }), 'INVALID'],
      [a.mutation({ table: 'valuations', rowId: foreign.rowId, op: 'delete', changes: {} }), 'FORBIDDEN'], // found 9
      [a.mutation({ table: 'valuations', rowId: foreign.rowId, op: 'update', changes: { title: 'של אחרים' } }), 'FORBIDDEN'],
      // Passes every check before the database and breaks a NOT NULL there: the savepoint path.
      [a.mutation({ table: 'documents', rowId: docId, op: 'insert', changes: { id: docId, organization_id: a.organizationId, valuation_id: first.rowId } }), 'INVALID'],
      [last, 'applied'],
    ];
    const body = JSON.stringify({ deviceId: a.deviceId, mutations: batch.map(([m]) => m) }).replace('"__INFINITY__"', '1e999');
    const pushed = await pushRaw(server, a, body);
    expect(pushed.status).toBe(200);
    expect(pushed.body.results.map((r) => (r.outcome === 'rejected' ? r.reasonCode : r.outcome))).toEqual(batch.map(([, expected]) => expected));
    expect(pushed.body.results.map((r) => r.mutationId)).toEqual(batch.map(([m]) => m.mutationId));
    for (const r of pushed.body.results.filter((x) => x.outcome === 'rejected')) expect(r.reason?.length).toBeGreaterThan(10);

    // A retry (the answer was lost) gets the recorded results and changes nothing.
    const versionBefore = await count(server, 'SELECT last_version AS n FROM sync_counters WHERE organization_id = $1', [a.organizationId]);
    const retried = await pushRaw(server, a, body);
    expect(retried.body.results.map((r) => r.reasonCode ?? r.outcome)).toEqual(pushed.body.results.map((r) => r.reasonCode ?? r.outcome));
    expect(await count(server, 'SELECT last_version AS n FROM sync_counters WHERE organization_id = $1', [a.organizationId])).toBe(versionBefore);

    const { body: feed } = await a.pull(0, 5_000);
    const titles = new Map(feed.changes.filter((c) => c.table === 'valuations').map((c) => [String(c.row.id), c.row.title]));
    expect(titles.get(first.rowId)).toBe('דירה ברחוב הרצל 12');
    expect(titles.get(later.rowId)).toBe('עודכן אחרי ההוספה');
    expect(titles.has(last.rowId)).toBe(true);
    expect([...titles.values()].some((t) => String(t).length > 300 || String(t).includes('\uFFFD'))).toBe(false);
    expect(feed.changes.some((c) => c.table === 'valuations' && typeof c.row.meta !== 'object')).toBe(false);
    expect(feed.changes.some((c) => c.row.id === docId || c.row.id === foreign.rowId)).toBe(false);
    // The other organization's row is untouched.
    expect(await count(server, 'SELECT count(*)::int AS n FROM valuations WHERE id = $1 AND title = $2', [foreign.rowId, 'דירה ברחוב הרצל 12'])).toBe(1);
  });

  it.skipIf(engine.skip)('a device restored from a backup sends its old seqs with new mutations and syncs again', async () => {
    const server = await startInProcessServer({ postgres: engine.postgres });
    const a = await rawClient(server.url, 'appraiser1@demo.shamay.local');
    const before = [valuationInsert(a, {}, 1), valuationInsert(a, {}, 2), valuationInsert(a, {}, 3)];
    expect((await a.push(before)).body.results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
    // The backup was taken after seq 1: seq 2 and 3 come again, with new mutations (found 2), and one
    // batch even holds two mutations with one seq.
    const restored = [valuationInsert(a, {}, 2), valuationInsert(a, {}, 3), valuationInsert(a, {}, 3)];
    const pushed = await a.push(restored);
    expect(pushed.status).toBe(200);
    expect(pushed.body.results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
    // An old mutation sent again is still answered from its record.
    expect((await a.push([before[1]!])).body.results[0]).toMatchObject({ mutationId: before[1]!.mutationId, outcome: 'applied' });
    const ids = [...before, ...restored].map((m) => m.rowId);
    expect(await count(server, 'SELECT count(*)::int AS n FROM valuations WHERE id = ANY($1::uuid[])', [ids])).toBe(6);
  });

  it.skipIf(engine.skip)("another organization's mutation id is an unknown id here: applied, and nothing of the other is revealed", async () => {
    const server = await startInProcessServer({ postgres: engine.postgres });
    const a = await rawClient(server.url, 'appraiser1@demo.shamay.local');
    const b = await officeB(server);
    const theirs = valuationInsert(b, { title: 'סוד של משרד אחר' });
    expect((await b.push([theirs])).body.results[0]).toMatchObject({ outcome: 'applied' });
    const mine = { ...valuationInsert(a), mutationId: theirs.mutationId }; // found 4
    const pushed = await a.push([mine]);
    expect(pushed.status).toBe(200);
    expect(pushed.body.results[0]).toMatchObject({ mutationId: theirs.mutationId, outcome: 'applied', row: { id: mine.rowId, organization_id: a.organizationId } });
    expect(JSON.stringify(pushed.body)).not.toContain('סוד של משרד אחר');
    expect(JSON.stringify(pushed.body)).not.toContain(b.organizationId);
  });
});
