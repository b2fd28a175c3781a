import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/create-core.ts';
import { DEMO_PASSWORD } from '../../../src-server/start.ts';
import { call, callError } from '../../helpers/core.ts';
import { tempDir } from '../../helpers/temp.ts';
import { counts, openCoreDb } from '../../helpers/local-db.ts';
import { startClient, startTestServer } from '../../helpers/sync-stack.ts';

describe('sync between two laptops through the real server (PGlite)', () => {
  it('delivers the demo office on first sync and a new valuation to a colleague', async () => {
    const server = await startTestServer();
    const a = await startClient(server);
    await a.core.syncNow();
    expect((await call(a.core, 'valuations.list', {})).total).toBe(50);
    expect(await call(a.core, 'sync.status', {})).toMatchObject({ phase: 'up_to_date', pending: 0 });

    const created = await call(a.core, 'valuations.create', { title: 'שומה חדשה מהשטח', addressFull: 'רח׳ הרצל 1, חיפה' });
    expect(created.syncState).toBe('saved_locally');
    await a.core.syncNow();
    const synced = await call(a.core, 'valuations.get', { id: created.id });
    expect(synced.syncState).toBe('synced');
    expect(synced.serverVersion).toBeGreaterThan(0);

    const b = await startClient(server, 'appraiser2@demo.shamay.local');
    await b.core.syncNow();
    const seen = await call(b.core, 'valuations.get', { id: created.id });
    expect(seen).toMatchObject({ title: 'שומה חדשה מהשטח', addressFull: 'רח׳ הרצל 1, חיפה', syncState: 'synced' });
    const history = await call(b.core, 'activity.query', { valuationId: created.id });
    expect(history.map((h) => h.action)).toEqual(['created']);
  });

  it('merges edits of different fields silently and keeps both values of a same-field conflict', async () => {
    const server = await startTestServer();
    const a = await startClient(server);
    const b = await startClient(server, 'appraiser2@demo.shamay.local');
    await a.core.syncNow();
    await b.core.syncNow();
    const [target] = (await call(a.core, 'valuations.list', { status: ['IN_PROGRESS'] })).items;

    // Both offline: A changes the title and the block, B changes the title and the address.
    await call(a.core, 'valuations.update', { id: target!.id, fields: { title: 'כותרת של א', block: '6109' } });
    await call(b.core, 'valuations.update', { id: target!.id, fields: { title: 'כותרת של ב', addressFull: 'כתובת של ב' } });
    await a.core.syncNow();
    await b.core.syncNow();
    await a.core.syncNow();

    const onA = await call(a.core, 'valuations.get', { id: target!.id });
    const onB = await call(b.core, 'valuations.get', { id: target!.id });
    // The first to reach the server keeps the title; everything else merged.
    expect(onA).toMatchObject({ title: 'כותרת של א', block: '6109', addressFull: 'כתובת של ב' });
    expect(onB).toMatchObject({ title: 'כותרת של א', block: '6109', addressFull: 'כתובת של ב', syncState: 'conflict' });
    const [conflict] = await call(b.core, 'sync.conflicts.list', {});
    expect(conflict).toMatchObject({ field: 'title', localValue: 'כותרת של ב', serverValue: 'כותרת של א', winner: 'SERVER' });

    // B decides to keep its own title: it reaches A.
    await call(b.core, 'sync.conflicts.resolve', { id: conflict!.id, choice: 'LOCAL' });
    await b.core.syncNow();
    await a.core.syncNow();
    expect((await call(a.core, 'valuations.get', { id: target!.id })).title).toBe('כותרת של ב');
    expect(await call(b.core, 'sync.conflicts.list', {})).toEqual([]);
  });

  it('uploads a document file before its row and the colleague receives both', async () => {
    const server = await startTestServer();
    const a = await startClient(server);
    const b = await startClient(server, 'appraiser2@demo.shamay.local');
    const v = await call(a.core, 'valuations.create', { title: 'עם מסמך' });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n% נסח טאבו\ntrailer<<>>\n%%EOF\n');
    const { document } = await call(a.core, 'documents.add', { valuationId: v.id, docType: 'TABU', fileName: 'נסח טאבו 9905-88.pdf', source: { bytesBase64: pdf.toString('base64') } });
    await a.core.syncNow();
    expect((await call(a.core, 'sync.status', {})).pending).toBe(0);
    await b.core.syncNow();
    const [received] = await call(b.core, 'documents.list', { valuationId: v.id });
    expect(received).toMatchObject({ id: document.id, sha256: document.sha256, fileName: 'נסח טאבו 9905-88.pdf', syncState: 'synced' });
    const file = await call(b.core, 'files.read', { sha256: document.sha256 });
    expect(Buffer.from(file.bytesBase64, 'base64').equals(pdf)).toBe(true);
  });

  it('keeps a change the server refuses visible with its reason, and restores the server row', async () => {
    const server = await startTestServer();
    const a = await startClient(server);
    await a.core.syncNow();
    const [signed] = (await call(a.core, 'valuations.list', { status: ['SIGNED'] })).items;
    // The laptop's copy still says READY (it was signed elsewhere while this one was offline).
    const db = openCoreDb(a.dataDir);
    db.prepare("UPDATE valuations SET status = 'READY' WHERE id = ?").run(signed!.id);
    await call(a.core, 'valuations.update', { id: signed!.id, fields: { title: 'עריכה אחרי חתימה' } });
    await a.core.syncNow();
    const [rejection] = await call(a.core, 'sync.rejected.list', {});
    expect(rejection).toMatchObject({ rowId: signed!.id, reasonCode: 'LIFECYCLE', changes: { title: 'עריכה אחרי חתימה' } });
    const restored = await call(a.core, 'valuations.get', { id: signed!.id });
    expect(restored).toMatchObject({ status: 'SIGNED', syncState: 'rejected' });
    expect(restored.title).not.toBe('עריכה אחרי חתימה');
    expect(counts(db).sync_mutations).toBe(0);
    db.close();
  });
});

describe("a delete that crosses a colleague's edit", () => {
  it('keeps the row and tells the deleting laptop why', async () => {
    const server = await startTestServer();
    // A's network can be switched off: its engine also syncs in the background, and A must not hear of B's edit.
    let aOffline = false;
    const aFetch: typeof fetch = (input, init) => (aOffline ? Promise.reject(new TypeError('offline')) : fetch(input, init));
    const a = await startClient(server, 'appraiser1@demo.shamay.local', { fetch: aFetch });
    const b = await startClient(server, 'appraiser2@demo.shamay.local');
    const draft = await call(a.core, 'valuations.create', { title: 'טיוטה משותפת' });
    await a.core.syncNow();
    await b.core.syncNow();
    aOffline = true;
    await call(b.core, 'valuations.update', { id: draft.id, fields: { addressFull: 'כתובת שהוקלדה בשטח' } });
    await b.core.syncNow();
    await call(a.core, 'valuations.deleteDraft', { id: draft.id }); // A has not seen B's edit
    aOffline = false;
    await a.core.syncNow();
    const [rejection] = await call(a.core, 'sync.rejected.list', {});
    expect(rejection).toMatchObject({ rowId: draft.id, operation: 'delete', reasonCode: 'CHANGED' });
    expect(await call(a.core, 'valuations.get', { id: draft.id })).toMatchObject({ addressFull: 'כתובת שהוקלדה בשטח' });
  });
});

describe('choosing the sync server', () => {
  it('connects when the server is set in settings, and shows a server given at start as fixed', async () => {
    const server = await startTestServer();
    const dataDir = tempDir('shamay-client-');
    const core = createCore({ dataDir, sync: { live: false, background: false } });
    try {
      expect((await callError(core, 'session.signIn', { email: 'appraiser1@demo.shamay.local', password: DEMO_PASSWORD })).code).toBe('UNAVAILABLE');
      await call(core, 'settings.update', { serverUrl: server.url });
      await call(core, 'session.signIn', { email: 'appraiser1@demo.shamay.local', password: DEMO_PASSWORD });
      await core.syncNow();
      expect((await call(core, 'valuations.list', {})).total).toBe(50);
    } finally {
      core.close();
    }
    const fixed = createCore({ dataDir, serverUrl: server.url, sync: { live: false, background: false } });
    try {
      expect(await call(fixed, 'settings.get', {})).toMatchObject({ serverUrl: server.url, locked: ['serverUrl'] });
    } finally {
      fixed.close();
    }
  });
});
