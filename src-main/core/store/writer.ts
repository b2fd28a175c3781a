// The one writer of the local store. Every change to a synced row commits in ONE SQLite transaction
// with its outbox mutation (sync_mutations) and its activity-log row, so after a crash at any instant
// either all three exist or none (ARCHITECTURE.md, guarantee 1).
import type Database from 'better-sqlite3';
import type { ActivityAction, ActivitySubjectType, MutationOperation } from '../../../src-shared/domain/enums.ts';
import { tableInfo, toDb, type SyncedTableName } from './tables.ts';

export interface Change {
  table: SyncedTableName;
  op: MutationOperation;
  rowId: string;
  /** Column name -> new value (decoded JS values). For an insert, the whole row. */
  values: Record<string, unknown>;
  activity: {
    subjectType: ActivitySubjectType;
    subjectId: string;
    valuationId: string | null;
    action: ActivityAction;
    payload?: Record<string, unknown>;
  };
  /**
   * The version the change was made against, when it is not the row's own: a seal names the newest
   * version of everything the sealed report was printed from (the valuation and its files).
   */
  baseVersion?: number;
  /** A file the row references; the sync engine uploads it before this mutation. */
  blobSha256?: string | null;
  /**
   * Fold this update into the row's newest pending update instead of adding a mutation (autosave).
   * Safe for conflict detection: each field keeps the base it had before the first folded edit, and
   * nothing is folded across a pull (the base version must match).
   */
  coalesce?: boolean;
}

export interface WriterContext {
  db: Database.Database;
  deviceId: string;
  schemaVersion: number;
  now: () => string;
  newId: () => string;
}

export interface Actor {
  userId: string;
  organizationId: string;
}

export interface WrittenMutation {
  mutationId: string;
  seq: number;
  activityId: string;
}

/** Longest text an activity entry keeps of an old or new value. */
const SHOWN_TEXT = 120;
type Shown = string | number | boolean | null;
const shown = (value: unknown): Shown | undefined => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.length > SHOWN_TEXT ? `${value.slice(0, SHOWN_TEXT)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
};
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What an update changed, for the activity log to say "registered area: 85.5 → 110": each changed
 * column with a plain old and new value, and inside a JSON object column each changed top-level key
 * ('meta.registeredAreaSqm'). Larger values (lists, documents' extractions) are named, not copied.
 */
export function describeChanges(base: Record<string, unknown>, values: Record<string, unknown>): Record<string, { from: Shown; to: Shown } | { changed: true }> {
  const out: Record<string, { from: Shown; to: Shown } | { changed: true }> = {};
  const add = (path: string, before: unknown, after: unknown) => {
    if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) return;
    const from = shown(before);
    const to = shown(after);
    out[path] = from === undefined || to === undefined ? { changed: true } : { from, to };
  };
  for (const [column, after] of Object.entries(values)) {
    if (column === 'updated_at') continue;
    const before = base[column];
    if (isPlainObject(before) || isPlainObject(after)) {
      const a = isPlainObject(before) ? before : {};
      const b = isPlainObject(after) ? after : {};
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) add(`${column}.${key}`, a[key], b[key]);
    } else add(column, before, after);
  }
  return out;
}

export function createWriter(ctx: WriterContext): Writer {
  const { db } = ctx;
  const insertMutation = db.prepare(
    `INSERT INTO sync_mutations (mutation_id, device_id, organization_id, schema_version, table_name, row_id, operation,
       changes, base, base_version, blob_sha256, activity_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertActivity = db.prepare(
    `INSERT INTO activity_logs (id, organization_id, subject_type, subject_id, valuation_id, action, actor_id, payload, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const latestPending = db.prepare(
    `SELECT seq, mutation_id, changes, base, base_version, operation, state, activity_id, attempts FROM sync_mutations
     WHERE table_name = ? AND row_id = ? ORDER BY seq DESC LIMIT 1`,
  );
  const foldMutation = db.prepare('UPDATE sync_mutations SET changes = ?, base = ? WHERE seq = ?');
  const selectRow = new Map<SyncedTableName, Database.Statement>();
  const rowStatement = (table: SyncedTableName) => {
    let statement = selectRow.get(table);
    if (!statement) {
      statement = db.prepare(`SELECT * FROM "${table}" WHERE id = ?`);
      selectRow.set(table, statement);
    }
    return statement;
  };

  function applyRow(change: Change, now: string): { base: Record<string, unknown>; baseVersion: number } {
    const info = tableInfo(change.table);
    const columns = Object.keys(change.values);
    for (const column of columns) {
      if (!info.byColumn.has(column)) throw new Error(`${change.table} has no column ${column}`);
    }
    const encoded = (column: string) => toDb(info.byColumn.get(column)!, change.values[column]);
    if (change.op === 'insert') {
      const names = columns.map((c) => `"${c}"`).join(', ');
      db.prepare(`INSERT INTO "${change.table}" (${names}) VALUES (${columns.map(() => '?').join(', ')})`).run(
        columns.map(encoded),
      );
      return { base: {}, baseVersion: 0 };
    }
    const current = rowStatement(change.table).get(change.rowId) as Record<string, unknown> | undefined;
    if (!current) throw new Error(`${change.table} ${change.rowId} does not exist`);
    const baseVersion = change.baseVersion ?? Number(current.server_version ?? 0);
    if (change.op === 'delete') {
      db.prepare(`DELETE FROM "${change.table}" WHERE id = ?`).run(change.rowId);
      return { base: {}, baseVersion };
    }
    // The values each edited field had when the edit was made: the server compares them with its own
    // to tell a silent merge from a conflict, field by field.
    const base: Record<string, unknown> = {};
    for (const column of columns) {
      const raw = current[column];
      const col = info.byColumn.get(column)!;
      base[column] = raw === null || raw === undefined ? null : col.kind === 'json' ? JSON.parse(String(raw)) : col.kind === 'boolean' ? raw === 1 : raw;
    }
    const sets = columns.map((c) => `"${c}" = ?`);
    const params = columns.map(encoded);
    if (info.byColumn.has('updated_at') && !columns.includes('updated_at')) {
      sets.push('"updated_at" = ?');
      params.push(now);
    }
    db.prepare(`UPDATE "${change.table}" SET ${sets.join(', ')} WHERE id = ?`).run(...params, change.rowId);
    return { base, baseVersion };
  }

  /** Applies the changes with their mutations and activity rows, all or nothing. */
  const write = db.transaction((actor: Actor, changes: readonly Change[]): WrittenMutation[] => {
    const now = ctx.now();
    return changes.map((change) => {
      const previous = change.coalesce && change.op === 'update'
        ? (latestPending.get(change.table, change.rowId) as
            | { seq: number; mutation_id: string; changes: string; base: string; base_version: number; operation: string; state: string; activity_id: string; attempts: number }
            | undefined)
        : undefined;
      const { base, baseVersion } = applyRow(change, now);
      // Never fold into a mutation that was already sent: the server may have applied it under its id.
      if (previous && previous.operation === 'update' && previous.state === 'PENDING' && previous.attempts === 0 && previous.base_version === baseVersion) {
        foldMutation.run(
          JSON.stringify({ ...JSON.parse(previous.changes), ...change.values }),
          JSON.stringify({ ...base, ...JSON.parse(previous.base) }),
          previous.seq,
        );
        return { mutationId: previous.mutation_id, seq: previous.seq, activityId: previous.activity_id };
      }
      const activityId = ctx.newId();
      insertActivity.run(
        activityId,
        actor.organizationId,
        change.activity.subjectType,
        change.activity.subjectId,
        change.activity.valuationId,
        change.activity.action,
        actor.userId,
        JSON.stringify(change.op === 'update' ? { ...change.activity.payload, changes: describeChanges(base, change.values) } : (change.activity.payload ?? {})),
        now,
      );
      const mutationId = ctx.newId();
      const result = insertMutation.run(
        mutationId,
        ctx.deviceId,
        actor.organizationId,
        ctx.schemaVersion,
        change.table,
        change.rowId,
        change.op,
        JSON.stringify(change.values),
        JSON.stringify(base),
        baseVersion,
        change.blobSha256 ?? null,
        activityId,
        now,
      );
      return { mutationId, seq: Number(result.lastInsertRowid), activityId };
    });
  });

  return { write: (actor: Actor, changes: readonly Change[]) => write(actor, changes) };
}

export interface Writer {
  write(actor: Actor, changes: readonly Change[]): WrittenMutation[];
}
