// The mapping preview of a comparables file: which column is which field, every row parsed into the
// library's units, and per-row errors (the row cannot be imported) and warnings (it can, but look at
// it). Pure: the rows come in as text cells (the core reads CSV and XLSX into them).
import type { ComparableSource } from './sources.ts';
import { describeColumns, type ColumnReading } from './columns.ts';
import { findLostText, isLostText, type LostTextReport } from './lost-text.ts';
import { decideDateOrder, parseDateIn, type DateOrder, type DateOrderDecision } from './dates.ts';
import {
  COMPARABLE_FIELDS,
  FIELD_LABELS,
  fieldForHeader,
  isNadlanHeaderRow,
  mapHeaders,
  REQUIRED_FIELDS,
  type ComparableField,
} from './headers.ts';
import {
  cleanCell,
  isBlank,
  normalizePlace,
  parseAreaHundredths,
  parseBlockParcel,
  parseBuildYear,
  parseParking,
  parsePartialShare,
  parsePriceAgorot,
  parseRegistryNumber,
  parseRoomsTenths,
  splitAddress,
  type ComparableIssueCode,
  type IssueParams,
  type Parsed,
} from './values.ts';

/** One comparable in the library's units (the columns of the comparables table, camelCase). */
export interface ComparableValues {
  dealDate: string | null;
  address: string | null;
  street: string | null;
  houseNumber: string | null;
  city: string | null;
  block: string | null;
  parcel: string | null;
  subparcel: string | null;
  roomsTenths: number | null;
  floor: string | null;
  areaHundredths: number | null;
  parking: number | null;
  buildYear: number | null;
  priceAgorot: number | null;
  /** As given in the file (rounded, informative); the library derives its own from price and area. */
  pricePerSqmAgorot: number | null;
  propertyType: string | null;
  dealNature: string | null;
  partialShare: string | null;
}

export interface RowIssue {
  /** The column header as written in the file, or the field's label when no column holds it. */
  column: string;
  field: ComparableField | null;
  /** What is wrong, as a code the UI words (comparableIssues.<code>) with its parameters. */
  code: ComparableIssueCode;
  params: IssueParams;
  /** The same in English, for logs. */
  message: string;
}

export interface PreviewRow {
  /** 1-based line (CSV) or row (XLSX) number in the file, for messages. */
  rowNumber: number;
  values: ComparableValues;
  /** Problems that keep the row out of the library. */
  errors: RowIssue[];
  /** Things worth a look that do not stop the import (partial share, outlier, duplicate in the file). */
  warnings: RowIssue[];
}

export interface ImportPreview {
  /** Index of the header row among the rows given (rows above it are titles and are ignored). */
  headerRow: number;
  headers: string[];
  /** The field of every column, index-aligned with headers; null: not imported. */
  mapping: (ComparableField | null)[];
  /** Required fields no column maps to (every row then fails on them). */
  missingFields: ComparableField[];
  source: Extract<ComparableSource, 'NADLAN' | 'SPREADSHEET'>;
  rows: PreviewRow[];
  /** The order the deal dates were read in, and whether the user must choose it before importing. */
  dateOrder: DateOrderDecision;
  /** How each column was read (index-aligned with headers). */
  columns: ColumnReading[];
  /** Text whose Hebrew was lost before the file reached us, reported once for the file; null: none. */
  lostText: LostTextReport | null;
  validCount: number;
  invalidCount: number;
}

export interface PreviewOptions {
  /** The user's mapping, index-aligned with the header row; replaces the detected one. */
  mapping?: readonly (ComparableField | null)[];
  /** The user's date order; without it the file's dates decide, or the preview asks. */
  dateOrder?: DateOrder;
  /** A workbook: a date column may hold Excel serial day numbers. */
  excelSerials?: boolean;
}

const FREE_TEXT_MAX = 300;

/** How far (a fraction) a stated price per sqm may be from price / area before the row gets a warning. */
const PRICE_PER_SQM_TOLERANCE = 0.02;

/** Prices per sqm outside [median / 3, median * 3] of the file are flagged as outliers. */
const OUTLIER_FACTOR = 3;

const emptyValues = (): ComparableValues => ({
  dealDate: null,
  address: null,
  street: null,
  houseNumber: null,
  city: null,
  block: null,
  parcel: null,
  subparcel: null,
  roomsTenths: null,
  floor: null,
  areaHundredths: null,
  parking: null,
  buildYear: null,
  priceAgorot: null,
  pricePerSqmAgorot: null,
  propertyType: null,
  dealNature: null,
  partialShare: null,
});

/** The first row (of the first ten) that maps at least two fields, else the first non-empty row. */
function findHeaderRow(rows: readonly (readonly string[])[]): number {
  const firstNonEmpty = rows.findIndex((r) => r.some((c) => !isBlank(c)));
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const fields = new Set(rows[i]!.map((c) => fieldForHeader(c)).filter((f) => f !== null));
    if (fields.size >= 2) return i;
  }
  return Math.max(firstNonEmpty, 0);
}

/**
 * Reads a comparables file given as rows of text cells: finds the header row, maps the columns (or
 * takes the caller's mapping), parses every row and reports per-row errors and warnings.
 */
export function previewImport(rows: readonly (readonly string[])[], options: PreviewOptions = {}): ImportPreview {
  const headerRow = findHeaderRow(rows);
  const headers = (rows[headerRow] ?? []).map((h) => cleanCell(h));
  const detected = mapHeaders(headers);
  const mapping = options.mapping ? normalizeMapping(options.mapping, headers.length) : detected;
  const mapped = new Set(mapping.filter((f) => f !== null));
  const missingFields = REQUIRED_FIELDS.filter((f) => !mapped.has(f));

  const dataRows: { cells: readonly string[]; rowNumber: number }[] = [];
  for (let i = headerRow + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (!cells.every((c) => isBlank(c))) dataRows.push({ cells, rowNumber: i + 1 });
  }
  const dateColumn = mapping.indexOf('dealDate');
  const excelSerials = options.excelSerials ?? false;
  const dateOrder = decideDateOrder(
    dateColumn < 0 ? [] : dataRows.filter((r) => !isBlank(r.cells[dateColumn])).map((r) => ({ rowNumber: r.rowNumber, raw: r.cells[dateColumn]! })),
    options.dateOrder ?? null,
    { excelSerials },
  );
  const readDate = (raw: string) => parseDateIn(raw, dateOrder.order, { excelSerials });
  const parsedRows = dataRows.map((r) => parseRow(r.cells, r.rowNumber, headers, mapping, readDate));
  flagOutliers(parsedRows);
  flagRepeats(parsedRows);
  const validCount = parsedRows.filter((r) => r.errors.length === 0).length;
  return {
    headerRow,
    headers,
    mapping,
    missingFields,
    source: isNadlanHeaderRow(headers) ? 'NADLAN' : 'SPREADSHEET',
    rows: parsedRows,
    dateOrder,
    columns: describeColumns(headers, mapping, detected, dataRows, parsedRows),
    lostText: findLostText(headers, dataRows.map((r) => r.cells.map((c) => cleanCell(c)))),
    validCount,
    invalidCount: parsedRows.length - validCount,
  };
}

function normalizeMapping(mapping: readonly (ComparableField | null)[], width: number): (ComparableField | null)[] {
  const taken = new Set<ComparableField>();
  const out: (ComparableField | null)[] = [];
  for (let i = 0; i < Math.max(width, mapping.length); i++) {
    const field = mapping[i] ?? null;
    if (field && (taken.has(field) || !(COMPARABLE_FIELDS as readonly string[]).includes(field))) {
      out.push(null);
      continue;
    }
    if (field) taken.add(field);
    out.push(field);
  }
  return out;
}

function parseRow(
  cells: readonly string[],
  rowNumber: number,
  headers: readonly string[],
  mapping: readonly (ComparableField | null)[],
  readDate: (raw: string) => Parsed<string>,
): PreviewRow {
  const values = emptyValues();
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const cellOf = new Map<ComparableField, { raw: string; column: string }>();
  mapping.forEach((field, index) => {
    if (!field) return;
    const raw = cells[index] ?? '';
    if (!isBlank(raw)) cellOf.set(field, { raw, column: headers[index] || `#${index + 1}` });
  });
  const columnOf = (field: ComparableField) => {
    const index = mapping.indexOf(field);
    return index >= 0 ? headers[index] || `#${index + 1}` : FIELD_LABELS[field].en;
  };
  const error = (field: ComparableField, code: ComparableIssueCode, params: IssueParams, message: string) => errors.push({ column: columnOf(field), field, code, params, message });
  const warn = (field: ComparableField | null, code: ComparableIssueCode, params: IssueParams, message: string) =>
    warnings.push({ column: field ? columnOf(field) : '', field, code, params, message });

  /** Parses the field's cell when there is one; a failure becomes the row's error. */
  const read = <T>(field: ComparableField, parse: (raw: string) => Parsed<T>): T | null => {
    const cell = cellOf.get(field);
    if (!cell) return null;
    const parsed = parse(cell.raw);
    if (parsed.ok) return parsed.value;
    error(field, parsed.code, parsed.params, parsed.message);
    return null;
  };
  const text = (field: ComparableField): string | null => {
    const cell = cellOf.get(field);
    if (!cell) return null;
    const value = cleanCell(cell.raw);
    if (isLostText(value)) {
      // Never stored: '????? 3' is not a street.
      error(field, 'ENCODING_LOST', { text: value }, `'${value}' lost its Hebrew letters before the file reached us`);
      return null;
    }
    if (value.length > FREE_TEXT_MAX) {
      error(field, 'TEXT_TOO_LONG', { max: FREE_TEXT_MAX }, `longer than ${FREE_TEXT_MAX} characters`);
      return null;
    }
    return value;
  };

  values.dealDate = read('dealDate', readDate);
  values.priceAgorot = read('priceNis', parsePriceAgorot);
  values.pricePerSqmAgorot = read('pricePerSqmNis', parsePriceAgorot);
  values.areaHundredths = read('areaSqm', parseAreaHundredths);
  values.roomsTenths = read('rooms', parseRoomsTenths);
  values.parking = read('parking', parseParking);
  values.buildYear = read('buildYear', parseBuildYear);
  values.partialShare = read('partialShare', parsePartialShare);
  values.floor = text('floor');
  values.propertyType = text('propertyType');
  values.dealNature = text('dealNature');
  values.address = text('address');
  values.street = text('street');
  values.houseNumber = text('houseNumber');
  values.city = text('city');

  // Block, parcel, sub-parcel: one combined column, separate columns, or a combined value in the block column.
  const combined = read('blockParcel', parseBlockParcel);
  if (combined) Object.assign(values, combined);
  const blockCell = cellOf.get('block');
  if (blockCell && !combined) {
    const asCombined = /\d\s*[/\\\-: ]\s*\d/.test(cleanCell(blockCell.raw));
    if (asCombined) {
      const parsed = read('block', parseBlockParcel);
      if (parsed) Object.assign(values, parsed);
    } else {
      values.block = read('block', (raw) => parseRegistryNumber(raw, 6, 'block'));
    }
  }
  const parcel = read('parcel', (raw) => parseRegistryNumber(raw, 5, 'parcel'));
  if (parcel) values.parcel = parcel;
  const subparcel = read('subparcel', (raw) => parseRegistryNumber(raw, 4, 'sub-parcel'));
  if (subparcel) values.subparcel = subparcel;

  // An address column fills in street, house number and city when they have no columns of their own.
  if (values.address) {
    const parts = splitAddress(values.address);
    values.street ??= parts.street;
    values.houseNumber ??= parts.houseNumber;
    values.city ??= parts.city;
  }

  if (!cellOf.has('dealDate')) error('dealDate', 'DATE_MISSING', {}, 'the deal date is missing');
  if (!cellOf.has('priceNis')) error('priceNis', 'PRICE_MISSING', {}, 'the price is missing');
  const located = values.address || values.street || values.city || values.block;
  const locationFailed = errors.some((e) => e.field === 'block' || e.field === 'blockParcel' || e.code === 'ENCODING_LOST');
  if (!located && !locationFailed) {
    errors.push({ column: columnOf(mapping.includes('address') ? 'address' : 'blockParcel'), field: null, code: 'NOT_LOCATED', params: {}, message: 'no address, city or block: the deal cannot be located' });
  }

  if (values.partialShare) warn('partialShare', 'PARTIAL_SHARE', { share: values.partialShare }, `only ${values.partialShare} of the property was sold; the price is for that share`);
  if (values.priceAgorot !== null && values.areaHundredths !== null && values.pricePerSqmAgorot !== null) {
    const derived = pricePerSqmAgorot(values.priceAgorot, values.areaHundredths);
    if (Math.abs(derived - values.pricePerSqmAgorot) > derived * PRICE_PER_SQM_TOLERANCE) {
      warn('pricePerSqmNis', 'PRICE_PER_SQM_DIFFERS', { stated: Math.round(values.pricePerSqmAgorot / 100), derived: Math.round(derived / 100) }, `the stated price per sqm (${values.pricePerSqmAgorot / 100}) differs from price / area (${Math.round(derived / 100)})`);
    }
  }
  return { rowNumber, values, errors, warnings };
}

/** Price per square metre in agorot, rounded half up (integer arithmetic). */
export function pricePerSqmAgorot(priceAgorot: number, areaHundredths: number): number {
  if (areaHundredths <= 0) return 0;
  return Number((BigInt(priceAgorot) * 200n + BigInt(areaHundredths)) / (2n * BigInt(areaHundredths)));
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Warns about prices per sqm far from the file's median (typing errors, prices in thousands, special deals). */
function flagOutliers(rows: PreviewRow[]): void {
  const priced = rows.filter((r) => r.errors.length === 0 && r.values.priceAgorot !== null && r.values.areaHundredths !== null && !r.values.partialShare);
  if (priced.length < 4) return;
  const perSqm = new Map(priced.map((r) => [r, pricePerSqmAgorot(r.values.priceAgorot!, r.values.areaHundredths!)]));
  const mid = median([...perSqm.values()].sort((a, b) => a - b));
  for (const [row, value] of perSqm) {
    if (value > mid * OUTLIER_FACTOR || value * OUTLIER_FACTOR < mid) {
      row.warnings.push({
        column: '',
        field: 'priceNis',
        code: 'OUTLIER',
        params: { value: Math.round(value / 100), median: Math.round(mid / 100) },
        message: `outlier: ${Math.round(value / 100)} NIS per sqm against a median of ${Math.round(mid / 100)} in this file`,
      });
    }
  }
}

/**
 * The identity of a deal for duplicate detection: date, place (block/parcel/sub-parcel, else the
 * normalized address) and price. Null when the row lacks any of them.
 */
export function dealKey(values: Pick<ComparableValues, 'dealDate' | 'priceAgorot' | 'block' | 'parcel' | 'subparcel' | 'street' | 'houseNumber' | 'city' | 'address'>): string | null {
  if (!values.dealDate || values.priceAgorot === null) return null;
  const place = values.block
    ? `g:${values.block}/${values.parcel ?? ''}/${values.subparcel ?? ''}`
    : values.street || values.city
      ? `a:${normalizePlace(values.street)}|${normalizePlace(values.houseNumber)}|${normalizePlace(values.city)}`
      : values.address
        ? `t:${normalizePlace(values.address)}`
        : null;
  return place ? `${values.dealDate}|${place}|${values.priceAgorot}` : null;
}

function flagRepeats(rows: PreviewRow[]): void {
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.errors.length) continue;
    const key = dealKey(row.values);
    if (!key) continue;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, row.rowNumber);
    else row.warnings.push({ column: '', field: null, code: 'REPEATED', params: { row: first }, message: `the same deal as row ${first}; it is imported once` });
  }
}
