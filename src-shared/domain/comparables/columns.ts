// How each column of a comparables file was read, for the preview: the field its header matched (or
// the user chose), the kind of value, and one example as written and as read.
import type { ComparableField } from './headers.ts';
import type { ComparableValues, PreviewRow } from './preview.ts';
import { cleanCell, isBlank } from './values.ts';

export const COLUMN_KINDS = ['date', 'money', 'area', 'rooms', 'count', 'year', 'registry', 'share', 'text'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

const KIND_OF: Record<ComparableField, ColumnKind> = {
  dealDate: 'date',
  address: 'text',
  street: 'text',
  houseNumber: 'text',
  city: 'text',
  blockParcel: 'registry',
  block: 'registry',
  parcel: 'registry',
  subparcel: 'registry',
  rooms: 'rooms',
  floor: 'text',
  areaSqm: 'area',
  parking: 'count',
  buildYear: 'year',
  priceNis: 'money',
  pricePerSqmNis: 'money',
  propertyType: 'text',
  dealNature: 'text',
  partialShare: 'share',
};

export interface ColumnReading {
  header: string;
  field: ComparableField | null;
  /** USER: the user's mapping put the field here; HEADER: the header matched it. */
  mappedBy: 'HEADER' | 'USER' | null;
  kind: ColumnKind | null;
  /** The first value of the column read without an error: as written, and as read (ISO date, shekels, sqm, tenths as decimals). */
  example: { rowNumber: number; raw: string; parsed: string } | null;
}

/** An exact decimal text of an integer in 1/10^scale units (no floating point). */
function scaled(value: number, scale: number): string {
  const text = String(value).padStart(scale + 1, '0');
  const int = text.slice(0, text.length - scale);
  const frac = text.slice(text.length - scale).replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** What a field's value became, in a canonical text the renderer can show as is (dates it formats). */
function parsedText(field: ComparableField, v: ComparableValues): string | null {
  switch (field) {
    case 'dealDate':
      return v.dealDate;
    case 'priceNis':
      return v.priceAgorot === null ? null : scaled(v.priceAgorot, 2);
    case 'pricePerSqmNis':
      return v.pricePerSqmAgorot === null ? null : scaled(v.pricePerSqmAgorot, 2);
    case 'areaSqm':
      return v.areaHundredths === null ? null : scaled(v.areaHundredths, 2);
    case 'rooms':
      return v.roomsTenths === null ? null : scaled(v.roomsTenths, 1);
    case 'parking':
      return v.parking === null ? null : String(v.parking);
    case 'buildYear':
      return v.buildYear === null ? null : String(v.buildYear);
    case 'blockParcel':
    case 'block':
      return v.block === null ? null : [v.block, v.parcel, v.subparcel].filter((p) => p !== null).join('/');
    case 'parcel':
      return v.parcel;
    case 'subparcel':
      return v.subparcel;
    case 'address':
      return v.address === null ? null : [v.street, v.houseNumber, v.city].filter(Boolean).join(' | ');
    default:
      return v[field];
  }
}

export function describeColumns(
  headers: readonly string[],
  mapping: readonly (ComparableField | null)[],
  detected: readonly (ComparableField | null)[],
  dataRows: readonly { cells: readonly string[]; rowNumber: number }[],
  parsedRows: readonly PreviewRow[],
): ColumnReading[] {
  return headers.map((header, index) => {
    const field = mapping[index] ?? null;
    const reading: ColumnReading = { header, field, mappedBy: field ? (detected[index] === field ? 'HEADER' : 'USER') : null, kind: field ? KIND_OF[field] : null, example: null };
    if (!field) return reading;
    for (let i = 0; i < dataRows.length; i++) {
      const raw = dataRows[i]!.cells[index];
      const row = parsedRows[i]!;
      if (isBlank(raw) || row.errors.some((e) => e.field === field)) continue;
      const parsed = parsedText(field, row.values);
      if (parsed === null) continue;
      reading.example = { rowNumber: row.rowNumber, raw: cleanCell(raw), parsed };
      break;
    }
    return reading;
  });
}

/** The mapping with one column changed; a field moves (another column holding it lets go). */
export function remapped(mapping: readonly (ComparableField | null)[], index: number, field: ComparableField | null): (ComparableField | null)[] {
  return mapping.map((current, i) => (i === index ? field : field !== null && current === field ? null : current));
}
