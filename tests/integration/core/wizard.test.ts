// The wizard's session: autosave folded into one pending mutation, steps written into the valuation,
// and the state surviving a restart (or a crash) of the core on the same data folder.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-main/core/create-core.ts';
import { call, callError, signedInCore } from '../../helpers/core.ts';
import { counts, openCoreDb } from '../../helpers/local-db.ts';
import { tempDir } from '../../helpers/temp.ts';

const open: { close(): void }[] = [];
afterEach(() => {
  while (open.length) open.pop()?.close();
});

async function setup(email?: string) {
  const t = await signedInCore(email);
  open.push(t.core);
  const db = openCoreDb(t.dataDir);
  open.push(db);
  const valuation = await call(t.core, 'valuations.create', { title: 'דירת 4 חדרים, רמת גן', addressFull: 'שד׳ ביאליק 20, רמת גן' });
  return { ...t, db, valuationId: valuation.id };
}

/** A core on an existing data folder, as the app starts after a restart: offline, as the last user. */
async function reopen(dataDir: string): Promise<Core> {
  const core = createCore({ dataDir });
  open.push(core);
  await call(core, 'session.continueOffline', {});
  return core;
}

interface MutationRow {
  seq: number;
  operation: string;
  changes: string;
  base: string;
  base_version: number;
  state: string;
  activity_id: string;
}

const sessionMutations = (db: Database.Database, id: string) =>
  db.prepare("SELECT * FROM sync_mutations WHERE table_name = 'valuation_sessions' AND row_id = ? ORDER BY seq").all(id) as MutationRow[];

const sessionActivity = (db: Database.Database, id: string) =>
  (db.prepare("SELECT action FROM activity_logs WHERE subject_type = 'session' AND subject_id = ? ORDER BY rowid").all(id) as { action: string }[]).map(
    (a) => a.action,
  );

const sessionRow = (db: Database.Database, id: string) => db.prepare('SELECT * FROM valuation_sessions WHERE id = ?').get(id);

// Step 1 of the web product (DOMAIN.md): Hebrew text, geresh/gershayim, rooms in 0.5 steps.
const STEP1 = {
  valuationType: 'market_value',
  reportDate: '2024-03-10',
  determiningDate: '2024-03-01',
  client: { title: 'מר', name: 'משה כהן', relation: 'owner' },
  street: 'שד׳ ביאליק',
  buildingNumber: '20',
  city: 'רמת גן',
  rooms: 4.5,
  floor: '3',
  airDirections: ['N', 'W'],
  landContamination: false,
  appraiser: { name: 'יעל לוי', license: '12345' },
  note: 'דירה 120 מ"ר, ת״ז 123456782',
};

describe('wizard.start', () => {
  it('starts an ACTIVE session at step 1 with one mutation and one activity row', async () => {
    const t = await setup();
    const session = await call(t.core, 'wizard.start', { valuationId: t.valuationId });
    expect(session).toMatchObject({ valuationId: t.valuationId, status: 'ACTIVE', currentStep: 1, stepData: {}, wizardData: {} });
    expect(session.sessionId).not.toBe(session.id);
    expect(sessionMutations(t.db, session.id).map((m) => m.operation)).toEqual(['insert']);
    expect(sessionActivity(t.db, session.id)).toEqual(['created']);
    expect(await call(t.core, 'wizard.resume', { valuationId: t.valuationId })).toEqual(session);
  });

  it('refuses an unknown valuation, a signed one and a client viewer, writing nothing', async () => {
    const t = await setup();
    const signed = await call(t.core, 'valuations.create', { title: 'חתומה' });
    t.db.prepare("UPDATE valuations SET status = 'SIGNED' WHERE id = ?").run(signed.id);
    const before = counts(t.db);
    expect((await callError(t.core, 'wizard.start', { valuationId: '01900000-0000-7000-8000-000000000001' })).code).toBe('NOT_FOUND');
    expect((await callError(t.core, 'wizard.start', { valuationId: signed.id })).code).toBe('LIFECYCLE');
    expect((await callError(t.core, 'wizard.start', { valuationId: 'not-an-id' })).code).toBe('VALIDATION');
    expect((await callError(t.core, 'wizard.start', { valuationId: t.valuationId, extra: 1 })).code).toBe('VALIDATION');
    await call(t.core, 'session.signOut', {});
    await call(t.core, 'session.signIn', { email: 'viewer@demo.shamay.local', password: 'demo' });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain((await callError(t.core, 'wizard.start', { valuationId: t.valuationId })).code);
    expect(counts(t.db)).toEqual(before);
  });
});

describe('wizard.autosave', () => {
  it('folds many autosaves into ONE pending update that holds the latest values over the original base', async () => {
    const t = await setup();
    const session = await call(t.core, 'wizard.start', { valuationId: t.valuationId });
    const saves = [
      { currentStep: 1, stepData: { step1: { client: { name: 'מ' } } }, wizardData: { dirty: true } },
      { currentStep: 1, stepData: { step1: { client: { name: 'משה' } } }, wizardData: { dirty: true } },
      { currentStep: 1, stepData: { step1: { client: { name: 'משה כהן' }, city: 'רמת ג' } }, wizardData: { dirty: true, focus: 'city' } },
      { currentStep: 2, stepData: { step1: { client: { name: 'משה כהן' }, city: 'רמת גן' } }, wizardData: { focus: 'documents', uploads: [] } },
    ];
    let last = session;
    for (const save of saves) last = await call(t.core, 'wizard.autosave', { id: session.id, ...save });
    const latest = saves[saves.length - 1]!;
    expect(last).toMatchObject({ id: session.id, status: 'ACTIVE', ...latest });

    const mutations = sessionMutations(t.db, session.id);
    expect(mutations.map((m) => [m.operation, m.state])).toEqual([
      ['insert', 'PENDING'],
      ['update', 'PENDING'],
    ]);
    const update = mutations[1]!;
    expect(JSON.parse(update.changes)).toEqual({ current_step: 2, step_data: latest.stepData, wizard_data: latest.wizardData });
    // The base is what the fields were before the first of the folded edits.
    expect(JSON.parse(update.base)).toEqual({ current_step: 1, step_data: {}, wizard_data: {} });
    expect(update.base_version).toBe(0);
    // One activity row for the folded edits, linked from the mutation.
    expect(sessionActivity(t.db, session.id)).toEqual(['created', 'updated']);
    const activityIds = (t.db.prepare("SELECT id FROM activity_logs WHERE subject_id = ? ORDER BY rowid").all(session.id) as { id: string }[]).map((a) => a.id);
    expect(mutations.map((m) => m.activity_id)).toEqual(activityIds);
    // The row itself holds the latest values.
    expect(sessionRow(t.db, session.id)).toMatchObject({
      current_step: 2,
      step_data: JSON.stringify(latest.stepData),
      wizard_data: JSON.stringify(latest.wizardData),
    });
  });

  it('starts a new pending update once the folded one is on its way to the server', async () => {
    const t = await setup();
    const session = await call(t.core, 'wizard.start', { valuationId: t.valuationId });
    await call(t.core, 'wizard.autosave', { id: session.id, currentStep: 1, stepData: { a: 1 }, wizardData: {} });
    await call(t.core, 'wizard.autosave', { id: session.id, currentStep: 1, stepData: { a: 2 }, wizardData: {} });
    // The sync engine took it: it must not change under it.
    t.db.prepare("UPDATE sync_mutations SET state = 'IN_FLIGHT' WHERE table_name = 'valuation_sessions' AND row_id = ? AND operation = 'update'").run(session.id);
    await call(t.core, 'wizard.autosave', { id: session.id, currentStep: 2, stepData: { a: 3 }, wizardData: { b: 1 } });
    await call(t.core, 'wizard.autosave', { id: session.id, currentStep: 2, stepData: { a: 4 }, wizardData: { b: 2 } });
    const mutations = sessionMutations(t.db, session.id);
    expect(mutations.map((m) => [m.operation, m.state])).toEqual([
      ['insert', 'PENDING'],
      ['update', 'IN_FLIGHT'],
      ['update', 'PENDING'],
    ]);
    expect(JSON.parse(mutations[1]!.changes)).toEqual({ current_step: 1, step_data: { a: 2 }, wizard_data: {} });
    expect(JSON.parse(mutations[2]!.changes)).toEqual({ current_step: 2, step_data: { a: 4 }, wizard_data: { b: 2 } });
    expect(JSON.parse(mutations[2]!.base)).toEqual({ current_step: 1, step_data: { a: 2 }, wizard_data: {} });
  });

  it('refuses bad input and an unknown session, changing nothing', async () => {
    const t = await setup();
    const session = await call(t.core, 'wizard.start', { valuationId: t.valuationId });
    await call(t.core, 'wizard.autosave', { id: session.id, currentStep: 1, stepData: { x: 1 }, wizardData: {} });
    const before = { rows: counts(t.db), session: sessionRow(t.db, session.id), mutations: sessionMutations(t.db, session.id) };
    const good = { id: session.id, currentStep: 2, stepData: { x: 2 }, wizardData: {} };
    const bad: [unknown, string][] = [
      [{ ...good, currentStep: 0 }, 'VALIDATION'],
      [{ ...good, currentStep: 6 }, 'VALIDATION'],
      [{ ...good, currentStep: 1.5 }, 'VALIDATION'],
      [{ ...good, currentStep: '2' }, 'VALIDATION'],
      [{ ...good, stepData: [1, 2] }, 'VALIDATION'],
      [{ ...good, stepData: 'שלב' }, 'VALIDATION'],
      [{ ...good, stepData: null }, 'VALIDATION'],
      [{ ...good, wizardData: 7 }, 'VALIDATION'],
      [{ id: session.id, currentStep: 2, stepData: {} }, 'VALIDATION'],
      [{ ...good, extra: true }, 'VALIDATION'],
      [{ ...good, id: 'not-an-id' }, 'VALIDATION'],
      [{ ...good, id: '01900000-0000-7000-8000-000000000001' }, 'NOT_FOUND'],
      [null, 'VALIDATION'],
    ];
    for (const [input, code] of bad) {
      expect((await callError(t.core, 'wizard.autosave', input)).code, JSON.stringify(input)).toBe(code);
    }
    expect({ rows: counts(t.db), session: sessionRow(t.db, session.id), mutations: sessionMutations(t.db, session.id) }).toEqual(before);
  });
});

describe('wizard.completeStep', () => {
  it('writes the step into the valuation and advances the session, one mutation and activity row per changed row', async () => {
    const t = await setup();
    const session = await call(t.core, 'wizard.start', { valuationId: t.valuationId });
    await call(t.core, 'wizard.autosave', { id: session.id, currentStep: 1, stepData: { draft: true }, wizardData: { focus: 'client' } });
    const seq = (t.db.prepare('SELECT max(seq) AS n FROM sync_mutations').get() as { n: number }).n;

    const completed = await call(t.core, 'wizard.completeStep', { id: session.id, step: 1, data: STEP1 });
    expect(completed).toMatchObject({ id: session.id, status: 'ACTIVE', currentStep: 2, wizardData: { focus: 'client' } });
    expect(completed.stepData).toMatchObject({ step1: STEP1 });

    const valuation = await call(t.core, 'valuations.get', { id: t.valuationId });
    expect(valuation.step1Data).toEqual(STEP1);
    expect(valuation.step2Data).toBeNull();
    const raw = t.db.prepare('SELECT step1_data FROM valuations WHERE id = ?').get(t.valuationId) as { step1_data: string };
    expect(JSON.parse(raw.step1_data)).toEqual(STEP1);
    expect(t.db.prepare('SELECT current_step FROM valuation_sessions WHERE id = ?').get(session.id)).toEqual({ current_step: 2 });

    const added = t.db.prepare('SELECT table_name, row_id, operation, changes, activity_id FROM sync_mutations WHERE seq > ? ORDER BY seq').all(seq) as {
      table_name: string;
      row_id: string;
      operation: string;
      changes: string;
      activity_id: string;
    }[];
    expect(added.map((m) => [m.table_name, m.row_id, m.operation])).toEqual([
      ['valuation_sessions', session.id, 'update'],
      ['valuations', t.valuationId, 'update'],
    ]);
    expect(JSON.parse(added[1]!.changes)).toEqual({ step1_data: STEP1 });
    const activity = t.db.prepare('SELECT id, subject_type, action FROM activity_logs WHERE id IN (?, ?) ORDER BY rowid').all(added[0]!.activity_id, added[1]!.activity_id);
    expect(activity).toMatchObject([
      { subject_type: 'session', action: 'completed' },
      { subject_type: 'valuation', action: 'updated' },
    ]);

    // The list shows the client of step 1, and search finds it.
    const list = await call(t.core, 'valuations.list', { search: 'משה כהן' });
    expect(list.items.map((i) => [i.id, i.clientName])).toEqual([[t.valuationId, 'משה כהן']]);
  });

  it('completes the wizard at step 5: COMPLETED, not resumed, no longer writable', async () => {
    const t = await setup();
    const session = await call(t.core, 'wizard.start', { valuationId: t.valuationId });
    for (const step of [1, 2, 3, 4]) {
      const s = await call(t.core, 'wizard.completeStep', { id: session.id, step, data: { step, done: true } });
      expect(s).toMatchObject({ status: 'ACTIVE', currentStep: step + 1 });
    }
    const done = await call(t.core, 'wizard.completeStep', { id: session.id, step: 5, data: { finalValue: 5_700_000, rounding: 100_000 } });
    expect(done).toMatchObject({ status: 'COMPLETED', currentStep: 5 });
    expect(Object.keys(done.stepData).sort()).toEqual(['step1', 'step2', 'step3', 'step4', 'step5']);
    const valuation = await call(t.core, 'valuations.get', { id: t.valuationId });
    expect([valuation.step1Data, valuation.step4Data, valuation.step5Data]).toEqual([
      { step: 1, done: true },
      { step: 4, done: true },
      { finalValue: 5_700_000, rounding: 100_000 },
    ]);

    expect(await call(t.core, 'wizard.resume', { valuationId: t.valuationId })).toBeNull();
    expect(await call(t.core, 'wizard.resume', {})).toBeNull();
    const before = counts(t.db);
    expect((await callError(t.core, 'wizard.autosave', { id: session.id, currentStep: 5, stepData: {}, wizardData: {} })).code).toBe('LIFECYCLE');
    expect((await callError(t.core, 'wizard.completeStep', { id: session.id, step: 5, data: {} })).code).toBe('LIFECYCLE');
    expect(counts(t.db)).toEqual(before);

    // A new session for the same valuation is what resume finds next.
    const next = await call(t.core, 'wizard.start', { valuationId: t.valuationId });
    expect((await call(t.core, 'wizard.resume', { valuationId: t.valuationId }))?.id).toBe(next.id);
  });

  it('refuses bad steps, bad data and unknown sessions, changing nothing', async () => {
    const t = await setup();
    const session = await call(t.core, 'wizard.start', { valuationId: t.valuationId });
    await call(t.core, 'wizard.completeStep', { id: session.id, step: 1, data: STEP1 });
    const before = {
      rows: counts(t.db),
      session: sessionRow(t.db, session.id),
      valuation: t.db.prepare('SELECT * FROM valuations WHERE id = ?').get(t.valuationId),
    };
    const bad: [unknown, string][] = [
      [{ id: session.id, step: 0, data: {} }, 'VALIDATION'],
      [{ id: session.id, step: 6, data: {} }, 'VALIDATION'],
      [{ id: session.id, step: -1, data: {} }, 'VALIDATION'],
      [{ id: session.id, step: 2.5, data: {} }, 'VALIDATION'],
      [{ id: session.id, step: '2', data: {} }, 'VALIDATION'],
      [{ id: session.id, step: 2, data: [] }, 'VALIDATION'],
      [{ id: session.id, step: 2, data: ['a'] }, 'VALIDATION'],
      [{ id: session.id, step: 2, data: 'נתונים' }, 'VALIDATION'],
      [{ id: session.id, step: 2, data: 42 }, 'VALIDATION'],
      [{ id: session.id, step: 2, data: null }, 'VALIDATION'],
      [{ id: session.id, step: 2 }, 'VALIDATION'],
      [{ id: session.id, step: 2, data: {}, extra: 1 }, 'VALIDATION'],
      [{ id: 'not-an-id', step: 2, data: {} }, 'VALIDATION'],
      [{ id: '01900000-0000-7000-8000-000000000001', step: 2, data: {} }, 'NOT_FOUND'],
      [{ id: t.valuationId, step: 2, data: {} }, 'NOT_FOUND'], // a valuation's id is not a session's
    ];
    for (const [input, code] of bad) {
      expect((await callError(t.core, 'wizard.completeStep', input)).code, JSON.stringify(input)).toBe(code);
    }
    expect({
      rows: counts(t.db),
      session: sessionRow(t.db, session.id),
      valuation: t.db.prepare('SELECT * FROM valuations WHERE id = ?').get(t.valuationId),
    }).toEqual(before);
  });

  it('refuses to complete a step of a valuation that was signed meanwhile', async () => {
    const t = await setup();
    const session = await call(t.core, 'wizard.start', { valuationId: t.valuationId });
    t.db.prepare("UPDATE valuations SET status = 'SIGNED' WHERE id = ?").run(t.valuationId);
    const before = counts(t.db);
    expect((await callError(t.core, 'wizard.completeStep', { id: session.id, step: 1, data: STEP1 })).code).toBe('LIFECYCLE');
    expect(counts(t.db)).toEqual(before);
    expect((await call(t.core, 'valuations.get', { id: t.valuationId })).step1Data).toBeNull();
  });
});

describe('wizard.resume', () => {
  it('resumes the same session at the same step with the same data after the core restarts', async () => {
    const t = await setup();
    const session = await call(t.core, 'wizard.start', { valuationId: t.valuationId });
    await call(t.core, 'wizard.completeStep', { id: session.id, step: 1, data: STEP1 });
    const wizardData = { uploads: [{ slot: 'tabu', fileName: 'נסח טאבו.pdf', progress: 0.4 }], focus: 'slot:permit', dir: 'rtl' };
    const stepData = { step1: STEP1, step2: { tabu: { status: 'uploading' }, note: 'ממתין לצו בית משותף' } };
    const saved = await call(t.core, 'wizard.autosave', { id: session.id, currentStep: 2, stepData, wizardData });
    const pending = (await call(t.core, 'sync.pendingCount', {})).pending;

    t.core.close();
    open.splice(open.indexOf(t.core), 1);
    const core = await reopen(t.dataDir);

    const resumed = await call(core, 'wizard.resume', { valuationId: t.valuationId });
    expect(resumed).toEqual(saved);
    expect(resumed).toMatchObject({ id: session.id, sessionId: session.sessionId, status: 'ACTIVE', currentStep: 2, stepData, wizardData });
    expect(await call(core, 'wizard.resume', {})).toEqual(saved);
    expect((await call(core, 'valuations.get', { id: t.valuationId })).step1Data).toEqual(STEP1);
    // The outbox survived too, and the session goes on where it stopped.
    expect((await call(core, 'sync.pendingCount', {})).pending).toBe(pending);
    const next = await call(core, 'wizard.completeStep', { id: session.id, step: 2, data: stepData.step2 });
    expect(next).toMatchObject({ currentStep: 3, status: 'ACTIVE' });
  });

  it('resumes after a crash: the files as they are on disk while the core still runs', async () => {
    const t = await setup();
    const session = await call(t.core, 'wizard.start', { valuationId: t.valuationId });
    const saved = await call(t.core, 'wizard.autosave', {
      id: session.id,
      currentStep: 3,
      stepData: { step3: { owners: [{ name: 'ישראל ישראלי', share: '1/2' }] } },
      wizardData: { section: 'ownership' },
    });
    // No close(): copy the database and its write-ahead log as a power cut would leave them.
    const crashed = tempDir('shamay-crash-');
    for (const file of ['shamay.sqlite', 'shamay.sqlite-wal']) {
      if (existsSync(join(t.dataDir, file))) copyFileSync(join(t.dataDir, file), join(crashed, file));
    }
    const core = await reopen(crashed);
    expect(await call(core, 'wizard.resume', { valuationId: t.valuationId })).toEqual(saved);
  });

  it("resumes the user's newest active session, per valuation, and never another user's", async () => {
    const t = await setup();
    const other = await call(t.core, 'valuations.create', { title: 'שומה נוספת' });
    const first = await call(t.core, 'wizard.start', { valuationId: t.valuationId });
    const second = await call(t.core, 'wizard.start', { valuationId: other.id });
    const loose = await call(t.core, 'wizard.start', {});
    expect(loose.valuationId).toBeNull();
    expect((await call(t.core, 'wizard.resume', {}))?.id).toBe(loose.id);
    expect((await call(t.core, 'wizard.resume', { valuationId: t.valuationId }))?.id).toBe(first.id);
    expect((await call(t.core, 'wizard.resume', { valuationId: other.id }))?.id).toBe(second.id);
    // An autosave makes a session the newest (timestamps have millisecond resolution: step past the last one).
    await new Promise((resolve) => setTimeout(resolve, 5));
    await call(t.core, 'wizard.autosave', { id: first.id, currentStep: 1, stepData: { touched: true }, wizardData: {} });
    expect((await call(t.core, 'wizard.resume', {}))?.id).toBe(first.id);

    // An expired session is not resumed.
    t.db.prepare("UPDATE valuation_sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?").run(second.id);
    expect(await call(t.core, 'wizard.resume', { valuationId: other.id })).toBeNull();

    // Another appraiser of the office on this computer sees none of them.
    await call(t.core, 'session.signOut', {});
    await call(t.core, 'session.signIn', { email: 'appraiser2@demo.shamay.local', password: 'demo' });
    expect(await call(t.core, 'wizard.resume', {})).toBeNull();
    expect(await call(t.core, 'wizard.resume', { valuationId: t.valuationId })).toBeNull();
    const before = counts(t.db);
    expect((await callError(t.core, 'wizard.autosave', { id: first.id, currentStep: 2, stepData: {}, wizardData: {} })).code).toBe('NOT_FOUND');
    expect((await callError(t.core, 'wizard.completeStep', { id: first.id, step: 1, data: {} })).code).toBe('NOT_FOUND');
    expect(counts(t.db)).toEqual(before);
  });
});
