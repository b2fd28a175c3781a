// Column metadata of the synced tables, read once from the drizzle schema, so that rows can move
// between the database (snake_case, JSON as text, booleans as 0/1) and the contract (camelCase,
// real JSON values, booleans) without a hand-written mapper per table.
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../../../src-shared/db/schema.sqlite.ts';
import type { PulledTable } from '../../../src-shared/sync/protocol.ts';

export const SYNCED_TABLES = {
  organizations: schema.organizations,
  users: schema.users,
  memberships: schema.memberships,
  valuations: schema.valuations,
  valuation_sessions: schema.valuationSessions,
  documents: schema.documents,
  document_versions: schema.documentVersions,
  images: schema.images,
  asset_variants: schema.assetVariants,
  assets: schema.assets,
  activity_logs: schema.activityLogs,
  document_shares: schema.documentShares,
  document_access_logs: schema.documentAccessLogs,
  // comparables library (organization-wide, belongs to no valuation)
  comparables: schema.comparables,
} as const satisfies Record<PulledTable, SQLiteTable>; // the same tables the server's map names (src-server/sync/tables.ts)

export type SyncedTableName = keyof typeof SYNCED_TABLES;

export interface ColumnInfo {
  column: string;
  key: string;
  kind: 'json' | 'boolean' | 'plain';
}

export interface TableInfo {
  name: SyncedTableName;
  columns: ColumnInfo[];
  byColumn: Map<string, ColumnInfo>;
  byKey: Map<string, ColumnInfo>;
}

function describe(name: SyncedTableName, table: SQLiteTable): TableInfo {
  if (getTableName(table) !== name) throw new Error(`table map mismatch: ${name}`);
  const columns = Object.entries(getTableColumns(table)).map(([key, c]): ColumnInfo => ({
    column: c.name,
    key,
    kind: c.dataType === 'json' ? 'json' : c.dataType === 'boolean' ? 'boolean' : 'plain',
  }));
  return {
    name,
    columns,
    byColumn: new Map(columns.map((c) => [c.column, c])),
    byKey: new Map(columns.map((c) => [c.key, c])),
  };
}

const INFO = Object.fromEntries(
  Object.entries(SYNCED_TABLES).map(([name, table]) => [name, describe(name as SyncedTableName, table)]),
) as Record<SyncedTableName, TableInfo>;

export function tableInfo(name: SyncedTableName): TableInfo {
  return INFO[name];
}

export function isSyncedTable(name: string): name is SyncedTableName {
  return Object.hasOwn(SYNCED_TABLES, name);
}

/** A JS value as SQLite stores it in this column. */
export function toDb(info: ColumnInfo, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (info.kind === 'json') return JSON.stringify(value);
  if (info.kind === 'boolean') return value ? 1 : 0;
  return value;
}

export function fromDb(info: ColumnInfo, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (info.kind === 'json') return typeof value === 'string' ? JSON.parse(value) : value;
  if (info.kind === 'boolean') return value === 1 || value === true;
  return value;
}

/** A raw database row (snake_case) as decoded column values, still keyed by column name. */
export function decodeColumns(table: SyncedTableName, raw: Record<string, unknown>): Record<string, unknown> {
  const info = INFO[table];
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(raw)) {
    const col = info.byColumn.get(column);
    out[column] = col ? fromDb(col, value) : value;
  }
  return out;
}

/** A raw database row as a camelCase entity with decoded values. */
export function toEntity<T>(table: SyncedTableName, raw: Record<string, unknown>): T {
  const info = INFO[table];
  const out: Record<string, unknown> = {};
  for (const col of info.columns) if (col.column in raw) out[col.key] = fromDb(col, raw[col.column]);
  return out as T;
}

/** camelCase fields (as the contract names them) to column names, rejecting unknown fields. */
export function keysToColumns(table: SyncedTableName, fields: Record<string, unknown>): Record<string, unknown> {
  const info = INFO[table];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const col = info.byKey.get(key);
    if (!col) throw new Error(`${table} has no field ${key}`);
    out[col.column] = value;
  }
  return out;
}
