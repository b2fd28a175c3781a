// Tenancy and bad input (ARCHITECTURE.md "Outbox and sync", guarantee 6, and "Server").
//
// Tenancy: a second organization B (made with the admin CLI's functions, its rows published in its
// own change feed) has valuations, a document, activity and a file. A user of the demo office A with
// a valid token then tries every endpoint with B's organization id (pull, push, live, blobs-held,
// blob HEAD/GET/PUT): 404 each, and no response body carries anything of B. Through A's own endpoints:
// pushes whose mutation names B, that insert a row into B, that touch B's row ids, that hang a row
// under B's valuation or reference B's file are refused (or are no-ops), and B's file cannot be read
// or listed through A by its known sha256. Afterwards B's rows, feed, counter and files are exactly
// as before.
//
// Bad input: malformed, oversized and wrongly typed payloads, unknown tables and columns, bad ids,
// missing or garbage Authorization, an expired access token (signed with the server's own key) and a
// replayed refresh token get a 4xx with { error: { code, message } } — or, for a well-formed push
// whose single mutation is wrong, a per-mutation rejection with a reason — and change nothing.
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getSigningKey } from '../../../src-server/auth/secrets.ts';
import { createAccessToken } from '../../../src-server/auth/tokens.ts';
import { addMember, createOrganization, createUser } from '../../../src-server/cli/commands.ts';
import type { ServerDatabase } from '../../../src-server/db/database.ts';
import { publishUnversionedRows } from '../../../src-server/sync/change-feed.ts';
import { MAX_PUSH_MUTATIONS, PULLED_TABLES, type Mutation } from '../../../src-shared/sync/protocol.ts';
import { TEST_DATABASE_URL } from '../../helpers/postgres.ts';
import { makePdf } from './chaos-lib.ts';
import { canonical, DEMO_PASSWORD, ORG_ID, serverSnapshot, startInProcessServer, type InProcessServer } from './harness.ts';

const ENGINES = [
  { name: 'PGlite', postgres: false, skip: false },
  { name: 'PostgreSQL', postgres: true, skip: !TEST_DATABASE_URL },
];

const B_EMAIL = 'owner@office-b.example';
const B_PASSWORD = 'office-b-password';

interface Reply {
  status: number;
  text: string;
  json: Record<string, unknown> | null;
  headers: Headers;
}

interface Session {
  token: string;
  refreshToken: string;
  userId: string;
  deviceId: string;
  sessionId: string;
}

function api(base: string) {
  async function send(method: string, path: string, options: { token?: string | null; json?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    } else if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] ??= 'application/json';
    }
    const controller = new AbortController();
    const response = await fetch(base + path, { method, headers, body, signal: controller.signal } as RequestInit);
    // A live stream never ends by itself: read what came at once, then hang up.
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      const reader = response.body!.getReader();
      const first = await reader.read();
      controller.abort();
      return { status: response.status, text: new TextDecoder().decode(first.value), json: null, headers: response.headers };
    }
    const text = method === 'HEAD' ? '' : await response.text();
    let json: Record<string, unknown> | null;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      json = null;
    }
    return { status: response.status, text, json, headers: response.headers };
  }
  async function login(email: string, password: string): Promise<Session> {
    const deviceId = randomUUID();
    const reply = await send('POST', '/v1/auth/login', { json: { email, password, device: { id: deviceId, name: 'tenancy test', platform: 'linux' } } });
    expect(reply.status, reply.text).toBe(200);
    const body = reply.json as { accessToken: string; refreshToken: string; user: { id: string } };
    const payload = JSON.parse(Buffer.from(body.accessToken.split('.')[1]!, 'base64url').toString()) as { sid: string };
    return { token: body.accessToken, refreshToken: body.refreshToken, userId: body.user.id, deviceId, sessionId: payload.sid };
  }
  return { send, login };
}

/** A 4xx with the error envelope { error: { code, message } }. */
function expectError(reply: Reply, status: number, code?: string) {
  expect(reply.status, `${reply.status} ${reply.text.slice(0, 300)}`).toBe(status);
  if (reply.text) {
    const error = (reply.json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    expect(error, reply.text.slice(0, 300)).toBeDefined();
    expect(typeof error!.code).toBe('string');
    expect(String(error!.message).length, 'the message says why').toBeGreaterThan(5);
    if (code) expect(error!.code).toBe(code);
  }
}

let mutationSeq = 0;
function mutation(organizationId: string, fields: Partial<Mutation> & Pick<Mutation, 'table' | 'rowId' | 'op' | 'changes'>): Mutation {
  return {
    mutationId: randomUUID(),
    seq: ++mutationSeq,
    schemaVersion: 1,
    organizationId,
    base: {},
    baseVersion: 0,
    blobSha256: null,
    activity: null,
    ...fields,
  };
}

interface OfficeB {
  id: string;
  userId: string;
  valuationIds: string[];
  documentId: string;
  sha256: string;
  title: string;
  secrets: string[];
}

/** Organization B: an owner, three valuations, a document, activity, and a file it uploaded. */
async function createOfficeB(server: InProcessServer): Promise<OfficeB> {
  const { db } = server;
  const organization = await createOrganization(db, { name: 'משרד ב׳ סודי' });
  const user = await createUser(db, { email: B_EMAIL, name: 'בעלים של ב', password: B_PASSWORD });
  await addMember(db, { email: B_EMAIL, org: organization.id, role: 'OWNER' });
  const valuationIds = [randomUUID(), randomUUID(), randomUUID()];
  const documentId = randomUUID();
  const pdf = makePdf(`office-b-secret-${organization.id}`);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const title = 'שומה סודית של משרד ב';
  await db.transaction(async (tx) => {
    for (const [i, id] of valuationIds.entries()) {
      await tx.query(
        `INSERT INTO valuations (id, organization_id, created_by_id, title, status, address_full, step1_data)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
        [id, organization.id, user.id, `${title} ${i}`, i === 0 ? 'DRAFT' : 'IN_PROGRESS', 'רחוב הסוד 7, חיפה', JSON.stringify({ client: 'לקוח סודי' })],
      );
    }
    await tx.query(
      `INSERT INTO documents (id, valuation_id, organization_id, doc_type, file_name, storage_key, sha256, size_bytes, mime_type, uploaded_by_id)
       VALUES ($1, $2, $3, 'TABU', 'נסח סודי.pdf', $4, $4, $5, 'application/pdf', $6)`,
      [documentId, valuationIds[0], organization.id, sha256, pdf.length, user.id],
    );
    await tx.query(
      `INSERT INTO activity_logs (id, organization_id, subject_type, subject_id, valuation_id, action, actor_id, payload)
       VALUES ($1, $2, 'valuation', $3, $3, 'created', $4, '{}'::jsonb)`,
      [randomUUID(), organization.id, valuationIds[0], user.id],
    );
    await publishUnversionedRows(tx, organization.id, PULLED_TABLES);
  });
  // B uploads its file through the API, as its app would.
  const client = api(server.url);
  const b = await client.login(B_EMAIL, B_PASSWORD);
  const put = await client.send('PUT', `/v1/orgs/${organization.id}/blobs/${sha256}`, {
    token: b.token,
    raw: pdf,
    headers: { 'content-type': 'application/pdf', 'upload-length': String(pdf.length), 'upload-offset': '0' },
  });
  expect(put.status, put.text).toBe(201);
  const pull = await client.send('GET', `/v1/orgs/${organization.id}/pull?cursor=0&limit=1000`, { token: b.token });
  expect(pull.status).toBe(200);
  expect((pull.json as { changes: unknown[] }).changes.length, 'B sees its own rows').toBeGreaterThanOrEqual(7);
  // The secrets the checks look for are really in B's data (so their absence elsewhere means something).
  for (const secret of [title, 'לקוח סודי', 'רחוב הסוד', documentId]) expect(pull.text.includes(secret), secret).toBe(true);
  return { id: organization.id, userId: user.id, valuationIds, documentId, sha256, title, secrets: [organization.id, user.id, ...valuationIds, documentId, sha256, title, B_EMAIL, 'לקוח סודי', 'רחוב הסוד'] };
}

/** Everything of B the server holds: rows, feed, counter, files. */
async function stateOfB(db: ServerDatabase, b: OfficeB): Promise<string> {
  const snapshot = await serverSnapshot(db, b.id);
  const feed = await db.query('SELECT table_name, row_id, server_version, deleted FROM sync_changes WHERE organization_id = $1 ORDER BY server_version', [b.id]);
  const counter = await db.query('SELECT last_version FROM sync_counters WHERE organization_id = $1', [b.id]);
  const blobs = await db.query('SELECT sha256, size_bytes FROM server_blobs WHERE organization_id = $1 ORDER BY sha256', [b.id]);
  const conflicts = await db.query('SELECT count(*)::int AS n FROM mutation_conflicts WHERE organization_id = $1', [b.id]);
  const outbox = await db.query('SELECT count(*)::int AS n FROM outbox WHERE organization_id = $1', [b.id]);
  return canonical({ snapshot: [...snapshot].map(([table, rows]) => [table, [...rows.values()]]), feed, counter, blobs, conflicts, outbox });
}

const MAIN_TABLES = [
  'organizations',
  'users',
  'memberships',
  'valuations',
  'valuation_sessions',
  'documents',
  'document_versions',
  'images',
  'asset_variants',
  'assets',
  'activity_logs',
  'sync_changes',
  'sync_counters',
  'server_blobs',
  'mutation_conflicts',
  'outbox',
];

/** Row counts and content digests of the data tables (all organizations). */
async function dataState(db: ServerDatabase): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of MAIN_TABLES) {
    const rows = await db.query(`SELECT * FROM "${table}"`);
    out[table] = `${rows.length} ${createHash('sha256').update(canonical(rows.map((r) => canonical(r)).sort())).digest('hex').slice(0, 16)}`;
  }
  return out;
}

function expectNoSecrets(reply: Reply, b: OfficeB, what: string) {
  for (const secret of b.secrets) expect(reply.text.includes(secret), `${what} reveals ${secret}`).toBe(false);
}

for (const engine of ENGINES) {
  describe.skipIf(engine.skip)(`tenancy and bad input (${engine.name})`, () => {
    it('a user of organization A gets nothing of B through any endpoint, including blobs by a known hash and forged organization ids in mutations', async () => {
      const server = await startInProcessServer({ postgres: engine.postgres });
      const b = await createOfficeB(server);
      const client = api(server.url);
      const a = await client.login('appraiser1@demo.shamay.local', DEMO_PASSWORD);
      const before = await stateOfB(server.db, b);
      const B = `/v1/orgs/${b.id}`;
      const A = `/v1/orgs/${ORG_ID}`;
      const pdf = makePdf(`office-b-secret-${b.id}`);

      // ---- every endpoint with B's organization id: 404, nothing of B in the answer ----------------
      const validPush = { deviceId: a.deviceId, mutations: [mutation(b.id, { table: 'valuations', rowId: b.valuationIds[1]!, op: 'update', changes: { title: 'נפרץ' } })] };
      const attempts: [string, Promise<Reply>][] = [
        ['pull', client.send('GET', `${B}/pull?cursor=0&limit=1000`, { token: a.token })],
        ['push', client.send('POST', `${B}/push`, { token: a.token, json: validPush })],
        ['live', client.send('GET', `${B}/live`, { token: a.token, headers: { accept: 'text/event-stream' } })],
        ['blobs-held', client.send('POST', `${B}/blobs-held`, { token: a.token, json: { sha256s: [b.sha256] } })],
        ['blob HEAD', client.send('HEAD', `${B}/blobs/${b.sha256}`, { token: a.token })],
        ['blob GET', client.send('GET', `${B}/blobs/${b.sha256}`, { token: a.token })],
        ['blob GET range', client.send('GET', `${B}/blobs/${b.sha256}`, { token: a.token, headers: { range: 'bytes=0-10' } })],
        [
          'blob PUT',
          client.send('PUT', `${B}/blobs/${b.sha256}`, {
            token: a.token,
            raw: pdf,
            headers: { 'content-type': 'application/pdf', 'upload-length': String(pdf.length), 'upload-offset': '0' },
          }),
        ],
      ];
      for (const [what, pending] of attempts) {
        const reply = await pending;
        expectError(reply, 404);
        expectNoSecrets(reply, b, what);
      }
      // A's own view: its memberships, its feed, its files.
      const me = await client.send('GET', '/v1/me', { token: a.token });
      expect(me.status).toBe(200);
      expectNoSecrets(me, b, '/v1/me');
      for (let cursor = 0, more = true; more; ) {
        const page = await client.send('GET', `${A}/pull?cursor=${cursor}&limit=5000`, { token: a.token });
        expect(page.status).toBe(200);
        expectNoSecrets(page, b, 'pull of A');
        const body = page.json as { cursor: number; hasMore: boolean };
        cursor = body.cursor;
        more = body.hasMore;
      }

      // ---- B's file by its known hash through A's organization ----------------------------------------
      for (const method of ['HEAD', 'GET'] as const) {
        const reply = await client.send(method, `${A}/blobs/${b.sha256}`, { token: a.token });
        expectError(reply, 404);
        expectNoSecrets(reply, b, `${method} of B's file through A`);
      }
      const held = await client.send('POST', `${A}/blobs-held`, { token: a.token, json: { sha256s: [b.sha256] } });
      expect(held.status).toBe(200);
      expect(held.json).toEqual({ held: [] });

      // ---- forged pushes to A's endpoint ------------------------------------------------------------------
      const now = new Date().toISOString();
      const newValuation = (organizationId: string, id: string = randomUUID()) => ({
        id,
        organization_id: organizationId,
        created_by_id: a.userId,
        title: 'זיוף',
        status: 'DRAFT',
        meta: {},
        created_at: now,
        updated_at: now,
      });
      const ownId = randomUUID();
      const forged: { what: string; m: Mutation; codes: string[] }[] = [
        { what: "a mutation naming B's organization", m: mutation(b.id, { table: 'valuations', rowId: ownId, op: 'insert', changes: newValuation(b.id, ownId) }), codes: ['FORBIDDEN'] },
        { what: 'an insert of a row into B', m: mutation(ORG_ID, { table: 'valuations', rowId: randomUUID(), op: 'insert', changes: {} }), codes: ['FORBIDDEN'] },
        { what: "an update of B's valuation", m: mutation(ORG_ID, { table: 'valuations', rowId: b.valuationIds[1]!, op: 'update', changes: { title: 'נפרץ', status: 'ARCHIVED' }, baseVersion: 1 }), codes: ['NOT_FOUND', 'FORBIDDEN'] },
        { what: "an update of B's document", m: mutation(ORG_ID, { table: 'documents', rowId: b.documentId, op: 'update', changes: { file_name: 'נפרץ.pdf' } }), codes: ['NOT_FOUND', 'FORBIDDEN'] },
        {
          what: "a document under B's valuation",
          m: mutation(ORG_ID, {
            table: 'documents',
            rowId: randomUUID(),
            op: 'insert',
            changes: { organization_id: ORG_ID, valuation_id: b.valuationIds[1], doc_type: 'OTHER', file_name: 'x.pdf', storage_key: 'x', sha256: b.sha256, size_bytes: 1, mime_type: 'application/pdf', uploaded_by_id: a.userId },
          }),
          codes: ['NOT_FOUND', 'FORBIDDEN'],
        },
        {
          what: "a wizard session on B's valuation",
          m: mutation(ORG_ID, {
            table: 'valuation_sessions',
            rowId: randomUUID(),
            op: 'insert',
            changes: { organization_id: ORG_ID, session_id: randomUUID(), valuation_id: b.valuationIds[2], user_id: a.userId, status: 'ACTIVE', current_step: 1, step_data: {}, wizard_data: {} },
          }),
          codes: ['NOT_FOUND', 'FORBIDDEN'],
        },
        {
          what: "a thumbnail of B's document",
          m: mutation(ORG_ID, {
            table: 'asset_variants',
            rowId: randomUUID(),
            op: 'insert',
            changes: { organization_id: ORG_ID, document_id: b.documentId, variant_type: 'thumbnail', status: 'PENDING' },
          }),
          codes: ['NOT_FOUND', 'FORBIDDEN'],
        },
        { what: 'a server-managed organization_id on an update', m: mutation(ORG_ID, { table: 'valuations', rowId: b.valuationIds[1]!, op: 'update', changes: { organization_id: ORG_ID } }), codes: ['NOT_FOUND', 'FORBIDDEN'] },
      ];
      // The insert "into B" carries B's organization id in the row.
      forged[1]!.m.changes = newValuation(b.id, forged[1]!.m.rowId);
      // A document of A's own valuation that references B's file by its hash: A never uploaded it.
      const [ownValuation] = await server.db.query<{ id: string }>("SELECT id FROM valuations WHERE organization_id = $1 AND status IN ('DRAFT', 'IN_PROGRESS') ORDER BY id LIMIT 1", [ORG_ID]);
      const borrowedFile = mutation(ORG_ID, {
        table: 'documents',
        rowId: randomUUID(),
        op: 'insert',
        blobSha256: b.sha256,
        changes: { id: '', organization_id: ORG_ID, valuation_id: ownValuation!.id, doc_type: 'OTHER', file_name: 'שאול.pdf', storage_key: b.sha256, sha256: b.sha256, size_bytes: pdf.length, mime_type: 'application/pdf', uploaded_by_id: a.userId },
      });
      borrowedFile.changes.id = borrowedFile.rowId;
      forged.push({ what: "a document referencing B's file by hash", m: borrowedFile, codes: ['BLOB_MISSING'] });
      for (const f of forged) {
        if (f.m.op === 'insert' && f.m.changes.id === undefined) f.m.changes.id = f.m.rowId;
        const reply = await client.send('POST', `${A}/push`, { token: a.token, json: { deviceId: a.deviceId, mutations: [f.m] } });
        expect(reply.status, `${f.what}: ${reply.text.slice(0, 300)}`).toBe(200);
        const [result] = (reply.json as { results: { outcome: string; reasonCode?: string; reason?: string; row?: unknown }[] }).results;
        expect(result, f.what).toMatchObject({ outcome: 'rejected' });
        expect(f.codes, `${f.what}: ${result!.reasonCode} ${result!.reason}`).toContain(result!.reasonCode);
        expect(result!.row ?? null, `${f.what}: no row of B comes back`).toBeNull();
        expectNoSecrets(reply, b, f.what);
      }
      // A delete of B's row through A: nothing of B may go, whatever the answer.
      const deletion = await client.send('POST', `${A}/push`, {
        token: a.token,
        json: { deviceId: a.deviceId, mutations: [mutation(ORG_ID, { table: 'valuations', rowId: b.valuationIds[0]!, op: 'delete', changes: {} })] },
      });
      expect(deletion.status).toBe(200);
      expectNoSecrets(deletion, b, "a delete of B's valuation");
      // A new row of A that reuses an id B's row has: refused (ids are global), and nothing of B comes back.
      const reuse = await client.send('POST', `${A}/push`, {
        token: a.token,
        json: { deviceId: a.deviceId, mutations: [mutation(ORG_ID, { table: 'valuations', rowId: b.valuationIds[2]!, op: 'insert', changes: newValuation(ORG_ID, b.valuationIds[2]) })] },
      });
      expect(reuse.status).toBe(200);
      const [reused] = (reuse.json as { results: { outcome: string; reasonCode?: string; reason?: string }[] }).results;
      expect(reused!.outcome, "an insert with B's row id").toBe('rejected');
      expectNoSecrets(reuse, b, "an insert with B's row id");
      console.log(`[tenancy ${engine.name}] an insert reusing B's row id: ${reused!.reasonCode} "${reused!.reason}"`);

      expect(await stateOfB(server.db, b), "B's rows, feed, counter and files are unchanged").toBe(before);
    }, 120_000);

    it('malformed, oversized and wrongly typed payloads, expired and replayed tokens get 4xx with a clear reason and change nothing', async () => {
      const server = await startInProcessServer({ postgres: engine.postgres });
      const client = api(server.url);
      const a = await client.login('appraiser1@demo.shamay.local', DEMO_PASSWORD);
      const A = `/v1/orgs/${ORG_ID}`;
      const [valuation] = await server.db.query<{ id: string; server_version: number }>(
        "SELECT id, server_version FROM valuations WHERE organization_id = $1 AND status IN ('DRAFT', 'IN_PROGRESS') ORDER BY id LIMIT 1",
        [ORG_ID],
      );
      const update = (changes: Record<string, unknown>, extra: Partial<Mutation> = {}) =>
        mutation(ORG_ID, { table: 'valuations', rowId: valuation!.id, op: 'update', changes, baseVersion: Number(valuation!.server_version), ...extra });
      const push = (body: unknown, token: string | null = a.token) => client.send('POST', `${A}/push`, { token, json: body });
      const before = await dataState(server.db);

      // ---- malformed and oversized bodies: 4xx -------------------------------------------------------------
      expectError(await client.send('POST', `${A}/push`, { token: a.token, raw: '{"deviceId": "' }), 400);
      expectError(await client.send('POST', `${A}/push`, { token: a.token, raw: 'not json at all' }), 400);
      expectError(await client.send('POST', `${A}/push`, { token: a.token, raw: '' }), 400);
      const wrongType = await client.send('POST', `${A}/push`, { token: a.token, raw: '{"deviceId":1}', headers: { 'content-type': 'text/plain' } });
      expectError(wrongType, wrongType.status === 415 ? 415 : 400);
      expectError(await push([]), 400, 'VALIDATION');
      expectError(await push({ deviceId: a.deviceId, mutations: [] }), 400, 'VALIDATION');
      const many = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, () => update({ title: 'רבים מדי' }));
      expectError(await push({ deviceId: a.deviceId, mutations: many }), 400, 'VALIDATION');
      const huge = { deviceId: a.deviceId, mutations: [update({ meta: { blob: 'x'.repeat(9 * 1024 * 1024) } })] };
      expectError(await push(huge), 413);
      // wrong types
      expectError(await push({ deviceId: a.deviceId, mutations: [{ ...update({ title: 'x' }), seq: '1' }] }), 400, 'VALIDATION');
      expectError(await push({ deviceId: a.deviceId, mutations: [{ ...update({ title: 'x' }), changes: 'title=x' }] }), 400, 'VALIDATION');
      expectError(await push({ deviceId: a.deviceId, mutations: [{ ...update({ title: 'x' }), op: 'upsert' }] }), 400, 'VALIDATION');
      expectError(await push({ deviceId: a.deviceId, mutations: [{ ...update({ title: 'x' }), extra: true }] }), 400, 'VALIDATION');
      expectError(await push({ deviceId: a.deviceId, mutations: update({ title: 'x' }) }), 400, 'VALIDATION');
      // bad ids and column names
      expectError(await push({ deviceId: a.deviceId, mutations: [update({ title: 'x' }, { rowId: 'not-a-uuid' })] }), 400, 'VALIDATION');
      expectError(await push({ deviceId: a.deviceId, mutations: [update({ title: 'x' }, { mutationId: "1'; DROP TABLE valuations; --" })] }), 400, 'VALIDATION');
      expectError(await push({ deviceId: 'device', mutations: [update({ title: 'x' })] }), 400, 'VALIDATION');
      expectError(await push({ deviceId: a.deviceId, mutations: [update({ 'title"; DROP TABLE valuations; --': 'x' })] }), 400, 'VALIDATION');
      expectError(await push({ deviceId: a.deviceId, mutations: [update({ title: 'x' }, { blobSha256: 'abc' })] }), 400, 'VALIDATION');
      // another device's changes under this token
      expectError(await push({ deviceId: randomUUID(), mutations: [update({ title: 'x' })] }), 403, 'FORBIDDEN');
      // pull parameters
      for (const query of ['cursor=-1', 'cursor=abc', 'limit=0', 'limit=100000', 'cursor=1e400']) {
        expectError(await client.send('GET', `${A}/pull?${query}`, { token: a.token }), 400, 'VALIDATION');
      }
      // blob uploads that are not what they claim
      const pdf = makePdf('bad input');
      const sha = createHash('sha256').update(pdf).digest('hex');
      const other = createHash('sha256').update('something else').digest('hex');
      expectError(await client.send('PUT', `${A}/blobs/${sha}`, { token: a.token, raw: pdf, headers: { 'content-type': 'application/pdf' } }), 400, 'VALIDATION');
      expectError(
        await client.send('PUT', `${A}/blobs/${other}`, { token: a.token, raw: pdf, headers: { 'content-type': 'application/pdf', 'upload-length': String(pdf.length) } }),
        422,
        'HASH_MISMATCH',
      );
      const script = Buffer.from('#!/bin/sh\nrm -rf /\n');
      const scriptSha = createHash('sha256').update(script).digest('hex');
      expectError(
        await client.send('PUT', `${A}/blobs/${scriptSha}`, { token: a.token, raw: script, headers: { 'content-type': 'application/octet-stream', 'upload-length': String(script.length) } }),
        415,
      );
      expectError(await client.send('GET', `${A}/blobs/NOT-A-HASH`, { token: a.token }), 400, 'VALIDATION');
      expectError(await client.send('GET', '/v1/orgs/not-an-org/pull', { token: a.token }), 400, 'VALIDATION');
      // sign-in with bad input
      expectError(await client.send('POST', '/v1/auth/login', { json: { email: 'appraiser1@demo.shamay.local', password: 'wrong password', device: { id: randomUUID(), name: 'x', platform: 'linux' } } }), 401, 'INVALID_CREDENTIALS');
      expectError(await client.send('POST', '/v1/auth/login', { json: { email: 'not an email', password: 'x' } }), 400, 'VALIDATION');

      // ---- authorization: missing, garbage, forged, expired ---------------------------------------------
      const valid = { deviceId: a.deviceId, mutations: [update({ title: 'אסור' })] };
      expectError(await push(valid, null), 401, 'UNAUTHENTICATED');
      expectError(await client.send('POST', `${A}/push`, { json: valid, headers: { authorization: 'Basic YTpi' } }), 401, 'UNAUTHENTICATED');
      expectError(await push(valid, 'garbage'), 401, 'UNAUTHENTICATED');
      expectError(await push(valid, 'aaa.bbb.ccc'), 401, 'UNAUTHENTICATED');
      const [head, body] = a.token.split('.');
      expectError(await push(valid, `${head}.${body}.${Buffer.from('forged signature, forged signature').toString('base64url')}`), 401, 'UNAUTHENTICATED');
      const key = await getSigningKey(server.db);
      const past = new Date(Date.now() - 3_600_000);
      const expired = await createAccessToken(key, { userId: a.userId, sessionId: a.sessionId, deviceId: a.deviceId }, past, new Date(past.getTime() + 60_000));
      expectError(await push(valid, expired.token), 401, 'TOKEN_EXPIRED');
      expectError(await client.send('GET', `${A}/pull`, { token: expired.token }), 401, 'TOKEN_EXPIRED');
      // the right signature with a made-up session: no session, no access
      const orphan = await createAccessToken(key, { userId: a.userId, sessionId: randomUUID(), deviceId: a.deviceId }, new Date(), new Date(Date.now() + 60_000));
      expectError(await push(valid, orphan.token), 401);

      // ---- a replayed refresh token ends the session -------------------------------------------------------
      const session = await client.login('appraiser2@demo.shamay.local', DEMO_PASSWORD);
      const rotated = await client.send('POST', '/v1/auth/refresh', { json: { refreshToken: session.refreshToken } });
      expect(rotated.status, rotated.text).toBe(200);
      const current = rotated.json as { accessToken: string; refreshToken: string };
      expectError(await client.send('POST', '/v1/auth/refresh', { json: { refreshToken: session.refreshToken } }), 401, 'TOKEN_REPLAYED');
      // after a replay, neither the newest refresh token nor its access token work any more
      expectError(await client.send('POST', '/v1/auth/refresh', { json: { refreshToken: current.refreshToken } }), 401);
      expectError(await client.send('GET', `${A}/pull`, { token: current.accessToken }), 401);
      expectError(await client.send('POST', '/v1/auth/refresh', { json: { refreshToken: 'x'.repeat(30) } }), 401);
      expectError(await client.send('POST', '/v1/auth/refresh', { json: { refreshToken: 42 } }), 400, 'VALIDATION');

      // Nothing above changed any data.
      expect(await dataState(server.db), 'the 4xx requests changed nothing').toEqual(before);

      // ---- well-formed pushes with a wrong mutation: a per-mutation rejection with a reason ---------------
      const wrong: { what: string; m: Mutation; code: string }[] = [
        { what: 'an unknown table', m: mutation(ORG_ID, { table: 'user_credentials', rowId: a.userId, op: 'update', changes: { password_hash: 'x' } }), code: 'INVALID' },
        { what: 'a made-up table', m: mutation(ORG_ID, { table: 'no_such_table', rowId: randomUUID(), op: 'insert', changes: {} }), code: 'INVALID' },
        { what: 'an unknown column', m: update({ no_such_column: 1 }), code: 'SCHEMA' },
        { what: 'a wrongly typed value', m: update({ final_valuation_agorot: 'a lot' }), code: 'INVALID' },
        { what: 'a value out of its range', m: update({ final_valuation_agorot: -5 }), code: 'INVALID' },
        { what: 'an invalid status', m: update({ status: 'STOLEN' }), code: 'LIFECYCLE' },
        { what: 'a missing required value', m: update({ title: null }), code: 'INVALID' },
        { what: 'a server-managed column', m: update({ server_version: 999_999 }), code: 'FORBIDDEN' },
        { what: 'a signature without signing', m: update({ signed_by_id: a.userId }), code: 'FORBIDDEN' },
        { what: 'a newer client schema', m: update({ title: 'x' }, { schemaVersion: 9_999 }), code: 'SCHEMA' },
      ];
      for (const w of wrong) {
        const reply = await push({ deviceId: a.deviceId, mutations: [w.m] });
        expect(reply.status, `${w.what}: ${reply.text.slice(0, 300)}`).toBe(200);
        const [result] = (reply.json as { results: { outcome: string; reasonCode?: string; reason?: string }[] }).results;
        expect(result, w.what).toMatchObject({ outcome: 'rejected', reasonCode: w.code });
        expect(String(result!.reason).length, `${w.what}: a reason`).toBeGreaterThan(5);
      }
      // Only the bookkeeping of those answers (applied_mutations) was written; no data changed.
      expect(await dataState(server.db), 'rejected mutations changed nothing').toEqual(before);
    }, 120_000);
  });
}
