// A comparables file (CSV or XLSX, decided by its content) as rows of text cells for previewImport.
import { readFile, stat } from 'node:fs/promises';
import readXlsxFile from 'read-excel-file/node';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors.ts';
import type { fileSource } from '../../../src-shared/contract/methods.ts';
import type { FileEncoding } from '../../../src-shared/domain/comparables/contract.ts';
import { CSV_MIME } from '../../../src-shared/domain/file-kinds.ts';
import { detectFileType } from '../blobs/file-types.ts';
import { safeDisplayName } from '../blobs/file-names.ts';
import { parseCsv } from './csv.ts';
import { decodeText } from './decode.ts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Comparables files are tables of deals, not archives: 20 MB holds well over 100,000 rows. */
export const MAX_COMPARABLES_FILE_BYTES = 20 * 1024 * 1024;
/** Rows read from one file (beyond that the preview would not be reviewable anyway). */
export const MAX_COMPARABLES_ROWS = 50_000;

export interface ComparablesFile {
  format: 'csv' | 'xlsx';
  encoding: FileEncoding | null;
  sheet: string | null;
  rows: string[][];
}

async function bytesOf(source: z.output<typeof fileSource>, fileName: string): Promise<Uint8Array> {
  const tooLarge = () =>
    new AppError('VALIDATION', `The file '${safeDisplayName(fileName)}' is larger than ${MAX_COMPARABLES_FILE_BYTES / 1024 / 1024} MB.`, {
      reason: 'TOO_LARGE',
    });
  if ('bytesBase64' in source) {
    const bytes = Buffer.from(source.bytesBase64, 'base64');
    if (bytes.byteLength > MAX_COMPARABLES_FILE_BYTES) throw tooLarge();
    return bytes;
  }
  try {
    if ((await stat(source.path)).size > MAX_COMPARABLES_FILE_BYTES) throw tooLarge();
    return await readFile(source.path);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('STORAGE', `The file '${safeDisplayName(fileName)}' could not be read.`, { reason: 'IO', errno: (error as { code?: string }).code ?? null, fileName: safeDisplayName(fileName) });
  }
}

/** A cell of the worksheet as text: dates as ISO dates, numbers exactly as stored. */
function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return String(cell);
}

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<ComparablesFile> {
  let sheets: Awaited<ReturnType<typeof readXlsxFile<string>>>;
  try {
    // Numbers stay the strings the file holds, so prices convert to agorot exactly.
    sheets = await readXlsxFile<string>(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { parseNumber: (text) => text, trim: false });
  } catch (error) {
    throw new AppError('VALIDATION', `The workbook '${safeDisplayName(fileName)}' could not be read: ${error instanceof Error ? error.message : String(error)}`, {
      reason: 'UNREADABLE',
    });
  }
  const sheet = sheets.find((s) => s.data.some((row) => row.some((cell) => cellText(cell).trim() !== ''))) ?? sheets[0];
  if (!sheet) throw new AppError('VALIDATION', `The workbook '${safeDisplayName(fileName)}' has no worksheet.`, { reason: 'NO_WORKSHEET', fileName: safeDisplayName(fileName) });
  const rows = sheet.data.map((row) => row.map(cellText));
  return { format: 'xlsx', encoding: null, sheet: sheet.sheet, rows };
}

/** Reads the file and decides its format by content; other files (PDF, images, XLS) are refused. */
export async function readComparablesFile(fileName: string, source: z.output<typeof fileSource>): Promise<ComparablesFile> {
  const bytes = await bytesOf(source, fileName);
  const type = await detectFileType({ bytes }, fileName);
  let file: ComparablesFile;
  if (type.mime === XLSX_MIME) file = await readXlsx(bytes, fileName);
  else if (type.mime === CSV_MIME) {
    const { text, encoding } = decodeText(bytes);
    file = { format: 'csv', encoding, sheet: null, rows: parseCsv(text) };
  } else {
    throw new AppError('VALIDATION', `The file '${safeDisplayName(fileName)}' is not a CSV or XLSX file.`, { reason: 'TYPE_NOT_ALLOWED', detectedMime: type.mime });
  }
  if (file.rows.length > MAX_COMPARABLES_ROWS + 1) {
    throw new AppError('VALIDATION', `The file has ${file.rows.length - 1} rows; import at most ${MAX_COMPARABLES_ROWS} at a time.`, { reason: 'TOO_MANY_ROWS' });
  }
  return file;
}
