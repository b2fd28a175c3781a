// Migration bookkeeping shared by the client (SQLite) and the server (PostgreSQL / PGlite).
// A database's schema version is the number of migrations applied to it: migration N brings it to
// version N. The SQL itself comes from drizzle-kit (migrations/), bundled by scripts/bundle-migrations.ts.

export interface Migration {
  /** 1-based: the schema version a database has once this migration is applied. */
  version: number;
  tag: string;
  sql: string;
}

export interface MigrationSet {
  sqlite: Migration[];
  postgres: Migration[];
}

/** Refuses to open a database that a newer version of the app has already migrated. */
export class DatabaseFromTheFutureError extends Error {
  readonly databaseVersion: number;
  readonly appVersion: number;
  constructor(databaseVersion: number, appVersion: number) {
    super(
      `This database was written by a newer version of Shamay (schema version ${databaseVersion}; ` +
        `this app knows up to ${appVersion}). Update the app to open it; nothing was changed.`,
    );
    this.name = 'DatabaseFromTheFutureError';
    this.databaseVersion = databaseVersion;
    this.appVersion = appVersion;
  }
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/** The migrations still to apply to a database at `currentVersion`, or the future-database error. */
export function pendingMigrations(migrations: readonly Migration[], currentVersion: number): Migration[] {
  const latest = latestVersion(migrations);
  if (currentVersion > latest) throw new DatabaseFromTheFutureError(currentVersion, latest);
  return migrations.filter((m) => m.version > currentVersion);
}

/** drizzle-kit separates statements with this marker. */
export function splitStatements(sqlText: string): string[] {
  return sqlText
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !/^(--[^\n]*\n?\s*)+$/.test(s + '\n'));
}

/**
 * A SQLite "table rebuild" (create __new_x, copy, DROP TABLE x, rename). Inside a transaction with
 * foreign keys on, the DROP cascades into child rows, so such migrations run with foreign keys off
 * and a foreign_key_check before commit (drizzle issues #5782, #4938).
 */
export function isTableRebuild(sqlText: string): boolean {
  return /\bDROP\s+TABLE\b/i.test(sqlText) || /__new_/i.test(sqlText);
}

/** drizzle-kit writes these PRAGMAs into rebuild migrations; they do nothing inside a transaction. */
export function withoutForeignKeyPragmas(statements: readonly string[]): string[] {
  return statements.filter((s) => !/^PRAGMA\s+foreign_keys\s*=\s*(ON|OFF)\s*;?$/i.test(s));
}
