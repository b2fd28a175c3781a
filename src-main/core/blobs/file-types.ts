// What a file is, decided by its content (magic bytes via file-type), never by its name. The name
// only serves to say what it claimed in the refusal message, and to let text through as CSV.
import { fileTypeFromBuffer, fileTypeFromFile, type FileTypeResult } from 'file-type';
import {
  ALLOWED_FILE_KINDS as ALLOWED,
  ALLOWED_FILE_KINDS_TEXT as ALLOWED_LIST,
  TEXT_FILE_TYPES,
  REFUSED_CONTENT_WORDS as FOUND,
  type BlobKind,
} from '../../../src-shared/domain/file-kinds.ts';
import { BlobError, ioError } from './errors.ts';
import { safeDisplayName } from './file-names.ts';
import { inspectSource, type BlobSource } from './sources.ts';

export type { BlobKind };

export interface FileType {
  mime: string;
  ext: string;
  kind: BlobKind;
}

/** How much of the start of a file is read to sniff its type and to judge whether it is text. */
export const HEAD_BYTES = 64 * 1024;

const ZIP = 'application/zip';

/** What a name's extension claims, for the refusal message. */
const CLAIMS: Record<string, string> = {
  pdf: 'a PDF',
  docx: 'a Word document (DOCX)',
  xlsx: 'an Excel workbook (XLSX)',
  csv: 'a CSV file',
  jpg: 'a JPEG image',
  jpeg: 'a JPEG image',
  png: 'a PNG image',
  webp: 'a WebP image',
  heic: 'a HEIC image',
  heif: 'a HEIC image',
  tif: 'a TIFF image',
  tiff: 'a TIFF image',
};

/** The type of a complete file. Throws TYPE_NOT_ALLOWED for content off the allow list. */
export async function detectFileType(source: BlobSource, declaredName: string): Promise<FileType> {
  if ('bytes' in source) return classify(await fileTypeFromBuffer(source.bytes), source.bytes.subarray(0, HEAD_BYTES), declaredName);
  const found = await fileTypeFromFile(source.path).catch((error: unknown) => {
    throw ioError('read the file', error);
  });
  const head = found ? new Uint8Array() : (await inspectSource(source, HEAD_BYTES)).head;
  return classify(found, head, declaredName);
}

/**
 * A provisional type from the first bytes only, so size limits apply and plain refusals happen
 * before the rest is read. The first bytes of a DOCX/XLSX may only show a ZIP: that one waits for
 * detectFileType on the whole file.
 */
export async function sniffFileType(head: Uint8Array, declaredName: string): Promise<FileType> {
  const found = await fileTypeFromBuffer(head);
  if (found?.mime === ZIP) return { mime: found.mime, ext: found.ext, kind: 'document' };
  return classify(found, head, declaredName);
}

/** Throws TYPE_MISMATCH when the caller asked for a document and got an image, or the reverse. */
export function assertKind(type: FileType, expected: BlobKind | undefined, declaredName: string): void {
  if (expected === undefined || type.kind === expected) return;
  const label = ALLOWED[type.mime]?.label ?? 'ZIP archive';
  const wanted = expected === 'image' ? 'an image (JPEG, PNG, WebP, HEIC, TIFF)' : 'a document (PDF, DOCX, XLSX, CSV)';
  throw new BlobError('TYPE_MISMATCH', `The file '${safeDisplayName(declaredName)}' is a ${label}, but ${wanted} was expected.`, {
    declaredName: safeDisplayName(declaredName),
    detectedMime: type.mime,
    expected,
  });
}

function classify(found: FileTypeResult | undefined, head: Uint8Array, declaredName: string): FileType {
  if (found) {
    const allowed = ALLOWED[found.mime];
    if (allowed) return { mime: found.mime, ext: found.ext, kind: allowed.kind };
    throw notAllowed(declaredName, FOUND[found.ext] ?? `a ${found.ext.toUpperCase()} file (${found.mime})`, found, foundKindOf(found.ext));
  }
  // CSV and JSON have no magic bytes: accept text, in any single-byte or UTF-8 encoding, named .csv or .json.
  const text = head.length > 0 && looksLikeText(head);
  const script = text && head[0] === 0x23 && head[1] === 0x21; // '#!'
  const textType = text && !script ? TEXT_FILE_TYPES.find((t) => t.ext === extensionOf(declaredName)) : undefined;
  if (textType) return { mime: textType.mime, ext: textType.ext, kind: 'document' };
  const what = head.length === 0 ? 'empty' : script ? 'a script' : text ? 'plain text' : 'unrecognized binary data';
  throw notAllowed(declaredName, what, undefined, head.length === 0 ? 'EMPTY' : script ? 'SCRIPT' : text ? 'TEXT' : 'UNKNOWN');
}

/**
 * No NUL bytes and at most 1% other control bytes. Passes UTF-8 (with or without BOM) and
 * Windows-1255 Hebrew alike; UTF-16 and binaries fail on their NULs.
 */
function looksLikeText(head: Uint8Array): boolean {
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    const whitespace = byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d;
    if ((byte < 0x20 && !whitespace) || byte === 0x7f) controls++;
  }
  return controls * 100 <= head.length;
}

/** What a refused file really is, as a code the UI words ("it is a program"). */
type FoundKind = 'PROGRAM' | 'SCRIPT' | 'TEXT' | 'EMPTY' | 'ARCHIVE' | 'MACRO_DOCUMENT' | 'OTHER' | 'UNKNOWN';

function foundKindOf(ext: string): FoundKind {
  if (ext === 'exe' || ext === 'elf' || ext === 'macho' || ext === 'msi' || ext === 'dll') return 'PROGRAM';
  if (ext === 'zip' || ext === 'rar' || ext === '7z' || ext === 'gz' || ext === 'tar') return 'ARCHIVE';
  if (ext === 'docm' || ext === 'xlsm') return 'MACRO_DOCUMENT';
  return 'OTHER';
}

function notAllowed(declaredName: string, found: string, detected: FileTypeResult | undefined, foundKind: FoundKind): BlobError {
  const name = safeDisplayName(declaredName);
  const claimed = CLAIMS[extensionOf(declaredName)];
  const subject = claimed ? `The file '${name}' is not ${claimed}` : `The file '${name}' is not an allowed type`;
  return new BlobError('TYPE_NOT_ALLOWED', `${subject}: its content is ${found}. Allowed: ${ALLOWED_LIST}.`, {
    declaredName: name,
    claimed: claimed ?? null,
    claimedExt: claimed ? extensionOf(declaredName) : null,
    foundKind,
    detectedMime: detected?.mime ?? null,
    detectedExt: detected?.ext ?? null,
  });
}

/** The extension as the user sees it (after bidi tricks are removed), lower case. */
function extensionOf(declaredName: string): string {
  const name = safeDisplayName(declaredName);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}
