import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MIGRATIONS } from '../../src-shared/db/migrations.generated.ts';
import type { ServerDatabase } from './database.ts';
import { migratePostgres, type ServerMigrateResult } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export interface OpenServerDatabaseOptions {
  /** A real PostgreSQL server; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite's data directory; in memory when absent (tests). */
  dataDir?: string | undefined;
  backupDir?: string | undefined;
  now?: () => Date;
}

export async function openServerDatabase(
  options: OpenServerDatabaseOptions,
): Promise<{ db: ServerDatabase; migration: ServerMigrateResult }> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
  try {
    const migration = await migratePostgres(db, MIGRATIONS.postgres, async (fromVersion) => {
      const dir = options.backupDir ?? (options.dataDir ? join(options.dataDir, '..', 'backups') : undefined);
      if (!dir) return;
      await mkdir(dir, { recursive: true });
      const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      await db.backup(join(dir, `server-before-migration-from-v${fromVersion}-${stamp}.tar.gz`));
    });
    return { db, migration };
  } catch (error) {
    await db.close();
    throw error;
  }
}
