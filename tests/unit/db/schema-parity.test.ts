import { getTableName, is, type Table } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../../../src-shared/db/schema.pg.ts';
import * as sqliteSchema from '../../../src-shared/db/schema.sqlite.ts';

// Tables that exist in one dialect only, on purpose. Anything else must match column for column.
const CLIENT_ONLY = ['sync_mutations', 'sync_state', 'sync_conflicts', 'sync_rejections'];
const SERVER_ONLY = [
  'user_credentials',
  'devices',
  'user_sessions',
  'share_passwords',
  'auth_failures',
  'sync_counters',
  'applied_mutations',
  'sync_changes',
  'server_blobs',
  'server_secrets',
  'mutation_conflicts',
  'outbox',
];

// drizzle's dataType per column, mapped to one logical type (uuid and timestamptz read as strings).
const LOGICAL: Record<string, string> = {
  string: 'text',
  number: 'integer',
  boolean: 'boolean',
  json: 'json',
};

interface LogicalColumn {
  type: string;
  notNull: boolean;
  primary: boolean;
  hasDefault: boolean;
  enumValues: readonly string[] | undefined;
}

interface LogicalTable {
  columns: Record<string, LogicalColumn>;
  foreignKeys: string[];
  checks: Record<string, string>;
  indexes: string[];
  uniques: string[];
}

type AnyConfig = ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>;

function logical(config: AnyConfig, skipIndex: (name: string) => boolean): LogicalTable {
  const columns: Record<string, LogicalColumn> = {};
  for (const column of config.columns) {
    const type = LOGICAL[column.dataType.split(' ')[0] ?? ''];
    if (!type) throw new Error(`${config.name}.${column.name}: no logical type for ${column.dataType}`);
    columns[column.name] = {
      type,
      notNull: column.notNull,
      primary: column.primary,
      hasDefault: column.hasDefault,
      enumValues: column.enumValues,
    };
  }
  const foreignKeys = config.foreignKeys
    .map((fk) => {
      const ref = fk.reference();
      return `${ref.columns.map((c) => c.name).join(',')} -> ${getTableName(ref.foreignTable)}(${ref.foreignColumns
        .map((c) => c.name)
        .join(',')}) on delete ${fk.onDelete ?? 'no action'}`;
    })
    .sort();
  const checks = Object.fromEntries(
    config.checks.map((c) => [c.name, JSON.stringify(c.value)]).sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
  const indexes = config.indexes
    .map((i) => `${i.config.name}${i.config.unique ? ' unique' : ''}`)
    .filter((name) => !skipIndex(name))
    .sort();
  const uniques = config.columns.filter((c) => c.isUnique).map((c) => `${c.name} ${c.uniqueName}`).sort();
  return { columns, foreignKeys, checks, indexes, uniques };
}

function byName<T extends Table>(tables: T[]): Map<string, T> {
  return new Map(tables.map((table) => [getTableName(table), table]));
}

const sqliteTables = byName(Object.values(sqliteSchema).filter((v) => is(v, SQLiteTable)) as SQLiteTable[]);
const pgTables = byName(Object.values(pgSchema).filter((v) => is(v, PgTable)) as PgTable[]);
const shared = [...sqliteTables.keys()].filter((name) => !CLIENT_ONLY.includes(name));

describe('SQLite and PostgreSQL schemas describe one logical model', () => {
  it('has the same shared tables in both dialects, and dialect-only tables only where declared', () => {
    expect(shared.sort()).toEqual([...pgTables.keys()].filter((name) => !SERVER_ONLY.includes(name)).sort());
    for (const name of CLIENT_ONLY) expect(pgTables.has(name), name).toBe(false);
    for (const name of SERVER_ONLY) expect(sqliteTables.has(name), name).toBe(false);
  });

  it('includes every table of the domain model', () => {
    for (const name of [
      'organizations',
      'users',
      'memberships',
      'valuations',
      'valuation_sessions',
      'documents',
      'document_versions',
      'images',
      'asset_variants',
      'assets',
      'activity_logs',
      'document_shares',
      'document_access_logs',
    ]) {
      expect(shared, name).toContain(name);
    }
  });

  it.each(shared)('%s: columns, types, nullability, enums, keys, checks and indexes match', (name) => {
    // GIN indexes on jsonb exist on the server only (SQLite has no equivalent).
    const sqlite = logical(sqliteConfig(sqliteTables.get(name) as SQLiteTable), () => false);
    const postgres = logical(pgConfig(pgTables.get(name) as PgTable), (index) => index.endsWith('_gin'));
    expect(sqlite).toEqual(postgres);
  });

  it('enforces every enum column with a CHECK constraint in both dialects', () => {
    for (const [dialect, config] of [
      ...[...sqliteTables.values()].map((t) => ['sqlite', sqliteConfig(t)] as const),
      ...[...pgTables.values()].map((t) => ['pg', pgConfig(t)] as const),
    ]) {
      for (const column of config.columns.filter((c) => c.enumValues)) {
        const check = config.checks.find((c) => c.name === `${config.name}_${column.name}_check`);
        expect(check, `${dialect} ${config.name}.${column.name}`).toBeDefined();
      }
    }
  });
});
