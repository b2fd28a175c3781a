import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { is } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrateSqlite, schemaVersion } from '../../../src-main/core/db/migrate.ts';
import { openLocalDatabase } from '../../../src-main/core/db/open.ts';
import { MIGRATIONS } from '../../../src-shared/db/migrations.generated.ts';
import { DatabaseFromTheFutureError, latestVersion, type Migration } from '../../../src-shared/db/migrations.ts';
import * as schema from '../../../src-shared/db/schema.sqlite.ts';
import { generateDemoDataset } from '../../../src-shared/seed/index.ts';
import { fillDataset, rowIds } from '../../helpers/sqlite-fill.ts';
import { tempDir } from '../../helpers/temp.ts';

const LATEST = latestVersion(MIGRATIONS.sqlite);
const FILLED_TABLES = ['organizations', 'users', 'memberships', 'valuations', 'documents', 'activity_logs'];

function openAt(file: string, version: number): Database.Database {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrateSqlite(db, MIGRATIONS.sqlite.filter((m) => m.version <= version), null);
  return db;
}

function snapshot(db: Database.Database): Record<string, string[]> {
  return Object.fromEntries(FILLED_TABLES.map((t) => [t, rowIds(db, t)]));
}

describe('local store migrations (real SQLite files)', () => {
  it('creates a fresh database at the newest version with every table of the schema', () => {
    const dir = tempDir();
    const { db, migration } = openLocalDatabase({ file: join(dir, 'shamay.sqlite') });
    try {
      expect(migration).toEqual({ fromVersion: 0, toVersion: LATEST, backupFile: null });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      // The migrations and the drizzle schema agree column for column (no forgotten `db:generate`).
      for (const table of Object.values(schema).filter((v) => is(v, SQLiteTable)) as SQLiteTable[]) {
        const config = getTableConfig(table);
        const actual = (db.pragma(`table_info(${config.name})`) as { name: string; notnull: number }[]).map(
          (c) => `${c.name}${c.notnull ? ' not null' : ''}`,
        );
        const expected = config.columns.map((c) => `${c.name}${c.notNull || c.primary ? ' not null' : ''}`);
        expect(actual.sort(), config.name).toEqual(expected.sort());
      }
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('opens an up-to-date database without migrating or writing a backup', () => {
    const dir = tempDir();
    openLocalDatabase({ file: join(dir, 'shamay.sqlite') }).db.close();
    const { db, migration } = openLocalDatabase({ file: join(dir, 'shamay.sqlite') });
    db.close();
    expect(migration).toEqual({ fromVersion: LATEST, toVersion: LATEST, backupFile: null });
    expect(readdirSync(join(dir, 'backups'))).toEqual([]);
  });

  it('refuses a database from the future and changes nothing', () => {
    const dir = tempDir();
    const file = join(dir, 'shamay.sqlite');
    const first = openLocalDatabase({ file });
    fillDataset(first.db, generateDemoDataset({ seed: 7, valuations: 5 }));
    first.db.pragma(`user_version = ${LATEST + 3}`);
    const before = snapshot(first.db);
    first.db.close();

    expect(() => openLocalDatabase({ file })).toThrow(DatabaseFromTheFutureError);
    expect(() => openLocalDatabase({ file })).toThrow(/newer version of Shamay/);
    const db = new Database(file, { readonly: true });
    expect(schemaVersion(db)).toBe(LATEST + 3);
    expect(snapshot(db)).toEqual(before);
    db.close();
  });

  it('writes a backup holding the old data before migrating a populated database', () => {
    const dir = tempDir();
    const file = join(dir, 'shamay.sqlite');
    const old = openAt(file, 1);
    fillDataset(old, generateDemoDataset({ seed: 3, valuations: 20 }));
    const before = snapshot(old);
    old.close();

    const { db, migration } = openLocalDatabase({ file, now: () => new Date('2026-11-21T10:00:00Z') });
    expect(migration.fromVersion).toBe(1);
    expect(migration.toVersion).toBe(LATEST);
    expect(migration.backupFile && existsSync(migration.backupFile)).toBeTruthy();
    expect(snapshot(db)).toEqual(before);
    db.close();

    const backup = new Database(migration.backupFile as string, { readonly: true });
    expect(schemaVersion(backup)).toBe(1);
    expect(snapshot(backup)).toEqual(before);
    backup.close();
  });

  // Migrates a database populated at every older version through all later migrations; any migration
  // that loses a row (for example a drizzle-kit table rebuild cascading a DROP TABLE) fails here.
  it.each(MIGRATIONS.sqlite.filter((m) => m.version < LATEST).map((m) => m.version))(
    'a database populated at version %i reaches the newest version without losing a row',
    (startVersion) => {
      const dir = tempDir();
      const file = join(dir, 'shamay.sqlite');
      const db = openAt(file, startVersion);
      fillDataset(db, generateDemoDataset({ seed: startVersion, valuations: 40 }));
      const before = snapshot(db);
      expect(before.documents?.length).toBeGreaterThan(0);
      migrateSqlite(db, MIGRATIONS.sqlite, null);
      expect(schemaVersion(db)).toBe(LATEST);
      expect(snapshot(db)).toEqual(before);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    },
  );

  describe('the table-rebuild guard', () => {
    // The shape drizzle-kit generates when a SQLite column change needs a rebuild of a parent table.
    function rebuildOrganizations(db: Database.Database): Migration {
      const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'organizations'").get() as { sql: string };
      const create = sql
        .replace(/CREATE TABLE [`"]?organizations[`"]?/, 'CREATE TABLE `__new_organizations`')
        .replace(/\)\s*$/, ', `logo_key` text)');
      const columns = '"id", "name", "settings", "created_at", "updated_at", "server_version"';
      return {
        version: LATEST + 1,
        tag: 'synthetic_rebuild',
        sql: [
          'PRAGMA foreign_keys=OFF;',
          create,
          `INSERT INTO \`__new_organizations\`(${columns}) SELECT ${columns} FROM \`organizations\`;`,
          'DROP TABLE `organizations`;',
          'ALTER TABLE `__new_organizations` RENAME TO `organizations`;',
          'PRAGMA foreign_keys=ON;',
        ].join('\n--> statement-breakpoint\n'),
      };
    }

    it('keeps every child row when a parent table is rebuilt', () => {
      const db = openAt(join(tempDir(), 'a.sqlite'), LATEST);
      fillDataset(db, generateDemoDataset({ seed: 11, valuations: 30 }));
      const before = snapshot(db);
      migrateSqlite(db, [...MIGRATIONS.sqlite, rebuildOrganizations(db)], null);
      expect(snapshot(db)).toEqual(before);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      db.close();
    });

    it('would lose the child rows if the rebuild ran the naive way (why the guard exists)', () => {
      const db = openAt(join(tempDir(), 'b.sqlite'), LATEST);
      fillDataset(db, generateDemoDataset({ seed: 11, valuations: 30 }));
      const migration = rebuildOrganizations(db);
      db.pragma('legacy_alter_table = ON'); // isolate the cascade from the view check
      db.transaction(() => {
        for (const statement of migration.sql.split('--> statement-breakpoint')) db.exec(statement);
      })();
      expect(rowIds(db, 'valuations')).toEqual([]);
      db.close();
    });

    it('rolls back a rebuild that would leave dangling foreign keys', () => {
      const db = openAt(join(tempDir(), 'c.sqlite'), LATEST);
      fillDataset(db, generateDemoDataset({ seed: 5, valuations: 10 }));
      const before = snapshot(db);
      const broken: Migration = {
        version: LATEST + 1,
        tag: 'drops_users',
        sql: 'CREATE TABLE `__new_users` (`id` text PRIMARY KEY NOT NULL);\n--> statement-breakpoint\nDROP TABLE `users`;\n--> statement-breakpoint\nALTER TABLE `__new_users` RENAME TO `users`;',
      };
      expect(() => migrateSqlite(db, [...MIGRATIONS.sqlite, broken], null)).toThrow(/foreign key/);
      expect(schemaVersion(db)).toBe(LATEST);
      expect(snapshot(db)).toEqual(before);
      db.close();
    });
  });

  it('0011: keeps two provisional asset versions alike (made offline on two devices) until the server renumbers them', () => {
    const file = join(tempDir(), 'd.sqlite');
    const before = openAt(file, 10);
    fillDataset(before, generateDemoDataset({ seed: 2, valuations: 1 }));
    const [valuationId] = rowIds(before, 'valuations');
    const { organization_id: org, created_by_id: user } = before.prepare('SELECT organization_id, created_by_id FROM valuations WHERE id = ?').get(valuationId) as {
      organization_id: string;
      created_by_id: string;
    };
    const insert = (db: Database.Database, id: string) =>
      db
        .prepare(
          `INSERT INTO assets (id, valuation_id, organization_id, asset_type, file_name, storage_key, sha256, size_bytes, slug, generated_by_id, version)
           VALUES (?, ?, ?, 'CSV', 'x.csv', 'k', ?, 1, 'valuation-csv', ?, 1)`,
        )
        .run(id, valuationId, org, 'a'.repeat(64), user);
    insert(before, '0190a0b0-0000-7000-8000-0000000000a1');
    expect(() => insert(before, '0190a0b0-0000-7000-8000-0000000000a2')).toThrow(/UNIQUE/);
    before.close();

    const { db } = openLocalDatabase({ file });
    insert(db, '0190a0b0-0000-7000-8000-0000000000a2');
    expect((db.prepare("SELECT count(*) AS n FROM assets WHERE slug = 'valuation-csv' AND version = 1").get() as { n: number }).n).toBe(2);
    db.close();
  });

  it('leaves updated_at to the writer (no trigger rewrites a value the server sent)', () => {
    const { db } = openLocalDatabase({ file: join(tempDir(), 'd.sqlite') });
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_set_updated_at'").all();
    expect(triggers).toEqual([]);
    fillDataset(db, generateDemoDataset({ seed: 1, valuations: 2 }));
    const [id] = rowIds(db, 'valuations');
    db.prepare("UPDATE valuations SET title = 'x', updated_at = '2001-02-03T04:05:06.789Z' WHERE id = ?").run(id);
    db.prepare("UPDATE valuations SET title = 'y' WHERE id = ?").run(id);
    const kept = db.prepare('SELECT updated_at FROM valuations WHERE id = ?').get(id) as { updated_at: string };
    expect(kept.updated_at).toBe('2001-02-03T04:05:06.789Z');
    db.close();
  });

  it('lists only draft, in-progress and ready valuations in active_valuations, with creator and office names', () => {
    const { db } = openLocalDatabase({ file: join(tempDir(), 'e.sqlite') });
    const data = generateDemoDataset({ seed: 2, valuations: 50 });
    fillDataset(db, data);
    const active = db.prepare('SELECT * FROM active_valuations').all() as { status: string; creator_name: string; organization_name: string }[];
    const expected = data.valuations.filter((v) => ['DRAFT', 'IN_PROGRESS', 'READY'].includes(String(v.status)));
    expect(active).toHaveLength(expected.length);
    expect(active.length).toBeLessThan(data.valuations.length);
    for (const row of active) {
      expect(row.creator_name).toBeTruthy();
      expect(row.organization_name).toBe(data.organizations[0]?.name);
    }
    db.close();
  });

  it('rejects values that break the CHECK constraints', () => {
    const { db } = openLocalDatabase({ file: join(tempDir(), 'f.sqlite') });
    fillDataset(db, generateDemoDataset({ seed: 4, valuations: 3 }));
    const [id] = rowIds(db, 'valuations');
    expect(() => db.prepare("UPDATE valuations SET status = 'LOST' WHERE id = ?").run(id)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE valuations SET final_valuation_agorot = -1 WHERE id = ?').run(id)).toThrow(/CHECK/);
    db.close();
  });
});
