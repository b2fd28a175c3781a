import { join } from 'node:path';
import Database from 'better-sqlite3';
import { onTestFinished } from 'vitest';

/** A second connection to a core's database file, for assertions and for playing the server's part (closed after the test). */
export function openCoreDb(dataDir: string): Database.Database {
  const db = new Database(join(dataDir, 'shamay.sqlite'));
  db.pragma('busy_timeout = 5000');
  onTestFinished(() => {
    db.close();
  });
  return db;
}

export function counts(db: Database.Database): Record<string, number> {
  const tables = ['valuations', 'valuation_sessions', 'documents', 'document_versions', 'images', 'asset_variants', 'activity_logs', 'sync_mutations', 'sync_conflicts', 'sync_rejections'];
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}
