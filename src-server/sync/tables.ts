// Column metadata of the synced tables on the server, read from the drizzle schema.
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../src-shared/db/schema.pg.ts';
import type { PulledTable } from '../../src-shared/sync/protocol.ts';

const TABLES: Record<PulledTable, PgTable> = {
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
};

export interface ServerColumn {
  name: string;
  sqlType: string;
  json: boolean;
}

const COLUMNS = new Map(
  Object.entries(TABLES).map(([name, table]) => [
    name,
    new Map(
      Object.values(getTableColumns(table)).map((c) => [c.name, { name: c.name, sqlType: c.getSQLType(), json: c.dataType === 'json' } satisfies ServerColumn]),
    ),
  ]),
);

export function serverColumns(table: string): Map<string, ServerColumn> | undefined {
  return COLUMNS.get(table);
}

/** A value as a query parameter for this column (JSON travels as text so arrays stay JSON). */
export function toParam(column: ServerColumn, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return column.json ? JSON.stringify(value) : value;
}

/** Columns that name the acting user: on insert they must be the caller. */
export const ACTOR_COLUMNS = ['created_by_id', 'uploaded_by_id', 'generated_by_id', 'user_id'] as const;

/**
 * Columns a client never sets through push (identity, ownership, signing, versions), nor, on an update,
 * a row's parent: moving a document to another valuation would slip it into a signed one (the
 * lifecycle checks the parent the row has) or into another organization's (a foreign key does not
 * see row-level security).
 */
export const SERVER_MANAGED_ON_UPDATE = new Set([
  'id',
  'organization_id',
  'valuation_id',
  'document_id',
  'image_id',
  'asset_id',
  'created_at',
  'server_version',
  'signed_by_id',
  'signed_at',
  'report_sha256',
  'revision_of_id',
  ...ACTOR_COLUMNS,
]);

/** How a deletion cascades on the server, so every removed row gets a tombstone in the feed. */
export const CASCADES: Record<string, readonly (readonly [table: string, column: string])[]> = {
  valuations: [
    ['documents', 'valuation_id'],
    ['images', 'valuation_id'],
    ['assets', 'valuation_id'],
  ],
  documents: [
    ['document_versions', 'document_id'],
    ['asset_variants', 'document_id'],
    ['document_shares', 'document_id'],
  ],
  images: [['asset_variants', 'image_id']],
  assets: [['document_shares', 'asset_id']],
};

/** Rows that a deletion changes rather than removes (foreign keys ON DELETE SET NULL). */
export const SET_NULL_ON_DELETE: Record<string, readonly (readonly [table: string, column: string])[]> = {
  valuations: [
    ['valuation_sessions', 'valuation_id'],
    ['valuations', 'revision_of_id'],
  ],
};
