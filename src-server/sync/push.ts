// Applying pushed mutations (ARCHITECTURE.md guarantees 2, 5, 6, 7, 8). A batch runs in one
// transaction: already-applied mutation ids return their recorded result; the rest are decided in
// device order against the rows as they are now, field by field; results, activity rows, conflict
// records, outbox events and the change feed commit together with the row changes.
import { pushTo } from '../../src-shared/domain/collections.ts';
import { isDeepStrictEqual } from 'node:util';
import { latestVersion } from '../../src-shared/db/migrations.ts';
import { MIGRATIONS } from '../../src-shared/db/migrations.generated.ts';
import { canDelete, canEdit, canGenerateFiles, canTransition, type Decision } from '../../src-shared/domain/lifecycle.ts';
import type { ValuationStatus } from '../../src-shared/domain/enums.ts';
import {
  CLIENT_WRITABLE_TABLES,
  type FieldConflict,
  type Mutation,
  type MutationResult,
  type RejectionCode,
} from '../../src-shared/sync/protocol.ts';
import type { ServerDatabase, SqlSession } from '../db/database.ts';
import { withTenant, type Role } from '../context.ts';
import { BatchState, type Row } from './batch-state.ts';
import { VersionAllocator } from './change-feed.ts';
import { GENERATED_FILE_TYPES, isGeneratedFileType } from '../../src-shared/domain/file-kinds.ts';
import { decideSigning, isSigning } from './signing.ts';
import { insertMany } from './sql.ts';
import { mutationValueProblem } from './values.ts';
import { ACTOR_COLUMNS, CASCADES, SERVER_MANAGED_ON_UPDATE, serverColumns, SET_NULL_ON_DELETE } from './tables.ts';

/** The newest client schema this server understands; older ones are converted or refused. */
const CLIENT_SCHEMA_VERSION = latestVersion(MIGRATIONS.sqlite);

export interface PushActor {
  userId: string;
  organizationId: string;
  role: Role;
  deviceId: string;
}

interface Decided {
  result: MutationResult;
  /** Recorded in applied_mutations (transient refusals such as BLOB_MISSING are not). */
  record: boolean;
  mutation: Mutation;
}

export async function pushMutations(
  db: ServerDatabase,
  actor: PushActor,
  mutations: readonly Mutation[],
  now: () => Date,
): Promise<(MutationResult & { row: Row | null })[]> {
  const scope = { userId: actor.userId, organizationIds: [actor.organizationId] };
  // A device's mutations are applied in seq order whatever their order in the array (equal seqs, as
  // after a restored backup, keep their array order); the answer keeps the array order.
  const order = mutations.map((_, i) => i).sort((a, b) => mutations[a]!.seq - mutations[b]!.seq || a - b);
  const ordered = order.map((i) => mutations[i]!);
  const results = await withTenant(db, scope, async (tx) => {
    const batch = await isolated(tx, () => applyBatch(tx, actor, ordered, now));
    if ('value' in batch) return batch.value;
    // A mutation broke the batch: each one alone under its own savepoint, so its failure is its own
    // outcome and the others go on.
    const one: (MutationResult & { row: Row | null })[] = [];
    for (const mutation of ordered) {
      const alone = await isolated(tx, () => applyBatch(tx, actor, [mutation], now));
      if ('value' in alone) {
        one.push(...alone.value);
        continue;
      }
      const result = rejected(mutation, alone.refusal.code, alone.refusal.reason);
      // Recorded like any result (a retry gets the same answer); should even that fail, answered unrecorded.
      await isolated(tx, () => recordResults(tx, actor, [{ result, record: true, mutation }], now));
      one.push(...(await attachRows(tx, [mutation], [result])));
    }
    return one;
  });
  const answer = new Array<MutationResult & { row: Row | null }>(mutations.length);
  order.forEach((original, position) => (answer[original] = results[position]!));
  return answer;
}

/**
 * Runs fn under a savepoint: a database refusal of the data (see refusalFor) rolls back only fn's work
 * and is returned; anything else (connection loss, a deadlock, shutdown) fails the whole request.
 */
async function isolated<T>(tx: SqlSession, fn: () => Promise<T>): Promise<{ value: T } | { refusal: Refusal }> {
  await tx.exec('SAVEPOINT push_step');
  try {
    const value = await fn();
    await tx.exec('RELEASE SAVEPOINT push_step');
    return { value };
  } catch (error) {
    const refusal = refusalFor(error);
    if (!refusal) throw error;
    await tx.exec('ROLLBACK TO SAVEPOINT push_step');
    await tx.exec('RELEASE SAVEPOINT push_step');
    return { refusal };
  }
}

async function applyBatch(tx: SqlSession, actor: PushActor, mutations: readonly Mutation[], now: () => Date) {
  const previous = await tx.query<{ mutation_id: string; result: MutationResult }>(
    'SELECT mutation_id, result FROM applied_mutations WHERE organization_id = $1 AND mutation_id = ANY($2::uuid[])',
    [actor.organizationId, mutations.map((m) => m.mutationId)],
  );
  const known = new Map(previous.map((p) => [p.mutation_id, p.result]));
  const fresh = mutations.filter((m) => !known.has(m.mutationId));
  // Refusals that need no row are decided before anything is read: a table the app may not write is
  // never queried.
  const early = new Map<Mutation, Decided>();
  for (const m of fresh) {
    const refusal = precheck(actor, m);
    if (refusal) early.set(m, { result: rejected(m, refusal.code, refusal.reason), record: true, mutation: m });
  }
  const checked = fresh.filter((m) => !early.has(m));

  const allocator = await VersionAllocator.lock(tx, actor.organizationId);
  const state = new BatchState(tx, actor.organizationId);
  await state.prefetch(
    checked.map((m) => ({ table: m.table, id: m.rowId })),
    checked.flatMap((m) => (m.blobSha256 ? [m.blobSha256] : [])),
  );
  const decided: Decided[] = [];
  for (const mutation of fresh) decided.push(early.get(mutation) ?? (await decide(state, allocator, actor, mutation, now)));
  await state.write(allocator, actor.userId);
  await recordResults(tx, actor, decided, now, allocator);
  await allocator.flush();

  // The same mutation twice in one batch: the second is a retry of the first.
  const byId = new Map(decided.map((d) => [d.mutation.mutationId, d.result]));
  const results = mutations.map((m) => known.get(m.mutationId) ?? byId.get(m.mutationId)!);
  return attachRows(tx, mutations, results);
}

interface Refusal {
  code: RejectionCode;
  reason: string;
}

/** What is refused before any row is read: the organization, the role, the schema, the table, the fields, the values. */
function precheck(actor: PushActor, m: Mutation): Refusal | null {
  if (m.organizationId !== actor.organizationId) return { code: 'FORBIDDEN', reason: 'This change belongs to another organization.' };
  if (actor.role === 'CLIENT_VIEWER') return { code: 'FORBIDDEN', reason: 'A client viewer can read but not change anything.' };
  if (m.schemaVersion > CLIENT_SCHEMA_VERSION) {
    return { code: 'SCHEMA', reason: `This change was made by a newer app (schema ${m.schemaVersion}); the server understands up to ${CLIENT_SCHEMA_VERSION}.` };
  }
  if (!(CLIENT_WRITABLE_TABLES as readonly string[]).includes(m.table)) return { code: 'INVALID', reason: `The app cannot change ${m.table}.` };
  const columns = serverColumns(m.table)!;
  const unknown = Object.keys(m.changes).filter((c) => !columns.has(c));
  if (unknown.length) return { code: 'SCHEMA', reason: `Unknown field(s) for ${m.table}: ${unknown.join(', ')}.` };
  const problem = mutationValueProblem(m, columns);
  if (problem) return { code: problem.tooLong ? 'TOO_LONG' : 'INVALID', reason: problem.reason };
  return null;
}

async function decide(state: BatchState, allocator: VersionAllocator, actor: PushActor, m: Mutation, now: () => Date): Promise<Decided> {
  const refuse = (code: RejectionCode, reason: string) => ({ result: rejected(m, code, reason), record: code !== 'BLOB_MISSING', mutation: m });
  const columns = serverColumns(m.table)!;
  if (m.blobSha256 && !state.holdsBlob(m.blobSha256)) return refuse('BLOB_MISSING', 'Upload the file before the change that references it.');

  const current = await state.get(m.table, m.rowId);
  const version = () => allocator.next();

  // Another organization's row id: refused for every operation, as the row is not the caller's.
  if (!current && (await state.belongsElsewhere(m.table, m.rowId))) return refuse('FORBIDDEN', 'This row belongs to another organization.');

  if (m.op === 'insert') {
    if (current) return refuse('INVALID', 'A row with this id already exists.');
    if (state.wasDeleted(m.table, m.rowId)) return refuse('DELETED', 'This row was deleted on another device.');
    if (m.changes.id !== m.rowId || m.changes.organization_id !== actor.organizationId) {
      return refuse('FORBIDDEN', 'The new row must carry its own id and your organization.');
    }
    for (const column of ACTOR_COLUMNS) {
      if (column in m.changes && m.changes[column] !== actor.userId) return refuse('FORBIDDEN', `${column} must be you.`);
    }
    if (m.table === 'valuations' && !['DRAFT', 'IN_PROGRESS'].includes(String(m.changes.status ?? 'DRAFT'))) {
      return refuse('LIFECYCLE', 'A new valuation starts as a draft.');
    }
    if (m.table === 'assets') {
      const problem = generatedFileProblem(m, state.blobMime(String(m.changes.sha256)));
      if (problem) return refuse('INVALID', problem);
    }
    if (['signed_by_id', 'signed_at', 'report_sha256'].some((c) => m.changes[c] != null)) {
      return refuse('LIFECYCLE', 'A valuation is signed by signing its report.');
    }
    if (m.table === 'valuations' && m.changes.revision_of_id != null) {
      const revised = await state.get('valuations', String(m.changes.revision_of_id));
      if (!revised) return refuse('NOT_FOUND', 'The valuation this revises does not exist.');
      if (!['SIGNED', 'ARCHIVED'].includes(String(revised.status)) || revised.signed_at == null) {
        return refuse('LIFECYCLE', 'Only a signed valuation is revised.');
      }
    }
    const parent = await valuationOf(state, m.table, m.changes);
    if (parent === 'missing') return refuse('NOT_FOUND', 'The valuation this row belongs to does not exist.');
    // Generated files (exports) may be added to a signed valuation; nothing else may.
    const edit = !parent ? allowed : m.table === 'assets' ? canGenerateFiles(parent.status, actor.role) : canEdit(parent.status, actor.role);
    if (!edit.allowed) return refuse(edit.code, edit.reason);
    const serverVersion = version();
    // Two devices may number a document's versions (or an asset's) alike offline: the server numbers them.
    const numbered =
      m.table === 'document_versions'
        ? { version_number: await state.nextDocumentVersion(String(m.changes.document_id)) }
        : m.table === 'assets'
          ? { version: await state.nextAssetVersion(String(m.changes.valuation_id), String(m.changes.slug)) }
          : {};
    state.insert(m.table, m.rowId, { ...m.changes, ...numbered, server_version: serverVersion });
    return done(m, 'applied', serverVersion, [], m.activity);
  }

  if (!current) {
    if (m.op === 'delete') return done(m, 'applied', null, [], m.activity);
    return state.wasDeleted(m.table, m.rowId)
      ? refuse('DELETED', 'This row was deleted on another device; your change is kept here.')
      : refuse('NOT_FOUND', 'This row does not exist on the server.');
  }

  const parent = await valuationOf(state, m.table, current);
  if (parent === 'missing') return refuse('NOT_FOUND', 'The valuation this row belongs to does not exist.');

  if (m.op === 'delete') {
    const decision =
      m.table === 'valuations'
        ? canDelete(current.status as ValuationStatus, actor.role, current.created_by_id === actor.userId)
        : parent
          ? canEdit(parent.status, actor.role)
          : allowed;
    if (!decision.allowed) return refuse(decision.code, decision.reason);
    // A delete made without seeing someone else's later edit would lose that edit silently: refused,
    // the row stays (and comes back to this device with the result).
    const changedSince = Number(current.server_version) > m.baseVersion && !state.touchedInBatch(m.table, m.rowId);
    if (changedSince && (await state.lastChangedBy(m.table, m.rowId)) !== actor.userId) {
      return refuse('CHANGED', 'Someone changed this after you deleted it, so it was kept; delete it again if you still want to.');
    }
    state.remove(m.table, m.rowId);
    return done(m, 'applied', null, [], m.activity);
  }

  if (isSigning(m)) {
    const signing = await decideSigning(state, actor, m, current, now());
    if ('refuse' in signing) return refuse(signing.refuse, signing.reason);
    if (!Object.keys(signing.apply).length) return done(m, 'applied', Number(current.server_version), [], m.activity);
    const serverVersion = version();
    state.update(m.table, m.rowId, { ...signing.apply, server_version: serverVersion, updated_at: now().toISOString() });
    return done(m, 'applied', serverVersion, [], m.activity);
  }

  // Re-uploading a file makes the caller its uploader; the appraiser (created_by_id) never changes.
  const selfAssignable = new Set(['uploaded_by_id', 'generated_by_id']);
  const managed = Object.keys(m.changes).filter(
    (c) => SERVER_MANAGED_ON_UPDATE.has(c) && !(selfAssignable.has(c) && m.changes[c] === actor.userId),
  );
  if (managed.length) return refuse('FORBIDDEN', `These fields cannot be changed: ${managed.join(', ')}.`);

  // Per-field three-way decision: a field the server has not changed since the client's base takes
  // the client's value; a field both changed keeps the server's value and records the conflict.
  const sameBase = m.baseVersion === Number(current.server_version);
  const apply: Row = {};
  const conflicts: FieldConflict[] = [];
  for (const [column, value] of Object.entries(m.changes)) {
    const serverValue = current[column] ?? null;
    const base = column in m.base ? (m.base[column] ?? null) : serverValue;
    if (sameBase || isDeepStrictEqual(normalize(serverValue), normalize(base))) apply[column] = value;
    else if (!isDeepStrictEqual(normalize(serverValue), normalize(value))) {
      conflicts.push({ field: column, serverValue, localValue: value, winner: 'SERVER', serverChangedAt: (current.updated_at as string) ?? null, serverActorId: null });
    }
  }

  const statusChange = m.table === 'valuations' && 'status' in apply && apply.status !== current.status;
  const otherFields = Object.keys(apply).some((c) => c !== 'status');
  if (statusChange) {
    const decision = canTransition({
      from: current.status as ValuationStatus,
      to: apply.status as ValuationStatus,
      role: actor.role,
      isAppraiser: current.created_by_id === actor.userId,
    });
    if (!decision.allowed) return refuse(decision.code, decision.reason);
  }
  if (otherFields || !statusChange) {
    const decision = parent ? canEdit(parent.status, actor.role) : allowed;
    if (!decision.allowed) return refuse(decision.code, decision.reason);
  }

  let serverVersion: number | null = Number(current.server_version);
  if (Object.keys(apply).length) {
    serverVersion = version();
    state.update(m.table, m.rowId, { ...apply, server_version: serverVersion, ...(columns.has('updated_at') ? { updated_at: now().toISOString() } : {}) });
  }
  return done(m, conflicts.length ? 'conflict' : sameBase ? 'applied' : 'merged', serverVersion, conflicts, m.activity);
}

const allowed: Decision = { allowed: true };

/**
 * A generated file must be what its type says, named so (colleagues' apps open it by its extension),
 * and be the file the mutation uploads.
 */
function generatedFileProblem(m: Mutation, heldMime: string | undefined): string | null {
  const type = String(m.changes.asset_type);
  if (!isGeneratedFileType(type)) return `The app does not generate ${type} files.`;
  const expected = GENERATED_FILE_TYPES[type];
  if (m.changes.sha256 !== m.blobSha256) return 'A generated file must name the file it uploads.';
  if (heldMime !== expected.mime) return `The uploaded file is not a ${type} file.`;
  const name = String(m.changes.file_name ?? '');
  if (!name.toLowerCase().endsWith(`.${expected.ext}`)) return `A ${type} file's name must end in .${expected.ext}.`;
  if (/[\\/]/.test(name) || [...name].some((ch) => ch.charCodeAt(0) < 0x20)) return 'A file name holds no folders or control characters.';
  return null;
}

/** The valuation a row belongs to (for lifecycle rules): null when it belongs to none. */
async function valuationOf(state: BatchState, table: string, row: Row): Promise<{ status: ValuationStatus } | null | 'missing'> {
  const valuation = async (id: unknown) => {
    if (typeof id !== 'string') return null;
    const found = await state.get('valuations', id);
    return found ? { status: found.status as ValuationStatus } : 'missing';
  };
  switch (table) {
    case 'valuations':
      return { status: row.status as ValuationStatus };
    case 'valuation_sessions':
      return row.valuation_id ? valuation(row.valuation_id) : null;
    case 'documents':
    case 'images':
    case 'assets':
      return valuation(row.valuation_id);
    case 'document_versions': {
      const document = typeof row.document_id === 'string' ? await state.get('documents', row.document_id) : null;
      return document ? valuation(document.valuation_id) : 'missing';
    }
    case 'asset_variants': {
      const parentTable = row.image_id ? 'images' : 'documents';
      const parentId = row.image_id ?? row.document_id;
      const parentRow = typeof parentId === 'string' ? await state.get(parentTable, parentId) : null;
      return parentRow ? valuation(parentRow.valuation_id) : 'missing';
    }
    case 'comparables':
      return null; // the organization's comparables library belongs to no valuation
    default:
      return null;
  }
}

/** JSON round trip so that values read from PostgreSQL and values sent by a client compare alike. */
function normalize(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function done(m: Mutation, outcome: MutationResult['outcome'], serverVersion: number | null, conflicts: FieldConflict[], activity: Mutation['activity']): Decided {
  return { result: { mutationId: m.mutationId, outcome, serverVersion, conflicts }, record: true, mutation: { ...m, activity } };
}

function rejected(m: Mutation, reasonCode: RejectionCode, reason: string): MutationResult {
  return { mutationId: m.mutationId, outcome: 'rejected', serverVersion: null, reasonCode, reason, conflicts: [] };
}

/** applied_mutations, activity rows, conflict records and outbox events of the decided mutations. */
async function recordResults(tx: SqlSession, actor: PushActor, decided: readonly Decided[], now: () => Date, allocator?: VersionAllocator) {
  const recorded = decided.filter((d) => d.record);
  await insertMany(
    tx,
    'applied_mutations',
    ['mutation_id', 'organization_id', 'device_id', 'device_seq', 'user_id', 'schema_version', 'result'],
    recorded.map((d) => [d.mutation.mutationId, actor.organizationId, actor.deviceId, d.mutation.seq, actor.userId, d.mutation.schemaVersion, JSON.stringify(d.result)]),
    ['uuid', 'uuid', 'uuid', 'bigint', 'uuid', 'integer', 'jsonb'],
  );
  const accepted = decided.filter((d) => d.result.outcome !== 'rejected');
  const activities = accepted.flatMap((d) => (d.mutation.activity ? [d.mutation.activity] : []));
  if (allocator && activities.length) {
    const rows = activities.map((a) => {
      const version = allocator.next();
      allocator.record({ table: 'activity_logs', rowId: a.id, version, deleted: false, actorId: actor.userId });
      return [a.id, actor.organizationId, a.subjectType, a.subjectId, a.valuationId, a.action, actor.userId, JSON.stringify(a.payload), a.createdAt, version];
    });
    await insertMany(
      tx,
      'activity_logs',
      ['id', 'organization_id', 'subject_type', 'subject_id', 'valuation_id', 'action', 'actor_id', 'payload', 'created_at', 'server_version'],
      rows,
      ['uuid', 'uuid', 'text', 'uuid', 'uuid', 'text', 'uuid', 'jsonb', 'timestamptz', 'bigint'],
      'ON CONFLICT (id) DO NOTHING',
    );
  }
  const conflicts = accepted.flatMap((d) => d.result.conflicts.map((c) => ({ d, c })));
  await insertMany(
    tx,
    'mutation_conflicts',
    ['id', 'organization_id', 'table_name', 'row_id', 'field', 'winning_value', 'losing_value', 'winner', 'mutation_id', 'user_id'],
    conflicts.map(({ d, c }) => [crypto.randomUUID(), actor.organizationId, d.mutation.table, d.mutation.rowId, c.field, JSON.stringify(c.serverValue), JSON.stringify(c.localValue), c.winner, d.mutation.mutationId, actor.userId]),
    ['uuid', 'uuid', 'text', 'uuid', 'text', 'jsonb', 'jsonb', 'text', 'uuid', 'uuid'],
  );
  await insertMany(
    tx,
    'outbox',
    ['organization_id', 'event_type', 'payload'],
    accepted.map((d) => [
      actor.organizationId,
      `${d.mutation.table}.${d.mutation.op}`,
      JSON.stringify({
        mutationId: d.mutation.mutationId,
        table: d.mutation.table,
        rowId: d.mutation.rowId,
        outcome: d.result.outcome,
        serverVersion: d.result.serverVersion,
        fields: Object.keys(d.mutation.changes),
        actorId: actor.userId,
        at: now().toISOString(),
      }),
    ]),
    ['uuid', 'text', 'jsonb'],
  );
}

/**
 * Each result carries the row as the server now has it (null when it does not exist), so the client
 * can settle at once; a refused delete also carries the rows the device's delete took with it.
 */
async function attachRows(tx: SqlSession, mutations: readonly Mutation[], results: readonly MutationResult[]) {
  const ids = new Map<string, string[]>();
  for (const m of mutations) if (serverColumns(m.table)) pushTo(ids, m.table, m.rowId);
  const rows = new Map<string, Row>();
  for (const [table, list] of ids) {
    for (const row of await tx.query<Row>(`SELECT * FROM "${table}" WHERE id = ANY($1::uuid[])`, [list])) rows.set(`${table}:${String(row.id)}`, row);
  }
  return Promise.all(
    results.map(async (result, i) => {
      const m = mutations[i]!;
      const row = rows.get(`${m.table}:${m.rowId}`) ?? null;
      const refusedDelete = m.op === 'delete' && result.outcome === 'rejected' && row;
      return { ...result, row, ...(refusedDelete ? { related: await dependentsOf(tx, m.table, [m.rowId]) } : {}) };
    }),
  );
}

/** The rows that hang off these rows through foreign keys (what a local delete cascades to). */
async function dependentsOf(tx: SqlSession, table: string, ids: string[]): Promise<{ table: string; row: Row }[]> {
  const found: { table: string; row: Row }[] = [];
  for (const [child, column] of [...(CASCADES[table] ?? []), ...(SET_NULL_ON_DELETE[table] ?? [])]) {
    if (child === table) continue;
    const rows = await tx.query<Row>(`SELECT * FROM "${child}" WHERE "${column}" = ANY($1::uuid[])`, [ids]);
    if (rows.length === 0) continue;
    found.push(...rows.map((row) => ({ table: child, row })));
    found.push(...(await dependentsOf(tx, child, rows.map((r) => String(r.id)))));
  }
  return found;
}

/**
 * A database refusal of the data itself, classified and worded without the database's own text (no
 * constraint names, no other rows): integrity and data exceptions (SQLSTATE classes 23 and 22), limits
 * such as an index row too large (54), unknown columns or tables and missing privileges (42). Null for
 * anything else (connection loss, deadlock, serialization failure, shutdown, a bug), which is transient
 * or the server's own failure and must not become a permanent rejection.
 */
function refusalFor(error: unknown): Refusal | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') return null;
  if (code === '23505') return { code: 'INVALID', reason: 'This change conflicts with data that already exists on the server.' };
  if (code === '23503') return { code: 'INVALID', reason: 'This change refers to something that does not exist on the server.' };
  if (code.startsWith('23')) return { code: 'INVALID', reason: 'This change breaks a rule of the data model (a required or limited value).' };
  if (code === '22001' || code.startsWith('54')) return { code: 'TOO_LONG', reason: 'A value in this change is too long for the server.' };
  if (code.startsWith('22')) return { code: 'INVALID', reason: 'A value in this change has the wrong form or is out of range.' };
  if (code === '42703' || code === '42P01') return { code: 'SCHEMA', reason: 'This change names a field or table the server does not have.' };
  if (code === '42501') return { code: 'FORBIDDEN', reason: 'The app may not write this.' };
  if (code === '42804' || code === '42P18') return { code: 'INVALID', reason: 'A value in this change has the wrong type.' };
  return null;
}
