// The CSV and JSON exports of a valuation (DOMAIN.md wizard step 5). Both print the one calculation
// (computeValuation, as the preflight runs it), so the value in a file is the value that is signed.
//   CSV:  the comparables and the calculation's summary, for Excel (exports-rows.ts, exports-csv.ts).
//   JSON: a versioned document of the whole valuation; money stays integer agorot and areas integer
//         hundredths of a sqm (src-shared/db/conventions.ts), as the store keeps them.
import type { PreflightCalculation } from '../../../src-shared/domain/validation/preflight.ts';
import { shekelsInWords } from '../../../src-shared/domain/report/hebrew-words.ts';
import { safeDisplayName } from '../blobs/file-names.ts';
import type { Actor, CoreContext } from '../context.ts';
import { encodeCsv } from './exports-csv.ts';
import { readExportData, type ExportComparable, type ExportData, type ExportDocument, type ExportImage } from './exports-data.ts';
import { valuationCsvRecords } from './exports-rows.ts';

export const VALUATION_EXPORT_FORMAT = 'shamay.valuation';
export const VALUATION_EXPORT_VERSION = 1;

export interface ExportFile<M extends string> {
  fileName: string;
  bytes: Uint8Array;
  mimeType: M;
}

/** Version 1 of the JSON export. A change that is not only an added field is a new version. */
export interface ValuationExportV1 {
  format: typeof VALUATION_EXPORT_FORMAT;
  version: typeof VALUATION_EXPORT_VERSION;
  exportedAt: string;
  valuation: Record<string, unknown>;
  documents: ExportDocument[];
  images: ExportImage[];
  comparables: ExportComparable[];
  /** computeValuation's outcome; null when step 4 holds no calculation yet. */
  calculation: PreflightCalculation | null;
  /** The rounded value in words as the report writes it, when the calculation is ok. */
  valueInWords: string | null;
}

/** A file name from the valuation's title: slashes (6158/123/4) kept readable, the rest made safe. */
export function exportFileName(title: string, extension: 'csv' | 'json'): string {
  const base = title.replace(/[\\/]/g, '-').replace(/^[.\s]+|[.\s]+$/g, '') || 'valuation';
  return safeDisplayName(`${base}.${extension}`);
}

function valuationFields(data: ExportData): Record<string, unknown> {
  const v = data.valuation;
  return {
    id: v.id,
    title: v.title,
    status: v.status,
    addressFull: v.addressFull,
    block: v.block,
    parcel: v.parcel,
    subparcel: v.subparcel,
    meta: v.meta,
    step1Data: v.step1Data,
    step2Data: v.step2Data,
    step3Data: v.step3Data,
    step4Data: v.step4Data,
    step5Data: v.step5Data,
    gisScreenshots: v.gisScreenshots ?? null,
    gisAnalysis: v.gisAnalysis ?? null,
    garmushkaMeasurements: v.garmushkaMeasurements ?? null,
    garmushkaImages: v.garmushkaImages ?? null,
    propertyAnalysis: v.propertyAnalysis ?? null,
    comparableData: v.comparableData ?? null,
    finalValuationAgorot: v.finalValuationAgorot,
    pricePerSqmAgorot: v.pricePerSqmAgorot,
    createdById: v.createdById,
    revisionOfId: v.revisionOfId,
    signedById: v.signedById,
    signedAt: v.signedAt,
    reportSha256: v.reportSha256,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

/** The JSON export as an object (buildValuationJson serialises it). */
export function valuationExportDocument(data: ExportData, exportedAt: string): ValuationExportV1 {
  const outcome = data.calculation;
  return {
    format: VALUATION_EXPORT_FORMAT,
    version: VALUATION_EXPORT_VERSION,
    exportedAt,
    valuation: valuationFields(data),
    documents: data.documents,
    images: data.images,
    comparables: data.comparables,
    calculation: outcome,
    valueInWords: outcome?.ok ? shekelsInWords(outcome.result.roundedValueAgorot) : null,
  };
}

/** The comparables and the calculation's summary as CSV (UTF-8 with BOM, CRLF). */
export async function buildValuationCsv(ctx: CoreContext, actor: Actor, valuationId: string): Promise<ExportFile<'text/csv'>> {
  const data = readExportData(ctx, actor, valuationId);
  return {
    fileName: exportFileName(data.valuation.title, 'csv'),
    bytes: encodeCsv(valuationCsvRecords(data)),
    mimeType: 'text/csv',
  };
}

/** The whole valuation as a versioned JSON document (UTF-8, no BOM). */
export async function buildValuationJson(ctx: CoreContext, actor: Actor, valuationId: string): Promise<ExportFile<'application/json'>> {
  const data = readExportData(ctx, actor, valuationId);
  const document = valuationExportDocument(data, ctx.now());
  return {
    fileName: exportFileName(data.valuation.title, 'json'),
    bytes: new TextEncoder().encode(`${JSON.stringify(document, null, 2)}\n`),
    mimeType: 'application/json',
  };
}
