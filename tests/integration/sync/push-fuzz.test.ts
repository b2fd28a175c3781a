// Fuzz of push (issue #16): batches of random valid and invalid mutations, shuffled (the server orders
// them by seq), on PGlite and PostgreSQL. Never a 500; every valid mutation applied exactly once (its
// retry answered from the record); every invalid one rejected with the expected reason code; the rows
// as the model expects; the feed equal to the database. Prints the counts.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { addMember, createOrganization, createUser } from '../../../src-server/cli/commands.ts';
import type { Mutation } from '../../../src-shared/sync/protocol.ts';
import { Random } from '../../../src-shared/seed/random.ts';
import { rawClient } from '../../helpers/http-client.ts';
import { TEST_DATABASE_URL } from '../../helpers/postgres.ts';
import { DEMO_PASSWORD, startInProcessServer, type InProcessServer } from '../sync-chaos/harness.ts';

const ENGINES = [
  { name: 'PGlite', postgres: false, skip: false },
  { name: 'PostgreSQL', postgres: true, skip: !TEST_DATABASE_URL },
];
const BATCHES = 10;
const PER_BATCH = 40;
const INFINITY = '__INFINITY__';

type Client = Awaited<ReturnType<typeof rawClient>>;
/** What the server must answer: an outcome of success, or a rejection with this code. */
type Expected = 'ok' | 'FORBIDDEN' | 'INVALID' | 'SCHEMA' | 'TOO_LONG';
interface Case {
  mutation: Mutation;
  expected: Expected;
  kind: string;
  /** Applied to the model when the server applies the mutation. */
  effect?: () => void;
}

const STREETS = ['הרצל', 'ז׳בוטינסקי', 'בן יהודה', 'אלנבי', 'ויצמן', 'רוטשילד', 'העצמאות'];
const CITIES = ['תל אביב-יפו', 'חיפה', 'ירושלים', 'באר שבע', 'רמת גן', 'נתניה'];

describe.each(ENGINES)('push fuzz ($name)', (engine) => {
  it.skipIf(engine.skip)('never answers 500, applies every valid mutation once and rejects every invalid one with its reason', async () => {
    const server = await startInProcessServer({ postgres: engine.postgres });
    const a = await rawClient(server.url, 'appraiser1@demo.shamay.local');
    const b = await officeB(server);
    const foreignIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const m = valuationInsert(b, 'שומה של משרד אחר');
      await b.push([m]);
      foreignIds.push(m.rowId);
    }

    const rng = new Random(16);
    const titles = new Map<string, string>(); // the model: valuation id -> title on the server
    const pending = new Map<string, string>(); // inserted in the batch being built
    const sent: Mutation[] = [];
    const counts: Record<string, number> = {};
    const pick = <T,>(list: readonly T[]): T => rng.pick(list);
    const title = () => `דירת ${2 + Math.floor(rng.float() * 5)} חדרים, ${pick(STREETS)} ${1 + Math.floor(rng.float() * 120)}, ${pick(CITIES)}`;

    const generators: (() => Case)[] = [
      () => {
        const t = title();
        const m = valuationInsert(a, t);
        pending.set(m.rowId, t);
        return { kind: 'insert', mutation: m, expected: 'ok', effect: () => titles.set(m.rowId, t) };
      },
      () => {
        const ids = [...titles.keys()];
        if (!ids.length) return generators[0]!();
        const id = pick(ids);
        const t = title();
        return { kind: 'update', mutation: a.mutation({ table: 'valuations', rowId: id, op: 'update', changes: { title: t } }), expected: 'ok', effect: () => titles.set(id, t) };
      },
      () => {
        const m = valuationInsert(a, title());
        // A restored backup: an old seq again, with a new mutation.
        const old = sent.length ? pick(sent).seq : m.seq;
        const t = String(m.changes.title);
        return { kind: 'reused seq', mutation: { ...m, seq: old }, expected: 'ok', effect: () => titles.set(m.rowId, t) };
      },
      () => ({ kind: 'long text', mutation: valuationInsert(a, 'ש'.repeat(301 + Math.floor(rng.float() * 4_000))), expected: 'TOO_LONG' }),
      () => ({ kind: 'lone surrogate', mutation: valuationInsert(a, `${title()} ${pick(['\uD800', '\uDFFF', '\uDBFF'])}`), expected: 'INVALID' }),
      () => ({ kind: 'NUL', mutation: valuationInsert(a, `${title()}\u0000`), expected: 'INVALID' }),
      () => ({ kind: 'meta not an object', mutation: valuationInsert(a, title(), { meta: pick(['not-an-object', 12, [1]]) }), expected: 'INVALID' }),
      () => ({ kind: 'wrong type', mutation: valuationInsert(a, title(), pick([{ final_valuation_agorot: '1000' }, { final_valuation_agorot: 1.5 }, { created_at: 'אתמול' }])), expected: 'INVALID' }),
      () => ({ kind: 'title a number', mutation: valuationInsert(a, 42 as unknown as string), expected: 'INVALID' }),
      () => ({ kind: 'infinite number', mutation: valuationInsert(a, title(), { final_valuation_agorot: INFINITY }), expected: 'INVALID' }),
      () => ({ kind: 'unknown column', mutation: valuationInsert(a, title(), { secret_column: 1 }), expected: 'SCHEMA' }),
      () => ({ kind: 'not writable', mutation: a.mutation({ table: pick(['users', 'memberships', 'organizations', 'no_such_table']), rowId: a.userId, op: 'update', changes: { name: 'x' } }), expected: 'INVALID' }),
      () => ({ kind: 'foreign row', mutation: a.mutation({ table: 'valuations', rowId: pick(foreignIds), op: pick(['update', 'delete'] as const), changes: { title: 'x' } }), expected: 'FORBIDDEN' }),
      () => ({ kind: 'foreign organization', mutation: { ...valuationInsert(a, title()), organizationId: b.organizationId }, expected: 'FORBIDDEN' }),
      () => {
        // Passes every check before the database and breaks NOT NULL there (the savepoint path).
        const parent = [...titles.keys()][0];
        if (!parent) return generators[0]!();
        const id = uuidv7();
        return { kind: 'database refusal', mutation: a.mutation({ table: 'documents', rowId: id, op: 'insert', changes: { id, organization_id: a.organizationId, valuation_id: parent } }), expected: 'INVALID' };
      },
    ];

    let statuses = new Set<number>();
    for (let batch = 0; batch < BATCHES; batch++) {
      pending.clear();
      const cases: Case[] = [];
      for (let i = 0; i < PER_BATCH; i++) cases.push(generators[rng.float() < 0.45 ? Math.floor(rng.float() * 3) : Math.floor(rng.float() * generators.length)]!());
      // A retry of an earlier mutation rides along: answered from its record, applied no second time.
      const retry = sent.length ? pick(sent) : null;
      const shuffled = rng.shuffle(cases);
      const mutations = [...shuffled.map((c) => c.mutation), ...(retry ? [retry] : [])];
      const body = JSON.stringify({ deviceId: a.deviceId, mutations }).replaceAll(`"${INFINITY}"`, '1e999');
      const response = await fetch(`${server.url}/v1/orgs/${a.organizationId}/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' },
        body,
      });
      statuses = new Set([...statuses, response.status]);
      expect(response.status, await response.clone().text()).toBe(200);
      const { results } = (await response.json()) as { results: { mutationId: string; outcome: string; reasonCode?: string; serverVersion: number | null }[] };
      expect(results.map((r) => r.mutationId)).toEqual(mutations.map((m) => m.mutationId));
      shuffled.forEach((c, i) => {
        const r = results[i]!;
        const got = r.outcome === 'rejected' ? r.reasonCode : 'ok';
        expect(got, `${c.kind}: ${JSON.stringify(r)}`).toBe(c.expected);
        counts[`${c.kind} → ${got}`] = (counts[`${c.kind} → ${got}`] ?? 0) + 1;
      });
      // Effects in seq order, as the server applied them.
      for (const c of [...shuffled].sort((x, y) => x.mutation.seq - y.mutation.seq)) if (c.expected === 'ok') c.effect?.();
      sent.push(...cases.filter((c) => c.expected === 'ok').map((c) => c.mutation));
      if (retry) {
        expect(results.at(-1)!.outcome).not.toBe('rejected');
        counts['retry → recorded'] = (counts['retry → recorded'] ?? 0) + 1;
      }
    }

    // Every valid mutation once: one applied_mutations row each, and the rows as the model says.
    const db = server.db;
    const [recorded] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM applied_mutations WHERE mutation_id = ANY($1::uuid[]) AND organization_id = $2', [sent.map((m) => m.mutationId), a.organizationId]);
    expect(recorded?.n).toBe(sent.length);
    const rows = await db.query<{ id: string; title: string }>('SELECT id, title FROM valuations WHERE id = ANY($1::uuid[])', [[...titles.keys()]]);
    expect(new Map(rows.map((r) => [r.id, r.title]))).toEqual(titles);
    const [foreignUntouched] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM valuations WHERE id = ANY($1::uuid[]) AND title = 'שומה של משרד אחר'", [foreignIds]);
    expect(foreignUntouched?.n).toBe(foreignIds.length);

    // The feed equals the database: a fresh pull from 0 gives every valuation of the office as stored.
    const pulled = new Map<string, unknown>();
    for (let cursor = 0, more = true; more; ) {
      const page = await a.pull(cursor, 5_000);
      for (const c of page.body.changes) if (c.table === 'valuations') pulled.set(String(c.row.id), c.row.title);
      cursor = page.body.cursor;
      more = page.body.hasMore;
    }
    const stored = await db.query<{ id: string; title: string }>('SELECT id, title FROM valuations WHERE organization_id = $1', [a.organizationId]);
    expect(pulled).toEqual(new Map(stored.map((r) => [r.id, r.title])));

    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    console.log(`push fuzz on ${engine.name}: ${total} mutations in ${BATCHES} batches, HTTP statuses ${[...statuses].join(',')}, ${sent.length} valid applied once\n` +
      Object.entries(counts).sort().map(([k, n]) => `  ${k}: ${n}`).join('\n'));
  }, 180_000);
});

function valuationInsert(client: Client, title: string, extra: Record<string, unknown> = {}): Mutation {
  const id = uuidv7();
  return client.mutation({
    table: 'valuations',
    rowId: id,
    op: 'insert',
    changes: { id, organization_id: client.organizationId, created_by_id: client.userId, title, status: 'DRAFT', meta: {}, ...extra },
  });
}

async function officeB(server: InProcessServer): Promise<Client> {
  const organization = await createOrganization(server.db, { name: 'משרד אחר' });
  const email = `owner-${organization.id.slice(0, 8)}@office-b.example`;
  await createUser(server.db, { email, name: 'בעלים של משרד אחר', password: DEMO_PASSWORD });
  await addMember(server.db, { email, org: organization.id, role: 'OWNER' });
  return rawClient(server.url, email);
}
