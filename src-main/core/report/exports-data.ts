// What the CSV and JSON exports print, read once from the local store: the valuation (tenancy and
// the client viewer's READY/SIGNED rule come from getValuation), its files' metadata, and the
// calculation exactly as the preflight computes it, so the export, the preflight and signing agree.
import type { DocumentEntity, ImageEntity, Valuation } from '../../../src-shared/contract/entities.ts';
import type { ComparableLine } from '../../../src-shared/domain/calculation/index.ts';
import type { PreflightCalculation } from '../../../src-shared/domain/validation/preflight.ts';
import type { Actor, CoreContext } from '../context.ts';
import { preflightFor, readComparables } from '../preflight/context.ts';
import { toEntity } from '../store/tables.ts';
import { getValuation } from '../valuations/queries.ts';

/** One comparable as exported: what the deal was, and what the calculation made of it. */
export interface ExportComparable {
  id: string;
  /** Position in the list the calculation was given. */
  index: number;
  dealDate: string | null;
  address: string | null;
  blockParcel: string | null;
  rooms: number | null;
  floor: string | null;
  areaHundredths: number | null;
  priceAgorot: number | null;
  included: boolean;
  // The calculation's figures (null when the calculation could not run).
  weightE4: number | null;
  adjustments: { factor: string; bp: number }[];
  combinedAdjustmentBp: number | null;
  rawPerSqmAgorot: number | null;
  timeAdjustedPerSqmAgorot: number | null;
  adjustedPerSqmAgorot: number | null;
  deviationBp: number | null;
  outlier: boolean | null;
}

export type ExportDocument = Omit<DocumentEntity, 'syncState' | 'valuationId'>;
export type ExportImage = Omit<ImageEntity, 'syncState' | 'valuationId' | 'thumbnailSha256'>;

export interface ExportData {
  valuation: Valuation;
  documents: ExportDocument[];
  images: ExportImage[];
  comparables: ExportComparable[];
  /** computeValuation's outcome as the preflight has it; null when step 4 holds no calculation. */
  calculation: PreflightCalculation | null;
  fewComparablesReason: string | null;
}

const textOrNull = (value: unknown): string | null =>
  typeof value === 'string' ? value.trim() || null : typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
/** A number, or decimal text of one ('3.5'), as stored by hand or by an older import. */
const numberLike = (value: unknown): number | null => {
  const text = typeof value === 'string' ? value.trim() : '';
  return numberOrNull(value) ?? (text !== '' && Number.isFinite(Number(text)) ? Number(text) : null);
};

/** The stored comparables, in the order the calculation is given them (src-shared/domain/calculation/stored.ts). */
function calculationSources(valuation: Valuation): Record<string, unknown>[] {
  return readComparables(valuation.comparableData).comparables.map((c) => ({ ...c }));
}

function toExportComparable(raw: Record<string, unknown>, index: number, line: ComparableLine | undefined): ExportComparable {
  return {
    id: line?.id ?? (textOrNull(raw.id) || `comparable-${index + 1}`),
    index,
    dealDate: line?.dealDate ?? textOrNull(raw.dealDate),
    address: textOrNull(raw.address),
    blockParcel: textOrNull(raw.blockParcel),
    rooms: numberLike(raw.rooms),
    floor: textOrNull(raw.floor),
    areaHundredths: line?.areaHundredths ?? numberOrNull(raw.areaHundredths),
    priceAgorot: line?.priceAgorot ?? numberOrNull(raw.priceAgorot),
    included: line?.included ?? raw.included !== false,
    weightE4: line?.weightE4 ?? null,
    adjustments: line?.adjustments.map((a) => ({ ...a })) ?? [],
    combinedAdjustmentBp: line?.combinedAdjustmentBp ?? null,
    rawPerSqmAgorot: line?.rawPerSqmAgorot ?? null,
    timeAdjustedPerSqmAgorot: line?.timeAdjustedPerSqmAgorot ?? null,
    adjustedPerSqmAgorot: line?.adjustedPerSqmAgorot ?? null,
    deviationBp: line?.deviationBp ?? null,
    outlier: line?.outlier ?? null,
  };
}

function listDocuments(ctx: CoreContext, actor: Actor, valuationId: string): ExportDocument[] {
  const rows = ctx.db
    .prepare('SELECT * FROM documents WHERE valuation_id = ? AND organization_id = ? ORDER BY created_at, id')
    .all(valuationId, actor.organizationId) as Record<string, unknown>[];
  return rows.map((raw) => {
    const d = toEntity<DocumentEntity>('documents', raw);
    return {
      id: d.id, docType: d.docType, fileName: d.fileName, sha256: d.sha256, sizeBytes: d.sizeBytes, mimeType: d.mimeType,
      source: d.source, extracted: d.extracted, uploadedById: d.uploadedById, createdAt: d.createdAt, updatedAt: d.updatedAt,
    };
  });
}

function listImages(ctx: CoreContext, actor: Actor, valuationId: string): ExportImage[] {
  const rows = ctx.db
    .prepare('SELECT * FROM images WHERE valuation_id = ? AND organization_id = ? ORDER BY sort_order, created_at, id')
    .all(valuationId, actor.organizationId) as Record<string, unknown>[];
  return rows.map((raw) => {
    const i = toEntity<ImageEntity>('images', raw);
    return {
      id: i.id, fileName: i.fileName, sha256: i.sha256, sizeBytes: i.sizeBytes, mimeType: i.mimeType, roomType: i.roomType,
      finishLevel: i.finishLevel, features: i.features, isCover: i.isCover, sortOrder: i.sortOrder, createdAt: i.createdAt,
    };
  });
}

/** Everything the exports print, for a valuation the actor may see (NOT_FOUND otherwise). */
export function readExportData(ctx: CoreContext, actor: Actor, valuationId: string): ExportData {
  const valuation = getValuation(ctx, actor, valuationId);
  const calculation = preflightFor(ctx, actor, valuationId).context.calculation ?? null;
  const lines = calculation?.ok ? calculation.result.comparables : [];
  const byIndex = new Map(lines.map((line) => [line.index, line]));
  const comparables = calculationSources(valuation).map((raw, i) => toExportComparable(raw, i, byIndex.get(i)));
  return {
    valuation,
    documents: listDocuments(ctx, actor, valuationId),
    images: listImages(ctx, actor, valuationId),
    comparables,
    calculation,
    fewComparablesReason: readComparables(valuation.comparableData).fewComparablesReason,
  };
}
