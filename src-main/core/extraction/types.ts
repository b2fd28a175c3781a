// The shapes the extraction produces. A field is what step 3 of the wizard edits
// (src-renderer/features/wizard/step3-model.ts): { value, source: { document, page, bbox?, text? },
// confidence, edited, needsReview?, reviewReasons? }. Sections sit under `sections`; a list (owners,
// mortgages, ...) is one field whose value is an array of flat rows, each row carrying its own evidence
// (page, bbox, confidence, needsReview, reviewReasons): see tabu.ts for the land-registry shape.

export type Primitive = string | number | boolean | null;
export type Row = Record<string, Primitive>;

export interface FieldSource {
  /** The document's display name (documents.file_name). */
  document: string | null;
  /** 1-based page number. */
  page: number | null;
  /**
   * Where the value is printed on that page: [left, top, right, bottom] as fractions 0..1 of the page's
   * width and height, origin at the top-left corner (PDF.js's viewport at scale 1 divided by its size).
   */
  bbox?: [number, number, number, number];
  /** The value's text as printed. */
  text?: string;
}

/** Why a fact must be checked by the user before it is trusted. */
export type ReviewReason =
  | 'INVALID_ID_CHECK_DIGIT'
  | 'INVALID_DATE'
  | 'SHARE_UNREADABLE'
  | 'SHARES_SUM_NOT_ONE'
  | 'NUMBER_UNREADABLE'
  | 'AMOUNT_UNREADABLE'
  | 'ID_TYPE_UNKNOWN'
  | 'HEADER_MISMATCH'
  | 'COUNT_MISMATCH'
  | 'INCOMPLETE_BLOCK'
  | 'COLUMN_OVERLAP'
  | 'IMPLAUSIBLE_TEXT'
  | 'EXTRACT_INCOMPLETE'
  | 'UNREAD_SECTION'
  | 'UNPLACED_TEXT';

export interface Field<T = unknown> {
  value: T;
  source: FieldSource;
  /** 0..1, from the evidence: the value's title was matched, it sat in its column, it passed its checks. */
  confidence: number;
  edited: boolean;
  label?: string;
  /** Set when a check failed: the fact is not to be trusted until the user confirms or corrects it. */
  needsReview?: boolean;
  reviewReasons?: ReviewReason[];
}

export type Section = Record<string, Field>;
export type Sections = Record<string, Section>;

export type WarningCode =
  | 'SHARES_SUM_NOT_ONE'
  | 'SHARE_UNREADABLE'
  | 'INVALID_ID_CHECK_DIGIT'
  | 'MISSING_FIELD'
  | 'PAGES_WITHOUT_TEXT'
  | 'NO_TEXT_LAYER'
  | 'HEADER_MISMATCH'
  | 'EXTRACT_INCOMPLETE'
  | 'UNREAD_SECTION'
  | 'UNPLACED_TEXT'
  | 'INCOMPLETE_BLOCK'
  | 'UNSUPPORTED_TYPE'
  | 'UNREADABLE_PDF';

export interface ExtractionWarning {
  code: WarningCode;
  /** English, for logs; the renderer translates by code. */
  message: string;
  section?: string;
  field?: string;
  page?: number | null;
  details?: Record<string, Primitive>;
}

export type ExtractionStatus = 'EXTRACTED' | 'NO_TEXT_LAYER' | 'UNSUPPORTED';

export interface ExtractorInfo {
  name: string;
  version: string;
}

export interface ExtractionResult {
  status: ExtractionStatus;
  extractor: ExtractorInfo;
  docType: string;
  /** ISO timestamp. */
  extractedAt: string;
  pageCount: number;
  /** Pages (1-based) that have no text layer: scans. */
  pagesWithoutText: number[];
  sections: Sections;
  warnings: ExtractionWarning[];
}

/** An earlier extraction kept when the document is extracted again (with the user's edits of the time). */
export interface ExtractionSnapshot {
  status: string | null;
  extractor: ExtractorInfo | null;
  extractedAt: string | null;
  sections: Record<string, unknown>;
  warnings: unknown[];
}

/** What documents.extracted holds after an extraction: the result, what the merge kept, and the history. */
export interface StoredExtraction extends ExtractionResult {
  merge: { keepManual: boolean; keptFields: string[] };
  /** Oldest first; at most HISTORY_LIMIT entries. */
  history: ExtractionSnapshot[];
}

/** What a document parser returns. */
export interface ParsedDocument {
  sections: Sections;
  warnings: ExtractionWarning[];
}
