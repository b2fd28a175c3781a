// Step 3 of the wizard: a document's extracted fields, grouped by the sections of DOMAIN.md
// ("Reading a land-registry extract", step 3), read tolerantly and edited immutably. Pure.
//
// The shape of documents.extracted that this reads and writes:
//   { <section>: { <fieldKey>: { value, source: { document, page }, confidence, edited, label? } }, ... }
// where <section> is one of EXTRACTED_SECTIONS or 'manual' (fields the user typed in). The sections may
// also sit under a top-level `sections` object. A bare value in place of a field object is read as
// a field without source; other top-level entries (raw text, page count, ...) are kept as they are.
// Every edit marks the field `edited: true` and keeps its source and confidence.

export const EXTRACTED_SECTIONS = [
  'identification',
  'structure',
  'ownership',
  'attachments',
  'unitData',
  'regulations',
  'notes',
  'easements',
  'mortgages',
  'parcelDescription',
  'buildingDetails',
  'planning',
] as const;
export const MANUAL_SECTION = 'manual';

export type Primitive = string | number | boolean | null;
export type Row = Record<string, Primitive>;

export type Box = readonly [number, number, number, number];

export interface FieldSource {
  document: string | null;
  page: number | null;
  /** Where the value stands on its page: [left, top, right, bottom] as fractions 0..1, origin top-left. */
  bbox?: Box | null;
}

/** A box as the extraction stores it: [l, t, r, b] on a field, "l,t,r,b" on a row; null when unreadable. */
export function readBox(raw: unknown): Box | null {
  const parts = typeof raw === 'string' ? raw.split(',').map(Number) : Array.isArray(raw) ? raw.map(Number) : [];
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n) || n < 0 || n > 1)) return null;
  const [left, top, right, bottom] = parts as [number, number, number, number];
  return right > left && bottom > top ? [left, top, right, bottom] : null;
}

export interface ExtractedField {
  value: unknown;
  source: FieldSource | null;
  /** 0..1 when the extraction gave one. */
  confidence: number | null;
  edited: boolean;
  /** The user's name for a manually added field. */
  label?: string;
}

export interface SectionView {
  key: string;
  known: boolean;
  fields: { key: string; field: ExtractedField }[];
}

export type Extracted = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPrimitive = (value: unknown): value is Primitive =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
const KNOWN = new Set<string>([...EXTRACTED_SECTIONS, MANUAL_SECTION]);

/** Where the sections live: the object itself, or its `sections` entry when it has one. */
function container(extracted: Extracted): Record<string, unknown> {
  return isRecord(extracted.sections) ? extracted.sections : extracted;
}

function withContainer(extracted: Extracted, sections: Record<string, unknown>): Extracted {
  return isRecord(extracted.sections) ? { ...extracted, sections } : sections;
}

function isSectionValue(key: string, value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  if (KNOWN.has(key)) return true;
  // An unknown key is a section when its entries look like fields.
  const entries = Object.values(value);
  return entries.length > 0 && entries.every((entry) => isRecord(entry) && 'value' in entry);
}

function toSource(raw: unknown): FieldSource | null {
  if (!isRecord(raw)) return null;
  const document = typeof raw.document === 'string' && raw.document ? raw.document : null;
  const page = typeof raw.page === 'number' && Number.isFinite(raw.page) ? raw.page : typeof raw.page === 'string' && /^\d+$/.test(raw.page) ? Number(raw.page) : null;
  if (document === null && page === null) return null;
  const bbox = readBox(raw.bbox);
  return bbox ? { document, page, bbox } : { document, page };
}

/** A stored field, whatever its shape, as an ExtractedField. */
export function toField(raw: unknown): ExtractedField {
  if (isRecord(raw) && 'value' in raw) {
    const confidence = typeof raw.confidence === 'number' && Number.isFinite(raw.confidence) ? raw.confidence : null;
    return {
      value: raw.value,
      source: toSource(raw.source),
      confidence,
      edited: raw.edited === true,
      ...(typeof raw.label === 'string' && raw.label ? { label: raw.label } : {}),
    };
  }
  return { value: raw, source: null, confidence: null, edited: false };
}

/** The sections that have fields, in DOMAIN.md order, then unknown ones, then the manual section. */
export function readSections(extracted: Extracted | null): SectionView[] {
  if (!extracted) return [];
  const root = container(extracted);
  const keys = Object.keys(root).filter((key) => isSectionValue(key, root[key]));
  const rank = (key: string) => {
    const known = (EXTRACTED_SECTIONS as readonly string[]).indexOf(key);
    if (known >= 0) return known;
    return key === MANUAL_SECTION ? EXTRACTED_SECTIONS.length + 1 : EXTRACTED_SECTIONS.length;
  };
  return keys
    .sort((a, b) => rank(a) - rank(b))
    .map((key) => {
      const section = root[key] as Record<string, unknown>;
      return { key, known: KNOWN.has(key), fields: Object.entries(section).map(([fieldKey, raw]) => ({ key: fieldKey, field: toField(raw) })) };
    })
    .filter((section) => section.fields.length > 0);
}

export function countFields(extracted: Extracted | null): number {
  return readSections(extracted).reduce((n, section) => n + section.fields.length, 0);
}

function serialize(field: ExtractedField): Record<string, unknown> {
  return {
    value: field.value,
    source: field.source,
    confidence: field.confidence,
    edited: field.edited,
    ...(field.label ? { label: field.label } : {}),
  };
}

/** A copy of `extracted` with one field's value replaced; the field is marked edited, its source kept. */
export function setFieldValue(extracted: Extracted | null, section: string, key: string, value: unknown): Extracted {
  const base = extracted ?? {};
  const root = container(base);
  const current = isRecord(root[section]) ? (root[section] as Record<string, unknown>) : {};
  const field = toField(current[key]);
  const next = { ...current, [key]: serialize({ ...field, value, edited: true }) };
  return withContainer(base, { ...root, [section]: next });
}

/** A copy without one field (used for fields the user added by hand); an emptied section goes too. */
export function removeField(extracted: Extracted, section: string, key: string): Extracted {
  const root = container(extracted);
  if (!isRecord(root[section])) return extracted;
  const rest = Object.fromEntries(Object.entries(root[section] as Record<string, unknown>).filter(([k]) => k !== key));
  const nextRoot = { ...root };
  if (Object.keys(rest).length === 0) delete nextRoot[section];
  else nextRoot[section] = rest;
  return withContainer(extracted, nextRoot);
}

/** A key for a new manual field from its label, unique within the manual section. */
export function manualFieldKey(extracted: Extracted | null, label: string): string {
  const root = extracted ? container(extracted) : {};
  const manual = isRecord(root[MANUAL_SECTION]) ? (root[MANUAL_SECTION] as Record<string, unknown>) : {};
  const base = label.trim().replace(/\s+/g, ' ').slice(0, 80) || 'field';
  let key = base;
  for (let n = 2; Object.hasOwn(manual, key); n++) key = `${base} (${n})`;
  return key;
}

/** A copy with a field the user typed in: in the manual section, sourced to the document it belongs to. */
export function addManualField(extracted: Extracted | null, label: string, value: string, document: string): Extracted {
  const base = extracted ?? {};
  const root = container(base);
  const key = manualFieldKey(base, label);
  const manual = isRecord(root[MANUAL_SECTION]) ? (root[MANUAL_SECTION] as Record<string, unknown>) : {};
  const field: ExtractedField = { value, source: { document, page: null }, confidence: null, edited: true, label: label.trim() };
  return withContainer(base, { ...root, [MANUAL_SECTION]: { ...manual, [key]: serialize(field) } });
}

export type ValueKind = 'text' | 'list' | 'rows' | 'record' | 'complex';

/** How a value is edited: a text box, one line per item, a table of rows, sub-fields, or not at all. */
export function valueKind(value: unknown): ValueKind {
  if (isPrimitive(value)) return 'text';
  if (Array.isArray(value)) {
    if (value.every(isPrimitive)) return 'list';
    if (value.every((row) => isRecord(row) && Object.values(row).every(isPrimitive))) return 'rows';
    return 'complex';
  }
  if (isRecord(value) && Object.values(value).every(isPrimitive)) return 'record';
  return 'complex';
}

/** The text a primitive is edited as. */
export function primitiveText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/**
 * The typed text as a value of the same kind as the original: a number stays a number while the text
 * is one ("1,305,000" and "10.30" included), a boolean stays a boolean; anything else is text.
 */
export function coerceLike(original: unknown, text: string): Primitive {
  if (typeof original === 'number') {
    const plain = text.trim().replace(/,/g, '');
    if (/^-?\d+(\.\d+)?$/.test(plain)) return Number(plain);
  }
  if (typeof original === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** A row's evidence (where it was read and how sure the extraction is), shown as a mark, not edited as a column. */
export const EVIDENCE_KEYS: ReadonlySet<string> = new Set(['page', 'bbox', 'confidence', 'needsReview', 'reviewReasons']);

/** The columns of a table value: every key of every row but its evidence, in first-seen order. */
export function rowColumns(rows: readonly Row[]): string[] {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key) && !EVIDENCE_KEYS.has(key)) columns.push(key);
  return columns;
}

/** Confidence as a whole percentage (accepts 0..1 or 0..100), or null. */
export function confidencePercent(confidence: number | null): number | null {
  if (confidence === null || confidence < 0) return null;
  return Math.round(Math.min(100, confidence <= 1 ? confidence * 100 : confidence));
}
