import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src-shared/db/migrations.generated.ts';
import { latestVersion } from '../../../src-shared/db/migrations.ts';
import { call, callError, signedInCore } from '../../helpers/core.ts';
import { counts, openCoreDb } from '../../helpers/local-db.ts';
import { fillForReady } from '../preflight/fixture.ts';

async function setup(email?: string) {
  const t = await signedInCore(email);
  return { ...t, db: openCoreDb(t.dataDir) };
}

describe('valuations in the offline core', () => {
  it('creates, reads, updates and lists a valuation, each write with exactly one mutation and one activity row', async () => {
    const { core, db, people } = await setup();
    const created = await call(core, 'valuations.create', {
      title: 'דירת 4 חדרים ברח׳ הרצל',
      addressFull: 'רח׳ הרצל 12, תל אביב-יפו',
      block: '6109',
      parcel: '396',
      subparcel: '118',
      step1Data: { client: { name: 'משה כהן' }, rooms: 4 },
    });
    expect(created).toMatchObject({ status: 'DRAFT', createdById: people.appraisers[0].id, syncState: 'saved_locally', serverVersion: 0 });

    const updated = await call(core, 'valuations.update', { id: created.id, fields: { title: 'כותרת חדשה', finalValuationAgorot: 285_000_000 } });
    expect(updated.title).toBe('כותרת חדשה');
    expect(updated.finalValuationAgorot).toBe(285_000_000);
    expect(await call(core, 'valuations.get', { id: created.id })).toEqual(updated);

    const mutations = db.prepare('SELECT * FROM sync_mutations ORDER BY seq').all() as Record<string, string | number>[];
    expect(mutations.map((m) => m.operation)).toEqual(['insert', 'update']);
    expect(mutations.map((m) => m.seq)).toEqual([1, 2]);
    expect(JSON.parse(String(mutations[1]?.changes))).toEqual({ title: 'כותרת חדשה', final_valuation_agorot: 285_000_000 });
    // The base holds what the fields were when the edit was made, for per-field conflict detection.
    expect(JSON.parse(String(mutations[1]?.base))).toEqual({ title: 'דירת 4 חדרים ברח׳ הרצל', final_valuation_agorot: null });
    expect(mutations.every((m) => m.device_id === core.deviceId && m.schema_version === latestVersion(MIGRATIONS.sqlite) && m.base_version === 0)).toBe(true);
    const activity = db.prepare('SELECT id, action FROM activity_logs ORDER BY created_at, rowid').all() as { id: string; action: string }[];
    expect(activity.map((a) => a.action)).toEqual(['created', 'updated']);
    expect(mutations.map((m) => m.activity_id)).toEqual(activity.map((a) => a.id));

    const list = await call(core, 'valuations.list', {});
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: created.id, clientName: 'משה כהן', creatorName: people.appraisers[0].name, syncState: 'saved_locally' });

    const history = await call(core, 'activity.query', { valuationId: created.id });
    expect(history.map((h) => h.action)).toEqual(['updated', 'created']);
    // The entry says what changed, from what to what, so the log can tell it.
    expect(history[0]?.payload).toEqual({
      fields: ['title', 'final_valuation_agorot'],
      changes: { title: { from: 'דירת 4 חדרים ברח׳ הרצל', to: updated.title }, final_valuation_agorot: { from: null, to: updated.finalValuationAgorot } },
    });
  });

  it('filters, sorts and pages the list', async () => {
    const { core } = await setup();
    for (const title of ['א', 'ב', 'ג', 'ד', 'ה']) await call(core, 'valuations.create', { title });
    const all = await call(core, 'valuations.list', { sort: 'title', direction: 'asc' });
    expect(all.items.map((i) => i.title)).toEqual(['א', 'ב', 'ג', 'ד', 'ה']);
    await call(core, 'valuations.changeStatus', { id: all.items[1]!.id, status: 'IN_PROGRESS' });
    const inProgress = await call(core, 'valuations.list', { status: ['IN_PROGRESS'] });
    expect(inProgress.items.map((i) => i.title)).toEqual(['ב']);
    const page = await call(core, 'valuations.list', { sort: 'title', direction: 'desc', limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 5 });
    expect(page.items.map((i) => i.title)).toEqual(['ג', 'ב']);
  });

  it('follows the lifecycle: status rules, duplicate, archive, delete only drafts', async () => {
    const { core, db } = await setup();
    const v = await call(core, 'valuations.create', { title: 'שומה', step1Data: { rooms: 3 } });
    expect((await callError(core, 'valuations.changeStatus', { id: v.id, status: 'READY' })).code).toBe('LIFECYCLE');
    expect((await callError(core, 'valuations.changeStatus', { id: v.id, status: 'SIGNED' })).code).toBe('LIFECYCLE');
    await call(core, 'valuations.changeStatus', { id: v.id, status: 'IN_PROGRESS' });
    expect((await callError(core, 'valuations.changeStatus', { id: v.id, status: 'READY' })).code).toBe('LIFECYCLE'); // the preflight
    await fillForReady(core, v.id);
    const ready = await call(core, 'valuations.changeStatus', { id: v.id, status: 'READY' });
    expect(ready.status).toBe('READY');
    expect((await callError(core, 'valuations.deleteDraft', { id: v.id })).code).toBe('LIFECYCLE');

    const copy = await call(core, 'valuations.duplicate', { id: v.id });
    expect(copy).toMatchObject({ status: 'DRAFT', title: 'שומה (עותק)', step1Data: { rooms: 3 }, finalValuationAgorot: null });
    expect(copy.id).not.toBe(v.id);

    // A signed valuation (as a pull from the server brings it) is immutable here too.
    db.prepare("UPDATE valuations SET status = 'SIGNED' WHERE id = ?").run(v.id);
    const before = counts(db);
    const refused = await callError(core, 'valuations.update', { id: v.id, fields: { title: 'x' } });
    expect(refused).toMatchObject({ code: 'LIFECYCLE', message: expect.stringContaining('revision') });
    expect(counts(db)).toEqual(before);
  });

  it('lets an appraiser archive a signed valuation only through an office admin', async () => {
    const { core, db } = await setup();
    const v = await call(core, 'valuations.create', { title: 'חתומה' });
    db.prepare("UPDATE valuations SET status = 'SIGNED' WHERE id = ?").run(v.id);
    expect((await callError(core, 'valuations.archive', { id: v.id })).code).toBe('FORBIDDEN');
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { email: 'admin@demo.shamay.local', password: 'demo' });
    expect((await call(core, 'valuations.archive', { id: v.id })).status).toBe('ARCHIVED');
  });

  it('deletes a draft with its mutation and keeps its history in the activity log', async () => {
    const { core, db } = await setup();
    const v = await call(core, 'valuations.create', { title: 'טיוטה' });
    expect(await call(core, 'valuations.deleteDraft', { id: v.id })).toEqual({ ok: true });
    expect((await callError(core, 'valuations.get', { id: v.id })).code).toBe('NOT_FOUND');
    const ops = db.prepare('SELECT operation FROM sync_mutations ORDER BY seq').all() as { operation: string }[];
    expect(ops.map((o) => o.operation)).toEqual(['insert', 'delete']);
    const history = await call(core, 'activity.query', { valuationId: v.id });
    expect(history.map((h) => h.action)).toEqual(['deleted', 'created']);
  });

  it('gives a client viewer read access to ready and signed valuations only', async () => {
    const appraiser = await setup();
    const draft = await call(appraiser.core, 'valuations.create', { title: 'טיוטה' });
    const ready = await call(appraiser.core, 'valuations.create', { title: 'מוכנה' });
    await call(appraiser.core, 'valuations.changeStatus', { id: ready.id, status: 'IN_PROGRESS' });
    await fillForReady(appraiser.core, ready.id);
    await call(appraiser.core, 'valuations.changeStatus', { id: ready.id, status: 'READY' });
    await call(appraiser.core, 'session.signOut', {});
    await call(appraiser.core, 'session.signIn', { email: 'viewer@demo.shamay.local', password: 'demo' });

    const before = counts(appraiser.db);
    expect((await call(appraiser.core, 'valuations.list', {})).items.map((i) => i.id)).toEqual([ready.id]);
    expect((await callError(appraiser.core, 'valuations.get', { id: draft.id })).code).toBe('NOT_FOUND');
    expect((await callError(appraiser.core, 'valuations.create', { title: 'x' })).code).toBe('FORBIDDEN');
    expect((await callError(appraiser.core, 'valuations.update', { id: ready.id, fields: { title: 'x' } })).code).toBe('FORBIDDEN');
    expect((await callError(appraiser.core, 'wizard.start', {})).code).toBe('FORBIDDEN');
    expect(counts(appraiser.db)).toEqual(before);
  });

  it("never shows or changes another organization's valuation", async () => {
    const { core, db } = await setup();
    const mine = await call(core, 'valuations.create', { title: 'שלי' });
    // A row of another office, as if it had leaked into the local file.
    db.prepare("INSERT INTO organizations (id, name) VALUES ('01900000-0000-7000-8000-00000000000b', 'משרד אחר')").run();
    db.prepare(
      "INSERT INTO valuations (id, organization_id, created_by_id, title) SELECT '01900000-0000-7000-8000-0000000000bb', '01900000-0000-7000-8000-00000000000b', created_by_id, 'זרה' FROM valuations WHERE id = ?",
    ).run(mine.id);
    const before = counts(db);
    expect((await call(core, 'valuations.list', {})).items.map((i) => i.title)).toEqual(['שלי']);
    for (const [method, input] of [
      ['valuations.get', { id: '01900000-0000-7000-8000-0000000000bb' }],
      ['valuations.update', { id: '01900000-0000-7000-8000-0000000000bb', fields: { title: 'x' } }],
      ['valuations.deleteDraft', { id: '01900000-0000-7000-8000-0000000000bb' }],
      ['documents.list', { valuationId: '01900000-0000-7000-8000-0000000000bb' }],
      ['session.switchOrganization', { organizationId: '01900000-0000-7000-8000-00000000000b' }],
    ] as const) {
      const error = await callError(core, method, input);
      expect(['NOT_FOUND', 'FORBIDDEN'], method).toContain(error.code);
    }
    expect(counts(db)).toEqual(before);
  });
});

describe('bad input to every method family is refused with the right code and changes nothing', () => {
  const UNKNOWN = '01900000-0000-7000-8000-000000000999';
  const cases: [string, unknown, string][] = [
    ['nope.method', {}, 'VALIDATION'],
    ['session.signIn', { email: 'not-an-email', password: 'x' }, 'VALIDATION'],
    ['session.switchOrganization', { organizationId: 'x' }, 'VALIDATION'],
    ['valuations.list', { limit: 100_000 }, 'VALIDATION'],
    ['valuations.list', { status: ['LOST'] }, 'VALIDATION'],
    ['valuations.list', { sort: 'password' }, 'VALIDATION'],
    ['valuations.create', {}, 'VALIDATION'],
    ['valuations.create', { title: '   ' }, 'VALIDATION'],
    ['valuations.create', { title: 'x', block: '12a' }, 'VALIDATION'],
    ['valuations.create', { title: 'x', finalValuationAgorot: 12.5 }, 'VALIDATION'],
    ['valuations.create', { title: 'x', finalValuationAgorot: -1 }, 'VALIDATION'],
    ['valuations.create', { title: 'x', status: 'SIGNED' }, 'VALIDATION'],
    ['valuations.create', { title: 'x', organizationId: UNKNOWN }, 'VALIDATION'],
    ['valuations.update', { id: UNKNOWN, fields: { title: 'x' } }, 'NOT_FOUND'],
    ['valuations.update', { id: 'not-an-id', fields: {} }, 'VALIDATION'],
    ['valuations.update', { id: UNKNOWN, fields: { createdById: UNKNOWN } }, 'VALIDATION'],
    ['valuations.changeStatus', { id: UNKNOWN, status: 'READY' }, 'NOT_FOUND'],
    ['valuations.changeStatus', { id: UNKNOWN, status: 'DONE' }, 'VALIDATION'],
    ['valuations.duplicate', { id: UNKNOWN }, 'NOT_FOUND'],
    ['valuations.deleteDraft', {}, 'VALIDATION'],
    ['wizard.start', { valuationId: UNKNOWN }, 'NOT_FOUND'],
    ['wizard.autosave', { id: UNKNOWN, currentStep: 9, stepData: {}, wizardData: {} }, 'VALIDATION'],
    ['wizard.completeStep', { id: UNKNOWN, step: 1, data: {} }, 'NOT_FOUND'],
    ['documents.add', { valuationId: UNKNOWN, docType: 'TABU', fileName: 'a.pdf', source: { bytesBase64: 'JVBERi0=' } }, 'NOT_FOUND'],
    ['documents.add', { valuationId: UNKNOWN, docType: 'EXE', fileName: 'a.pdf', source: { bytesBase64: '' } }, 'VALIDATION'],
    ['documents.add', { valuationId: UNKNOWN, docType: 'TABU', fileName: 'a.pdf', source: { url: 'http://x' } }, 'VALIDATION'],
    ['documents.updateExtracted', { id: UNKNOWN, extracted: [] }, 'VALIDATION'],
    ['images.add', { valuationId: UNKNOWN, fileName: '', source: { bytesBase64: '' } }, 'VALIDATION'],
    ['images.update', { id: UNKNOWN, roomType: 'GARAGE' }, 'VALIDATION'],
    ['images.setCover', { id: UNKNOWN }, 'NOT_FOUND'],
    ['files.read', { sha256: '../../etc/passwd' }, 'VALIDATION'],
    ['files.read', { sha256: 'a'.repeat(64) }, 'NOT_FOUND'],
    ['assets.open', { id: UNKNOWN }, 'NOT_FOUND'],
    ['activity.query', { limit: 0 }, 'VALIDATION'],
    ['sync.conflicts.resolve', { id: UNKNOWN, choice: 'CUSTOM' }, 'VALIDATION'],
    ['sync.conflicts.resolve', { id: UNKNOWN, choice: 'LOCAL' }, 'NOT_FOUND'],
    ['sync.rejected.retry', { id: UNKNOWN }, 'NOT_FOUND'],
    ['sync.rejected.discard', { id: 'x' }, 'VALIDATION'],
    ['settings.update', { language: 'fr' }, 'VALIDATION'],
    ['settings.update', { documentMaxBytes: -5 }, 'VALIDATION'],
    ['settings.update', { locked: ['serverUrl'] }, 'VALIDATION'],
  ];

  it.each(cases)('%s %j -> %s', async (method, input, code) => {
    const { core, db } = await setup();
    await call(core, 'valuations.create', { title: 'קיימת' });
    const before = counts(db);
    const error = await callError(core, method, input);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(5);
    expect(counts(db)).toEqual(before);
  });

  it('refuses every data method before sign-in', async () => {
    const { core } = await setup();
    await call(core, 'session.signOut', {});
    expect((await callError(core, 'valuations.list', {})).code).toBe('UNAUTHENTICATED');
    expect((await callError(core, 'valuations.create', { title: 'x' })).code).toBe('UNAUTHENTICATED');
  });
});

describe('updated_at on the laptop', () => {
  it('is set by the writer on every local change', async () => {
    let now = new Date('2026-03-01T10:00:00.000Z');
    const t = await signedInCore('appraiser1@demo.shamay.local', { clock: () => now });
    const created = await call(t.core, 'valuations.create', { title: 'שעון' });
    expect(created.updatedAt).toBe('2026-03-01T10:00:00.000Z');
    now = new Date('2026-03-02T08:30:00.000Z');
    const updated = await call(t.core, 'valuations.update', { id: created.id, fields: { title: 'שעון 2' } });
    expect(updated.updatedAt).toBe('2026-03-02T08:30:00.000Z');
    expect(updated.createdAt).toBe('2026-03-01T10:00:00.000Z');
  });
});
