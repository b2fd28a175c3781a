import type Database from 'better-sqlite3';
import { tableInfo, toDb, type SyncedTableName } from './tables.ts';

/**
 * Writes rows as the server has them (column names, decoded values), inserting or replacing by id.
 * No outbox entry: these changes came from the server. Used by sign-in and by the sync engine's pull.
 */
export function upsertServerRows(db: Database.Database, table: SyncedTableName, rows: readonly Record<string, unknown>[]): void {
  if (rows.length === 0) return;
  const info = tableInfo(table);
  const statements = new Map<string, Database.Statement>();
  for (const row of rows) {
    const columns = Object.keys(row).filter((c) => info.byColumn.has(c));
    const signature = columns.join(',');
    let statement = statements.get(signature);
    if (!statement) {
      const updates = columns.filter((c) => c !== 'id').map((c) => `"${c}" = excluded."${c}"`);
      statement = db.prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
         ON CONFLICT (id) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
      );
      statements.set(signature, statement);
    }
    statement.run(...columns.map((c) => toDb(info.byColumn.get(c)!, row[c])));
  }
}
