// Applying what the server says to the local store (guarantee 4): server rows replace local rows,
// then the row's pending mutations are re-applied on top, so what the user typed stays visible until
// the server has it. Runs inside the caller's transaction; writes no outbox entries.
import { pushTo } from '../../../src-shared/domain/collections.ts';
import type Database from 'better-sqlite3';
import { PULLED_TABLES } from '../../../src-shared/sync/protocol.ts';
import { upsertServerRows } from '../store/server-rows.ts';
import { isSyncedTable, tableInfo, toDb, type SyncedTableName } from '../store/tables.ts';

export type ServerRow = Record<string, unknown>;

/** Keeps only the columns this client's schema knows (a newer server may send more). */
function known(table: SyncedTableName, row: ServerRow): ServerRow {
  const info = tableInfo(table);
  return Object.fromEntries(Object.entries(row).filter(([column]) => info.byColumn.has(column)));
}

export function applyServerRows(db: Database.Database, changes: readonly { table: string; row: ServerRow }[]): Set<string> {
  const touched = new Set<string>();
  const byTable = new Map<SyncedTableName, ServerRow[]>();
  for (const { table, row } of changes) {
    if (!isSyncedTable(table)) continue;
    pushTo(byTable, table, known(table, row));
    touched.add(`${table}:${String(row.id)}`);
  }
  for (const table of [...byTable.keys()].sort((a, b) => order(a) - order(b))) upsertServerRows(db, table, byTable.get(table)!);
  return touched;
}

export function applyTombstones(db: Database.Database, tombstones: readonly { table: string; rowId: string }[]): Set<string> {
  const touched = new Set<string>();
  const ordered = [...tombstones].sort((a, b) => order(b.table) - order(a.table));
  for (const { table, rowId } of ordered) {
    if (!isSyncedTable(table)) continue;
    db.prepare(`DELETE FROM "${table}" WHERE id = ?`).run(rowId);
    touched.add(`${table}:${rowId}`);
  }
  return touched;
}

function order(table: string): number {
  const index = (PULLED_TABLES as readonly string[]).indexOf(table);
  return index < 0 ? PULLED_TABLES.length : index;
}

/** Re-applies the pending mutations of the given rows (keys "table:id") on top of the server's rows. */
export function rebase(db: Database.Database, keys: Iterable<string>): void {
  // One look at the outbox instead of one per row: after a large pull most rows have nothing pending.
  const pendingKeys = new Set(
    (db.prepare('SELECT DISTINCT table_name, row_id FROM sync_mutations').all() as { table_name: string; row_id: string }[]).map(
      (m) => `${m.table_name}:${m.row_id}`,
    ),
  );
  if (pendingKeys.size === 0) return;
  const pending = db.prepare('SELECT operation, changes FROM sync_mutations WHERE table_name = ? AND row_id = ? ORDER BY seq');
  for (const key of keys) {
    if (!pendingKeys.has(key)) continue;
    const split = key.indexOf(':');
    const table = key.slice(0, split);
    const rowId = key.slice(split + 1);
    if (!isSyncedTable(table)) continue;
    // Consecutive updates are applied as one (later values win), so a row with many pending edits
    // costs one UPDATE, not one per edit.
    let folded: ServerRow | null = null;
    for (const m of pending.all(table, rowId) as { operation: string; changes: string }[]) {
      const changes = JSON.parse(m.changes) as ServerRow;
      if (m.operation === 'update') {
        folded = { ...(folded ?? {}), ...changes };
        continue;
      }
      if (folded) applyLocal(db, table, rowId, 'update', folded);
      folded = null;
      applyLocal(db, table, rowId, m.operation, changes);
    }
    if (folded) applyLocal(db, table, rowId, 'update', folded);
  }
}

function applyLocal(db: Database.Database, table: SyncedTableName, rowId: string, operation: string, changes: ServerRow): void {
  const info = tableInfo(table);
  const columns = Object.keys(changes).filter((c) => info.byColumn.has(c));
  const values = columns.map((c) => toDb(info.byColumn.get(c)!, changes[c]));
  if (operation === 'delete') {
    db.prepare(`DELETE FROM "${table}" WHERE id = ?`).run(rowId);
  } else if (operation === 'insert') {
    db.prepare(`INSERT OR IGNORE INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...values);
  } else if (columns.length) {
    db.prepare(`UPDATE "${table}" SET ${columns.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`).run(...values, rowId);
  }
}
