// Representation rules shared by both dialects (see docs/data-model.md):
// - ids are UUIDv7 text generated on the client (uuid in PostgreSQL);
// - money is integer agorot (1 NIS = 100 agorot), never binary floating point;
// - areas stored in columns are integer hundredths of a square metre;
// - timestamps are ISO-8601 UTC strings with milliseconds in SQLite ('2026-11-21T20:35:03.123Z'),
//   timestamptz in PostgreSQL; both read back as strings;
// - JSON is TEXT holding JSON in SQLite, jsonb in PostgreSQL.

/** SQL expression that yields the current time in the SQLite timestamp representation. */
export const SQLITE_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** Builds the body of a CHECK constraint that limits a column to a closed list of values. */
export function inList(column: string, values: readonly string[]): string {
  for (const value of values) {
    if (!/^[A-Za-z_]+$/.test(value)) throw new Error(`enum value not allowed in a CHECK: ${value}`);
  }
  return `"${column}" IN (${values.map((v) => `'${v}'`).join(', ')})`;
}
