import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../src-shared/db/migrations.generated.ts';
import { migrateSqlite, type MigrateResult } from './migrate.ts';

export interface OpenLocalDatabaseOptions {
  file: string;
  /** Where pre-migration copies go; defaults to a backups folder beside the database. */
  backupDir?: string;
  now?: () => Date;
}

export interface LocalDatabase {
  db: Database.Database;
  migration: MigrateResult;
}

/** Opens (creating if needed) the local store with the blueprint's settings and migrates it. */
export function openLocalDatabase(options: OpenLocalDatabaseOptions): LocalDatabase {
  mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const backupDir = options.backupDir ?? join(dirname(options.file), 'backups');
    mkdirSync(backupDir, { recursive: true });
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    const migration = migrateSqlite(db, MIGRATIONS.sqlite, { dir: backupDir, stamp });
    // Lets the query planner learn from the data (cheap; SQLite's recommended call at open).
    db.pragma('optimize = 0x10002');
    cacheStatements(db);
    return { db, migration };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Compiling a statement on a table with triggers (the search index) costs about as much as running it,
 * so prepared statements are kept per SQL text. Ours are reusable as they are (none is left iterating,
 * none switched to raw or pluck mode); a bounded number of texts, least recently used dropped first.
 */
function cacheStatements(db: Database.Database, limit = 1_000): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
    } else {
      statement = prepare(source);
      if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
    }
    cache.set(source, statement);
    return statement;
  }) as typeof db.prepare;
}
