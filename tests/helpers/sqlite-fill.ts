import type Database from 'better-sqlite3';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../../src-shared/db/schema.sqlite.ts';

type Row = Record<string, unknown>;

/**
 * Inserts rows given with drizzle property names into whatever columns the table has *now*, so a
 * database at an older schema version can be filled with today's seed data.
 */
export function insertProjected(db: Database.Database, table: SQLiteTable, rows: readonly Row[]): number {
  const name = getTableName(table);
  const existing = new Set((db.pragma(`table_info(${name})`) as { name: string }[]).map((c) => c.name));
  if (existing.size === 0 || rows.length === 0) return 0;
  const columns = Object.entries(getTableColumns(table)).filter(([, column]) => existing.has(column.name));
  const usable = columns.filter(([key]) => rows.some((row) => row[key] !== undefined));
  const sql = `INSERT INTO "${name}" (${usable.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES (${usable
    .map(() => '?')
    .join(', ')})`;
  const statement = db.prepare(sql);
  db.transaction(() => {
    for (const row of rows) statement.run(usable.map(([key]) => toSqlite(row[key])));
  })();
  return rows.length;
}

function toSqlite(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

export interface Dataset {
  organizations: Row[];
  users: Row[];
  memberships: Row[];
  valuations: Row[];
  documents: Row[];
  activityLogs: Row[];
}

/** Fills a database (at any schema version) with a seed dataset, in foreign-key order. */
export function fillDataset(db: Database.Database, data: Dataset): void {
  insertProjected(db, schema.organizations, data.organizations);
  insertProjected(db, schema.users, data.users);
  insertProjected(db, schema.memberships, data.memberships);
  insertProjected(db, schema.valuations, data.valuations);
  insertProjected(db, schema.documents, data.documents);
  insertProjected(db, schema.activityLogs, data.activityLogs);
}

export function rowIds(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT id FROM "${table}" ORDER BY id`).all() as { id: string }[]).map((r) => r.id);
}
