import type { RowSyncState } from '../../../src-shared/contract/entities.ts';
import type { SyncedTableName } from './tables.ts';

/**
 * SQL for the sync badge of a row (the order matters: a conflict outranks a pending upload).
 * `idExpr` is the row id expression of the outer query.
 */
export function rowSyncStateSql(table: SyncedTableName, idExpr: string, serverVersionExpr: string): string {
  const where = `table_name = '${table}' AND row_id = ${idExpr}`;
  return `CASE
    WHEN EXISTS (SELECT 1 FROM sync_conflicts WHERE ${where} AND status = 'OPEN') THEN 'conflict'
    WHEN EXISTS (SELECT 1 FROM sync_rejections WHERE ${where} AND status = 'OPEN') THEN 'rejected'
    WHEN EXISTS (SELECT 1 FROM sync_mutations WHERE ${where} AND state = 'IN_FLIGHT') THEN 'uploading'
    WHEN EXISTS (SELECT 1 FROM sync_mutations WHERE ${where}) THEN 'saved_locally'
    WHEN ${serverVersionExpr} > 0 THEN 'synced'
    ELSE 'saved_locally' END`;
}

export type { RowSyncState };
