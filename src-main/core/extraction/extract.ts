// extractDocument: a stored document (a blob path) to fields, offline. PDFs with a text layer are
// parsed by type (TABU, CONDO, PERMIT); a scan, or an image, gets NO_TEXT_LAYER ("no text layer —
// enter the fields manually": no OCR model ships in an npm package for Hebrew); other types and
// unreadable files get UNSUPPORTED. Store the result with mergeExtraction (re-exported here).
import { readFile } from 'node:fs/promises';
import { parseCondo } from './condo.ts';
import { PdfReadError, readPdfText, type PdfPage } from './pdf-text.ts';
import { parsePermit } from './permit.ts';
import { parseTabu } from './tabu.ts';
import type { ExtractionResult, ExtractionStatus, ExtractionWarning, ExtractorInfo, ParsedDocument } from './types.ts';

export { mergeExtraction, HISTORY_LIMIT, type MergeOptions } from './merge.ts';

/** Bump when parsing changes what a document yields; stored with every extraction. */
export const EXTRACTOR: ExtractorInfo = { name: 'shamay-offline-pdf', version: '2.0.0' };

const PARSERS: Record<string, (pages: readonly PdfPage[], document: string | null) => ParsedDocument> = {
  TABU: parseTabu,
  CONDO: parseCondo,
  PERMIT: parsePermit,
};

export const EXTRACTABLE_TYPES: readonly string[] = Object.keys(PARSERS);

export interface ExtractInput {
  /** The stored file (BlobStore.path(sha256)); or `data`. */
  path?: string;
  data?: Uint8Array;
  docType: string;
  /** The display name, written into every field's source. */
  documentName: string | null;
  now?: () => Date;
}

const NO_TEXT: ExtractionWarning = {
  code: 'NO_TEXT_LAYER',
  message: 'This document has no text layer (it is a scan): enter its fields manually.',
};

function startsWith(bytes: Uint8Array, ...signature: number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

function isImage(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) || // PNG
    startsWith(bytes, 0xff, 0xd8, 0xff) || // JPEG
    startsWith(bytes, 0x49, 0x49, 0x2a, 0x00) || // TIFF
    startsWith(bytes, 0x4d, 0x4d, 0x00, 0x2a) ||
    (startsWith(bytes, 0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57) || // WEBP
    (bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70) // HEIC/AVIF (ftyp)
  );
}

const isPdf = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-');

export async function extractDocument(input: ExtractInput): Promise<ExtractionResult> {
  const extractedAt = (input.now?.() ?? new Date()).toISOString();
  const result = (status: ExtractionStatus, rest: Partial<ExtractionResult>): ExtractionResult => ({
    status,
    extractor: EXTRACTOR,
    docType: input.docType,
    extractedAt,
    pageCount: 0,
    pagesWithoutText: [],
    sections: {},
    warnings: [],
    ...rest,
  });

  const parse = PARSERS[input.docType];
  if (!parse) {
    return result('UNSUPPORTED', {
      warnings: [{ code: 'UNSUPPORTED_TYPE', message: `Documents of type ${input.docType} are not extracted; enter their fields manually.` }],
    });
  }
  const data = input.data ?? (input.path ? new Uint8Array(await readFile(input.path)) : null);
  if (!data) throw new Error('extractDocument needs a path or data');
  if (isImage(data)) return result('NO_TEXT_LAYER', { pageCount: 1, pagesWithoutText: [1], warnings: [NO_TEXT] });
  if (!isPdf(data)) {
    return result('UNSUPPORTED', { warnings: [{ code: 'UNREADABLE_PDF', message: 'The file is not a PDF.' }] });
  }

  let text;
  try {
    text = await readPdfText(data);
  } catch (error) {
    if (!(error instanceof PdfReadError)) throw error;
    const message = error.reason === 'ENCRYPTED' ? 'The PDF is password-protected.' : `The PDF could not be read: ${error.message}`;
    return result('UNSUPPORTED', { warnings: [{ code: 'UNREADABLE_PDF', message, details: { reason: error.reason } }] });
  }
  const { pageCount, pagesWithoutText } = text;
  if (pagesWithoutText.length === pageCount) return result('NO_TEXT_LAYER', { pageCount, pagesWithoutText, warnings: [NO_TEXT] });

  const parsed = parse(text.pages.filter((page) => page.hasText), input.documentName);
  const warnings = [...parsed.warnings];
  if (pagesWithoutText.length > 0) {
    warnings.unshift({
      code: 'PAGES_WITHOUT_TEXT',
      message: `Pages ${pagesWithoutText.join(', ')} have no text layer: check them and enter their fields manually.`,
      details: { pages: pagesWithoutText.join(',') },
    });
  }
  return result('EXTRACTED', { pageCount, pagesWithoutText, sections: parsed.sections, warnings });
}
