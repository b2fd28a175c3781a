import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { strToU8, zipSync } from 'fflate';
import { fileTypeFromFile } from 'file-type';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createBlobStore, type BlobStore } from '../../../src-main/core/blobs/blob-store.ts';
import { BlobError, type BlobErrorCode } from '../../../src-main/core/blobs/errors.ts';
import { DEFAULT_BLOB_LIMITS, type BlobLimits } from '../../../src-main/core/blobs/limits.ts';
import { writeTempFile } from '../../../src-main/core/blobs/temp-files.ts';
import { makeThumbnail } from '../../../src-main/core/blobs/thumbnails.ts';
import { tempDir } from '../../helpers/temp.ts';

// ---- fixtures: minimal real files -------------------------------------------------------------

const PDF = strToU8(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

function ooxml(mainPart: string, contentType: string): Uint8Array {
  const types =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/${mainPart}" ContentType="${contentType}"/></Types>`;
  return zipSync({ '[Content_Types].xml': strToU8(types), [mainPart]: strToU8('<root/>') });
}
const DOCX = ooxml('word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
const XLSX = ooxml('xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml');

const image = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 90, b: 160 } } });

/** Windows-1255: the Hebrew letters א..ת are the bytes 0xE0..0xFA. */
function windows1255(text: string): Uint8Array {
  return Uint8Array.from(Array.from(text), (char) => {
    const code = char.codePointAt(0) ?? 0;
    return code >= 0x05d0 && code <= 0x05ea ? code - 0x05d0 + 0xe0 : code;
  });
}
const CSV_TEXT = 'גוש,חלקה,עיר\r\n6638,88,תל אביב\r\n';

function windowsExecutable(): Uint8Array {
  const bytes = Buffer.alloc(1024);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c); // e_lfanew: where the PE header starts
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

/** An 'ftyp heic' box: file-type recognises it, sharp's prebuilt libvips cannot decode it. */
function heicHeader(): Uint8Array {
  const bytes = Buffer.alloc(64);
  bytes.writeUInt32BE(24, 0);
  bytes.write('ftypheic', 4, 'latin1');
  bytes.write('mif1heic', 16, 'latin1');
  return bytes;
}

// ---- helpers ----------------------------------------------------------------------------------

function openStore(limits: BlobLimits = DEFAULT_BLOB_LIMITS): { store: BlobStore; root: string } {
  const root = join(tempDir('shamay-blobs-'), 'blobs');
  return { store: createBlobStore({ root, limits }), root };
}

/** Every file under dir, relative, so "nothing left on disk" can be asserted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

async function refusal(promise: Promise<unknown>, code: BlobErrorCode): Promise<BlobError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BlobError);
  expect((error as BlobError).code).toBe(code);
  return error as BlobError;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// ---- tests ------------------------------------------------------------------------------------

describe('blob store: allow list', () => {
  const cases: [string, () => Promise<Uint8Array> | Uint8Array, string, string, 'document' | 'image'][] = [
    ['PDF', () => PDF, 'נסח טאבו.pdf', 'application/pdf', 'document'],
    ['DOCX', () => DOCX, 'שומה.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'document'],
    ['XLSX', () => XLSX, 'עסקאות.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'document'],
    ['PNG', () => image(40, 20).png().toBuffer(), 'plan.png', 'image/png', 'image'],
    ['JPEG', () => image(40, 20).jpeg().toBuffer(), 'photo.jpg', 'image/jpeg', 'image'],
    ['WebP', () => image(40, 20).webp().toBuffer(), 'photo.webp', 'image/webp', 'image'],
    ['TIFF', () => image(40, 20).tiff().toBuffer(), 'scan.tiff', 'image/tiff', 'image'],
    ['HEIC', () => heicHeader(), 'IMG_0001.HEIC', 'image/heic', 'image'],
    ['CSV in UTF-8 with BOM', () => strToU8(`\uFEFF${CSV_TEXT}`), 'עסקאות.csv', 'text/csv', 'document'],
    ['CSV in UTF-8 without BOM', () => strToU8(CSV_TEXT), 'deals.csv', 'text/csv', 'document'],
    ['CSV in Windows-1255', () => windows1255(CSV_TEXT), 'DEALS.CSV', 'text/csv', 'document'],
  ];

  for (const [label, make, name, mime, kind] of cases) {
    it(`accepts ${label}`, async () => {
      const { store, root } = openStore();
      const bytes = await make();
      const stored = await store.put({ bytes }, name);
      expect(stored).toMatchObject({ mime, kind, sizeBytes: bytes.byteLength, deduplicated: false, displayName: name });
      expect(stored.sha256).toBe(sha256(bytes));
      expect(stored.storageKey).toBe(`${stored.sha256.slice(0, 2)}/${stored.sha256.slice(2, 4)}/${stored.sha256}`);
      expect(filesUnder(root)).toEqual([join(...stored.storageKey.split('/'))]);
      expect(readFileSync(store.path(stored.sha256))).toEqual(Buffer.from(bytes));
    });
  }

  it('reads from a file path as well as from bytes', async () => {
    const { store } = openStore();
    const source = join(tempDir(), 'upload.pdf');
    writeFileSync(source, PDF);
    const stored = await store.put({ path: source }, source);
    expect(stored).toMatchObject({ sha256: sha256(PDF), mime: 'application/pdf', displayName: 'upload.pdf' });
    expect(await buffer(await store.readStream(stored.sha256))).toEqual(Buffer.from(PDF));
  });

  it('names the file by content, never by the user-supplied name', async () => {
    const { store, root } = openStore();
    const stored = await store.put({ bytes: PDF }, '../../evil\u202Efdp.exe.pdf');
    expect(stored.displayName).toBe('evilfdp.exe.pdf');
    expect(filesUnder(root).join()).not.toMatch(/evil|\.pdf|\.\./);
  });

  it('refuses content of the wrong kind when a kind is expected', async () => {
    const { store, root } = openStore();
    const error = await refusal(store.put({ bytes: PDF }, 'kitchen.pdf', 'image'), 'TYPE_MISMATCH');
    expect(error.message).toBe("The file 'kitchen.pdf' is a PDF document, but an image (JPEG, PNG, WebP, HEIC, TIFF) was expected.");
    expect(filesUnder(root)).toEqual([]);
  });
});

describe('blob store: refused content', () => {
  it('refuses a Windows executable renamed to .pdf, leaving nothing on disk', async () => {
    const { store, root } = openStore();
    const error = await refusal(store.put({ bytes: windowsExecutable() }, 'x.pdf'), 'TYPE_NOT_ALLOWED');
    expect(error.message).toBe(
      "The file 'x.pdf' is not a PDF: its content is a Windows executable. Allowed: PDF, JPEG, PNG, WebP, HEIC, TIFF, DOCX, XLSX, CSV, JSON.",
    );
    expect(error.details).toMatchObject({ claimed: 'a PDF', detectedExt: 'exe' });
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses the same executable from a file path', async () => {
    const { store, root } = openStore();
    const source = join(tempDir(), 'invoice.pdf');
    writeFileSync(source, windowsExecutable());
    await refusal(store.put({ path: source }, 'invoice.pdf'), 'TYPE_NOT_ALLOWED');
    expect(filesUnder(root)).toEqual([]);
  });

  const refused: [string, Uint8Array, string, RegExp][] = [
    ['an ELF binary named .jpg', Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array<number>(56).fill(0)]), 'photo.jpg', /is not a JPEG image: its content is a Linux executable \(ELF\)/],
    ['a zip that is not OOXML named .docx', zipSync({ 'payload.js': strToU8('alert(1)') }), 'report.docx', /is not a Word document \(DOCX\): its content is a ZIP archive/],
    ['a shell script named .pdf', strToU8('#!/bin/sh\nrm -rf ~\n'), 'run.pdf', /its content is a script/],
    ['a shell script named .csv', strToU8('#!/bin/sh\nrm -rf ~\n'), 'data.csv', /is not a CSV file: its content is a script/],
    ['text named .pdf', strToU8('hello'), 'notes.pdf', /its content is plain text/],
    ['binary data named .csv', Uint8Array.from([1, 2, 0, 3, 4, 0, 5]), 'data.csv', /its content is unrecognized binary data/],
    ['a GIF', strToU8('GIF89a\u0001\u0000\u0001\u0000'), 'anim.gif', /is not an allowed type: its content is a GIF file \(image\/gif\)/],
    ['an empty file', new Uint8Array(), 'empty.csv', /its content is empty/],
  ];
  for (const [label, bytes, name, message] of refused) {
    it(`refuses ${label}`, async () => {
      const { store, root } = openStore();
      const error = await refusal(store.put({ bytes }, name), 'TYPE_NOT_ALLOWED');
      expect(error.message).toMatch(message);
      expect(filesUnder(root)).toEqual([]);
    });
  }
});

describe('blob store: size limits', () => {
  it('refuses an oversize document with a clear message, leaving nothing on disk', async () => {
    const { store, root } = openStore({ documentBytes: 1000, imageBytes: 100_000 });
    const big = new Uint8Array(2500);
    big.set(PDF);
    const source = join(tempDir(), 'big.pdf');
    writeFileSync(source, big);
    const error = await refusal(store.put({ path: source }, 'big.pdf'), 'TOO_LARGE');
    expect(error.message).toBe("The file 'big.pdf' is 2.4 KB; the limit for documents is 1000 bytes.");
    expect(error.details).toMatchObject({ sizeBytes: 2500, limitBytes: 1000, kind: 'document' });
    expect(filesUnder(root)).toEqual([]);
  });

  it('applies the image limit to images and the document limit to documents', async () => {
    const { store, root } = openStore({ documentBytes: 100_000, imageBytes: 100 });
    const png = await image(40, 20).png().toBuffer();
    await refusal(store.put({ bytes: png }, 'a.png'), 'TOO_LARGE');
    expect((await store.put({ bytes: PDF }, 'a.pdf')).kind).toBe('document');
    store.setLimits({ documentBytes: 100_000, imageBytes: 100_000 });
    expect((await store.put({ bytes: png }, 'a.png')).kind).toBe('image');
    expect(filesUnder(root)).toHaveLength(2);
  });

  it('reports sizes in MB like the settings', async () => {
    const { store } = openStore({ documentBytes: 50 * 1024 * 1024, imageBytes: 25 * 1024 * 1024 });
    const big = new Uint8Array(Math.round(61.2 * 1024 * 1024));
    big.set(PDF);
    const error = await refusal(store.put({ bytes: big }, 'plan.pdf'), 'TOO_LARGE');
    expect(error.message).toBe("The file 'plan.pdf' is 61.2 MB; the limit for documents is 50 MB.");
  });

  it('aborts a write that grows past the limit and deletes the temp file', async () => {
    const dir = tempDir();
    async function* growing() {
      for (let i = 0; i < 10; i++) yield new Uint8Array(100);
    }
    const write = writeTempFile(dir, growing(), (bytes) => {
      if (bytes > 250) throw new BlobError('TOO_LARGE', 'too large');
    });
    await refusal(write, 'TOO_LARGE');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('blob store: duplicates, hashes and integrity', () => {
  it('stores the same content once', async () => {
    const { store, root } = openStore();
    const first = await store.put({ bytes: PDF }, 'a.pdf');
    const source = join(tempDir(), 'copy of a.pdf');
    writeFileSync(source, PDF);
    const second = await store.put({ path: source }, 'copy of a.pdf');
    expect(second.sha256).toBe(first.sha256);
    expect(first.deduplicated).toBe(false);
    expect(second.deduplicated).toBe(true);
    expect(second.displayName).toBe('copy of a.pdf');
    expect(filesUnder(root)).toHaveLength(1);
  });

  it('names blobs by the same sha256 as node:crypto', async () => {
    const { store } = openStore();
    const stored = await store.put({ bytes: strToU8('a,b\n1,2\n') }, 'x.csv');
    expect(stored.sha256).toBe(createHash('sha256').update('a,b\n1,2\n').digest('hex'));
  });

  it('reports a blob whose content changed and one that went missing', async () => {
    const { store } = openStore();
    const pdf = await store.put({ bytes: PDF }, 'a.pdf');
    const csv = await store.put({ bytes: strToU8(CSV_TEXT) }, 'b.csv');
    const png = await store.put({ bytes: await image(10, 10).png().toBuffer() }, 'c.png');
    expect(await store.verify()).toEqual({ checked: 3, corrupt: [] });

    const damaged = Buffer.from(PDF);
    damaged[20] = (damaged[20] ?? 0) ^ 0xff;
    writeFileSync(store.path(pdf.sha256), damaged);
    rmSync(store.path(csv.sha256));

    const report = await store.verify([pdf.sha256, csv.sha256, png.sha256]);
    expect(report.checked).toBe(3);
    expect(report.corrupt).toEqual(
      expect.arrayContaining([
        { sha256: pdf.sha256, actual: sha256(damaged), problem: 'mismatch' },
        { sha256: csv.sha256, actual: null, problem: 'missing' },
      ]),
    );
    expect(report.corrupt).toHaveLength(2);
    expect(await store.verifyOne(png.sha256)).toBeNull();
    expect(await store.verifyOne(pdf.sha256)).toMatchObject({ problem: 'mismatch' });
  });

  it('replaces a damaged copy when the same content is put again', async () => {
    const { store } = openStore();
    const stored = await store.put({ bytes: PDF }, 'a.pdf');
    writeFileSync(store.path(stored.sha256), PDF.subarray(0, 10));
    expect((await store.put({ bytes: PDF }, 'a.pdf')).deduplicated).toBe(false);
    expect(await store.verifyOne(stored.sha256)).toBeNull();
  });

  it('reads, checks and removes blobs by hash', async () => {
    const { store, root } = openStore();
    const { sha256: hash } = await store.put({ bytes: PDF }, 'a.pdf');
    expect(await store.has(hash)).toBe(true);
    expect(await buffer(await store.readStream(hash))).toEqual(Buffer.from(PDF));
    expect(await store.remove(hash)).toBe(true);
    expect(await store.remove(hash)).toBe(false);
    expect(await store.has(hash)).toBe(false);
    await refusal(store.readStream(hash), 'NOT_FOUND');
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses hashes that are not 64 lower-case hex digits', async () => {
    const { store } = openStore();
    for (const bad of ['../x', '', 'A'.repeat(64), `${'a'.repeat(63)}/`, `../../${'a'.repeat(58)}`]) {
      expect(() => store.path(bad)).toThrow(BlobError);
      await refusal(store.has(bad), 'INVALID_HASH');
      await refusal(store.readStream(bad), 'INVALID_HASH');
      await refusal(store.remove(bad), 'INVALID_HASH');
      await refusal(store.verifyOne(bad), 'INVALID_HASH');
      await refusal(store.verify([bad]), 'INVALID_HASH');
    }
  });

  it('deletes temp files a crash left behind when the store is opened', async () => {
    const root = join(tempDir(), 'blobs');
    createBlobStore({ root, limits: DEFAULT_BLOB_LIMITS });
    writeFileSync(join(root, 'tmp', 'c0ffee.part'), 'half a file');
    const store = createBlobStore({ root, limits: DEFAULT_BLOB_LIMITS });
    expect(filesUnder(root)).toEqual([]);
    expect(await store.verify()).toEqual({ checked: 0, corrupt: [] });
  });
});

describe('thumbnails', () => {
  it('makes a WebP thumbnail at most 320 wide and stores it by sha256', async () => {
    const { store } = openStore();
    const original = await store.put({ bytes: await image(2000, 1000).png().toBuffer() }, 'facade.png');
    const thumb = await makeThumbnail(store, original.sha256, { maxSize: 320 });
    expect(thumb).toMatchObject({ status: 'READY', width: 320, height: 160, mime: 'image/webp' });
    if (thumb.status !== 'READY') return;
    const bytes = readFileSync(store.path(thumb.sha256));
    expect(sha256(bytes)).toBe(thumb.sha256);
    expect(bytes.byteLength).toBe(thumb.sizeBytes);
    expect(await fileTypeFromFile(store.path(thumb.sha256))).toMatchObject({ mime: 'image/webp' });
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'webp', width: 320, height: 160 });
    expect(await store.verify()).toEqual({ checked: 2, corrupt: [] });
  });

  it('does not enlarge small images', async () => {
    const { store } = openStore();
    const original = await store.put({ bytes: await image(100, 60).jpeg().toBuffer() }, 'small.jpg');
    expect(await makeThumbnail(store, original.sha256)).toMatchObject({ status: 'READY', width: 100, height: 60 });
  });

  it('returns FAILED instead of throwing for an image it cannot decode (HEIC)', async () => {
    const { store } = openStore();
    const heic = await store.put({ bytes: heicHeader() }, 'IMG_0001.HEIC');
    const thumb = await makeThumbnail(store, heic.sha256);
    expect(thumb.status).toBe('FAILED');
    if (thumb.status === 'FAILED') expect(thumb.reason).toMatch(/^Could not make a thumbnail: /);
  });

  it('throws NOT_FOUND for a blob that is not stored', async () => {
    const { store } = openStore();
    await refusal(makeThumbnail(store, 'a'.repeat(64)), 'NOT_FOUND');
  });
});
