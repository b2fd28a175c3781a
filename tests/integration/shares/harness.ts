// A real sync server for the share-link tests: buildServer (every route, as in production) on
// 127.0.0.1, with a clock the tests move, direct access to its database for fixtures and assertions,
// on PGlite in memory or a scratch database on the real PostgreSQL (SHAMAY_TEST_DATABASE_URL).
// Requests go over HTTP from 127.0.0.1; `inject` sends one through the same app without a socket, as
// if from another client address (remoteAddress), for the per-address limits.
//
// The fixture of a signed report is written with SQL (the signing path in push is built elsewhere);
// its PDF is uploaded through the real blob endpoint, so the server holds and verified it.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { buildServer } from '../../../src-server/app.ts';
import { hashPassword } from '../../../src-server/auth/passwords.ts';
import { serverConfigSchema } from '../../../src-server/config.ts';
import type { ServerDatabase } from '../../../src-server/db/database.ts';
import { openServerDatabase } from '../../../src-server/db/open.ts';
import { seedDemoOrganization } from '../../../src-server/db/seed-demo.ts';
import { startLiveHub } from '../../../src-server/live/hub.ts';
import { DEMO_PASSWORD } from '../../../src-server/start.ts';
import { publishUnversionedRows } from '../../../src-server/sync/change-feed.ts';
import { generateDemoPeople } from '../../../src-shared/seed/index.ts';
import { PULLED_TABLES } from '../../../src-shared/sync/protocol.ts';
import { createScratchDatabase, TEST_DATABASE_URL } from '../../helpers/postgres.ts';

export const engines = [
  { name: 'PGlite', postgres: false, skip: false },
  { name: 'PostgreSQL', postgres: true, skip: !TEST_DATABASE_URL },
];

export const DEMO = generateDemoPeople(1);
export const OFFICE = DEMO.organization.id;
/** The only member (OWNER) of a second organization. */
export const OTHER_EMAIL = 'owner@other-office.test';

export interface ShareServer {
  url: string;
  db: ServerDatabase;
  clock: { now: Date };
  advance(ms: number): void;
  /** A request through the app itself (Fastify inject); `remoteAddress` is the client address it sees. */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  stop(): Promise<void>;
}

export async function startShareServer(options: { postgres: boolean; publicUrl?: string }): Promise<ShareServer> {
  const scratch = options.postgres ? await createScratchDatabase() : null;
  const { db } = await openServerDatabase({ databaseUrl: scratch?.url });
  const dataDir = mkdtempSync(join(tmpdir(), 'shamay-shares-'));
  const clock = { now: new Date() };
  await seed(db);
  const live = await startLiveHub(db, () => undefined);
  const config = serverConfigSchema.parse({ port: 0, dataDir, logLevel: 'silent', publicUrl: options.publicUrl });
  const { app } = buildServer({ db, config, blobDir: join(dataDir, 'blobs'), now: () => clock.now }, live);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no address');
  let stopped = false;
  return {
    url: `http://127.0.0.1:${address.port}`,
    db,
    clock,
    advance: (ms) => (clock.now = new Date(clock.now.getTime() + ms)),
    inject: (injected) => app.inject(injected),
    async stop() {
      if (stopped) return;
      stopped = true;
      // A keep-alive connection whose response was still finishing when close() began is not idle
      // then, and would hold the close until the keep-alive timeout (72 s): keep closing idle ones.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
      await app.close().finally(() => clearInterval(sweep));
      await live.close();
      await db.close();
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The demo office (as `npm run server -- --seed-demo` makes it) and a second, unrelated office. */
async function seed(db: ServerDatabase): Promise<void> {
  await seedDemoOrganization(db, { seed: 1, valuations: 2 });
  const hash = await hashPassword(DEMO_PASSWORD);
  const otherOrg = uuidv7();
  const otherUser = uuidv7();
  await db.transaction(async (tx) => {
    for (const user of [DEMO.owner, DEMO.orgAdmin, ...DEMO.appraisers, DEMO.clientViewer]) {
      await tx.query('INSERT INTO user_credentials (user_id, password_hash) VALUES ($1, $2)', [user.id, hash]);
    }
    await tx.query('INSERT INTO organizations (id, name) VALUES ($1, $2)', [otherOrg, 'משרד אחר']);
    await tx.query('INSERT INTO users (id, email, name) VALUES ($1, $2, $3)', [otherUser, OTHER_EMAIL, 'Other Owner']);
    await tx.query('INSERT INTO user_credentials (user_id, password_hash) VALUES ($1, $2)', [otherUser, hash]);
    await tx.query("INSERT INTO memberships (id, user_id, organization_id, role) VALUES ($1, $2, $3, 'OWNER')", [uuidv7(), otherUser, otherOrg]);
    await publishUnversionedRows(tx, OFFICE, PULLED_TABLES);
    await publishUnversionedRows(tx, otherOrg, PULLED_TABLES);
  });
}

// ---- signed-in HTTP ------------------------------------------------------------------------------

export interface Caller {
  userId: string;
  organizationId: string;
  token: string;
}

export async function signIn(server: { url: string }, email: string): Promise<Caller> {
  const response = await fetch(`${server.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD, device: { id: uuidv7(), name: 'share tests', platform: 'linux' } }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email} answered ${response.status}`);
  const body = (await response.json()) as { accessToken: string; user: { id: string }; memberships: { organization: { id: string } }[] };
  return { userId: body.user.id, organizationId: body.memberships[0]!.organization.id, token: body.accessToken };
}

export interface JsonAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A signed-in JSON request; `raw` sends a body as it is (malformed JSON and the like). */
export async function api<T = Record<string, unknown>>(
  server: { url: string },
  caller: Caller,
  method: string,
  path: string,
  options: { json?: unknown; raw?: string } = {},
): Promise<JsonAnswer<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${caller.token}` };
  let body: string | undefined;
  if (options.json !== undefined || options.raw !== undefined) {
    headers['content-type'] = 'application/json';
    body = options.raw ?? JSON.stringify(options.json);
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T };
}

// ---- fixtures ------------------------------------------------------------------------------------

/** A small valid PDF; the comment makes every one unique (its own sha256). */
export function pdfBytes(): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% ${randomBytes(8).toString('hex')}\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n` +
      '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export async function uploadBlob(server: { url: string }, caller: Caller, bytes: Buffer): Promise<void> {
  const response = await fetch(`${server.url}/v1/orgs/${caller.organizationId}/blobs/${sha256(bytes)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${caller.token}`, 'content-type': 'application/pdf', 'upload-length': String(bytes.length) },
    body: bytes,
  });
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
}

export interface ReportFixture {
  valuationId: string;
  assetId: string;
  bytes: Buffer;
  sha256: string;
}

export interface ReportOptions {
  fileName?: string;
  status?: 'READY' | 'SIGNED' | 'ARCHIVED';
  /** false: the valuation is SIGNED but this PDF is not its sealed report (another sha256). */
  sealed?: boolean;
  assetType?: 'PDF' | 'DOCX';
  /** false: the server never received the file. */
  uploaded?: boolean;
}

/** A valuation with its report asset, published in the change feed like any other rows. */
export async function createReport(server: ShareServer, caller: Caller, options: ReportOptions = {}): Promise<ReportFixture> {
  const { fileName = 'דוח שמאות - הרצל 12.pdf', status = 'SIGNED', sealed = true, assetType = 'PDF', uploaded = true } = options;
  const bytes = pdfBytes();
  const hash = sha256(bytes);
  if (uploaded) await uploadBlob(server, caller, bytes);
  const valuationId = uuidv7();
  const assetId = uuidv7();
  const signed = status !== 'READY';
  const now = server.clock.now.toISOString();
  await server.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO valuations (id, organization_id, created_by_id, title, status, signed_by_id, signed_at, report_sha256, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      [valuationId, caller.organizationId, caller.userId, 'הרצל 12, תל אביב-יפו', status, signed ? caller.userId : null, signed ? now : null,
        signed ? (sealed ? hash : sha256(pdfBytes())) : null, now],
    );
    await tx.query(
      `INSERT INTO assets (id, valuation_id, organization_id, asset_type, file_name, storage_key, sha256, size_bytes, slug, generated_by_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7, 'report', $8, $9, $9)`,
      [assetId, valuationId, caller.organizationId, assetType, fileName, hash, bytes.length, caller.userId, now],
    );
    await publishUnversionedRows(tx, caller.organizationId, PULLED_TABLES);
  });
  return { valuationId, assetId, bytes, sha256: hash };
}
