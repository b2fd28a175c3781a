// Documents and images through dispatch on a real SQLite file and a real blob store under
// dataDir/blobs: the allow list, the limits, safe names, de-duplication, thumbnails, the cover,
// versions, roles and the lifecycle, and the outbox/activity rows every write adds.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type Database from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/create-core.ts';
import { call, callError, signedInCore } from '../../helpers/core.ts';
import { counts, openCoreDb } from '../../helpers/local-db.ts';
import { tempDir } from '../../helpers/temp.ts';
import { fillForReady } from '../preflight/fixture.ts';

// ---- fixtures: minimal real files (as tests/integration/blobs/blob-store.test.ts builds them) ----

/** A small valid PDF; `tag` makes the bytes (and so the sha256) differ. */
function pdf(tag = ''): Buffer {
  return Buffer.from(
    strToU8(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
        `2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%${tag}\n%%EOF\n`,
    ),
  );
}

function ooxml(mainPart: string, contentType: string): Buffer {
  const types =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/${mainPart}" ContentType="${contentType}"/></Types>`;
  return Buffer.from(zipSync({ '[Content_Types].xml': strToU8(types), [mainPart]: strToU8('<root/>') }));
}
const DOCX = ooxml('word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
const XLSX = ooxml('xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml');
const CSV = Buffer.from('\uFEFFיום מכירה,כתובת,גוח,מחיר מוצהר\r\n15/01/2024,"רחוב הרצל 123, תל אביב",9905/88/8,2850000\r\n', 'utf8');

function windowsExecutable(): Buffer {
  const bytes = Buffer.alloc(1024);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c); // e_lfanew: where the PE header starts
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

const picture = (width: number, height: number, r = 30) =>
  sharp({ create: { width, height, channels: 3, background: { r, g: 90, b: 160 } } });

/** An 'ftyp heic' box: file-type recognises it, sharp's prebuilt libvips cannot decode it. */
function heicHeader(): Buffer {
  const bytes = Buffer.alloc(64);
  bytes.writeUInt32BE(24, 0);
  bytes.write('ftypheic', 4, 'latin1');
  bytes.write('mif1heic', 16, 'latin1');
  return bytes;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const blobKey = (sha: string) => `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;

// ---- helpers ----------------------------------------------------------------------------------

const open: { close(): void }[] = [];
afterEach(() => {
  while (open.length) open.pop()?.close();
});

async function setup(email?: string) {
  const t = await signedInCore(email);
  open.push(t.core);
  const db = openCoreDb(t.dataDir);
  open.push(db);
  const valuation = await call(t.core, 'valuations.create', { title: 'דירה ברח׳ הרצל 12', addressFull: 'רח׳ הרצל 12, תל אביב-יפו' });
  return { ...t, db, valuationId: valuation.id };
}

/** Every file under dir, relative, with forward slashes. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** What a refused call must leave exactly as it was: rows, blobs and temp files. */
function snapshot(db: Database.Database, dataDir: string) {
  return { rows: counts(db), blobs: filesUnder(join(dataDir, 'blobs')) };
}

/** The sync_mutations and activity_logs rows added after this point. */
function marker(db: Database.Database) {
  const seq = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM sync_mutations').get() as { n: number }).n;
  const rowid = (db.prepare('SELECT coalesce(max(rowid), 0) AS n FROM activity_logs').get() as { n: number }).n;
  return {
    mutations: () =>
      db.prepare('SELECT * FROM sync_mutations WHERE seq > ? ORDER BY seq').all(seq) as {
        table_name: string;
        row_id: string;
        operation: string;
        changes: string;
        blob_sha256: string | null;
        activity_id: string;
        state: string;
      }[],
    activity: () =>
      db.prepare('SELECT * FROM activity_logs WHERE rowid > ? ORDER BY rowid').all(rowid) as {
        id: string;
        subject_type: string;
        subject_id: string;
        valuation_id: string | null;
        action: string;
        payload: string;
      }[],
  };
}

/** Asserts one mutation per changed row (table, row, operation, blob) and one activity row for each. */
function expectWrites(
  mark: ReturnType<typeof marker>,
  expected: { table: string; rowId: string; operation: string; blob?: string | null; action: string }[],
) {
  const mutations = mark.mutations();
  const activity = mark.activity();
  expect(
    mutations.map((m) => ({ table: m.table_name, rowId: m.row_id, operation: m.operation, blob: m.blob_sha256, state: m.state })),
  ).toEqual(expected.map((e) => ({ table: e.table, rowId: e.rowId, operation: e.operation, blob: e.blob ?? null, state: 'PENDING' })));
  expect(activity.map((a) => a.action)).toEqual(expected.map((e) => e.action));
  expect(mutations.map((m) => m.activity_id)).toEqual(activity.map((a) => a.id));
  return { mutations, activity };
}

async function expectRefused(
  t: { core: Core; db: Database.Database; dataDir: string },
  method: string,
  input: unknown,
  code: string | string[],
) {
  const before = snapshot(t.db, t.dataDir);
  const error = await callError(t.core, method, input);
  expect(Array.isArray(code) ? code : [code], `${method}: ${error.code} ${error.message}`).toContain(error.code);
  expect(snapshot(t.db, t.dataDir), `${method} changed something`).toEqual(before);
  expect(filesUnder(join(t.dataDir, 'blobs', 'tmp')), 'temp files left behind').toEqual([]);
  return error;
}

/** Controls, bidi embeddings/overrides/isolates and path separators have no place in a display name. */
function hasUnsafeChar(name: string): boolean {
  return Array.from(name).some((ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    return cp < 0x20 || cp === 0x7f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || ch === '/' || ch === '\\';
  });
}

function writeSource(name: string, bytes: Uint8Array): string {
  const path = join(tempDir('shamay-upload-'), name);
  writeFileSync(path, bytes);
  return path;
}

// ---- documents ----------------------------------------------------------------------------------

describe('documents.add: the allow list', () => {
  it('accepts PDF, DOCX, XLSX, CSV and images, from bytes and from a path, and lists them', async () => {
    const t = await setup();
    const png = await picture(40, 20).png().toBuffer();
    const files: { name: string; bytes: Buffer; mime: string; docType: 'TABU' | 'CONDO' | 'PERMIT' | 'OTHER' | 'GIS_SCREENSHOT'; byPath: boolean }[] = [
      { name: 'נסח טאבו.pdf', bytes: pdf('tabu'), mime: 'application/pdf', docType: 'TABU', byPath: false },
      { name: 'צו בית משותף.docx', bytes: DOCX, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docType: 'CONDO', byPath: true },
      { name: 'עסקאות.xlsx', bytes: XLSX, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', docType: 'OTHER', byPath: false },
      { name: 'עסקאות.csv', bytes: CSV, mime: 'text/csv', docType: 'OTHER', byPath: true },
      { name: 'תשריט.png', bytes: png, mime: 'image/png', docType: 'GIS_SCREENSHOT', byPath: false },
      { name: 'היתר.pdf', bytes: pdf('permit'), mime: 'application/pdf', docType: 'PERMIT', byPath: true },
    ];
    const added: string[] = [];
    for (const file of files) {
      const mark = marker(t.db);
      const source = file.byPath ? { path: writeSource(file.name, file.bytes) } : { bytesBase64: b64(file.bytes) };
      const { document, duplicateOf } = await call(t.core, 'documents.add', { valuationId: t.valuationId, docType: file.docType, fileName: file.name, source });
      expect(duplicateOf).toBeNull();
      expect(document).toMatchObject({
        valuationId: t.valuationId,
        docType: file.docType,
        fileName: file.name,
        sha256: sha256(file.bytes),
        sizeBytes: file.bytes.byteLength,
        mimeType: file.mime,
        source: 'USER_UPLOAD',
        extracted: null,
        uploadedById: t.people.appraisers[0].id,
        syncState: 'saved_locally',
      });
      // The file lives in the store under its sha256, byte for byte.
      expect(readFileSync(join(t.dataDir, 'blobs', ...blobKey(document.sha256).split('/')))).toEqual(file.bytes);
      const { mutations, activity } = expectWrites(mark, [
        { table: 'documents', rowId: document.id, operation: 'insert', blob: document.sha256, action: 'uploaded' },
      ]);
      expect(JSON.parse(mutations[0]!.changes)).toMatchObject({ file_name: file.name, sha256: document.sha256, storage_key: document.sha256 });
      expect(activity[0]).toMatchObject({ subject_type: 'document', subject_id: document.id, valuation_id: t.valuationId });
      added.push(document.id);
    }
    const list = await call(t.core, 'documents.list', { valuationId: t.valuationId });
    expect(list.map((d) => d.id)).toEqual(added);
    expect(filesUnder(join(t.dataDir, 'blobs'))).toEqual(files.map((f) => blobKey(sha256(f.bytes))).sort());
  });

  it('refuses an .exe renamed to .pdf, from bytes or a path, with VALIDATION and changes nothing', async () => {
    const t = await setup();
    const exe = windowsExecutable();
    for (const source of [{ bytesBase64: b64(exe) }, { path: writeSource('invoice.pdf', exe) }]) {
      const error = await expectRefused(t, 'documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'invoice.pdf', source }, 'VALIDATION');
      expect(error.message).toContain('invoice.pdf');
      expect(error.message).toMatch(/not a PDF.*Windows executable/);
      expect(error.details).toMatchObject({ reason: 'TYPE_NOT_ALLOWED' });
    }
    // Also as an image, and with a name that hides the extension behind a bidi override.
    await expectRefused(t, 'images.add', { valuationId: t.valuationId, fileName: 'photo.jpg', source: { bytesBase64: b64(exe) } }, 'VALIDATION');
    const hidden = await expectRefused(
      t,
      'documents.add',
      { valuationId: t.valuationId, docType: 'OTHER', fileName: 'invoice\u202Efdp.exe', source: { bytesBase64: b64(exe) } },
      'VALIDATION',
    );
    expect(hidden.message).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(await call(t.core, 'documents.list', { valuationId: t.valuationId })).toEqual([]);
  });

  it('refuses other content off the allow list and images where documents belong, with VALIDATION', async () => {
    const t = await setup();
    const cases: [string, Buffer][] = [
      ['notes.pdf', Buffer.from('just some text, not a PDF')],
      ['script.csv', Buffer.from('#!/bin/sh\nrm -rf /\n')],
      ['archive.docx', Buffer.from(zipSync({ 'a.txt': strToU8('hello') }))],
      ['empty.pdf', Buffer.alloc(0)],
    ];
    for (const [fileName, bytes] of cases) {
      const error = await expectRefused(t, 'documents.add', { valuationId: t.valuationId, docType: 'OTHER', fileName, source: { bytesBase64: b64(bytes) } }, 'VALIDATION');
      expect(error.message, fileName).toContain(fileName);
    }
    // A PDF is not an image.
    const mismatch = await expectRefused(t, 'images.add', { valuationId: t.valuationId, fileName: 'photo.jpg', source: { bytesBase64: b64(pdf()) } }, 'VALIDATION');
    expect(mismatch.details).toMatchObject({ reason: 'TYPE_MISMATCH' });
  });

  it('refuses a file over the limit set in settings, and accepts it once the limit allows', async () => {
    const t = await setup();
    const file = pdf('x'.repeat(400));
    await call(t.core, 'settings.update', { documentMaxBytes: 200, imageMaxBytes: 100 });
    for (const source of [{ bytesBase64: b64(file) }, { path: writeSource('big.pdf', file) }]) {
      const error = await expectRefused(t, 'documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'big.pdf', source }, 'VALIDATION');
      expect(error.message).toContain('big.pdf');
      expect(error.message).toMatch(/limit for documents is 200 bytes/);
      expect(error.details).toMatchObject({ reason: 'TOO_LARGE', limitBytes: 200, sizeBytes: file.byteLength });
    }
    const png = await picture(64, 64).png().toBuffer();
    const image = await expectRefused(t, 'images.add', { valuationId: t.valuationId, fileName: 'a.png', source: { bytesBase64: b64(png) } }, 'VALIDATION');
    expect(image.details).toMatchObject({ reason: 'TOO_LARGE', limitBytes: 100 });

    await call(t.core, 'settings.update', { documentMaxBytes: 10_000 });
    const { document } = await call(t.core, 'documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'big.pdf', source: { bytesBase64: b64(file) } });
    expect(document.sizeBytes).toBe(file.byteLength);
  });

  it('refuses a path that does not exist with NOT_FOUND and changes nothing', async () => {
    const t = await setup();
    await expectRefused(
      t,
      'documents.add',
      { valuationId: t.valuationId, docType: 'TABU', fileName: 'x.pdf', source: { path: join(tempDir(), 'missing.pdf') } },
      'NOT_FOUND',
    );
  });
});

describe('documents.add: names and storage', () => {
  it('stores hostile file names as safe display names, and the file only under blobs/ by sha256', async () => {
    const t = await setup();
    const cases: [string, (name: string) => void][] = [
      ['../../etc/passwd.pdf', (name) => expect(name).toBe('passwd.pdf')],
      ['..\\..\\Windows\\system.ini.pdf', (name) => expect(name).toBe('system.ini.pdf')],
      ['CON.pdf', (name) => expect(name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i)],
      ['invoice\u202Efdp.exe', (name) => expect(name).toBe('invoicefdp.exe')],
      ['a<b>:c|d?*.pdf', (name) => expect(name).not.toMatch(/[<>:"|?*\\/]/)],
      ['ת"ז של הבעלים.pdf', (name) => expect(name).toBe('ת״ז של הבעלים.pdf')],
      ['\u0000\u0007x\n.pdf', (name) => expect(name).toBe('x.pdf')],
      [' ... ', (name) => expect(name.length).toBeGreaterThan(0)],
      [`${'א'.repeat(600)}.pdf`, (name) => expect(name.endsWith('.pdf') && Array.from(name).length <= 200).toBe(true)],
    ];
    const stored: string[] = [];
    for (const [index, [fileName, check]] of cases.entries()) {
      const bytes = pdf(`hostile-${index}`);
      const mark = marker(t.db);
      const { document } = await call(t.core, 'documents.add', { valuationId: t.valuationId, docType: 'OTHER', fileName, source: { bytesBase64: b64(bytes) } });
      check(document.fileName);
      expect(hasUnsafeChar(document.fileName), JSON.stringify(document.fileName)).toBe(false);
      const [mutation] = mark.mutations();
      expect(JSON.parse(mutation!.changes).file_name).toBe(document.fileName);
      expect(JSON.parse(mark.activity()[0]!.payload)).toMatchObject({ fileName: document.fileName });
      stored.push(blobKey(sha256(bytes)));
    }
    // The data folder holds the database, its backups folder and content-addressed blobs, nothing else.
    expect(filesUnder(join(t.dataDir, 'blobs'))).toEqual(stored.sort());
    for (const file of filesUnder(t.dataDir)) expect(file).toMatch(/^(shamay\.sqlite(-wal|-shm)?|backups\/.*|blobs\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64})$/);
    expect(existsSync(resolve(t.dataDir, 'blobs', '../../etc/passwd.pdf'))).toBe(false);
    expect(existsSync(resolve(t.dataDir, 'blobs', 'tmp', '../../etc/passwd.pdf'))).toBe(false);
    expect(filesUnder(join(t.dataDir, 'blobs', 'tmp'))).toEqual([]);
  });

  it('returns duplicateOf for the same file added twice to one valuation and adds no second row', async () => {
    const t = await setup();
    const bytes = pdf('same');
    const first = await call(t.core, 'documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'נסח.pdf', source: { bytesBase64: b64(bytes) } });
    const before = snapshot(t.db, t.dataDir);
    const mark = marker(t.db);
    // Same content under another name, once from bytes and once from a path.
    for (const source of [{ bytesBase64: b64(bytes) }, { path: writeSource('copy.pdf', bytes) }]) {
      const again = await call(t.core, 'documents.add', { valuationId: t.valuationId, docType: 'OTHER', fileName: 'עותק של נסח.pdf', source });
      expect(again.duplicateOf).toBe(first.document.id);
      expect(again.document).toEqual(first.document);
    }
    expect(snapshot(t.db, t.dataDir)).toEqual(before);
    expect(mark.mutations()).toEqual([]);
    expect(mark.activity()).toEqual([]);
    expect(await call(t.core, 'documents.list', { valuationId: t.valuationId })).toHaveLength(1);

    // Another valuation gets its own row, sharing the one stored file.
    const other = await call(t.core, 'valuations.create', { title: 'שומה אחרת' });
    const second = await call(t.core, 'documents.add', { valuationId: other.id, docType: 'TABU', fileName: 'נסח.pdf', source: { bytesBase64: b64(bytes) } });
    expect(second.duplicateOf).toBeNull();
    expect(second.document.id).not.toBe(first.document.id);
    expect(filesUnder(join(t.dataDir, 'blobs'))).toEqual([blobKey(sha256(bytes))]);
  });
});

describe('documents: versions, extraction and removal', () => {
  it('keeps the replaced file as a version when a document is re-uploaded', async () => {
    const t = await setup();
    const v1 = pdf('v1');
    const v2 = pdf('v2');
    const v3 = pdf('v3');
    const { document } = await call(t.core, 'documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'נסח 2023.pdf', source: { bytesBase64: b64(v1) } });
    await call(t.core, 'documents.updateExtracted', { id: document.id, extracted: { block: '6109' } });

    const mark = marker(t.db);
    const replaced = await call(t.core, 'documents.add', {
      valuationId: t.valuationId,
      docType: 'TABU',
      fileName: 'נסח 2024.pdf',
      source: { bytesBase64: b64(v2) },
      replacesId: document.id,
    });
    expect(replaced.duplicateOf).toBeNull();
    expect(replaced.document).toMatchObject({ id: document.id, fileName: 'נסח 2024.pdf', sha256: sha256(v2), sizeBytes: v2.byteLength, extracted: null });
    const versionRows = mark.mutations();
    expect(versionRows.map((m) => [m.table_name, m.operation])).toEqual([
      ['document_versions', 'insert'],
      ['documents', 'update'],
    ]);
    expect(versionRows[1]).toMatchObject({ row_id: document.id, blob_sha256: sha256(v2) });
    expect(mark.activity()).toHaveLength(2);
    expect(mark.mutations().map((m) => m.activity_id)).toEqual(mark.activity().map((a) => a.id));

    const versions = await call(t.core, 'documents.versions', { documentId: document.id });
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      documentId: document.id,
      versionNumber: 1,
      fileName: 'נסח 2023.pdf',
      sha256: sha256(v1),
      sizeBytes: v1.byteLength,
      createdById: t.people.appraisers[0].id,
    });
    expect(versionRows[0]!.row_id).toBe(versions[0]!.id);
    // The old file is still there for the history.
    expect(filesUnder(join(t.dataDir, 'blobs'))).toContain(blobKey(sha256(v1)));

    await call(t.core, 'documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'נסח 2025.pdf', source: { bytesBase64: b64(v3) }, replacesId: document.id });
    const history = await call(t.core, 'documents.versions', { documentId: document.id });
    expect(history.map((h) => [h.versionNumber, h.sha256])).toEqual([
      [2, sha256(v2)],
      [1, sha256(v1)],
    ]);
    expect(await call(t.core, 'documents.list', { valuationId: t.valuationId })).toHaveLength(1);
  });

  it('refuses to replace a document of another valuation', async () => {
    const t = await setup();
    const other = await call(t.core, 'valuations.create', { title: 'אחרת' });
    const { document } = await call(t.core, 'documents.add', { valuationId: other.id, docType: 'TABU', fileName: 'a.pdf', source: { bytesBase64: b64(pdf('a')) } });
    await expectRefused(
      t,
      'documents.add',
      { valuationId: t.valuationId, docType: 'TABU', fileName: 'b.pdf', source: { bytesBase64: b64(pdf('b')) }, replacesId: document.id },
      'VALIDATION',
    );
  });

  it('updates the extracted fields with one mutation and one activity row', async () => {
    const t = await setup();
    const { document } = await call(t.core, 'documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'נסח.pdf', source: { bytesBase64: b64(pdf()) } });
    const mark = marker(t.db);
    const extracted = { text: 'נסח טאבו הערת אזהרה', block: '6109', parcel: '396', owners: [{ name: 'משה כהן', share: '1/2' }] };
    const updated = await call(t.core, 'documents.updateExtracted', { id: document.id, extracted });
    expect(updated.extracted).toEqual(extracted);
    expect(await call(t.core, 'documents.getExtracted', { id: document.id })).toEqual({ extracted });
    const { mutations } = expectWrites(mark, [{ table: 'documents', rowId: document.id, operation: 'update', action: 'updated' }]);
    expect(JSON.parse(mutations[0]!.changes)).toEqual({ extracted });
  });

  it('removes a document with one delete mutation and one activity row', async () => {
    const t = await setup();
    const a = await call(t.core, 'documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'a.pdf', source: { bytesBase64: b64(pdf('a')) } });
    const b = await call(t.core, 'documents.add', { valuationId: t.valuationId, docType: 'PERMIT', fileName: 'b.pdf', source: { bytesBase64: b64(pdf('b')) } });
    const mark = marker(t.db);
    expect(await call(t.core, 'documents.remove', { id: a.document.id })).toEqual({ ok: true });
    expectWrites(mark, [{ table: 'documents', rowId: a.document.id, operation: 'delete', action: 'deleted' }]);
    expect((await call(t.core, 'documents.list', { valuationId: t.valuationId })).map((d) => d.id)).toEqual([b.document.id]);
    await expectRefused(t, 'documents.remove', { id: a.document.id }, 'NOT_FOUND');
    await expectRefused(t, 'documents.getExtracted', { id: a.document.id }, 'NOT_FOUND');
    // Added again after removal, it is a new document, not a duplicate.
    const again = await call(t.core, 'documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'a.pdf', source: { bytesBase64: b64(pdf('a')) } });
    expect(again.duplicateOf).toBeNull();
  });
});

// ---- images -------------------------------------------------------------------------------------

describe('images', () => {
  it('adds images with a WebP thumbnail, the first one as the cover', async () => {
    const t = await setup();
    const facade = await picture(1000, 600).jpeg().toBuffer();
    const kitchen = await picture(200, 100, 200).png().toBuffer();

    const mark = marker(t.db);
    const first = await call(t.core, 'images.add', { valuationId: t.valuationId, fileName: 'חזית.jpg', source: { bytesBase64: b64(facade) } });
    expect(first.duplicateOf).toBeNull();
    expect(first.image).toMatchObject({
      valuationId: t.valuationId,
      fileName: 'חזית.jpg',
      sha256: sha256(facade),
      sizeBytes: facade.byteLength,
      mimeType: 'image/jpeg',
      isCover: true,
      sortOrder: 0,
      roomType: 'EXTERIOR',
      syncState: 'saved_locally',
    });
    const thumb = first.image.thumbnailSha256;
    expect(thumb).toMatch(/^[0-9a-f]{64}$/);
    const variant = t.db.prepare("SELECT id FROM asset_variants WHERE image_id = ? AND variant_type = 'thumbnail'").get(first.image.id) as { id: string };
    expectWrites(mark, [
      { table: 'images', rowId: first.image.id, operation: 'insert', blob: sha256(facade), action: 'uploaded' },
      { table: 'asset_variants', rowId: variant.id, operation: 'insert', blob: thumb, action: 'generated' },
    ]);

    // The thumbnail is a WebP no larger than 320 px, readable through files.read.
    const read = await call(t.core, 'files.read', { sha256: thumb! });
    expect(read.mimeType).toBe('image/webp');
    const bytes = Buffer.from(read.bytesBase64, 'base64');
    expect(sha256(bytes)).toBe(thumb);
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 320, height: 192 });
    // The original reads back byte for byte.
    expect(Buffer.from((await call(t.core, 'files.read', { sha256: sha256(facade) })).bytesBase64, 'base64')).toEqual(facade);

    const second = await call(t.core, 'images.add', {
      valuationId: t.valuationId,
      fileName: 'מטבח.png',
      source: { path: writeSource('kitchen.png', kitchen) },
      roomType: 'KITCHEN',
    });
    expect(second.image).toMatchObject({ isCover: false, sortOrder: 1, roomType: 'KITCHEN', mimeType: 'image/png' });
    expect(second.image.thumbnailSha256).toMatch(/^[0-9a-f]{64}$/);

    const list = await call(t.core, 'images.list', { valuationId: t.valuationId });
    expect(list.map((i) => [i.id, i.isCover])).toEqual([
      [first.image.id, true],
      [second.image.id, false],
    ]);
    expect(list.every((i) => i.thumbnailSha256 !== null)).toBe(true);
    expect(filesUnder(join(t.dataDir, 'blobs', 'tmp'))).toEqual([]);
  });

  it('returns duplicateOf for the same image added twice to one valuation', async () => {
    const t = await setup();
    const png = await picture(50, 50).png().toBuffer();
    const first = await call(t.core, 'images.add', { valuationId: t.valuationId, fileName: 'a.png', source: { bytesBase64: b64(png) } });
    const before = snapshot(t.db, t.dataDir);
    const again = await call(t.core, 'images.add', { valuationId: t.valuationId, fileName: 'b.png', source: { path: writeSource('b.png', png) } });
    expect(again.duplicateOf).toBe(first.image.id);
    expect(again.image.id).toBe(first.image.id);
    expect(snapshot(t.db, t.dataDir)).toEqual(before);
  });

  it('moves the cover with images.setCover, keeping exactly one cover', async () => {
    const t = await setup();
    const ids: string[] = [];
    for (const r of [10, 20, 30]) {
      const png = await picture(30, 30, r).png().toBuffer();
      ids.push((await call(t.core, 'images.add', { valuationId: t.valuationId, fileName: `${r}.png`, source: { bytesBase64: b64(png) } })).image.id);
    }
    const covers = async () => (await call(t.core, 'images.list', { valuationId: t.valuationId })).filter((i) => i.isCover).map((i) => i.id);
    expect(await covers()).toEqual([ids[0]]);

    const mark = marker(t.db);
    const cover = await call(t.core, 'images.setCover', { id: ids[2]! });
    expect(cover).toMatchObject({ id: ids[2], isCover: true });
    expect(await covers()).toEqual([ids[2]]);
    const { mutations } = expectWrites(mark, [
      { table: 'images', rowId: ids[0]!, operation: 'update', action: 'updated' },
      { table: 'images', rowId: ids[2]!, operation: 'update', action: 'updated' },
    ]);
    expect(mutations.map((m) => JSON.parse(m.changes))).toEqual([{ is_cover: false }, { is_cover: true }]);

    // Choosing the current cover again changes nothing.
    const again = marker(t.db);
    await call(t.core, 'images.setCover', { id: ids[2]! });
    expect(again.mutations()).toEqual([]);
    expect(await covers()).toEqual([ids[2]]);

    await call(t.core, 'images.setCover', { id: ids[1]! });
    expect(await covers()).toEqual([ids[1]]);
  });
  it('adds a HEIC photo whose thumbnail cannot be made, recording the variant as FAILED', async () => {
    const t = await setup();
    const mark = marker(t.db);
    const { image } = await call(t.core, 'images.add', { valuationId: t.valuationId, fileName: 'IMG_0001.HEIC', source: { bytesBase64: b64(heicHeader()) } });
    expect(image).toMatchObject({ mimeType: 'image/heic', thumbnailSha256: null, isCover: true });
    const variant = t.db.prepare('SELECT id, status, sha256 FROM asset_variants WHERE image_id = ?').get(image.id) as { id: string; status: string; sha256: string | null };
    expect(variant).toMatchObject({ status: 'FAILED', sha256: null });
    expectWrites(mark, [
      { table: 'images', rowId: image.id, operation: 'insert', blob: image.sha256, action: 'uploaded' },
      { table: 'asset_variants', rowId: variant.id, operation: 'insert', blob: null, action: 'generated' },
    ]);
  });

  it('adds the same image sent twice at once only once', async () => {
    const t = await setup();
    const png = await picture(60, 60).png().toBuffer();
    const results = await Promise.all(
      ['a.png', 'b.png'].map((fileName) => call(t.core, 'images.add', { valuationId: t.valuationId, fileName, source: { bytesBase64: b64(png) } })),
    );
    const list = await call(t.core, 'images.list', { valuationId: t.valuationId });
    expect(list).toHaveLength(1);
    expect(results.map((r) => r.image.id)).toEqual([list[0]!.id, list[0]!.id]);
    expect(results.filter((r) => r.duplicateOf === list[0]!.id)).toHaveLength(1);
  });

  it('keeps one cover and distinct positions when several images arrive at once', async () => {
    const t = await setup();
    const pngs = await Promise.all([10, 20, 30, 40].map((r) => picture(40, 40, r).png().toBuffer()));
    await Promise.all(pngs.map((png, i) => call(t.core, 'images.add', { valuationId: t.valuationId, fileName: `${i}.png`, source: { bytesBase64: b64(png) } })));
    const list = await call(t.core, 'images.list', { valuationId: t.valuationId });
    expect(list).toHaveLength(4);
    expect(list.filter((i) => i.isCover)).toHaveLength(1);
    expect(new Set(list.map((i) => i.sortOrder)).size).toBe(4);
  });

  it('does not hold its own thumbnail to the upload limit, and leaves no stray file when an add fails', async () => {
    const t = await setup();
    // Noise saved as a very lossy JPEG: the WebP thumbnail comes out larger than the photo itself.
    let seed = 7;
    const noise = Buffer.alloc(320 * 320 * 3, 0).map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff);
    const jpeg = await sharp(noise, { raw: { width: 320, height: 320, channels: 3 } }).jpeg({ quality: 1 }).toBuffer();
    const thumbnailSize = (await sharp(jpeg).webp({ quality: 80 }).toBuffer()).byteLength;
    expect(thumbnailSize).toBeGreaterThan(jpeg.byteLength);
    await call(t.core, 'settings.update', { imageMaxBytes: jpeg.byteLength });

    const before = snapshot(t.db, t.dataDir);
    const result = await t.core.dispatch('images.add', { valuationId: t.valuationId, fileName: 'רעש.jpg', source: { bytesBase64: b64(jpeg) } });
    if (!result.ok) {
      // Whatever the outcome, a refused add must not name a file the user never chose, nor leave its blob behind.
      expect.soft(result.error.message).not.toContain('thumbnail.webp');
      expect.soft(snapshot(t.db, t.dataDir)).toEqual(before);
    }
    expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
    const [image] = await call(t.core, 'images.list', { valuationId: t.valuationId });
    expect(image?.thumbnailSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

// ---- roles and lifecycle --------------------------------------------------------------------------

describe('files: roles and the lifecycle', () => {
  it('refuses every file write of a client viewer and writes nothing', async () => {
    const t = await setup();
    const png = await picture(30, 30).png().toBuffer();
    const { document } = await call(t.core, 'documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'a.pdf', source: { bytesBase64: b64(pdf('a')) } });
    const { image } = await call(t.core, 'images.add', { valuationId: t.valuationId, fileName: 'a.png', source: { bytesBase64: b64(png) } });
    const draft = await call(t.core, 'valuations.create', { title: 'טיוטה' });
    await call(t.core, 'valuations.changeStatus', { id: t.valuationId, status: 'IN_PROGRESS' });
    await fillForReady(t.core, t.valuationId);
    await call(t.core, 'valuations.changeStatus', { id: t.valuationId, status: 'READY' });
    await call(t.core, 'session.signOut', {});
    await call(t.core, 'session.signIn', { email: 'viewer@demo.shamay.local', password: 'demo' });

    const denied = ['FORBIDDEN', 'NOT_FOUND'];
    const newPng = await picture(31, 31).png().toBuffer();
    for (const valuationId of [t.valuationId, draft.id]) {
      await expectRefused(t, 'documents.add', { valuationId, docType: 'TABU', fileName: 'b.pdf', source: { bytesBase64: b64(pdf('b')) } }, denied);
      await expectRefused(t, 'images.add', { valuationId, fileName: 'b.png', source: { bytesBase64: b64(newPng) } }, denied);
    }
    await expectRefused(t, 'documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'b.pdf', source: { bytesBase64: b64(pdf('b')) }, replacesId: document.id }, denied);
    await expectRefused(t, 'documents.updateExtracted', { id: document.id, extracted: { text: 'x' } }, denied);
    await expectRefused(t, 'documents.remove', { id: document.id }, denied);
    await expectRefused(t, 'images.setCover', { id: image.id }, denied);
    await expectRefused(t, 'images.update', { id: image.id, roomType: 'KITCHEN' }, denied);
    await expectRefused(t, 'images.remove', { id: image.id }, denied);
    // Reading what a viewer may see still works.
    expect((await call(t.core, 'documents.list', { valuationId: t.valuationId })).map((d) => d.id)).toEqual([document.id]);
    expect((await call(t.core, 'images.list', { valuationId: t.valuationId })).map((i) => i.id)).toEqual([image.id]);
  });

  it("does not let a client viewer read the files of a valuation hidden from them", async () => {
    const t = await setup();
    const png = await picture(30, 30).png().toBuffer();
    // t.valuationId stays a DRAFT, which a client viewer cannot see.
    const { image } = await call(t.core, 'images.add', { valuationId: t.valuationId, fileName: 'a.png', source: { bytesBase64: b64(png) } });
    const { document } = await call(t.core, 'documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'a.pdf', source: { bytesBase64: b64(pdf('a')) } });
    await call(t.core, 'session.signOut', {});
    await call(t.core, 'session.signIn', { email: 'viewer@demo.shamay.local', password: 'demo' });
    for (const sha of [image.sha256, image.thumbnailSha256!, document.sha256]) {
      expect((await callError(t.core, 'files.read', { sha256: sha })).code).toBe('NOT_FOUND');
    }
  });

  it('refuses to change the files of a SIGNED valuation with LIFECYCLE and writes nothing', async () => {
    const t = await setup();
    const png = await picture(30, 30).png().toBuffer();
    const { document } = await call(t.core, 'documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'a.pdf', source: { bytesBase64: b64(pdf('a')) } });
    const first = await call(t.core, 'images.add', { valuationId: t.valuationId, fileName: 'a.png', source: { bytesBase64: b64(png) } });
    const second = await call(t.core, 'images.add', { valuationId: t.valuationId, fileName: 'b.png', source: { bytesBase64: b64(await picture(32, 32).png().toBuffer()) } });
    // As a pull from the server would bring it: written straight into the file.
    t.db.prepare("UPDATE valuations SET status = 'SIGNED' WHERE id = ?").run(t.valuationId);

    const newPng = await picture(33, 33).png().toBuffer();
    const refusals: [string, unknown][] = [
      ['documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'b.pdf', source: { bytesBase64: b64(pdf('b')) } }],
      ['documents.add', { valuationId: t.valuationId, docType: 'TABU', fileName: 'b.pdf', source: { path: writeSource('b.pdf', pdf('b')) }, replacesId: document.id }],
      ['documents.updateExtracted', { id: document.id, extracted: { text: 'שינוי אחרי חתימה' } }],
      ['documents.remove', { id: document.id }],
      ['images.add', { valuationId: t.valuationId, fileName: 'c.png', source: { bytesBase64: b64(newPng) } }],
      ['images.setCover', { id: second.image.id }],
      ['images.update', { id: first.image.id, finishLevel: 'PREMIUM' }],
      ['images.remove', { id: first.image.id }],
    ];
    for (const [method, input] of refusals) {
      const error = await expectRefused(t, method, input, 'LIFECYCLE');
      expect(error.message, method).toMatch(/signed/i);
    }
    // Reading is still allowed.
    expect(await call(t.core, 'documents.list', { valuationId: t.valuationId })).toHaveLength(1);
    expect(await call(t.core, 'documents.getExtracted', { id: document.id })).toEqual({ extracted: null });
    expect((await call(t.core, 'files.read', { sha256: first.image.sha256 })).mimeType).toBe('image/png');

    // Archived is just as final.
    t.db.prepare("UPDATE valuations SET status = 'ARCHIVED' WHERE id = ?").run(t.valuationId);
    await expectRefused(t, 'documents.remove', { id: document.id }, 'LIFECYCLE');
    await expectRefused(t, 'images.add', { valuationId: t.valuationId, fileName: 'c.png', source: { bytesBase64: b64(newPng) } }, 'LIFECYCLE');
  });
});
