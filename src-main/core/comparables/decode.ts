// Text encodings of CSV files as appraisers' machines write them: UTF-8 with a BOM (Excel's "CSV
// UTF-8"), UTF-8 without one, and Windows-1255 (Excel's plain "CSV" on a Hebrew Windows). Node's
// TextDecoder knows windows-1255 (full ICU), so no conversion library is needed.
import type { FileEncoding } from '../../../src-shared/domain/comparables/contract.ts';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** BOM -> UTF-8; bytes that are valid UTF-8 -> UTF-8; anything else -> Windows-1255. */
export function detectEncoding(bytes: Uint8Array): FileEncoding {
  if (bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2]) return 'utf-8-bom';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'windows-1255';
  }
}

/** The file's text and the encoding it was read in. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: FileEncoding } {
  const encoding = detectEncoding(bytes);
  switch (encoding) {
    case 'utf-8-bom':
      return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(UTF8_BOM.length)), encoding };
    case 'utf-8':
      return { text: new TextDecoder('utf-8').decode(bytes), encoding };
    case 'windows-1255':
      return { text: new TextDecoder('windows-1255').decode(bytes), encoding };
  }
}
