// The client sync engine (ARCHITECTURE.md "Outbox and sync"): pushes the outbox in device order,
// uploading files first; pulls the change feed in chunks and rebases pending edits on top; retries
// with exponential backoff and jitter; resumes after a crash; reports state and progress; can pause.
import { GENERATED_FILE_TYPES } from '../../../src-shared/domain/file-kinds.ts';
import { stat } from 'node:fs/promises';
import type { SyncStatus } from '../../../src-shared/contract/entities.ts';
import { MAX_PUSH_BODY_BYTES, MAX_PUSH_MUTATIONS, type Mutation, type MutationResult, type RejectionCode } from '../../../src-shared/sync/protocol.ts';
import type { CoreContext, SessionState } from '../context.ts';
import type { SyncEngineControl } from './local-handlers.ts';
import { applyServerRows, applyTombstones, rebase, type ServerRow } from './apply.ts';
import { classifyPushFailure, fittingCount, MAX_PUSH_FAILURES, pushBodyBytes } from './push-failures.ts';
import { SyncHttpError, type ServerClient } from './server-client.ts';

/** A generated file's MIME type by its asset type, as SQL (the server checks the upload against it). */
const ASSET_MIME_SQL = `CASE asset_type ${Object.entries(GENERATED_FILE_TYPES)
  .map(([type, { mime }]) => `WHEN '${type}' THEN '${mime}'`)
  .join(' ')} ELSE 'application/octet-stream' END`;

export interface SyncEngineOptions {
  client: ServerClient;
  /** Rows per pull request; each page is applied in its own transaction. */
  pullLimit?: number;
  /** Upper bound of the retry delay. */
  maxBackoffMs?: number;
  /** Opens the live stream (on by default); tests of pure pull/push may turn it off. */
  live?: boolean;
  /**
   * Syncs on its own — after sign-in, after local writes, on retry timers (on by default). Tests that
   * script who syncs when turn it off and call syncNow().
   */
  background?: boolean;
  random?: () => number;
}

type Phase = SyncStatus['phase'];
type Progress = NonNullable<SyncStatus['progress']>;

interface PendingRow {
  seq: number;
  mutation_id: string;
  organization_id: string;
  schema_version: number;
  table_name: string;
  row_id: string;
  operation: Mutation['op'];
  changes: string;
  base: string;
  base_version: number;
  blob_sha256: string | null;
  activity_id: string | null;
}

const FILE_TABLES = ['documents', 'document_versions', 'images', 'assets', 'asset_variants'] as const;

export interface SyncEngine extends SyncEngineControl {
  syncNow(): Promise<void>;
  stop(): void;
  kick(): void;
}

export function createSyncEngine(ctx: CoreContext, options: SyncEngineOptions): SyncEngine {
  const { client } = options;
  const pullLimit = options.pullLimit ?? 2_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const random = options.random ?? Math.random;
  let phase: Phase = 'idle';
  let lastError: string | null = null;
  let lastSyncAt: string | null = ctx.state.get<string>('lastSyncAt') ?? null;
  let progress: Progress | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let failures = 0;
  /** Mutations per push: halved while a batch fails, doubled back after each success. */
  let pushLimit = MAX_PUSH_MUTATIONS;
  /** Failed pushes of a mutation sent alone, by mutation id (a restart of the app starts the count again). */
  const loneFailures = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let liveAbort: AbortController | null = null;
  let liveOrganization: string | null = null;
  const wantedFiles = new Map<string, string>();
  let scannedForFiles = false;

  // A crash mid-push leaves mutations IN_FLIGHT; pushing them again is safe (idempotent by id).
  ctx.db.prepare("UPDATE sync_mutations SET state = 'PENDING' WHERE state = 'IN_FLIGHT'").run();

  const paused = () => ctx.state.get<boolean>('syncPaused') ?? false;
  const session = () => ctx.state.get<SessionState>('session');

  function publish(next: Phase, nextProgress: Progress | null = progress) {
    phase = next;
    progress = nextProgress;
    const count = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;
    ctx.emit('sync.status', {
      phase: paused() ? 'paused' : phase,
      paused: paused(),
      pending: count('SELECT count(*) AS n FROM sync_mutations'),
      conflicts: count("SELECT count(*) AS n FROM sync_conflicts WHERE status = 'OPEN'"),
      rejected: count("SELECT count(*) AS n FROM sync_rejections WHERE status = 'OPEN'"),
      lastSyncAt,
      lastError,
      progress,
    });
  }

  function schedule(delayMs: number) {
    if (timer) clearTimeout(timer);
    if (stopped || options.background === false) return;
    timer = setTimeout(() => {
      timer = null;
      void syncNow().catch(() => undefined);
    }, delayMs);
    timer.unref?.();
  }

  /** One full round: push everything, then pull everything, for the current organization. */
  async function round(): Promise<void> {
    const current = session();
    if (!current || paused()) return;
    await pushAll(current.organizationId);
    await pullAll(current.organizationId);
    await downloadMissingFiles(current.organizationId);
    // Edits made while pulling go out at once.
    const { n } = ctx.db.prepare("SELECT count(*) AS n FROM sync_mutations WHERE state = 'PENDING'").get() as { n: number };
    if (n > 0) await pushAll(current.organizationId);
    lastSyncAt = ctx.now();
    ctx.state.set('lastSyncAt', lastSyncAt);
    ensureLive(current.organizationId);
  }

  async function syncNow(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await round();
        } while (again && !paused());
        failures = 0;
        lastError = null;
        publish(paused() ? 'paused' : 'up_to_date', null);
      } catch (error) {
        failures++;
        lastError = error instanceof Error ? error.message : String(error);
        const offline = error instanceof SyncHttpError && error.status === 0;
        publish(offline ? 'offline' : 'error', null);
        // Exponential backoff with full jitter, so a fleet of laptops does not retry in step.
        const ceiling = Math.min(maxBackoffMs, 1000 * 2 ** Math.min(failures, 16));
        schedule(Math.round(ceiling / 2 + (random() * ceiling) / 2));
      } finally {
        running = null;
      }
    })();
    return running;
  }

  async function pushAll(organizationId: string): Promise<void> {
    const total = (ctx.db.prepare('SELECT count(*) AS n FROM sync_mutations WHERE organization_id = ?').get(organizationId) as { n: number }).n;
    let done = 0;
    for (;;) {
      if (paused() || stopped) return;
      // Taking the batch and marking it in flight happen in one synchronous step: an autosave made while
      // files upload or the request travels must not fold into a mutation whose content was already read.
      const mark = ctx.db.prepare('UPDATE sync_mutations SET state = ?, attempts = attempts + 1 WHERE seq = ?');
      const { batch, wire } = ctx.db.transaction(() => {
        const rows = ctx.db
          .prepare("SELECT * FROM sync_mutations WHERE organization_id = ? AND state = 'PENDING' ORDER BY seq LIMIT ?")
          .all(organizationId, pushLimit) as PendingRow[];
        const mutations = rows.map((m) => toWire(m));
        // A batch stays under the server's body limit (a lone mutation over it is set aside below).
        const count = rows.length ? fittingCount(ctx.deviceId, mutations, pushLimit) : 0;
        for (const m of rows.slice(0, count)) mark.run('IN_FLIGHT', m.seq);
        return { batch: rows.slice(0, count), wire: mutations.slice(0, count) };
      })();
      if (batch.length === 0) return;
      publish('pushing', { rowsDone: done, rowsTotal: total, bytesDone: 0, bytesTotal: null });
      // Back to the queue. `attempts` stays counted: a mutation that was sent once may have been applied
      // (a lost answer), so the writer never folds a later edit into it.
      const release = () => {
        const back = ctx.db.prepare("UPDATE sync_mutations SET state = 'PENDING' WHERE seq = ?");
        ctx.db.transaction(() => batch.forEach((m) => back.run(m.seq)))();
        ctx.emit('data.changed', { tables: [...new Set(batch.map((m) => m.table_name))] });
      };
      ctx.emit('data.changed', { tables: [...new Set(batch.map((m) => m.table_name))] });
      if (batch.length === 1 && pushBodyBytes(ctx.deviceId, wire) > MAX_PUSH_BODY_BYTES) {
        setAside(batch[0]!, 'TOO_LARGE', 'This change is larger than the server accepts.');
        continue;
      }
      let response;
      try {
        await uploadFiles(organizationId, batch);
        response = await client.push(organizationId, ctx.deviceId, wire);
      } catch (error) {
        const failure = classifyPushFailure(error);
        if (failure.kind === 'retry') {
          release();
          throw error;
        }
        if (batch.length > 1) {
          // Split until the mutation at fault is alone; the others go through meanwhile.
          pushLimit = Math.max(1, Math.floor(batch.length / 2));
          release();
          continue;
        }
        const [only] = batch as [PendingRow];
        const failed = (loneFailures.get(only.mutation_id) ?? 0) + 1;
        loneFailures.set(only.mutation_id, failed);
        if (failure.code === 'TOO_LARGE' || failed >= MAX_PUSH_FAILURES) {
          loneFailures.delete(only.mutation_id);
          setAside(only, failure.code, failure.reason);
          continue;
        }
        release();
        throw error;
      }
      pushLimit = Math.min(MAX_PUSH_MUTATIONS, pushLimit * 2);
      settle(batch, response.results as (MutationResult & { row?: ServerRow | null })[]);
      done += batch.length;
      ctx.emit('data.changed', { tables: [...new Set(batch.map((m) => m.table_name))] });
    }
  }

  /**
   * Moves a mutation the server cannot take to the rejected list with its reason, so the rest of the
   * queue syncs. The local row keeps the change (the server's row is not known here); the person
   * retries or discards it from the list.
   */
  function setAside(m: PendingRow, code: RejectionCode, reason: string) {
    ctx.db.transaction(() => {
      ctx.db.prepare('DELETE FROM sync_mutations WHERE seq = ?').run(m.seq);
      ctx.db
        .prepare(
          `INSERT OR IGNORE INTO sync_rejections (id, mutation_id, organization_id, table_name, row_id, operation, changes, reason_code, reason, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(ctx.newId(), m.mutation_id, m.organization_id, m.table_name, m.row_id, m.operation, m.changes, code, reason, ctx.now(), ctx.now());
    })();
    ctx.emit('data.changed', { tables: [m.table_name] });
  }

  function toWire(m: PendingRow): Mutation {
    const activity = m.activity_id
      ? (ctx.db.prepare('SELECT * FROM activity_logs WHERE id = ?').get(m.activity_id) as Record<string, string> | undefined)
      : undefined;
    return {
      mutationId: m.mutation_id,
      seq: m.seq,
      schemaVersion: m.schema_version,
      organizationId: m.organization_id,
      table: m.table_name,
      rowId: m.row_id,
      op: m.operation,
      changes: JSON.parse(m.changes) as Record<string, unknown>,
      base: JSON.parse(m.base) as Record<string, unknown>,
      baseVersion: m.base_version,
      blobSha256: m.blob_sha256,
      activity: activity
        ? {
            id: activity.id!,
            subjectType: activity.subject_type as never,
            subjectId: activity.subject_id!,
            valuationId: activity.valuation_id ?? null,
            action: activity.action as never,
            payload: JSON.parse(activity.payload ?? '{}') as Record<string, unknown>,
            createdAt: activity.created_at!,
          }
        : null,
    };
  }

  /** Applies the server's answers: the outbox entry goes, conflicts and rejections are kept for a person. */
  function settle(batch: readonly PendingRow[], results: readonly (MutationResult & { row?: ServerRow | null })[]) {
    const byId = new Map(results.map((r) => [r.mutationId, r]));
    ctx.db.pragma('foreign_keys = OFF');
    try {
      ctx.db.transaction(() => {
        const touched = new Set<string>();
        // The server's rows, once per row (the newest answer wins), applied after the bookkeeping.
        const serverRows = new Map<string, { table: string; row: ServerRow }>();
        const gone: { table: string; rowId: string }[] = [];
        for (const m of batch) {
          const result = byId.get(m.mutation_id);
          if (!result) continue;
          if (result.outcome === 'rejected' && result.reasonCode === 'BLOB_MISSING') {
            ctx.db.prepare("UPDATE sync_mutations SET state = 'PENDING', last_error = ? WHERE seq = ?").run(result.reason ?? null, m.seq);
            continue;
          }
          ctx.db.prepare('DELETE FROM sync_mutations WHERE seq = ?').run(m.seq);
          const key = `${m.table_name}:${m.row_id}`;
          if (result.outcome === 'rejected') {
            ctx.db
              .prepare(
                `INSERT OR IGNORE INTO sync_rejections (id, mutation_id, organization_id, table_name, row_id, operation, changes, reason_code, reason, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
              )
              .run(ctx.newId(), m.mutation_id, m.organization_id, m.table_name, m.row_id, m.operation, m.changes, result.reasonCode ?? 'INVALID', result.reason ?? 'Refused by the server.', ctx.now(), ctx.now());
            // The refused action did not happen: its activity row goes (the rejection keeps the record).
            if (m.activity_id) ctx.db.prepare('DELETE FROM activity_logs WHERE id = ?').run(m.activity_id);
          }
          for (const conflict of result.conflicts) {
            ctx.db
              .prepare(
                `INSERT INTO sync_conflicts (id, organization_id, table_name, row_id, field, local_value, server_value, winner, local_mutation_id, server_actor_id, server_changed_at, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
              )
              .run(ctx.newId(), m.organization_id, m.table_name, m.row_id, conflict.field, JSON.stringify(conflict.localValue ?? null), JSON.stringify(conflict.serverValue ?? null), conflict.winner, m.mutation_id, conflict.serverActorId, conflict.serverChangedAt, ctx.now());
          }
          for (const related of result.related ?? []) serverRows.set(`${related.table}:${String(related.row.id)}`, related);
          if (result.row) serverRows.set(key, { table: m.table_name, row: result.row });
          else if (result.outcome === 'rejected' || m.operation === 'delete') {
            serverRows.delete(key);
            gone.push({ table: m.table_name, rowId: m.row_id });
          }
          touched.add(key);
        }
        for (const key of applyServerRows(ctx.db, [...serverRows.values()])) touched.add(key);
        applyTombstones(ctx.db, gone);
        rebase(ctx.db, touched);
      })();
    } finally {
      ctx.db.pragma('foreign_keys = ON');
    }
  }

  /** Files go up before the mutations that reference them; interrupted uploads resume at the server's offset. */
  async function uploadFiles(organizationId: string, batch: readonly PendingRow[]): Promise<void> {
    const hashes = [...new Set(batch.flatMap((m) => (m.blob_sha256 ? [m.blob_sha256] : [])))];
    let bytesDone = 0;
    for (const sha256 of hashes) {
      const status = await client.blobStatus(organizationId, sha256);
      if (status === 'complete') continue;
      const path = ctx.blobs.path(sha256);
      const size = (await stat(path)).size;
      const mime = mimeOf(sha256);
      publish('pushing', { rowsDone: progress?.rowsDone ?? 0, rowsTotal: progress?.rowsTotal ?? null, bytesDone, bytesTotal: size });
      await client.uploadBlob(organizationId, sha256, path, size, status, mime);
      bytesDone += size;
    }
  }

  function mimeOf(sha256: string): string {
    const row = ctx.db
      .prepare(
        `SELECT mime_type AS m FROM documents WHERE sha256 = @s UNION ALL SELECT mime_type FROM images WHERE sha256 = @s
         UNION ALL SELECT 'image/webp' FROM asset_variants WHERE sha256 = @s
         UNION ALL SELECT ${ASSET_MIME_SQL} FROM assets WHERE sha256 = @s LIMIT 1`,
      )
      .get({ s: sha256 }) as { m: string } | undefined;
    return row?.m ?? 'application/octet-stream';
  }

  async function pullAll(organizationId: string): Promise<void> {
    const cursorKey = `pullCursor:${organizationId}`;
    const start = ctx.state.get<number>(cursorKey) ?? 0;
    // The next page is requested while the current one is applied (network and SQLite overlap).
    let next = client.pull(organizationId, start, pullLimit);
    for (;;) {
      const page = await next;
      if (page.hasMore && !paused() && !stopped) next = client.pull(organizationId, page.cursor, pullLimit);
      ctx.db.pragma('foreign_keys = OFF'); // pages arrive in version order, not parent-first
      try {
        ctx.db.transaction(() => {
          const touched = applyServerRows(ctx.db, page.changes);
          for (const key of applyTombstones(ctx.db, page.tombstones)) touched.add(key);
          rebase(ctx.db, touched);
          ctx.state.set(cursorKey, page.cursor);
        })();
      } finally {
        ctx.db.pragma('foreign_keys = ON');
      }
      for (const change of page.changes) {
        const sha = change.row.sha256;
        if (typeof sha === 'string' && FILE_TABLES.includes(change.table as (typeof FILE_TABLES)[number])) wantedFiles.set(sha, String(change.row.file_name ?? 'file'));
      }
      const total = Math.max(page.headVersion - start, 0);
      publish('pulling', { rowsDone: Math.min(page.cursor - start, total), rowsTotal: total, bytesDone: 0, bytesTotal: null });
      if (page.changes.length || page.tombstones.length) {
        ctx.emit('data.changed', { tables: [...new Set([...page.changes.map((c) => c.table), ...page.tombstones.map((t) => t.table)])] });
      }
      if (!page.hasMore || paused() || stopped) return;
    }
  }

  /**
   * Files referenced by rows come down after the rows (the server only has rows whose files arrived),
   * a few at a time. The first round of a session also looks for files a crash left undownloaded.
   */
  async function downloadMissingFiles(organizationId: string): Promise<void> {
    if (!scannedForFiles) {
      scannedForFiles = true;
      const rows = ctx.db
        .prepare(FILE_TABLES.map((t) => `SELECT sha256, ${t === 'asset_variants' ? "'thumbnail'" : 'file_name'} AS name FROM ${t} WHERE organization_id = @org AND sha256 IS NOT NULL`).join(' UNION '))
        .all({ org: organizationId }) as { sha256: string; name: string }[];
      for (const row of rows) if (!wantedFiles.has(row.sha256)) wantedFiles.set(row.sha256, row.name);
    }
    const missing: [string, string][] = [];
    for (const [sha256, name] of wantedFiles) {
      if (await ctx.blobs.has(sha256)) wantedFiles.delete(sha256);
      else missing.push([sha256, name]);
    }
    if (missing.length === 0) return;
    const held = await client.heldBlobs(organizationId, missing.map(([sha]) => sha));
    // Files the server does not hold are not asked for again until a pull names them anew.
    for (const [sha256] of missing) if (!held.has(sha256)) wantedFiles.delete(sha256);
    const queue = missing.filter(([sha]) => held.has(sha));
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const [sha256, name] = item;
        const bytes = await client.downloadBlob(organizationId, sha256);
        if (!bytes) continue;
        const stored = await ctx.blobs.put({ bytes }, name, undefined, { derived: true });
        if (stored.sha256 !== sha256) throw new Error(`downloaded file ${sha256} does not match its hash`);
        wantedFiles.delete(sha256); // a failed download stays wanted for the next round
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  }

  function ensureLive(organizationId: string) {
    if (options.live === false || stopped || liveOrganization === organizationId) return;
    liveAbort?.abort();
    liveAbort = new AbortController();
    liveOrganization = organizationId;
    const signal = liveAbort.signal;
    const cursorKey = `pullCursor:${organizationId}`;
    void client
      .live(organizationId, (version) => {
        if (version > (ctx.state.get<number>(cursorKey) ?? 0)) void syncNow().catch(() => undefined);
      }, signal)
      .catch(() => undefined)
      .finally(() => {
        if (liveOrganization === organizationId && !signal.aborted) {
          // The stream ended (server restart, network): reconnect through the next sync round.
          liveOrganization = null;
          schedule(2_000);
        }
      });
  }

  return {
    status: () => ({ phase, lastError, progress, lastSyncAt }),
    start() {
      if (options.background !== false) void syncNow().catch(() => undefined);
    },
    pause() {
      liveAbort?.abort();
      liveOrganization = null;
    },
    syncNow,
    /** A local write happened: push soon (debounced). */
    kick() {
      // The first edit after a quiet moment goes out at once; a burst of edits is gathered for 200 ms.
      if (!paused()) schedule(timer || running ? 200 : 0);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      liveAbort?.abort();
    },
  };
}
