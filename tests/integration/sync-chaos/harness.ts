// Servers and comparisons for the sync-chaos tests.
//
// - startServerProcess: the real server (src-server/main.ts) in a child process, so that it can be
//   killed with SIGKILL in the middle of a push and restarted on the same port and data.
// - startInProcessServer: the real server application in this process, with its database handle
//   exposed, for tests that read the database while the server runs (PGlite allows one handle).
// - snapshots of every synced table on the server and in a client's SQLite, normalised so they compare.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { onTestFinished } from 'vitest';
import { buildServer } from '../../../src-server/app.ts';
import { hashPassword } from '../../../src-server/auth/passwords.ts';
import { serverConfigSchema } from '../../../src-server/config.ts';
import type { ServerDatabase } from '../../../src-server/db/database.ts';
import { openServerDatabase } from '../../../src-server/db/open.ts';
import { seedDemoOrganization } from '../../../src-server/db/seed-demo.ts';
import { startLiveHub } from '../../../src-server/live/hub.ts';
import { DEMO_PASSWORD } from '../../../src-server/start.ts';
import { publishUnversionedRows } from '../../../src-server/sync/change-feed.ts';
import { serverColumns } from '../../../src-server/sync/tables.ts';
import { generateDemoPeople, type DemoPeople } from '../../../src-shared/seed/index.ts';
import { PULLED_TABLES } from '../../../src-shared/sync/protocol.ts';
import { createScratchDatabase } from '../../helpers/postgres.ts';
import { tempDir } from '../../helpers/temp.ts';

export type Row = Record<string, unknown>;
export const people: DemoPeople = generateDemoPeople(1);
export const ORG_ID = people.organization.id;
export { DEMO_PASSWORD };

const MAIN = fileURLToPath(new URL('../../../src-server/main.ts', import.meta.url));

// ---- the server as a child process ----------------------------------------------------------------

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** SIGKILL: the process dies wherever it is, open transactions included. */
  crash(): Promise<void>;
  /** SIGTERM: in-flight requests finish, then the database closes (src-server/main.ts). */
  stop(): Promise<void>;
  start(): Promise<void>;
  readonly running: boolean;
  /** The server's output, for failure messages. */
  output(): string;
}

export async function startServerProcess(options: { postgres: boolean }): Promise<ServerProcess> {
  const dataDir = tempDir('shamay-chaos-server-');
  let databaseUrl: string | undefined;
  if (options.postgres) {
    const scratch = await createScratchDatabase();
    databaseUrl = scratch.url;
    onTestFinished(() => scratch.drop());
  }
  let port = 0;
  let child: ChildProcess | null = null;
  let exited: Promise<unknown> = Promise.resolve();
  let log = '';
  const server: ServerProcess = {
    url: '',
    port: 0,
    dataDir,
    databaseUrl,
    get running() {
      return child !== null;
    },
    output: () => log.slice(-20_000),
    async start() {
      if (child) throw new Error('the server is already running');
      const proc = spawn(process.execPath, [MAIN, '--port', String(port), '--data-dir', dataDir, '--seed-demo'], {
        env: { ...process.env, SHAMAY_LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      exited = new Promise((resolve) => proc.once('exit', resolve));
      const listening = new Promise<string>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          log += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(log);
          if (match?.[1]) resolve(match[1]);
        };
        proc.stdout.on('data', onData);
        proc.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
        proc.once('exit', (code, signal) => reject(new Error(`the server exited while starting (${code ?? signal}):\n${log.slice(-5000)}`)));
      });
      const url = await listening;
      log = log.replace(/listening on http:\/\/\S+/g, 'listening');
      server.url = url;
      port = Number(new URL(url).port);
      server.port = port;
    },
    async crash() {
      if (!child) return;
      child.kill('SIGKILL');
      await exited;
      child = null;
    },
    async stop() {
      if (!child) return;
      child.kill('SIGTERM');
      await exited;
      child = null;
    },
  };
  onTestFinished(() => server.crash());
  await server.start();
  return server;
}

/** Opens the database of a stopped server process (PGlite's data directory, or the PostgreSQL database). */
export async function openStoppedServerDatabase(server: ServerProcess): Promise<ServerDatabase> {
  if (server.running) throw new Error('stop the server first: PGlite allows one process on its data directory');
  const { db } = await openServerDatabase(
    server.databaseUrl ? { databaseUrl: server.databaseUrl } : { dataDir: join(server.dataDir, 'pgdata'), backupDir: join(server.dataDir, 'backups') },
  );
  return db;
}

// ---- the server in this process ---------------------------------------------------------------------

export interface InProcessServer {
  url: string;
  db: ServerDatabase;
  app: FastifyInstance;
  blobDir: string;
  stop(): Promise<void>;
}

/** The real server application (buildServer) with the demo office, on in-memory PGlite or a scratch PostgreSQL database. */
export async function startInProcessServer(options: { postgres: boolean }): Promise<InProcessServer> {
  let databaseUrl: string | undefined;
  if (options.postgres) {
    const scratch = await createScratchDatabase();
    databaseUrl = scratch.url;
    onTestFinished(() => scratch.drop());
  }
  const { db } = await openServerDatabase(databaseUrl ? { databaseUrl } : {});
  // As startSyncServer's demo seed (src-server/start.ts).
  await seedDemoOrganization(db, { seed: 1, valuations: 50 });
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const user of [people.owner, people.orgAdmin, ...people.appraisers, people.clientViewer]) {
      await tx.query('INSERT INTO user_credentials (user_id, password_hash) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING', [user.id, hash]);
    }
    await publishUnversionedRows(tx, people.organization.id, PULLED_TABLES);
  });
  const live = await startLiveHub(db, () => undefined);
  const dataDir = tempDir('shamay-chaos-inproc-');
  const blobDir = join(dataDir, 'blobs');
  const config = serverConfigSchema.parse({ port: 0, dataDir, seedDemo: true, logLevel: 'silent' });
  const { app } = buildServer({ db, config, blobDir, now: () => new Date() }, live, false);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let stopped = false;
  const server: InProcessServer = {
    url: `http://127.0.0.1:${port}`,
    db,
    app,
    blobDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      await live.close();
      await db.close();
    },
  };
  onTestFinished(() => server.stop());
  return server;
}

// ---- snapshots ---------------------------------------------------------------------------------------

export type Snapshot = Map<string, Map<string, Row>>;

const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/** JSON with sorted keys, so objects compare regardless of key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Row)[k])]));
  }
  return value;
}

/** A row of either side in one representation: JSON parsed, booleans as booleans, timestamps as ISO UTC, int8 as numbers. */
export function normalizeRow(table: string, raw: Row): Row {
  const columns = serverColumns(table);
  if (!columns) throw new Error(`unknown table ${table}`);
  const out: Row = {};
  for (const [name, column] of columns) {
    let value = raw[name];
    if (value === undefined) value = null;
    if (value !== null) {
      if (column.json && typeof value === 'string') value = JSON.parse(value);
      else if (column.sqlType === 'boolean') value = value === true || value === 1;
      else if (typeof value === 'bigint') value = Number(value);
      else if (column.sqlType.startsWith('timestamp') && typeof value === 'string' && ISO.test(value)) value = new Date(value).toISOString();
      else if (value instanceof Date) value = value.toISOString();
      else if (/^(bigint|integer)/.test(column.sqlType) && typeof value === 'string') value = Number(value);
    }
    out[name] = column.json ? sortKeys(value) : value;
  }
  return out;
}

/** Every row of the organization, per pulled table, as the server holds it. */
export async function serverSnapshot(db: ServerDatabase, organizationId = ORG_ID): Promise<Snapshot> {
  const snapshot: Snapshot = new Map();
  for (const table of PULLED_TABLES) {
    const scope =
      table === 'organizations'
        ? 'id = $1'
        : table === 'users'
          ? 'id IN (SELECT user_id FROM memberships WHERE organization_id = $1)'
          : 'organization_id = $1';
    const rows = await db.query<Row>(`SELECT * FROM "${table}" WHERE ${scope}`, [organizationId]);
    snapshot.set(table, new Map(rows.map((r) => [String(r.id), normalizeRow(table, r)])));
  }
  return snapshot;
}

/** Every row of the pulled tables in a client's SQLite file. */
export function clientSnapshot(dataDir: string): Snapshot {
  const db = new Database(join(dataDir, 'shamay.sqlite'), { readonly: true });
  try {
    const snapshot: Snapshot = new Map();
    for (const table of PULLED_TABLES) {
      const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Row[];
      snapshot.set(table, new Map(rows.map((r) => [String(r.id), normalizeRow(table, r)])));
    }
    return snapshot;
  } finally {
    db.close();
  }
}

/** Differences between two snapshots (missing rows, extra rows, differing columns), at most `limit`. */
export function diffSnapshots(expected: Snapshot, actual: Snapshot, limit = 25): string[] {
  const out: string[] = [];
  let total = 0;
  const note = (line: string) => {
    total++;
    if (out.length < limit) out.push(line);
  };
  for (const table of PULLED_TABLES) {
    const a = expected.get(table) ?? new Map<string, Row>();
    const b = actual.get(table) ?? new Map<string, Row>();
    for (const [id, row] of a) {
      const other = b.get(id);
      if (!other) {
        note(`${table} ${id}: missing`);
        continue;
      }
      for (const column of Object.keys(row)) {
        if (canonical(row[column]) !== canonical(other[column])) {
          note(`${table} ${id}.${column}: expected ${canonical(row[column]).slice(0, 160)}, got ${canonical(other[column]).slice(0, 160)}`);
        }
      }
    }
    for (const id of b.keys()) if (!a.has(id)) note(`${table} ${id}: unexpected row`);
  }
  if (total > out.length) out.push(`… ${total - out.length} more differences`);
  return out;
}

export function countRows(snapshot: Snapshot): Record<string, number> {
  return Object.fromEntries([...snapshot].map(([table, rows]) => [table, rows.size]));
}
