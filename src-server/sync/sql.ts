import type { SqlSession } from '../db/database.ts';

// PostgreSQL allows 65,535 bind parameters per statement.
const MAX_PARAMS = 60_000;

/** Multi-row INSERT of rows that all have the given columns, chunked under the parameter limit. */
export async function insertMany(
  tx: SqlSession,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  casts: readonly string[] = [],
  suffix = '',
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map(
      (row) => `(${row.map((value, i) => (params.push(value), `$${params.length}${casts[i] ? `::${casts[i]}` : ''}`)).join(', ')})`,
    );
    await tx.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`, params);
  }
}

/** Multi-row UPDATE by id: UPDATE t SET c = v.c FROM (VALUES …) v WHERE t.id = v.id. */
export async function updateMany(
  tx: SqlSession,
  table: string,
  columns: readonly string[],
  casts: readonly string[],
  rows: readonly { id: string; values: readonly unknown[] }[],
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / (columns.length + 1)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      params.push(row.id);
      const cells = [`$${params.length}::uuid`];
      row.values.forEach((value, i) => {
        params.push(value);
        cells.push(`$${params.length}::${casts[i]}`);
      });
      return `(${cells.join(', ')})`;
    });
    await tx.query(
      `UPDATE "${table}" t SET ${columns.map((c) => `"${c}" = v."${c}"`).join(', ')}
       FROM (VALUES ${tuples.join(', ')}) AS v(id, ${columns.map((c) => `"${c}"`).join(', ')}) WHERE t.id = v.id`,
      params,
    );
  }
}
