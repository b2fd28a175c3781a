// The parts of sync the UI reaches while offline: the outbox count, conflicts and rejected changes.
// Resolving a conflict or retrying a rejected change writes a new mutation through the one writer.
import { AppError } from '../../../src-shared/contract/errors.ts';
import type { SyncStatus } from '../../../src-shared/contract/entities.ts';
import { requireActor, type CoreContext } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { activitySubject } from '../store/activity-subject.ts';
import { isSyncedTable, type SyncedTableName } from '../store/tables.ts';
import { subjectOf } from './change-subject.ts';

type Methods =
  | 'sync.status'
  | 'sync.start'
  | 'sync.pause'
  | 'sync.pendingCount'
  | 'sync.conflicts.list'
  | 'sync.conflicts.resolve'
  | 'sync.rejected.list'
  | 'sync.rejected.retry'
  | 'sync.rejected.discard';

export interface SyncEngineControl {
  /** Current phase and progress from the engine (offline when there is no engine or no server). */
  status(): Pick<SyncStatus, 'phase' | 'lastError' | 'progress' | 'lastSyncAt'>;
  start(): void;
  pause(): void;
}

export const NO_SYNC_ENGINE: SyncEngineControl = {
  status: () => ({ phase: 'offline', lastError: null, progress: null, lastSyncAt: null }),
  start: () => undefined,
  pause: () => undefined,
};

export function syncStatus(ctx: CoreContext, engine: SyncEngineControl): SyncStatus {
  const count = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;
  const paused = ctx.state.get<boolean>('syncPaused') ?? false;
  const status = engine.status();
  return {
    ...status,
    phase: paused ? 'paused' : status.phase,
    paused,
    pending: count('SELECT count(*) AS n FROM sync_mutations'),
    conflicts: count("SELECT count(*) AS n FROM sync_conflicts WHERE status = 'OPEN'"),
    rejected: count("SELECT count(*) AS n FROM sync_rejections WHERE status = 'OPEN'"),
  };
}

function jsonColumnsToValues<T extends Record<string, unknown>>(row: T, columns: (keyof T)[]): T {
  const out = { ...row };
  for (const column of columns) {
    const value = out[column];
    out[column] = (typeof value === 'string' ? JSON.parse(value) : value) as T[keyof T];
  }
  return out;
}

export function syncLocalHandlers(engine: SyncEngineControl): HandlerMap<Methods> {
  const publish = (ctx: CoreContext) => {
    const status = syncStatus(ctx, engine);
    ctx.emit('sync.status', status);
    return status;
  };
  return {
    'sync.status': (_input, ctx) => syncStatus(ctx, engine),
    'sync.start': (_input, ctx) => {
      ctx.state.set('syncPaused', false);
      engine.start();
      return publish(ctx);
    },
    'sync.pause': (_input, ctx) => {
      ctx.state.set('syncPaused', true);
      engine.pause();
      return publish(ctx);
    },
    'sync.pendingCount': (_input, ctx) => ({ pending: syncStatus(ctx, engine).pending }),

    'sync.conflicts.list': (_input, ctx) => {
      const actor = requireActor(ctx);
      const rows = ctx.db
        .prepare(
          `SELECT id, table_name AS tableName, row_id AS rowId, field, local_value AS localValue, server_value AS serverValue,
                  winner, server_actor_id AS serverActorId, server_changed_at AS serverChangedAt, created_at AS createdAt
           FROM sync_conflicts WHERE organization_id = ? AND status = 'OPEN' ORDER BY created_at`,
        )
        .all(actor.organizationId) as Record<string, unknown>[];
      const actorName = ctx.db.prepare('SELECT name FROM users WHERE id = ?');
      return rows.map((row) => ({
        ...jsonColumnsToValues(row, ['localValue', 'serverValue']),
        serverActorName: row.serverActorId ? ((actorName.get(row.serverActorId) as { name: string } | undefined)?.name ?? null) : null,
        subject: subjectOf(ctx, String(row.tableName), String(row.rowId)),
      })) as never;
    },

    'sync.conflicts.resolve': ({ id, choice, value }, ctx) => {
      const actor = requireActor(ctx);
      const conflict = ctx.db
        .prepare("SELECT * FROM sync_conflicts WHERE id = ? AND organization_id = ? AND status = 'OPEN'")
        .get(id, actor.organizationId) as
        | { table_name: string; row_id: string; field: string; local_value: string | null; server_value: string | null; winner: 'LOCAL' | 'SERVER' }
        | undefined;
      if (!conflict) throw new AppError('NOT_FOUND', 'No such open conflict.', { reason: 'CONFLICT_NOT_FOUND', id });
      if (!isSyncedTable(conflict.table_name)) throw new AppError('INTERNAL', `conflict on unknown table ${conflict.table_name}`, { reason: 'UNEXPECTED' });
      const chosen =
        choice === 'CUSTOM' ? value : JSON.parse((choice === 'LOCAL' ? conflict.local_value : conflict.server_value) ?? 'null');
      const row = ctx.db.prepare(`SELECT "${conflict.field}" AS v FROM "${conflict.table_name}" WHERE id = ?`).get(conflict.row_id) as
        | { v: unknown }
        | undefined;
      ctx.db.transaction(() => {
        ctx.db.prepare("UPDATE sync_conflicts SET status = 'RESOLVED', resolved_at = ? WHERE id = ?").run(ctx.now(), id);
        // Writing the chosen value (even when the row already shows it) records the decision and
        // makes it reach every other device.
        if (row) {
          ctx.writer.write(actor, [
            {
              table: conflict.table_name as SyncedTableName,
              op: 'update',
              rowId: conflict.row_id,
              values: { [conflict.field]: chosen },
              activity: {
                ...activitySubject(ctx.db, conflict.table_name as SyncedTableName, conflict.row_id),
                action: 'conflict_resolved',
                payload: { field: conflict.field, choice },
              },
            },
          ]);
        }
      })();
      ctx.emit('data.changed', { tables: [conflict.table_name, 'sync_conflicts'], ids: [conflict.row_id] });
      publish(ctx);
      return { ok: true as const };
    },

    'sync.rejected.list': (_input, ctx) => {
      const actor = requireActor(ctx);
      const rows = ctx.db
        .prepare(
          `SELECT id, mutation_id AS mutationId, table_name AS tableName, row_id AS rowId, operation, changes,
                  reason_code AS reasonCode, reason, created_at AS createdAt
           FROM sync_rejections WHERE organization_id = ? AND status = 'OPEN' ORDER BY created_at`,
        )
        .all(actor.organizationId) as Record<string, unknown>[];
      return rows.map((row) => ({ ...jsonColumnsToValues(row, ['changes']), subject: subjectOf(ctx, String(row.tableName), String(row.rowId)) })) as never;
    },

    'sync.rejected.retry': ({ id }, ctx) => {
      const actor = requireActor(ctx);
      const rejection = ctx.db
        .prepare("SELECT * FROM sync_rejections WHERE id = ? AND organization_id = ? AND status = 'OPEN'")
        .get(id, actor.organizationId) as { table_name: string; row_id: string; operation: 'insert' | 'update' | 'delete'; changes: string } | undefined;
      if (!rejection) throw new AppError('NOT_FOUND', 'No such rejected change.', { reason: 'REJECTION_NOT_FOUND', id });
      if (!isSyncedTable(rejection.table_name)) throw new AppError('INTERNAL', `rejection on unknown table ${rejection.table_name}`, { reason: 'UNEXPECTED' });
      const exists = ctx.db.prepare(`SELECT 1 FROM "${rejection.table_name}" WHERE id = ?`).get(rejection.row_id);
      // An insert whose row is still here, or an update/delete of a row that still exists, is sent again.
      if (!exists && rejection.operation !== 'insert') throw new AppError('CONFLICT', 'The row no longer exists; discard this change.', { reason: 'ROW_GONE' });
      ctx.db.transaction(() => {
        ctx.db.prepare("UPDATE sync_rejections SET status = 'RETRIED' WHERE id = ?").run(id);
        ctx.writer.write(actor, [
          {
            table: rejection.table_name as SyncedTableName,
            op: rejection.operation === 'insert' && exists ? 'update' : rejection.operation,
            rowId: rejection.row_id,
            values: JSON.parse(rejection.changes) as Record<string, unknown>,
            activity: {
              ...activitySubject(ctx.db, rejection.table_name as SyncedTableName, rejection.row_id),
              action: 'updated',
              payload: { retryOf: id },
            },
          },
        ]);
      })();
      publish(ctx);
      return { ok: true as const };
    },

    'sync.rejected.discard': ({ id }, ctx) => {
      const actor = requireActor(ctx);
      const result = ctx.db
        .prepare("UPDATE sync_rejections SET status = 'DISCARDED' WHERE id = ? AND organization_id = ? AND status = 'OPEN'")
        .run(id, actor.organizationId);
      if (result.changes === 0) throw new AppError('NOT_FOUND', 'No such rejected change.', { reason: 'REJECTION_NOT_FOUND', id });
      // Nothing to undo here: when the server refused the change it sent its own row back, and that
      // row replaced the local one then.
      publish(ctx);
      return { ok: true as const };
    },
  };
}
