// Pull: the change feed of one organization after a cursor, as rows and tombstones (guarantee 3).
// A client viewer receives only READY/SIGNED valuations and what belongs to them; anything else in the
// page reaches it as a tombstone, so a valuation that leaves READY also leaves the viewer's laptop.
import { pushTo } from '../../src-shared/domain/collections.ts';
import { PULLED_TABLES, type PullResponse } from '../../src-shared/sync/protocol.ts';
import type { SqlSession } from '../db/database.ts';
import type { Role } from '../context.ts';
import type { Row } from './batch-state.ts';

const VIEWER_VISIBLE_STATUSES = new Set(['READY', 'SIGNED']);
/** Tables a client viewer never receives. */
const HIDDEN_FROM_VIEWERS = new Set(['valuation_sessions', 'document_shares', 'document_access_logs']);

export async function pullChanges(tx: SqlSession, organizationId: string, role: Role, cursor: number, limit: number): Promise<PullResponse> {
  const entries = await tx.query<{ table_name: string; row_id: string; server_version: number; deleted: boolean }>(
    `SELECT table_name, row_id, server_version, deleted FROM sync_changes
     WHERE organization_id = $1 AND server_version > $2 ORDER BY server_version LIMIT $3`,
    [organizationId, cursor, limit],
  );
  const [head] = await tx.query<{ last_version: number }>('SELECT last_version FROM sync_counters WHERE organization_id = $1', [organizationId]);

  const idsByTable = new Map<string, string[]>();
  for (const e of entries) if (!e.deleted) pushTo(idsByTable, e.table_name, e.row_id);
  const rows = new Map<string, Row>();
  for (const [table, ids] of idsByTable) {
    if (!(PULLED_TABLES as readonly string[]).includes(table)) continue;
    for (const row of await tx.query<Row>(`SELECT * FROM "${table}" WHERE id = ANY($1::uuid[])`, [ids])) rows.set(`${table}:${String(row.id)}`, row);
  }
  const visible = role === 'CLIENT_VIEWER' ? await viewerVisibility(tx, rows) : () => true;

  const changes: PullResponse['changes'] = [];
  const tombstones: PullResponse['tombstones'] = [];
  for (const e of entries) {
    const row = rows.get(`${e.table_name}:${e.row_id}`);
    if (row && visible(e.table_name, row)) changes.push({ table: e.table_name, row });
    else tombstones.push({ table: e.table_name, rowId: e.row_id });
  }
  return {
    changes,
    tombstones,
    cursor: entries.at(-1)?.server_version ?? cursor,
    hasMore: entries.length === limit,
    headVersion: head?.last_version ?? 0,
  };
}

/** Decides, for a client viewer, which of the page's rows it may hold. */
async function viewerVisibility(tx: SqlSession, rows: Map<string, Row>) {
  const valuationIds = new Set<string>();
  const documentIds = new Set<string>();
  const imageIds = new Set<string>();
  for (const [key, row] of rows) {
    const table = key.slice(0, key.indexOf(':'));
    if (table === 'valuations') valuationIds.add(String(row.id));
    if (typeof row.valuation_id === 'string') valuationIds.add(row.valuation_id);
    if (typeof row.document_id === 'string') documentIds.add(row.document_id);
    if (typeof row.image_id === 'string') imageIds.add(row.image_id);
  }
  const parents = await tx.query<{ id: string; valuation_id: string }>(
    'SELECT id, valuation_id FROM documents WHERE id = ANY($1::uuid[]) UNION ALL SELECT id, valuation_id FROM images WHERE id = ANY($2::uuid[])',
    [[...documentIds], [...imageIds]],
  );
  const valuationOfParent = new Map(parents.map((p) => [p.id, p.valuation_id]));
  for (const p of parents) valuationIds.add(p.valuation_id);
  const statuses = new Map(
    (await tx.query<{ id: string; status: string }>('SELECT id, status FROM valuations WHERE id = ANY($1::uuid[])', [[...valuationIds]])).map((v) => [
      v.id,
      v.status,
    ]),
  );
  const shown = (valuationId: unknown) => typeof valuationId === 'string' && VIEWER_VISIBLE_STATUSES.has(statuses.get(valuationId) ?? '');
  return (table: string, row: Row): boolean => {
    if (HIDDEN_FROM_VIEWERS.has(table)) return false;
    switch (table) {
      case 'organizations':
      case 'users':
      case 'memberships':
        return true;
      case 'valuations':
        return shown(row.id);
      case 'document_versions':
        return shown(valuationOfParent.get(String(row.document_id)));
      case 'asset_variants':
        return shown(valuationOfParent.get(String(row.image_id ?? row.document_id)));
      default:
        return shown(row.valuation_id);
    }
  };
}
