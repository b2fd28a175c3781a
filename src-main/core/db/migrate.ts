import type Database from 'better-sqlite3';
import {
  isTableRebuild,
  latestVersion,
  pendingMigrations,
  splitStatements,
  withoutForeignKeyPragmas,
  type Migration,
} from '../../../src-shared/db/migrations.ts';

export interface MigrateResult {
  fromVersion: number;
  toVersion: number;
  backupFile: string | null;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the newest schema. Each migration and its version bump commit together.
 * Before touching a database that already holds data, a copy is written with VACUUM INTO.
 * Throws DatabaseFromTheFutureError (changing nothing) when a newer app wrote the file.
 */
export function migrateSqlite(
  db: Database.Database,
  migrations: readonly Migration[],
  backup: { dir: string; stamp: string } | null,
): MigrateResult {
  const fromVersion = schemaVersion(db);
  const pending = pendingMigrations(migrations, fromVersion);
  if (pending.length === 0) return { fromVersion, toVersion: fromVersion, backupFile: null };

  let backupFile: string | null = null;
  if (backup && fromVersion > 0) {
    backupFile = `${backup.dir}/before-v${latestVersion(migrations)}-from-v${fromVersion}-${backup.stamp}.sqlite`;
    db.prepare('VACUUM INTO ?').run(backupFile);
  }
  for (const migration of pending) applyOne(db, migration);
  return { fromVersion, toVersion: schemaVersion(db), backupFile };
}

function applyOne(db: Database.Database, migration: Migration): void {
  const rebuild = isTableRebuild(migration.sql);
  const statements = withoutForeignKeyPragmas(splitStatements(migration.sql));
  // PRAGMA foreign_keys is a no-op inside a transaction, so it is switched off around it. Legacy
  // ALTER TABLE keeps RENAME from re-validating views that name the table being rebuilt.
  if (rebuild) {
    db.pragma('foreign_keys = OFF');
    db.pragma('legacy_alter_table = ON');
  }
  try {
    db.transaction(() => {
      for (const statement of statements) db.exec(statement);
      if (rebuild) {
        const violations = db.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) {
          throw new Error(`migration ${migration.tag} would break ${violations.length} foreign key(s); rolled back`);
        }
      }
      db.pragma(`user_version = ${migration.version}`);
    })();
  } finally {
    if (rebuild) {
      db.pragma('legacy_alter_table = OFF');
      db.pragma('foreign_keys = ON');
    }
  }
}
