// What an uploaded file is, decided by its content (magic bytes via file-type) against the same allow
// list the client uses (src-shared/domain/file-kinds.ts), never by what the client says it is.
// CSV has no magic bytes: it passes as text when the client declares text/csv.
import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import {
  ALLOWED_FILE_KINDS,
  ALLOWED_FILE_KINDS_TEXT,
  TEXT_FILE_TYPES,
  REFUSED_CONTENT_WORDS,
} from '../../src-shared/domain/file-kinds.ts';

/** How much of the start of a file is judged for being text (as on the client). */
const TEXT_HEAD_BYTES = 64 * 1024;

export type DetectedType =
  | { allowed: true; mime: string }
  | { allowed: false; message: string; detectedMime: string | null };

/** The MIME type to store for a complete file, or why it is refused. */
export async function detectBlobType(path: string, declaredContentType: string | null): Promise<DetectedType> {
  const found = await fileTypeFromFile(path);
  if (found) {
    if (ALLOWED_FILE_KINDS[found.mime]) return { allowed: true, mime: found.mime };
    const words = REFUSED_CONTENT_WORDS[found.ext] ?? `a ${found.ext.toUpperCase()} file (${found.mime})`;
    return refuse(`its content is ${words}`, found.mime);
  }
  const head = await readHead(path, TEXT_HEAD_BYTES);
  const text = head.length > 0 && looksLikeText(head);
  const script = text && head[0] === 0x23 && head[1] === 0x21; // '#!'
  const textType = TEXT_FILE_TYPES.find((t) => t.mime === declaredContentType);
  if (text && !script && textType) return { allowed: true, mime: textType.mime };
  const what =
    head.length === 0
      ? 'empty'
      : script
        ? 'a script'
        : text
          ? 'plain text not sent as text/csv or application/json'
          : 'unrecognized binary data';
  return refuse(`its content is ${what}`, null);
}

function refuse(reason: string, detectedMime: string | null): DetectedType {
  return { allowed: false, message: `The file was refused: ${reason}. Allowed: ${ALLOWED_FILE_KINDS_TEXT}.`, detectedMime };
}

/**
 * The client's rule for text: no NUL bytes and at most 1% other control bytes. Passes UTF-8 (with or
 * without BOM) and Windows-1255 Hebrew alike; UTF-16 and binaries fail on their NULs.
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

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
