import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createCore } from '../../../src-main/core/create-core.ts';
import { generateDemoPeople } from '../../../src-shared/seed/index.ts';
import { call, callError, demoAuth, signedInCore } from '../../helpers/core.ts';
import { counts, openCoreDb } from '../../helpers/local-db.ts';
import { tempDir } from '../../helpers/temp.ts';

async function setup(email?: string) {
  const t = await signedInCore(email);
  return { ...t, db: openCoreDb(t.dataDir) };
}

describe('sync state the UI reads while offline', () => {
  it('counts pending changes, pauses and resumes, and reports offline without a server', async () => {
    const { core } = await setup();
    const statuses: unknown[] = [];
    core.on('sync.status', (s) => statuses.push(s));
    await call(core, 'valuations.create', { title: 'א' });
    await call(core, 'valuations.create', { title: 'ב' });
    expect(await call(core, 'sync.pendingCount', {})).toEqual({ pending: 2 });
    expect(await call(core, 'sync.status', {})).toMatchObject({ phase: 'offline', paused: false, pending: 2, conflicts: 0, rejected: 0 });
    expect(await call(core, 'sync.pause', {})).toMatchObject({ phase: 'paused', paused: true });
    expect(await call(core, 'sync.status', {})).toMatchObject({ paused: true });
    expect(await call(core, 'sync.start', {})).toMatchObject({ phase: 'offline', paused: false });
    expect(statuses).toHaveLength(2);
  });

  it('resolves a conflict by writing the chosen value as a new change and marks the row', async () => {
    const { core, db } = await setup();
    const v = await call(core, 'valuations.create', { title: 'ערך מקומי' });
    // What the sync engine records when the server kept another device's title.
    db.prepare(
      `INSERT INTO sync_conflicts (id, organization_id, table_name, row_id, field, local_value, server_value, winner)
       VALUES ('01900000-0000-7000-8000-0000000000c1', ?, 'valuations', ?, 'title', '"ערך מקומי"', '"ערך מהשרת"', 'SERVER')`,
    ).run(v.organizationId, v.id);
    db.prepare("UPDATE valuations SET title = 'ערך מהשרת' WHERE id = ?").run(v.id);
    expect((await call(core, 'valuations.get', { id: v.id })).syncState).toBe('conflict');
    const [conflict] = await call(core, 'sync.conflicts.list', {});
    expect(conflict).toMatchObject({ field: 'title', localValue: 'ערך מקומי', serverValue: 'ערך מהשרת', winner: 'SERVER' });

    const before = counts(db);
    await call(core, 'sync.conflicts.resolve', { id: conflict!.id, choice: 'LOCAL' });
    expect((await call(core, 'valuations.get', { id: v.id })).title).toBe('ערך מקומי');
    expect(await call(core, 'sync.conflicts.list', {})).toEqual([]);
    expect(counts(db)).toMatchObject({ sync_mutations: before.sync_mutations! + 1, activity_logs: before.activity_logs! + 1 });
    const last = db.prepare('SELECT changes FROM sync_mutations ORDER BY seq DESC LIMIT 1').get() as { changes: string };
    expect(JSON.parse(last.changes)).toEqual({ title: 'ערך מקומי' });
    expect((await call(core, 'activity.query', { valuationId: v.id }))[0]).toMatchObject({ action: 'conflict_resolved', payload: { field: 'title', choice: 'LOCAL' } });
    expect((await callError(core, 'sync.conflicts.resolve', { id: conflict!.id, choice: 'SERVER' })).code).toBe('NOT_FOUND');
  });

  it('keeps a rejected change visible, retries it as a new mutation, or discards it', async () => {
    const { core, db } = await setup();
    const v = await call(core, 'valuations.create', { title: 'נדחה' });
    db.prepare('DELETE FROM sync_mutations').run(); // as if the insert had been pushed
    for (const [id, title] of [
      ['01900000-0000-7000-8000-0000000000d1', 'ניסיון 1'],
      ['01900000-0000-7000-8000-0000000000d2', 'ניסיון 2'],
    ]) {
      db.prepare(
        `INSERT INTO sync_rejections (id, mutation_id, organization_id, table_name, row_id, operation, changes, reason_code, reason)
         VALUES (?, ?, ?, 'valuations', ?, 'update', ?, 'LIFECYCLE', 'The valuation was signed on another device.')`,
      ).run(id, id, v.organizationId, v.id, JSON.stringify({ title }));
    }
    expect((await call(core, 'valuations.list', {})).items[0]?.syncState).toBe('rejected');
    const rejected = await call(core, 'sync.rejected.list', {});
    expect(rejected.map((r) => r.changes)).toEqual([{ title: 'ניסיון 1' }, { title: 'ניסיון 2' }]);
    expect(rejected[0]).toMatchObject({ reasonCode: 'LIFECYCLE', reason: expect.stringContaining('signed') });

    await call(core, 'sync.rejected.retry', { id: rejected[0]!.id });
    const pending = db.prepare('SELECT operation, changes FROM sync_mutations').all() as { operation: string; changes: string }[];
    expect(pending).toEqual([{ operation: 'update', changes: JSON.stringify({ title: 'ניסיון 1' }) }]);
    await call(core, 'sync.rejected.discard', { id: rejected[1]!.id });
    expect(await call(core, 'sync.rejected.list', {})).toEqual([]);
    expect((await callError(core, 'sync.rejected.discard', { id: rejected[1]!.id })).code).toBe('NOT_FOUND');
  });
});

describe('session', () => {
  it('continues offline as the last signed-in user after a restart, in the last organization', async () => {
    const { core, dataDir, people } = await setup();
    await call(core, 'valuations.create', { title: 'לפני' });
    core.close();
    const again = createCore({ dataDir });
    onTestFinished(() => again.close());
    expect(await call(again, 'session.current', {})).toMatchObject({ user: { id: people.appraisers[0].id }, offline: false });
    expect((await callError(again, 'session.signIn', { email: 'a@b.co', password: 'x' })).code).toBe('UNAVAILABLE');
    await call(again, 'session.signOut', {});
    expect((await call(again, 'session.current', {})).user).toBeNull();
    const offline = await call(again, 'session.continueOffline', {});
    expect(offline).toMatchObject({ offline: true, role: 'APPRAISER', organizationId: people.organization.id });
    expect((await call(again, 'valuations.list', {})).total).toBe(1);
  });

  it('refuses to continue offline on a computer where nobody has signed in', async () => {
    const core = createCore({ dataDir: tempDir() });
    onTestFinished(() => core.close());
    expect((await callError(core, 'session.continueOffline', {})).code).toBe('UNAUTHENTICATED');
  });

  it('switches between organizations the user belongs to, each with its own valuations', async () => {
    const people = generateDemoPeople(1);
    const other = { id: '01900000-0000-7000-8000-00000000000e', name: 'משרד שני' };
    const core = createCore({ dataDir: tempDir(), auth: demoAuth(people, [{ email: 'appraiser1@demo.shamay.local', organization: other }]) });
    onTestFinished(() => core.close());
    const session = await call(core, 'session.signIn', { email: 'appraiser1@demo.shamay.local', password: 'x' });
    expect(session.memberships.map((m) => m.organizationName).sort()).toEqual([people.organization.name, other.name].sort());
    await call(core, 'valuations.create', { title: 'במשרד הראשון' });
    const switched = await call(core, 'session.switchOrganization', { organizationId: session.memberships.find((m) => m.organizationId !== session.organizationId)!.organizationId });
    expect(switched.organizationId).not.toBe(session.organizationId);
    expect((await call(core, 'valuations.list', {})).total).toBe(0);
  });
});

describe('settings', () => {
  it('keeps user settings, applies the size limits, and refuses to change what policy locked', async () => {
    const people = generateDemoPeople(1);
    const core = createCore({ dataDir: tempDir(), auth: demoAuth(people), policy: { values: { serverUrl: 'https://shamay.office.example' } } });
    onTestFinished(() => core.close());
    const settings = await call(core, 'settings.get', {});
    expect(settings).toMatchObject({ language: 'he', serverUrl: 'https://shamay.office.example', locked: ['serverUrl'], documentMaxBytes: 50 * 1024 * 1024 });
    expect((await call(core, 'settings.update', { language: 'en' })).language).toBe('en');
    const refused = await callError(core, 'settings.update', { serverUrl: 'https://elsewhere.example' });
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('policy') });
    expect((await call(core, 'settings.get', {})).serverUrl).toBe('https://shamay.office.example');
  });
});

describe('file integrity', () => {
  it('re-hashes stored files and names the documents whose file is corrupt or missing', async () => {
    const { core, dataDir } = await setup();
    const v = await call(core, 'valuations.create', { title: 'קבצים' });
    const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj<<>>endobj\n% ${text}\ntrailer<<>>\n%%EOF\n`).toString('base64');
    const a = await call(core, 'documents.add', { valuationId: v.id, docType: 'TABU', fileName: 'נסח טאבו.pdf', source: { bytesBase64: pdf('a') } });
    const b = await call(core, 'documents.add', { valuationId: v.id, docType: 'PERMIT', fileName: 'היתר.pdf', source: { bytesBase64: pdf('b') } });
    expect(await call(core, 'files.verify', {})).toEqual({ checked: 2, problems: [] });

    const pathOf = (sha: string) => join(dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
    appendFileSync(pathOf(a.document.sha256), 'tampered');
    rmSync(pathOf(b.document.sha256));
    const report = await call(core, 'files.verify', {});
    expect(report.problems.sort((x, y) => x.problem.localeCompare(y.problem))).toEqual([
      { sha256: a.document.sha256, problem: 'mismatch', fileNames: ['נסח טאבו.pdf'] },
      { sha256: b.document.sha256, problem: 'missing', fileNames: ['היתר.pdf'] },
    ]);
  });
});
