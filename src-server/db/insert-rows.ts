import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { SqlSession } from './database.ts';

// PostgreSQL allows 65,535 bind parameters per statement.
const MAX_PARAMS = 60_000;

/**
 * Inserts rows given with drizzle property names (as the seed generator and the sync protocol carry
 * them) in multi-row INSERTs. JSON values are sent as text so arrays stay JSON, not PostgreSQL arrays.
 */
export async function insertRows(session: SqlSession, table: PgTable, objects: readonly object[]): Promise<void> {
  if (objects.length === 0) return;
  const rows = objects as readonly Record<string, unknown>[];
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((row) => row[key] !== undefined));
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES `;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = columns.map(([key, column]) => {
        const value = row[key];
        if (value === undefined) return 'DEFAULT';
        params.push(column.dataType === 'json' && value !== null ? JSON.stringify(value) : value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await session.query(head + tuples.join(', '), params);
  }
}
