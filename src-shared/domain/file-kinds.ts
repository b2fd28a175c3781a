// The file types the product accepts, shared by the client's blob store and the sync server's blob
// endpoints so both refuse and accept the same content. Keyed by the MIME type the `file-type`
// package reports from a file's magic bytes; CSV has no magic and is recognised as text.

export type BlobKind = 'document' | 'image';

export interface AllowedFileKind {
  kind: BlobKind;
  /** What the content is, in words for people ('PDF document'). */
  label: string;
}

/** CSV and JSON have no magic bytes: they are the allowed types recognised by being text. */
export const CSV_MIME = 'text/csv';
/** JSON files are the app's own exports (a valuation with its calculation). */
export const JSON_MIME = 'application/json';
/** Text types by the extension a file is named with (the client) or the Content-Type it is sent as (the server). */
export const TEXT_FILE_TYPES: readonly { mime: string; ext: string }[] = [
  { mime: CSV_MIME, ext: 'csv' },
  { mime: JSON_MIME, ext: 'json' },
];

/** The allow list, keyed by the MIME type file-type reports. */
export const ALLOWED_FILE_KINDS: Readonly<Record<string, AllowedFileKind>> = {
  'application/pdf': { kind: 'document', label: 'PDF document' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'document', label: 'Word document (DOCX)' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { kind: 'document', label: 'Excel workbook (XLSX)' },
  [CSV_MIME]: { kind: 'document', label: 'CSV file' },
  [JSON_MIME]: { kind: 'document', label: 'JSON file' },
  'image/jpeg': { kind: 'image', label: 'JPEG image' },
  'image/png': { kind: 'image', label: 'PNG image' },
  'image/webp': { kind: 'image', label: 'WebP image' },
  'image/heic': { kind: 'image', label: 'HEIC image' },
  'image/heif': { kind: 'image', label: 'HEIC image' },
  'image/tiff': { kind: 'image', label: 'TIFF image' },
};

/** The allow list in the words refusal messages use. */
export const ALLOWED_FILE_KINDS_TEXT = 'PDF, JPEG, PNG, WebP, HEIC, TIFF, DOCX, XLSX, CSV, JSON';

/** Plain words for refused content, by the extension file-type reports; others read 'a XYZ file (mime)'. */
export const REFUSED_CONTENT_WORDS: Readonly<Record<string, string>> = {
  exe: 'a Windows executable',
  elf: 'a Linux executable (ELF)',
  macho: 'a macOS executable (Mach-O)',
  zip: 'a ZIP archive that is not a Word or Excel document',
  docm: 'a macro-enabled Word document',
  xlsm: 'a macro-enabled Excel workbook',
};

/**
 * The files the app generates (assets), by asset type: what their content is and the extension their
 * name ends in. A file is opened by the system's program for its extension, so the two must agree.
 */
export const GENERATED_FILE_TYPES = {
  PDF: { mime: 'application/pdf', ext: 'pdf' },
  DOCX: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
  CSV: { mime: CSV_MIME, ext: 'csv' },
  JSON: { mime: JSON_MIME, ext: 'json' },
} as const;
export type GeneratedFileType = keyof typeof GENERATED_FILE_TYPES;

export function isGeneratedFileType(assetType: string): assetType is GeneratedFileType {
  return Object.hasOwn(GENERATED_FILE_TYPES, assetType);
}
