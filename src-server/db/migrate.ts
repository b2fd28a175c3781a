import { pendingMigrations, splitStatements, type Migration } from '../../src-shared/db/migrations.ts';
import type { ServerDatabase, SqlSession } from './database.ts';

// Any constant works; it only has to be the same for every server instance.
const MIGRATION_LOCK_KEY = 727_001;

export interface ServerMigrateResult {
  fromVersion: number;
  toVersion: number;
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so several server instances
 * starting together migrate once. Refuses a database from a newer server with
 * DatabaseFromTheFutureError. `beforeMigrate` runs only when there is something to apply.
 */
export async function migratePostgres(
  db: ServerDatabase,
  migrations: readonly Migration[],
  beforeMigrate?: (fromVersion: number) => Promise<void>,
): Promise<ServerMigrateResult> {
  const readVersion = async (session: SqlSession) => {
    const [table] = await session.query<{ name: string | null }>("SELECT to_regclass('shamay_schema_migrations')::text AS name");
    if (!table?.name) return 0;
    const [row] = await session.query<{ version: number | null }>('SELECT max(version) AS version FROM shamay_schema_migrations');
    return row?.version ?? 0;
  };
  const fromVersion = await readVersion(db);
  if (pendingMigrations(migrations, fromVersion).length === 0) return { fromVersion, toVersion: fromVersion };
  if (fromVersion > 0) await beforeMigrate?.(fromVersion);

  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS shamay_schema_migrations (
      version integer PRIMARY KEY, tag text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    // Another instance may have migrated while this one waited for the lock.
    const lockedVersion = await readVersion(tx);
    const pending = pendingMigrations(migrations, lockedVersion);
    for (const migration of pending) {
      for (const statement of splitStatements(migration.sql)) await tx.exec(statement);
      await tx.query('INSERT INTO shamay_schema_migrations (version, tag) VALUES ($1, $2)', [migration.version, migration.tag]);
    }
    return { fromVersion, toVersion: pending.at(-1)?.version ?? lockedVersion };
  });
}
