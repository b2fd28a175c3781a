import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { ServerDatabase } from '../../../src-server/db/database.ts';
import { migratePostgres } from '../../../src-server/db/migrate.ts';
import { openServerDatabase } from '../../../src-server/db/open.ts';
import { openPglite } from '../../../src-server/db/pglite.ts';
import { seedDemoOrganization } from '../../../src-server/db/seed-demo.ts';
import { MIGRATIONS } from '../../../src-shared/db/migrations.generated.ts';
import { DatabaseFromTheFutureError, latestVersion } from '../../../src-shared/db/migrations.ts';
import * as schema from '../../../src-shared/db/schema.pg.ts';
import { createScratchDatabase, TEST_DATABASE_URL } from '../../helpers/postgres.ts';
import { tempDir } from '../../helpers/temp.ts';

const LATEST = latestVersion(MIGRATIONS.postgres);

interface Engine {
  name: string;
  skip: boolean;
  /** Returns options for openServerDatabase pointing at a brand-new, empty database. */
  fresh: () => Promise<{ databaseUrl?: string; dataDir?: string }>;
}

const engines: Engine[] = [
  { name: 'PGlite', skip: false, fresh: async () => ({ dataDir: join(tempDir(), 'pgdata') }) },
  {
    name: 'PostgreSQL 15',
    skip: !TEST_DATABASE_URL,
    fresh: async () => {
      const scratch = await createScratchDatabase();
      // Dropped after the test by the connection-owning test itself (see dropAfter).
      pendingDrops.push(scratch.drop);
      return { databaseUrl: scratch.url };
    },
  },
];
const pendingDrops: (() => Promise<void>)[] = [];

async function withDatabase<T>(db: ServerDatabase, fn: (db: ServerDatabase) => Promise<T>): Promise<T> {
  try {
    return await fn(db);
  } finally {
    await db.close();
    while (pendingDrops.length) await pendingDrops.pop()?.();
  }
}

for (const engine of engines) {
  describe.skipIf(engine.skip)(`server migrations on ${engine.name}`, () => {
    it('creates every table of the schema, column for column, at the newest version', async () => {
      const { db, migration } = await openServerDatabase(await engine.fresh());
      await withDatabase(db, async () => {
        expect(migration).toEqual({ fromVersion: 0, toVersion: LATEST });
        for (const table of Object.values(schema).filter((v) => is(v, PgTable)) as PgTable[]) {
          const config = getTableConfig(table);
          const rows = await db.query<{ column_name: string; is_nullable: string }>(
            `SELECT column_name, is_nullable FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name = $1`,
            [config.name],
          );
          const actual = rows.map((r) => `${r.column_name}${r.is_nullable === 'NO' ? ' not null' : ''}`).sort();
          const expected = config.columns.map((c) => `${c.name}${c.notNull || c.primary ? ' not null' : ''}`).sort();
          expect(actual, config.name).toEqual(expected);
        }
      });
    });

    it('is a no-op on an up-to-date database and refuses one from the future', async () => {
      const options = await engine.fresh();
      await (await openServerDatabase(options)).db.close();
      const again = await openServerDatabase(options);
      expect(again.migration).toEqual({ fromVersion: LATEST, toVersion: LATEST });
      await again.db.query('INSERT INTO shamay_schema_migrations (version, tag) VALUES ($1, $2)', [LATEST + 1, 'future']);
      await again.db.close();
      await expect(openServerDatabase(options)).rejects.toThrow(DatabaseFromTheFutureError);
      await expect(openServerDatabase(options)).rejects.toThrow(/newer version of Shamay/);
      while (pendingDrops.length) await pendingDrops.pop()?.();
    });

    it('seeds the demo organization once, satisfying every constraint, and maintains updated_at', async () => {
      const { db } = await openServerDatabase(await engine.fresh());
      await withDatabase(db, async () => {
        expect(await seedDemoOrganization(db, { seed: 1, valuations: 50 })).toMatchObject({ seeded: true });
        expect(await seedDemoOrganization(db, { seed: 1, valuations: 50 })).toMatchObject({ seeded: false });
        const [counts] = await db.query<{ v: number; u: number; m: number }>(
          'SELECT (SELECT count(*)::int FROM valuations) v, (SELECT count(*)::int FROM users) u, (SELECT count(*)::int FROM memberships) m',
        );
        expect(counts).toEqual({ v: 50, u: 5, m: 5 });
        const active = await db.query<{ status: string }>('SELECT DISTINCT status FROM active_valuations ORDER BY status');
        expect(active.map((r) => r.status)).toEqual(['DRAFT', 'IN_PROGRESS', 'READY']);

        const triggers = await db.query<{ table_name: string }>(
          `SELECT c.relname AS table_name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
           WHERE t.tgname = c.relname || '_set_updated_at'`,
        );
        const withUpdatedAt = await db.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.columns
           WHERE table_schema = 'public' AND column_name = 'updated_at' AND table_name IN
             (SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE')`,
        );
        expect(triggers.map((r) => r.table_name).sort()).toEqual(withUpdatedAt.map((r) => r.table_name).sort());

        const [row] = await db.query<{ id: string }>("SELECT id FROM valuations LIMIT 1");
        await db.query("UPDATE valuations SET updated_at = '2000-01-01T00:00:00Z' WHERE id = $1", [row?.id]);
        await db.query("UPDATE valuations SET title = 'כותרת' WHERE id = $1", [row?.id]);
        const [after] = await db.query<{ year: number }>('SELECT extract(year FROM updated_at)::int AS year FROM valuations WHERE id = $1', [row?.id]);
        expect(after?.year).toBeGreaterThan(2020);
        await expect(db.query("UPDATE valuations SET status = 'LOST' WHERE id = $1", [row?.id])).rejects.toThrow(/check/i);
      });
    });
  });
}

describe('PGlite backups before migrating', () => {
  it('writes a loadable copy of the old database before applying new migrations', async () => {
    const root = tempDir();
    const dataDir = join(root, 'pgdata');
    const old = await openPglite(dataDir);
    await migratePostgres(old, MIGRATIONS.postgres.filter((m) => m.version === 1));
    await old.query("INSERT INTO organizations (id, name) VALUES ('0190f000-0000-7000-8000-000000000001', 'משרד')");
    await old.close();

    const { db, migration } = await openServerDatabase({ dataDir, backupDir: join(root, 'backups') });
    await db.close();
    expect(migration).toEqual({ fromVersion: 1, toVersion: LATEST });
    const [backup] = readdirSync(join(root, 'backups'));
    expect(backup).toMatch(/^server-before-migration-from-v1-.*\.tar\.gz$/);
    const file = join(root, 'backups', backup as string);
    expect(existsSync(file)).toBe(true);

    const { readFile } = await import('node:fs/promises');
    const restored = await PGlite.create({ loadDataDir: new Blob([await readFile(file)]) });
    const rows = await restored.query<{ name: string }>('SELECT name FROM organizations');
    const versions = await restored.query<{ v: number }>('SELECT max(version) AS v FROM shamay_schema_migrations');
    await restored.close();
    expect(rows.rows).toEqual([{ name: 'משרד' }]);
    expect(versions.rows[0]?.v).toBe(1);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('several server instances starting together (PostgreSQL 15)', () => {
  it('migrate exactly once under the advisory lock', async () => {
    const scratch = await createScratchDatabase();
    try {
      const opened = await Promise.all([1, 2, 3].map(() => openServerDatabase({ databaseUrl: scratch.url })));
      const applied = opened.filter((o) => o.migration.toVersion > o.migration.fromVersion);
      expect(opened.every((o) => o.migration.toVersion === LATEST)).toBe(true);
      const [first] = opened;
      const rows = await first!.db.query<{ version: number }>('SELECT version FROM shamay_schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.postgres.map((m) => m.version));
      expect(applied.length).toBeGreaterThanOrEqual(1);
      await Promise.all(opened.map((o) => o.db.close()));
    } finally {
      await scratch.drop();
    }
  });
});
