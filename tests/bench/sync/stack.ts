// Shared set-up of the sync benchmarks: a real server process on 127.0.0.1 and helpers to read figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createCore, type Core, type CoreDeps } from '../../../src-main/core/create-core.ts';
import { DEMO_PASSWORD } from '../../../src-server/start.ts';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `src-server/main.ts` in its own process (its own core), seeded with the demo office. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shamay-bench-server-'));
  const child = spawn(process.execPath, ['src-server/main.ts', '--port', '0', '--data-dir', dataDir, '--seed-demo'], {
    env: { ...process.env, SHAMAY_LOG_LEVEL: 'warn', ...(process.env.SERVER_PROF ? { NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=/tmp/sprof' } : {}), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[^ ]+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return {
    url,
    child,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Samples this process's resident memory until stopped; returns the peak in MB. */
export function trackPeakRss(intervalMs = 50): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), intervalMs);
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
  };
}

export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The PostgreSQL the benchmarks may use (DATABASE_URL, else SHAMAY_TEST_DATABASE_URL from scripts/with-postgres.sh). */
export const postgresUrl = process.env.DATABASE_URL || process.env.SHAMAY_TEST_DATABASE_URL || undefined;

/** A new empty database on the PostgreSQL server of `url`, so a run starts from nothing; drop() removes it. */
export async function freshPostgresDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `shamay_bench_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return { url: fresh.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A core on a fresh data folder, signed in to the server and synced once. */
export async function syncedClient(serverUrl: string, email: string, deps: Partial<CoreDeps> = {}): Promise<{ core: Core; close(): void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shamay-bench-client-'));
  const core = createCore({ dataDir, serverUrl, ...deps });
  const signIn = await core.dispatch('session.signIn', { email, password: DEMO_PASSWORD });
  if (!signIn.ok) throw new Error(`sign-in of ${email} failed: ${signIn.error.message}`);
  await syncOrThrow(core);
  return {
    core,
    close() {
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** core.syncNow() reports failure only through the sync status; this throws it. */
export async function syncOrThrow(core: Core): Promise<void> {
  await core.syncNow();
  const status = await core.dispatch('sync.status', {});
  if (!status.ok) throw new Error(status.error.message);
  const { phase, lastError } = status.value as { phase: string; lastError: string | null };
  if (lastError || phase === 'error' || phase === 'offline') throw new Error(`sync failed (${phase}): ${lastError}`);
}
