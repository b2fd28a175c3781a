// The change feed behind pull (ARCHITECTURE.md guarantee 3). Every change takes versions from its
// organization's counter row, locked FOR UPDATE until the transaction commits: versions therefore
// become visible in order, and a pull by `server_version > cursor` can never skip a row that commits
// later with a smaller version (the bigserial trap).
import type { SqlSession } from '../db/database.ts';

export interface FeedEntry {
  table: string;
  rowId: string;
  version: number;
  deleted: boolean;
  actorId: string | null;
}

/** Hands out an organization's next versions inside one transaction and records the feed entries. */
export class VersionAllocator {
  private last = 0;
  private readonly entries = new Map<string, FeedEntry>();
  private readonly tx: SqlSession;
  readonly organizationId: string;

  private constructor(tx: SqlSession, organizationId: string) {
    this.tx = tx;
    this.organizationId = organizationId;
  }

  /** Locks the organization's counter until the transaction ends. */
  static async lock(tx: SqlSession, organizationId: string): Promise<VersionAllocator> {
    const allocator = new VersionAllocator(tx, organizationId);
    await tx.query('INSERT INTO sync_counters (organization_id, last_version) VALUES ($1, 0) ON CONFLICT (organization_id) DO NOTHING', [
      organizationId,
    ]);
    const [row] = await tx.query<{ last_version: number }>(
      'SELECT last_version FROM sync_counters WHERE organization_id = $1 FOR UPDATE',
      [organizationId],
    );
    allocator.last = row?.last_version ?? 0;
    return allocator;
  }

  next(): number {
    return ++this.last;
  }

  get current(): number {
    return this.last;
  }

  /** Notes that a row changed (or was deleted) at `version`; the newest entry per row wins. */
  record(entry: FeedEntry): void {
    this.entries.set(`${entry.table}:${entry.rowId}`, entry);
  }

  /** Writes the counter and the feed entries. Call once, at the end of the transaction's work. */
  async flush(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (let start = 0; start < entries.length; start += 5_000) {
      const chunk = entries.slice(start, start + 5_000);
      await this.tx.query(
        `INSERT INTO sync_changes (organization_id, table_name, row_id, server_version, deleted, changed_by_id)
         SELECT $1, t.table_name, t.row_id, t.server_version, t.deleted, t.changed_by_id
         FROM unnest($2::text[], $3::uuid[], $4::bigint[], $5::boolean[], $6::uuid[])
           AS t(table_name, row_id, server_version, deleted, changed_by_id)
         ON CONFLICT (organization_id, table_name, row_id) DO UPDATE SET server_version = excluded.server_version,
           deleted = excluded.deleted, changed_by_id = excluded.changed_by_id, changed_at = now()`,
        [
          this.organizationId,
          chunk.map((e) => e.table),
          chunk.map((e) => e.rowId),
          chunk.map((e) => e.version),
          chunk.map((e) => e.deleted),
          chunk.map((e) => e.actorId),
        ],
      );
    }
    await this.tx.query('UPDATE sync_counters SET last_version = $2 WHERE organization_id = $1', [this.organizationId, this.last]);
    await this.tx.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, JSON.stringify({ organizationId: this.organizationId, version: this.last })]);
  }
}

/** PostgreSQL NOTIFY channel for "an organization has new versions" (delivered at commit). */
export const LIVE_CHANNEL = 'shamay_changes';

/**
 * Records one server-side change (admin CLI, seeding): bumps the version, stamps the row's
 * server_version and publishes it in the feed. `users` rows are published per organization.
 */
export async function recordChange(
  tx: SqlSession,
  change: { organizationId: string; table: string; rowId: string; deleted?: boolean; actorId?: string | null },
): Promise<number> {
  const allocator = await VersionAllocator.lock(tx, change.organizationId);
  const version = allocator.next();
  if (!change.deleted) await tx.query(`UPDATE "${change.table}" SET server_version = $2 WHERE id = $1`, [change.rowId, version]);
  allocator.record({ table: change.table, rowId: change.rowId, version, deleted: change.deleted ?? false, actorId: change.actorId ?? null });
  await allocator.flush();
  return version;
}

/**
 * Publishes every row of an organization that is not in its feed yet, in foreign-key order. Used after bulk loads such as the demo seed; set-based, so 100,000 rows are fast.
 */
export async function publishUnversionedRows(tx: SqlSession, organizationId: string, tables: readonly string[]): Promise<number> {
  const allocator = await VersionAllocator.lock(tx, organizationId);
  let published = 0;
  for (const table of tables) {
    const scope =
      table === 'organizations'
        ? 'id = $1'
        : table === 'users'
          ? 'id IN (SELECT user_id FROM memberships WHERE organization_id = $1)'
          : 'organization_id = $1';
    const rows = await tx.query<{ id: string; version: number }>(
      `WITH pending AS (
         SELECT id, $2::bigint + row_number() OVER (ORDER BY created_at, id) AS version FROM "${table}" r
         WHERE ${scope} AND NOT EXISTS (SELECT 1 FROM sync_changes c
           WHERE c.organization_id = $1 AND c.table_name = '${table}' AND c.row_id = r.id))
       UPDATE "${table}" t SET server_version = pending.version FROM pending WHERE t.id = pending.id
       RETURNING t.id, t.server_version AS version`,
      [organizationId, allocator.current],
    );
    for (const row of rows) {
      allocator.record({ table, rowId: row.id, version: row.version, deleted: false, actorId: null });
      allocator.next();
    }
    published += rows.length;
  }
  await allocator.flush();
  return published;
}
