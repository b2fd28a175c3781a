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
    return { db, migration };
  } catch (error) {
    db.close();
    throw error;
  }
}
