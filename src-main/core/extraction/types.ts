// The shapes the extraction produces. A field is what step 3 of the wizard edits
// (src-renderer/features/wizard/step3-model.ts): { value, source: { document, page }, confidence, edited }.
// Sections sit under `sections`; a list (owners, mortgages, ...) is one field whose value is an array
// of flat rows, each row carrying the page it was read on.

export type Primitive = string | number | boolean | null;
export type Row = Record<string, Primitive>;

export interface FieldSource {
  /** The document's display name (documents.file_name). */
  document: string | null;
  /** 1-based page number. */
  page: number | null;
}

export interface Field<T = unknown> {
  value: T;
  source: FieldSource;
  /** 0..1: 0.95 for a labelled value of the expected form, lower when the match was loose. */
  confidence: number;
  edited: boolean;
  label?: string;
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
