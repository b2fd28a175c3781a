// A small real HTTP server for the auth tests: Fastify on 127.0.0.1 with the auth routes, a protected
// route that uses the auth hook, and an injectable clock. Engines: PGlite in memory, and a scratch
// database on a real PostgreSQL when SHAMAY_TEST_DATABASE_URL is set.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { hashPassword } from '../../../src-server/auth/passwords.ts';
import { createAuthHook, registerAuthRoutes } from '../../../src-server/auth/routes.ts';
import { serverConfigSchema, type ServerConfig } from '../../../src-server/config.ts';
import type { ServerContext } from '../../../src-server/context.ts';
import type { ServerDatabase } from '../../../src-server/db/database.ts';
import { openServerDatabase } from '../../../src-server/db/open.ts';
import { installErrorHandler } from '../../../src-server/http/errors.ts';
import { createScratchDatabase, TEST_DATABASE_URL } from '../../helpers/postgres.ts';

export interface Engine {
  name: string;
  skip: boolean;
  open: () => Promise<{ db: ServerDatabase; close: () => Promise<void> }>;
}

export const engines: Engine[] = [
  {
    name: 'PGlite',
    skip: false,
    open: async () => {
      const { db } = await openServerDatabase({});
      return { db, close: () => db.close() };
    },
  },
  {
    name: 'PostgreSQL',
    skip: !TEST_DATABASE_URL,
    open: async () => {
      const scratch = await createScratchDatabase();
      const { db } = await openServerDatabase({ databaseUrl: scratch.url });
      return {
        db,
        close: async () => {
          await db.close();
          await scratch.drop();
        },
      };
    },
  },
];

export const BODY_LIMIT = 1024 * 1024;

export interface Response<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestServer {
  app: FastifyInstance;
  ctx: ServerContext;
  url: string;
  clock: { now: Date };
  advance(ms: number): void;
  request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { json?: unknown; raw?: string; token?: string; headers?: Record<string, string> },
  ): Promise<Response<T>>;
  close(): Promise<void>;
}

/**
 * A ServerContext for auth tests. Auth uses only db, config, now and log; the assertion keeps the
 * tests compiling while the rest of the context (being built elsewhere) changes shape.
 */
export function testContext(
  db: ServerDatabase,
  now: () => Date,
  config: Partial<ServerConfig> = {},
  log: FastifyBaseLogger = Fastify({ logger: false }).log,
): ServerContext {
  return { db, config: { ...serverConfigSchema.parse({}), ...config }, blobDir: '/nonexistent', now, log } as ServerContext;
}

export async function startServer(db: ServerDatabase, config: Partial<ServerConfig> = {}): Promise<TestServer> {
  // Failed sign-ins are counted in the database, shared by every server on it: each test starts afresh.
  await db.query('DELETE FROM auth_failures');
  const clock = { now: new Date() };
  const app = Fastify({ bodyLimit: BODY_LIMIT, logger: false });
  installErrorHandler(app);
  const ctx = testContext(db, () => clock.now, config, app.log);
  registerAuthRoutes(app, ctx);
  const authenticate = createAuthHook(ctx);
  app.get('/v1/test/protected', async (request) => ({ auth: await authenticate(request) }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    ctx,
    url,
    clock,
    advance: (ms) => (clock.now = new Date(clock.now.getTime() + ms)),
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      let body: string | undefined;
      if (options.json !== undefined) {
        body = JSON.stringify(options.json);
        headers['content-type'] ??= 'application/json';
      } else if (options.raw !== undefined) {
        body = options.raw;
        headers['content-type'] ??= 'application/json';
      }
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const response = await fetch(url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as never };
    },
    close: () => app.close(),
  };
}

export interface SeededUser {
  userId: string;
  organizationId: string;
  membershipId: string;
  email: string;
  password: string;
}

/** A user with a password in a fresh organization, written directly (independent of the CLI). */
export async function seedUser(db: ServerDatabase, role = 'APPRAISER'): Promise<SeededUser> {
  const userId = uuidv7();
  const organizationId = uuidv7();
  const membershipId = uuidv7();
  const email = `user-${userId.slice(-12)}@example.com`;
  const password = `pw-${userId}`;
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO organizations (id, name) VALUES ($1, $2)', [organizationId, `Org ${organizationId.slice(-6)}`]);
    await tx.query('INSERT INTO users (id, email, name) VALUES ($1, $2, $3)', [userId, email, 'Test User']);
    await tx.query('INSERT INTO user_credentials (user_id, password_hash) VALUES ($1, $2)', [userId, await hashPassword(password)]);
    await tx.query('INSERT INTO memberships (id, user_id, organization_id, role) VALUES ($1, $2, $3, $4)', [
      membershipId,
      userId,
      organizationId,
      role,
    ]);
  });
  return { userId, organizationId, membershipId, email, password };
}

export function device(overrides: Partial<{ id: string; name: string; platform: string; appVersion: string }> = {}) {
  return { id: uuidv7(), name: 'Test laptop', platform: 'linux', appVersion: '0.1.0', ...overrides };
}

/** Rows of the tables a refused request must not touch. */
export async function authRowCounts(db: ServerDatabase): Promise<Record<string, number>> {
  const [row] = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM user_sessions) AS sessions, (SELECT count(*)::int FROM devices) AS devices,
       (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM user_credentials) AS credentials`,
  );
  return row ?? {};
}
