// The rows one push batch touches, held in memory while its mutations are decided in order, then
// written with a few multi-row statements. Rows are read FOR UPDATE, after the organization's counter
// lock, so concurrent pushes serialize without deadlocks.
import { pushTo } from '../../src-shared/domain/collections.ts';
import { PULLED_TABLES } from '../../src-shared/sync/protocol.ts';
import type { SqlSession } from '../db/database.ts';
import type { VersionAllocator } from './change-feed.ts';
import { insertMany, updateMany } from './sql.ts';
import { CASCADES, serverColumns, SET_NULL_ON_DELETE, toParam } from './tables.ts';

export type Row = Record<string, unknown>;

interface Entry {
  table: string;
  id: string;
  /** The row as it is now in this batch; null when it does not exist (or no longer). */
  row: Row | null;
  /** Existed in the database before the batch. */
  stored: boolean;
  inserted: boolean;
  removed: boolean;
  dirty: Set<string>;
}

export class BatchState {
  private readonly entries = new Map<string, Entry>();
  private readonly deletedKeys = new Set<string>();
  /** Rows of other organizations among the ids prefetched, and which ids were checked. */
  private readonly foreignKeys = new Set<string>();
  private readonly checkedForeign = new Set<string>();
  /** sha256 -> MIME type of the blobs the organization holds that this batch names. */
  private readonly heldBlobs = new Map<string, string>();
  private readonly tx: SqlSession;
  private readonly organizationId: string;

  constructor(tx: SqlSession, organizationId: string) {
    this.tx = tx;
    this.organizationId = organizationId;
  }

  /** Loads, in one query per table, the rows the mutations name, which of them were deleted, and held blobs. */
  async prefetch(keys: readonly { table: string; id: string }[], blobs: readonly string[]): Promise<void> {
    const byTable = new Map<string, string[]>();
    for (const { table, id } of keys) {
      if (!serverColumns(table) || this.entries.has(`${table}:${id}`)) continue;
      pushTo(byTable, table, id);
    }
    for (const [table, ids] of byTable) await this.load(table, ids);
    // Of the rows not found, which are another organization's (one query for the batch).
    const missing = [...byTable].flatMap(([table, ids]) => ids.filter((id) => !this.entries.get(`${table}:${id}`)?.row).map((id) => ({ table, id })));
    if (missing.length) {
      const foreign = await this.tx.query<{ table_name: string; id: string }>(
        `SELECT t.table_name, t.id FROM unnest($1::text[], $2::uuid[]) AS t(table_name, id)
         WHERE shamay_row_of_other_organization(t.table_name, t.id)`,
        [missing.map((m) => m.table), missing.map((m) => m.id)],
      );
      for (const f of foreign) this.foreignKeys.add(`${f.table_name}:${f.id}`);
      for (const m of missing) this.checkedForeign.add(`${m.table}:${m.id}`);
    }
    const allIds = keys.map((k) => k.id);
    if (allIds.length) {
      const deleted = await this.tx.query<{ table_name: string; row_id: string }>(
        'SELECT table_name, row_id FROM sync_changes WHERE organization_id = $1 AND deleted AND row_id = ANY($2::uuid[])',
        [this.organizationId, allIds],
      );
      for (const d of deleted) this.deletedKeys.add(`${d.table_name}:${d.row_id}`);
    }
    if (blobs.length) {
      const held = await this.tx.query<{ sha256: string; mime_type: string }>(
        'SELECT sha256, mime_type FROM server_blobs WHERE organization_id = $1 AND sha256 = ANY($2::text[])',
        [this.organizationId, blobs],
      );
      for (const b of held) this.heldBlobs.set(b.sha256, b.mime_type);
    }
  }

  private async load(table: string, ids: readonly string[]): Promise<void> {
    const rows = await this.tx.query<Row>(`SELECT * FROM "${table}" WHERE id = ANY($1::uuid[]) AND organization_id = $2 FOR UPDATE`, [
      ids,
      this.organizationId,
    ]);
    const found = new Map(rows.map((r) => [String(r.id), r]));
    for (const id of ids) {
      const row = found.get(id) ?? null;
      this.entries.set(`${table}:${id}`, { table, id, row, stored: row !== null, inserted: false, removed: false, dirty: new Set() });
    }
  }

  async get(table: string, id: string): Promise<Row | null> {
    if (!this.entries.has(`${table}:${id}`)) await this.load(table, [id]);
    return this.entries.get(`${table}:${id}`)?.row ?? null;
  }

  /** Whether the id names a row of another organization (hidden by row-level security; see migration 0011). */
  async belongsElsewhere(table: string, id: string): Promise<boolean> {
    const key = `${table}:${id}`;
    if (this.checkedForeign.has(key)) return this.foreignKeys.has(key);
    const [row] = await this.tx.query<{ elsewhere: boolean }>('SELECT shamay_row_of_other_organization($1, $2::uuid) AS elsewhere', [table, id]);
    return row?.elsewhere === true;
  }

  /** Who made the newest change of a row (null: never changed through the feed). */
  async lastChangedBy(table: string, id: string): Promise<string | null> {
    const [row] = await this.tx.query<{ changed_by_id: string | null }>(
      'SELECT changed_by_id FROM sync_changes WHERE organization_id = $1 AND table_name = $2 AND row_id = $3',
      [this.organizationId, table, id],
    );
    return row?.changed_by_id ?? null;
  }

  /** The row was written earlier in this batch. */
  touchedInBatch(table: string, id: string): boolean {
    const entry = this.entries.get(`${table}:${id}`);
    return Boolean(entry && (entry.inserted || entry.dirty.size > 0));
  }

  private readonly versionNumbers = new Map<string, number>();

  /** The next version number of a document's history, counting versions added earlier in this batch. */
  async nextDocumentVersion(documentId: string): Promise<number> {
    let last = this.versionNumbers.get(documentId);
    if (last === undefined) {
      const [row] = await this.tx.query<{ n: number }>(
        'SELECT coalesce(max(version_number), 0)::int AS n FROM document_versions WHERE document_id = $1',
        [documentId],
      );
      last = row?.n ?? 0;
    }
    this.versionNumbers.set(documentId, last + 1);
    return last + 1;
  }

  /** Whether the valuation has an asset of this type with this file, inserted earlier in the batch or stored. */
  async findAsset(valuationId: string, sha256: string, assetType: string): Promise<boolean> {
    const matches = (row: Row | null) => row?.valuation_id === valuationId && row.sha256 === sha256 && row.asset_type === assetType;
    // A row this batch has loaded is as the batch left it (changed or deleted): only the stored rows
    // the batch has not touched are read from the database.
    const loaded: string[] = [];
    for (const entry of this.entries.values()) {
      if (entry.table !== 'assets') continue;
      if (matches(entry.row)) return true;
      loaded.push(entry.id);
    }
    const [row] = await this.tx.query<{ id: string }>(
      `SELECT id FROM assets WHERE valuation_id = $1 AND sha256 = $2 AND asset_type = $3 AND organization_id = $4
         AND NOT (id = ANY($5::uuid[])) LIMIT 1`,
      [valuationId, sha256, assetType, this.organizationId, loaded],
    );
    return Boolean(row);
  }

  /**
   * Whether the valuation, or one of its documents or images, holds a version after `seenVersion` that
   * another device wrote (as the rows stood before this batch: the batch writes at its end). A
   * version this device's own applied or merged change produced does not count.
   */
  async changedElsewhereSince(valuationId: string, seenVersion: number, deviceId: string): Promise<boolean> {
    const newer = await this.tx.query<{ v: string | number }>(
      `SELECT server_version AS v FROM valuations WHERE id = $1 AND server_version > $2
       UNION ALL SELECT server_version FROM documents WHERE valuation_id = $1 AND server_version > $2
       UNION ALL SELECT server_version FROM images WHERE valuation_id = $1 AND server_version > $2`,
      [valuationId, seenVersion],
    );
    if (!newer.length) return false;
    const versions = [...new Set(newer.map((row) => Number(row.v)))];
    const own = await this.tx.query<{ v: string | number }>(
      `SELECT (result->>'serverVersion')::bigint AS v FROM applied_mutations
       WHERE organization_id = $1 AND device_id = $2 AND result->>'outcome' IN ('applied', 'merged')
         AND (result->>'serverVersion')::bigint = ANY($3::bigint[])`,
      [this.organizationId, deviceId, versions],
    );
    const mine = new Set(own.map((row) => Number(row.v)));
    return versions.some((version) => !mine.has(version));
  }

  private readonly assetVersions = new Map<string, number>();

  /** The next version of a valuation's asset with this slug: devices offline number theirs alike. */
  async nextAssetVersion(valuationId: string, slug: string): Promise<number> {
    const key = `${valuationId}:${slug}`;
    let last = this.assetVersions.get(key);
    if (last === undefined) {
      const [row] = await this.tx.query<{ n: number }>(
        'SELECT coalesce(max(version), 0)::int AS n FROM assets WHERE valuation_id = $1 AND slug = $2',
        [valuationId, slug],
      );
      last = row?.n ?? 0;
    }
    this.assetVersions.set(key, last + 1);
    return last + 1;
  }

  wasDeleted(table: string, id: string): boolean {
    return this.deletedKeys.has(`${table}:${id}`);
  }

  holdsBlob(sha256: string): boolean {
    return this.heldBlobs.has(sha256);
  }

  /** The MIME type the server detected for a held blob (undefined when it is not held). */
  blobMime(sha256: string): string | undefined {
    return this.heldBlobs.get(sha256);
  }

  insert(table: string, id: string, row: Row): void {
    const key = `${table}:${id}`;
    const entry = this.entries.get(key);
    this.entries.set(key, { table, id, row: { ...row }, stored: entry?.stored ?? false, inserted: true, removed: false, dirty: new Set(Object.keys(row)) });
  }

  update(table: string, id: string, values: Row): void {
    const entry = this.entries.get(`${table}:${id}`);
    if (!entry?.row) throw new Error(`update of a row not in the batch: ${table} ${id}`);
    Object.assign(entry.row, values);
    for (const column of Object.keys(values)) entry.dirty.add(column);
  }

  remove(table: string, id: string): void {
    const entry = this.entries.get(`${table}:${id}`);
    if (!entry) throw new Error(`delete of a row not in the batch: ${table} ${id}`);
    entry.row = null;
    entry.removed = true;
  }

  /** Writes the batch: inserts and updates parents first, deletions children first; every row in the feed. */
  async write(allocator: VersionAllocator, actorId: string): Promise<void> {
    const entries = [...this.entries.values()];
    for (const table of PULLED_TABLES) {
      const live = entries.filter((e) => e.table === table && !e.removed && e.row);
      await this.writeInserts(table, live.filter((e) => e.inserted && !e.stored));
      await this.writeUpdates(table, live.filter((e) => !(e.inserted && !e.stored) && e.dirty.size > 0));
      for (const e of live.filter((x) => x.dirty.size > 0)) {
        allocator.record({ table, rowId: e.id, version: Number(e.row!.server_version), deleted: false, actorId });
      }
    }
    for (const table of [...PULLED_TABLES].reverse()) {
      const gone = entries.filter((e) => e.table === table && e.removed && e.stored).map((e) => e.id);
      if (gone.length) await this.deleteWithCascade(table, gone, allocator, actorId);
      for (const e of entries.filter((x) => x.table === table && x.removed)) {
        allocator.record({ table, rowId: e.id, version: allocator.next(), deleted: true, actorId });
      }
    }
  }

  private async writeInserts(table: string, inserts: readonly Entry[]): Promise<void> {
    const columns = serverColumns(table)!;
    const groups = groupBySignature(inserts, (e) => Object.keys(e.row!).filter((c) => columns.has(c)));
    for (const [names, group] of groups) {
      const casts = names.map((n) => columns.get(n)!.sqlType);
      await insertMany(this.tx, table, names, group.map((e) => names.map((n) => toParam(columns.get(n)!, e.row![n]))), casts);
    }
  }

  private async writeUpdates(table: string, updates: readonly Entry[]): Promise<void> {
    const columns = serverColumns(table)!;
    const groups = groupBySignature(updates, (e) => [...e.dirty].filter((c) => columns.has(c) && c !== 'id'));
    for (const [names, group] of groups) {
      const casts = names.map((n) => columns.get(n)!.sqlType);
      await updateMany(this.tx, table, names, casts, group.map((e) => ({ id: e.id, values: names.map((n) => toParam(columns.get(n)!, e.row![n])) })));
    }
  }

  /** Deletes rows; rows the database removes or changes with them through foreign keys enter the feed too. */
  private async deleteWithCascade(table: string, ids: string[], allocator: VersionAllocator, actorId: string): Promise<void> {
    for (const [child, column] of CASCADES[table] ?? []) {
      const rows = await this.tx.query<{ id: string }>(`SELECT id FROM "${child}" WHERE "${column}" = ANY($1::uuid[])`, [ids]);
      if (rows.length === 0) continue;
      await this.deleteWithCascade(child, rows.map((r) => r.id), allocator, actorId);
      for (const r of rows) allocator.record({ table: child, rowId: r.id, version: allocator.next(), deleted: true, actorId });
    }
    const nulled: { table: string; id: string }[] = [];
    for (const [child, column] of SET_NULL_ON_DELETE[table] ?? []) {
      const rows = await this.tx.query<{ id: string }>(`SELECT id FROM "${child}" WHERE "${column}" = ANY($1::uuid[])`, [ids]);
      nulled.push(...rows.map((r) => ({ table: child, id: r.id })));
    }
    await this.tx.query(`DELETE FROM "${table}" WHERE id = ANY($1::uuid[])`, [ids]);
    for (const { table: child, id } of nulled) {
      const version = allocator.next();
      await this.tx.query(`UPDATE "${child}" SET server_version = $2 WHERE id = $1`, [id, version]);
      allocator.record({ table: child, rowId: id, version, deleted: false, actorId });
    }
  }
}

function groupBySignature<T>(items: readonly T[], columnsOf: (item: T) => string[]): Map<string[], T[]> {
  const bySignature = new Map<string, { names: string[]; items: T[] }>();
  for (const item of items) {
    const names = columnsOf(item).sort();
    const key = names.join(',');
    const group = bySignature.get(key) ?? { names, items: [] };
    group.items.push(item);
    bySignature.set(key, group);
  }
  return new Map([...bySignature.values()].map((g) => [g.names, g.items]));
}
