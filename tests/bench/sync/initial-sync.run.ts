// Initial sync of ~100,000 rows (valuations, documents, activity) from a server process into an empty
// client: rows/s end to end, its ratio to raw better-sqlite3 inserts of the same rows, and the client's
// peak RSS. Run: node tests/bench/sync/initial-sync.run.ts   (env SHAMAY_BENCH_VALUATIONS, default 17000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../../../src-main/core/create-core.ts';
import { migrateSqlite } from '../../../src-main/core/db/migrate.ts';
import { MIGRATIONS } from '../../../src-shared/db/migrations.generated.ts';
import { DEMO_PASSWORD } from '../../../src-server/start.ts';
import { startServerProcess, trackPeakRss } from './stack.ts';

const valuations = Number(process.env.SHAMAY_BENCH_VALUATIONS ?? 17_000);
const pullLimit = Number(process.env.SHAMAY_BENCH_PULL_LIMIT ?? 5_000);
const TABLES = ['organizations', 'users', 'memberships', 'valuations', 'documents', 'activity_logs'];

console.log(`seeding a server with ${valuations.toLocaleString('en-US')} valuations…`);
const server = await startServerProcess({ SHAMAY_DEMO_VALUATIONS: String(valuations) });
const dataDir = mkdtempSync(join(tmpdir(), 'shamay-bench-client-'));
try {
  const core = createCore({ dataDir, serverUrl: server.url, sync: { live: false, pullLimit } });
  const signIn = await core.dispatch('session.signIn', { email: 'appraiser1@demo.shamay.local', password: DEMO_PASSWORD });
  if (!signIn.ok) throw new Error(signIn.error.message);
  const peak = trackPeakRss();
  const started = performance.now();
  await core.syncNow();
  const seconds = (performance.now() - started) / 1000;
  const peakMb = peak();
  core.close();

  const db = new Database(join(dataDir, 'shamay.sqlite'));
  const rows = Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
  const total = Object.values(rows).reduce((a, b) => a + b, 0);

  // Baseline: the same rows inserted with plain prepared statements into an empty database of the same schema.
  const baselineFile = join(dataDir, 'baseline.sqlite');
  const baseline = new Database(baselineFile);
  baseline.pragma('journal_mode = WAL');
  baseline.pragma('synchronous = NORMAL');
  migrateSqlite(baseline, MIGRATIONS.sqlite, null);
  const source = TABLES.map((t) => ({ t, data: db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[] }));
  const rawStarted = performance.now();
  for (const { t, data } of source) {
    if (!data.length) continue;
    const columns = Object.keys(data[0]!);
    const insert = baseline.prepare(`INSERT INTO ${t} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    for (let i = 0; i < data.length; i += pullLimit) {
      baseline.transaction(() => {
        for (const row of data.slice(i, i + pullLimit)) insert.run(...columns.map((c) => row[c]));
      })();
    }
  }
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  db.close();
  baseline.close();

  const rate = total / seconds;
  const rawRate = total / rawSeconds;
  console.log(`rows: ${JSON.stringify(rows)}`);
  console.log(`initial sync of ${total.toLocaleString('en-US')} rows: ${seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString('en-US')} rows/s (target >= 50,000)`);
  console.log(`raw better-sqlite3 inserts of the same rows: ${Math.round(rawRate).toLocaleString('en-US')} rows/s; sync / raw = ${(rate / rawRate).toFixed(2)}`);
  console.log(`client peak RSS during the sync: ${peakMb} MB (target < 400 MB)`);
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
