// Wire shapes of the comparables.* methods (src-shared/contract/methods.ts names them).
import { z } from 'zod';
import { agorot, id, rowSyncState, timestamp } from '../../contract/entities.ts';
import { COMPARABLE_FIELDS } from './headers.ts';
import { COMPARABLE_SOURCES } from './sources.ts';
import { COMPARABLE_ISSUE_CODES } from './issue-codes.ts';
import { DATE_ORDERS } from './dates.ts';
import { COLUMN_KINDS } from './columns.ts';

export const comparableField = z.enum(COMPARABLE_FIELDS);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const count = z.number().int().nonnegative();

/** A comparable of the library. Money in agorot, area in hundredths of a sqm, rooms in tenths. */
export const comparableEntity = z.object({
  id,
  organizationId: id,
  source: z.enum(COMPARABLE_SOURCES),
  sourceFileName: z.string().nullable(),
  dealDate: isoDate,
  address: z.string().nullable(),
  street: z.string().nullable(),
  houseNumber: z.string().nullable(),
  city: z.string().nullable(),
  block: z.string().nullable(),
  parcel: z.string().nullable(),
  subparcel: z.string().nullable(),
  roomsTenths: count.nullable(),
  floor: z.string().nullable(),
  areaHundredths: count.nullable(),
  parking: count.nullable(),
  buildYear: count.nullable(),
  priceAgorot: agorot,
  /** Derived: price / area, rounded half up; null without an area. */
  pricePerSqmAgorot: agorot.nullable(),
  propertyType: z.string().nullable(),
  dealNature: z.string().nullable(),
  partialShare: z.string().nullable(),
  createdById: id,
  createdAt: timestamp,
  updatedAt: timestamp,
  serverVersion: z.number().int(),
  syncState: rowSyncState,
});
export type ComparableEntity = z.infer<typeof comparableEntity>;

const rowIssue = z.object({
  column: z.string(),
  field: comparableField.nullable(),
  code: z.enum(COMPARABLE_ISSUE_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});

export const comparableValues = z.object({
  dealDate: isoDate.nullable(),
  address: z.string().nullable(),
  street: z.string().nullable(),
  houseNumber: z.string().nullable(),
  city: z.string().nullable(),
  block: z.string().nullable(),
  parcel: z.string().nullable(),
  subparcel: z.string().nullable(),
  roomsTenths: count.nullable(),
  floor: z.string().nullable(),
  areaHundredths: count.nullable(),
  parking: count.nullable(),
  buildYear: count.nullable(),
  priceAgorot: agorot.nullable(),
  pricePerSqmAgorot: agorot.nullable(),
  propertyType: z.string().nullable(),
  dealNature: z.string().nullable(),
  partialShare: z.string().nullable(),
});

export const dateOrder = z.enum(DATE_ORDERS);

const dateOrderDecision = z.object({
  order: dateOrder.nullable(),
  basis: z.enum(['FILE', 'USER', 'ASK', 'MIXED', 'NONE']),
  samples: z.array(z.object({ rowNumber: z.number().int().positive(), raw: z.string(), dmy: isoDate.nullable(), mdy: isoDate.nullable() })),
});

export const FILE_ENCODINGS = ['utf-8', 'utf-8-bom', 'windows-1255'] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

export const importPreview = z.object({
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  /** How a CSV file was decoded (null for XLSX). */
  encoding: z.enum(FILE_ENCODINGS).nullable(),
  /** The worksheet read (XLSX: the first one); null for CSV. */
  sheet: z.string().nullable(),
  headerRow: count,
  headers: z.array(z.string()),
  mapping: z.array(comparableField.nullable()),
  missingFields: z.array(comparableField),
  source: z.enum(COMPARABLE_SOURCES),
  rows: z.array(
    z.object({
      rowNumber: z.number().int().positive(),
      values: comparableValues,
      errors: z.array(rowIssue),
      warnings: z.array(rowIssue),
      /** The same deal is already in the library (date, place and price); an import skips it. */
      duplicate: z.boolean(),
    }),
  ),
  /** How the deal dates were read; basis ASK or MIXED: nothing is imported until the user chooses the order. */
  dateOrder: dateOrderDecision,
  /** How each column was read, index-aligned with headers. */
  columns: z.array(
    z.object({
      header: z.string(),
      field: comparableField.nullable(),
      mappedBy: z.enum(['HEADER', 'USER']).nullable(),
      kind: z.enum(COLUMN_KINDS).nullable(),
      example: z.object({ rowNumber: z.number().int().positive(), raw: z.string(), parsed: z.string() }).nullable(),
    }),
  ),
  /** Columns whose Hebrew text was lost (letters turned to '?', or mojibake), reported once; null: none. */
  lostText: z.object({ columns: z.array(z.string()), example: z.string() }).nullable(),
  validCount: count,
  invalidCount: count,
  duplicateCount: count,
});
export type ImportPreviewOutput = z.infer<typeof importPreview>;

export const importResult = z.object({
  imported: count,
  /** Rows skipped as the same deal as one in the library or earlier in the file. */
  duplicates: count,
  /** Rows skipped for their errors (only with skipInvalid). */
  invalid: count,
  ids: z.array(id),
});

export const comparableSearch = z
  .object({
    block: z.string().regex(/^\d{1,6}$/, 'block (gush) is digits').optional(),
    parcel: z.string().regex(/^\d{1,5}$/, 'parcel (helka) is digits').optional(),
    street: z.string().trim().min(1).max(200).optional(),
    city: z.string().trim().min(1).max(200).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    roomsMin: z.number().min(0).max(50).optional(),
    roomsMax: z.number().min(0).max(50).optional(),
    /** Square metres. */
    areaMin: z.number().min(0).max(100_000).optional(),
    areaMax: z.number().min(0).max(100_000).optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type ComparableSearch = z.output<typeof comparableSearch>;

export const comparableSearchResult = z.object({ items: z.array(comparableEntity), total: count });
