// ARCHITECTURE.md "Outbox and sync", guarantee 1: a local write, its outbox entry and its activity row
// commit in one SQLite transaction, so a crash at any instant leaves all three or none.
//
// The core runs in a child process (tests/fixtures/crash/writer-child.ts) that writes through
// core.dispatch in a tight loop; the test kills it with SIGKILL at a random instant, several times on
// one data folder. After each kill the database is opened directly and checked:
// - PRAGMA integrity_check is ok, PRAGMA foreign_key_check is empty, the search index matches the rows;
// - sync_mutations and activity_logs map 1:1 (autosaves fold into a pending mutation without a new
//   activity row, so it is one activity row per mutation, not per write);
// - every row has an insert mutation first, and a row that is gone has a delete mutation last;
// - the database equals a model built by replaying every write the child reported as done: a reported
//   write is durable (WAL + synchronous=NORMAL survives a process kill), and the one write in flight at
//   the kill is either wholly there (row change + mutation + activity) or wholly absent.
// Finally the real core reopens the folder and works.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../src-main/core/create-core.ts';
import { keysToColumns } from '../../../../src-main/core/store/tables.ts';
import type { CrashLine, CrashOp } from '../../../fixtures/crash/protocol.ts';
import { call } from '../../../helpers/core.ts';
import { tempDir } from '../../../helpers/temp.ts';

const CHILD = fileURLToPath(new URL('../../../fixtures/crash/writer-child.ts', import.meta.url));
/** Kill/reopen cycles on one folder; SHAMAY_CRASH_CYCLES=50 makes a longer soak run. */
const CYCLES = Number(process.env.SHAMAY_CRASH_CYCLES ?? 5);
const MIN_WRITES_BEFORE_KILL = 300;

type Row = Record<string, unknown>;

interface ExpectedMutation {
  op: 'insert' | 'update' | 'delete';
  action: string;
  subjectType: 'valuation' | 'session';
  /** For updates: the changes the mutation must carry (folded autosaves merged). */
  changes?: Row;
}

interface ModelValuation {
  id: string;
  fields: Row;
}

interface ModelSession {
  id: string;
  fields: Row;
}

/** Columns of the model a row is compared on (JSON columns parsed). */
const VALUATION_COLUMNS = ['title', 'status', 'address_full', 'block', 'parcel', 'subparcel', 'final_valuation_agorot', 'meta', 'step1_data'];
const SESSION_COLUMNS = ['valuation_id', 'status', 'current_step', 'step_data', 'wizard_data'];
const JSON_COLUMNS = new Set(['meta', 'step1_data', 'step_data', 'wizard_data']);

/** What the local database should hold after the writes applied to it so far. */
class Model {
  valuations = new Map<string, ModelValuation>();
  sessions = new Map<string, ModelSession>();
  /** Expected outbox entries per `table:rowId`, in order; kept for deleted rows too. */
  mutations = new Map<string, ExpectedMutation[]>();

  clone(): Model {
    const copy = new Model();
    copy.valuations = structuredClone(this.valuations);
    copy.sessions = structuredClone(this.sessions);
    copy.mutations = structuredClone(this.mutations);
    return copy;
  }

  private push(table: string, rowId: string, mutation: ExpectedMutation): void {
    const key = `${table}:${rowId}`;
    const list = this.mutations.get(key) ?? [];
    list.push(mutation);
    this.mutations.set(key, list);
  }

  private valuation(id: string): ModelValuation {
    const valuation = this.valuations.get(id);
    if (!valuation) throw new Error(`the child wrote to valuation ${id}, which the model does not hold`);
    return valuation;
  }

  /** Applies one write; `newId` is the id of the row a create, duplicate or wizard start made. */
  apply(op: CrashOp, newId: string | undefined): void {
    switch (op.op) {
      case 'create': {
        const id = required(newId, op.op);
        const fields: Row = {
          status: 'DRAFT',
          address_full: null,
          block: null,
          parcel: null,
          subparcel: null,
          final_valuation_agorot: null,
          meta: {},
          step1_data: null,
          ...keysToColumns('valuations', op.fields),
        };
        this.valuations.set(id, { id, fields });
        this.push('valuations', id, { op: 'insert', action: 'created', subjectType: 'valuation' });
        return;
      }
      case 'duplicate': {
        const id = required(newId, op.op);
        const source = this.valuation(op.id).fields;
        const fields: Row = {
          status: 'DRAFT',
          title: `${String(source.title)} (עותק)`,
          final_valuation_agorot: null,
          ...structuredClone(pick(source, ['address_full', 'block', 'parcel', 'subparcel', 'meta', 'step1_data'])),
        };
        this.valuations.set(id, { id, fields });
        this.push('valuations', id, { op: 'insert', action: 'duplicated', subjectType: 'valuation' });
        return;
      }
      case 'update': {
        const changes = keysToColumns('valuations', op.fields);
        Object.assign(this.valuation(op.id).fields, structuredClone(changes));
        this.push('valuations', op.id, { op: 'update', action: 'updated', subjectType: 'valuation', changes });
        return;
      }
      case 'changeStatus': {
        this.valuation(op.id).fields.status = op.status;
        this.push('valuations', op.id, { op: 'update', action: 'status_changed', subjectType: 'valuation', changes: { status: op.status } });
        return;
      }
      case 'deleteDraft': {
        this.valuation(op.id);
        this.valuations.delete(op.id);
        // valuation_sessions.valuation_id is ON DELETE SET NULL.
        for (const session of this.sessions.values()) if (session.fields.valuation_id === op.id) session.fields.valuation_id = null;
        this.push('valuations', op.id, { op: 'delete', action: 'deleted', subjectType: 'valuation', changes: {} });
        return;
      }
      case 'wizardStart': {
        const id = required(newId, op.op);
        this.valuation(op.valuationId);
        this.sessions.set(id, { id, fields: { valuation_id: op.valuationId, status: 'ACTIVE', current_step: 1, step_data: {}, wizard_data: {} } });
        this.push('valuation_sessions', id, { op: 'insert', action: 'created', subjectType: 'session' });
        return;
      }
      case 'autosave': {
        const session = this.sessions.get(op.id);
        if (!session) throw new Error(`the child autosaved session ${op.id}, which the model does not hold`);
        const values = { current_step: op.currentStep, step_data: op.stepData, wizard_data: op.wizardData };
        Object.assign(session.fields, structuredClone(values));
        // Coalescing: an autosave folds into the row's newest mutation when that is a pending update
        // (nothing is ever pushed here, so every mutation stays pending at base version 0).
        const list = this.mutations.get(`valuation_sessions:${op.id}`) ?? [];
        const last = list.at(-1);
        if (last?.op === 'update') last.changes = { ...last.changes, ...structuredClone(values) };
        else this.push('valuation_sessions', op.id, { op: 'update', action: 'updated', subjectType: 'session', changes: structuredClone(values) });
        return;
      }
    }
  }
}

function required(id: string | undefined, op: string): string {
  if (!id) throw new Error(`a reported ${op} has no id`);
  return id;
}

function pick(row: Row, columns: readonly string[]): Row {
  return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
}

function decode(raw: Row, columns: readonly string[]): Row {
  return Object.fromEntries(
    columns.map((c) => {
      const value = raw[c] ?? null;
      return [c, JSON_COLUMNS.has(c) && typeof value === 'string' ? JSON.parse(value) : value];
    }),
  );
}

interface Snapshot {
  valuations: Map<string, Row>;
  sessions: Map<string, Row>;
  mutations: { seq: number; device_id: string; table_name: string; row_id: string; operation: string; changes: string; activity_id: string | null }[];
  activity: Map<string, { id: string; subject_type: string; subject_id: string; action: string }>;
}

function readSnapshot(db: Database.Database): Snapshot {
  return {
    valuations: new Map((db.prepare('SELECT * FROM valuations').all() as Row[]).map((r) => [String(r.id), r])),
    sessions: new Map((db.prepare('SELECT * FROM valuation_sessions').all() as Row[]).map((r) => [String(r.id), r])),
    mutations: db
      .prepare('SELECT seq, device_id, table_name, row_id, operation, changes, activity_id FROM sync_mutations ORDER BY seq')
      .all() as Snapshot['mutations'],
    activity: new Map(
      (db.prepare('SELECT id, subject_type, subject_id, action FROM activity_logs').all() as {
        id: string;
        subject_type: string;
        subject_id: string;
        action: string;
      }[]).map((a) => [a.id, a]),
    ),
  };
}

/**
 * The invariants that hold whatever was written: the file is sound, the search index matches, outbox
 * and activity map 1:1, and each row's outbox history starts with its insert (ends with its delete).
 */
function checkInvariants(db: Database.Database, snap: Snapshot, deviceId: string): string[] {
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') problems.push(`integrity_check: ${JSON.stringify(integrity)}`);
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);
  const unindexed = db.prepare('SELECT count(*) AS n FROM valuations v WHERE v.rowid NOT IN (SELECT rowid FROM valuations_search)').get() as { n: number };
  const orphanIndex = db.prepare('SELECT count(*) AS n FROM valuations_search s WHERE s.rowid NOT IN (SELECT rowid FROM valuations)').get() as { n: number };
  if (unindexed.n !== 0 || orphanIndex.n !== 0) problems.push(`search index: ${unindexed.n} rows unindexed, ${orphanIndex.n} index entries without a row`);

  const referenced = new Map<string, number>();
  for (const m of snap.mutations) {
    if (m.device_id !== deviceId) problems.push(`mutation ${m.seq} has device ${m.device_id}, expected ${deviceId}`);
    if (!m.activity_id) {
      problems.push(`mutation ${m.seq} (${m.table_name} ${m.operation}) has no activity_id`);
      continue;
    }
    referenced.set(m.activity_id, (referenced.get(m.activity_id) ?? 0) + 1);
    const activity = snap.activity.get(m.activity_id);
    if (!activity) problems.push(`mutation ${m.seq} refers to missing activity ${m.activity_id}`);
    else if (activity.subject_id !== m.row_id) problems.push(`mutation ${m.seq} on ${m.row_id} has activity about ${activity.subject_id}`);
  }
  for (const [id, count] of referenced) if (count !== 1) problems.push(`activity ${id} is referenced by ${count} mutations`);
  for (const id of snap.activity.keys()) if (!referenced.has(id)) problems.push(`activity ${id} has no mutation`);
  if (snap.mutations.length !== snap.activity.size) problems.push(`${snap.mutations.length} mutations but ${snap.activity.size} activity rows`);

  const byRow = new Map<string, Snapshot['mutations']>();
  for (const m of snap.mutations) {
    const key = `${m.table_name}:${m.row_id}`;
    byRow.set(key, [...(byRow.get(key) ?? []), m]);
  }
  for (const [key, list] of byRow) {
    if (list[0]?.operation !== 'insert') problems.push(`${key}: first mutation is ${list[0]?.operation}, not insert`);
    const [table, id] = key.split(':') as [string, string];
    const exists = table === 'valuations' ? snap.valuations.has(id) : table === 'valuation_sessions' ? snap.sessions.has(id) : true;
    if (!exists && list.at(-1)?.operation !== 'delete') problems.push(`${key}: row is gone but its last mutation is ${list.at(-1)?.operation}`);
    if (exists && list.some((m) => m.operation === 'delete')) problems.push(`${key}: row exists after a delete mutation`);
  }
  for (const id of snap.valuations.keys()) if (!byRow.has(`valuations:${id}`)) problems.push(`valuation ${id} has no insert mutation`);
  for (const id of snap.sessions.keys()) if (!byRow.has(`valuation_sessions:${id}`)) problems.push(`session ${id} has no insert mutation`);
  return problems;
}

/** Where the database differs from the model (rows, fields, and each row's outbox + activity history). */
function diff(model: Model, snap: Snapshot): string[] {
  const problems: string[] = [];
  for (const [id, raw] of snap.valuations) {
    const expected = model.valuations.get(id);
    if (!expected) {
      problems.push(`valuation ${id} (${String(raw.title)}) exists but no reported write made it`);
      continue;
    }
    const actual = decode(raw, VALUATION_COLUMNS);
    const wanted = pick(expected.fields, VALUATION_COLUMNS);
    if (!isDeepStrictEqual(actual, wanted)) problems.push(`valuation ${id}: holds ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
  }
  for (const id of model.valuations.keys()) if (!snap.valuations.has(id)) problems.push(`valuation ${id} was reported written but is missing`);
  for (const [id, raw] of snap.sessions) {
    const expected = model.sessions.get(id);
    if (!expected) {
      problems.push(`session ${id} exists but no reported write made it`);
      continue;
    }
    const actual = decode(raw, SESSION_COLUMNS);
    const wanted = pick(expected.fields, SESSION_COLUMNS);
    if (!isDeepStrictEqual(actual, wanted)) problems.push(`session ${id}: holds ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
  }
  for (const id of model.sessions.keys()) if (!snap.sessions.has(id)) problems.push(`session ${id} was reported written but is missing`);

  const actualByRow = new Map<string, Snapshot['mutations']>();
  for (const m of snap.mutations) {
    const key = `${m.table_name}:${m.row_id}`;
    actualByRow.set(key, [...(actualByRow.get(key) ?? []), m]);
  }
  for (const key of new Set([...actualByRow.keys(), ...model.mutations.keys()])) {
    const actual = actualByRow.get(key) ?? [];
    const wanted = model.mutations.get(key) ?? [];
    if (actual.length !== wanted.length) {
      problems.push(`${key}: ${actual.length} mutations (${actual.map((m) => m.operation).join(',')}), expected ${wanted.length} (${wanted.map((m) => m.op).join(',')})`);
      continue;
    }
    wanted.forEach((w, i) => {
      const m = actual[i]!;
      const activity = m.activity_id ? snap.activity.get(m.activity_id) : undefined;
      if (m.operation !== w.op) problems.push(`${key} #${i}: mutation ${m.operation}, expected ${w.op}`);
      if (activity?.action !== w.action || activity.subject_type !== w.subjectType) {
        problems.push(`${key} #${i}: activity ${activity?.subject_type}/${activity?.action}, expected ${w.subjectType}/${w.action}`);
      }
      if (w.changes && !isDeepStrictEqual(JSON.parse(m.changes), w.changes)) {
        problems.push(`${key} #${i}: mutation changes ${m.changes}, expected ${JSON.stringify(w.changes)}`);
      }
    });
  }
  return problems;
}

function parseProgress(file: string): CrashLine[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  // A line is complete only with its newline (writeSync of one short line is one write(2), but be strict).
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line) as CrashLine);
}

function countDone(file: string): number {
  if (!existsSync(file)) return 0;
  const text = readFileSync(file, 'utf8');
  let count = 0;
  for (let i = text.indexOf('"t":"done"'); i >= 0; i = text.indexOf('"t":"done"', i + 1)) count++;
  return count;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface CycleResult {
  done: number;
  inFlight: string;
}

/** Runs the child until it has reported `threshold` writes, then SIGKILLs it a random few ms later. */
async function runAndKill(dataDir: string, progress: string, seed: number, cycle: number, threshold: number): Promise<void> {
  const child = spawn(process.execPath, [CHILD, dataDir, progress, String(seed), String(cycle)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let early: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((status) => (early = status));
  const deadline = Date.now() + 20_000;
  while (!early && countDone(progress) < threshold) {
    if (Date.now() > deadline) break;
    await sleep(5);
  }
  if (early) throw new Error(`the writer child exited on its own (${JSON.stringify(early)}):\n${output}`);
  if (countDone(progress) < threshold) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`the writer child reported fewer than ${threshold} writes in 20 s:\n${output}`);
  }
  await sleep(Math.floor(Math.random() * 25));
  child.kill('SIGKILL');
  const status = await exited;
  if (status.signal !== 'SIGKILL') throw new Error(`the writer child ended with ${JSON.stringify(status)} before the kill:\n${output}`);
}

/**
 * Replays one cycle's reported writes into the model and settles the write that was in flight at the
 * kill: the database must equal the model either without it or with it, nothing in between.
 */
function settleCycle(model: Model, lines: CrashLine[], db: Database.Database): CycleResult & { deviceId: string } {
  const ready = lines.find((l): l is Extract<CrashLine, { t: 'ready' }> => l.t === 'ready');
  const failure = lines.find((l) => l.t === 'fail');
  if (failure) throw new Error(`the writer child reported a failed write: ${JSON.stringify(failure)}`);
  if (!ready) throw new Error('the writer child never got ready');
  const begun = new Map<number, CrashOp>();
  let done = 0;
  let pending: CrashOp | undefined;
  for (const line of lines) {
    if (line.t === 'begin') {
      const { t: _t, n, ...op } = line;
      begun.set(n, op as CrashOp);
      pending = op as CrashOp;
    } else if (line.t === 'done') {
      const op = begun.get(line.n);
      if (!op) throw new Error(`done without begin: ${line.n}`);
      model.apply(op, line.id);
      done++;
      pending = undefined;
    }
  }
  const snap = readSnapshot(db);
  const invariants = checkInvariants(db, snap, ready.deviceId);
  expect(invariants, 'database invariants after the kill').toEqual([]);

  const withoutPending = diff(model, snap);
  if (!pending) {
    expect(withoutPending, 'the database after the kill differs from the reported writes').toEqual([]);
    return { done, inFlight: 'none', deviceId: ready.deviceId };
  }
  if (withoutPending.length === 0) return { done, inFlight: `${pending.op} (not committed)`, deviceId: ready.deviceId };

  // The in-flight write committed: apply it (a new row's id is whichever row the model does not know).
  const applied = model.clone();
  let newId: string | undefined;
  if (pending.op === 'create' || pending.op === 'duplicate') {
    newId = [...snap.valuations.keys()].find((id) => !model.valuations.has(id));
  } else if (pending.op === 'wizardStart') {
    newId = [...snap.sessions.keys()].find((id) => !model.sessions.has(id));
  }
  const makesRow = pending.op === 'create' || pending.op === 'duplicate' || pending.op === 'wizardStart';
  let withPending = ['(no new row in the database)'];
  if (!makesRow || newId) {
    applied.apply(pending, newId);
    withPending = diff(applied, snap);
  }
  if (withPending.length > 0) {
    throw new Error(
      `the database matches neither the reported writes nor them plus the in-flight ${JSON.stringify(pending)}:\n` +
        `without it:\n  ${withoutPending.slice(0, 15).join('\n  ')}\nwith it:\n  ${withPending.slice(0, 15).join('\n  ')}`,
    );
  }
  model.valuations = applied.valuations;
  model.sessions = applied.sessions;
  model.mutations = applied.mutations;
  return { done, inFlight: `${pending.op} (committed, unreported)`, deviceId: ready.deviceId };
}

describe('crash safety of the local store', () => {
  it('keeps every committed write with exactly one outbox entry and one activity row across kill -9', async () => {
    const dataDir = tempDir('shamay-crash-');
    const file = join(dataDir, 'shamay.sqlite');
    const seed = Math.floor(Math.random() * 1_000_000);
    const model = new Model();
    const results: (CycleResult & { threshold: number })[] = [];
    let deviceId: string | undefined;

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const progress = join(dataDir, `progress-${cycle}.jsonl`);
      const threshold = MIN_WRITES_BEFORE_KILL + Math.floor(Math.random() * 300);
      await runAndKill(dataDir, progress, seed, cycle, threshold);
      // Read-only, so the hot WAL the kill left behind is still there for the next child to recover.
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const result = settleCycle(model, parseProgress(progress), db);
        deviceId ??= result.deviceId;
        expect(result.deviceId, 'the device id survives the crashes').toBe(deviceId);
        results.push({ done: result.done, inFlight: result.inFlight, threshold });
      } catch (error) {
        if (error instanceof Error) error.message = `cycle ${cycle} (seed ${seed}): ${error.message}`;
        throw error;
      } finally {
        db.close();
      }
    }
    console.log(
      `crash-safety (seed ${seed}): ${results.map((r, i) => `cycle ${i}: ${r.done} writes reported, killed during ${r.inFlight}`).join('; ')}`,
    );
    expect(results.reduce((sum, r) => sum + r.done, 0)).toBeGreaterThanOrEqual(CYCLES * MIN_WRITES_BEFORE_KILL);

    // The real core reopens the folder (migrations, session from the last run) and works on.
    const core = createCore({ dataDir });
    try {
      const direct = new Database(file, { readonly: true });
      const count = (sql: string) => (direct.prepare(sql).get() as { n: number }).n;
      try {
        const all = await call(core, 'valuations.list', { limit: 500 });
        expect(all.total).toBe(count('SELECT count(*) AS n FROM valuations'));
        expect(all.total).toBe(model.valuations.size);
        const drafts = await call(core, 'valuations.list', { status: ['DRAFT'], limit: 1 });
        expect(drafts.total).toBe(count("SELECT count(*) AS n FROM valuations WHERE status = 'DRAFT'"));
        const anyId = all.items[0]?.id;
        if (anyId) {
          const one = await call(core, 'valuations.get', { id: anyId });
          expect(one.title).toBe(model.valuations.get(anyId)?.fields.title);
        }
        const pendingBefore = (await call(core, 'sync.pendingCount', {})).pending;
        expect(pendingBefore).toBe(count('SELECT count(*) AS n FROM sync_mutations'));
        const created = await call(core, 'valuations.create', { title: 'אחרי הקריסה' });
        expect((await call(core, 'sync.pendingCount', {})).pending).toBe(pendingBefore + 1);
        const mutation = direct.prepare('SELECT activity_id FROM sync_mutations WHERE row_id = ?').get(created.id) as { activity_id: string };
        expect(direct.prepare('SELECT action FROM activity_logs WHERE id = ?').get(mutation.activity_id)).toEqual({ action: 'created' });
        expect(direct.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      } finally {
        direct.close();
      }
    } finally {
      core.close();
    }
  }, Math.max(60_000, CYCLES * 4_000));
});
