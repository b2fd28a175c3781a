// The preflight's arguments, read from the local store (src-shared/domain/validation/preflight.ts):
// the valuation row, the owners of the newest land-registry extract, the comparables and the reason
// for few of them, and the calculation recomputed from step 4's input. Drafts are partial: whatever is
// missing or unreadable is left out here and becomes the preflight's own "missing" issue, never an
// exception.
import type { Valuation } from '../../../src-shared/contract/entities.ts';
import { calculate, mappingSourcesOf, readComparableData, toValuationInput, type StoredComparable } from '../../../src-shared/domain/calculation/stored.ts';
import type { ValuationInput } from '../../../src-shared/domain/calculation/input.ts';
import type { DocumentType } from '../../../src-shared/domain/enums.ts';
import {
  checkBeforeStatus,
  preflight,
  type OwnerIdType,
  type OwnerInput,
  type PreflightContext,
  type PreflightResult,
  type PreflightTarget,
  type PreflightValuation,
  type StatusCheck,
} from '../../../src-shared/domain/validation/preflight.ts';
import type { Actor, CoreContext } from '../context.ts';
import { decodeColumns } from '../store/tables.ts';
import { getValuation } from '../valuations/queries.ts';

export interface PreflightArguments {
  valuation: PreflightValuation;
  context: PreflightContext;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : '');
const textOrNull = (value: unknown): string | null => text(value) || null;

/** A field of an extraction: `{ value, source, ... }`, or a bare value written by hand. */
const fieldValue = (field: unknown): unknown => (isRecord(field) && 'value' in field ? field.value : field);

/** The registry's identifier kinds (src-main/core/extraction/israeli-id.ts) as the preflight's. */
const ID_TYPES: Readonly<Record<string, OwnerIdType>> = {
  ID: 'ISRAELI_ID',
  ISRAELI_ID: 'ISRAELI_ID',
  COMPANY: 'COMPANY',
  PASSPORT: 'PASSPORT',
  ASSOCIATION: 'OTHER',
  OTHER: 'OTHER',
};

/** The extraction of the valuation's newest document of a type that has one (the land-registry extract: TABU), or null. */
export function newestExtraction(ctx: CoreContext, actor: Actor, valuationId: string, docType: DocumentType): Record<string, unknown> | null {
  const row = ctx.db
    .prepare(
      `SELECT extracted FROM documents
       WHERE valuation_id = ? AND organization_id = ? AND doc_type = ? AND extracted IS NOT NULL
       ORDER BY created_at DESC, id DESC LIMIT 1`,
    )
    .get(valuationId, actor.organizationId, docType) as Record<string, unknown> | undefined;
  if (!row) return null;
  try {
    const extracted = decodeColumns('documents', row).extracted;
    return isRecord(extracted) ? extracted : null;
  } catch {
    return null;
  }
}

/** sections.ownership.owners of an extraction, as the preflight's owners (null when not there). */
export function ownersOf(extraction: Record<string, unknown> | null): OwnerInput[] | null {
  const sections = extraction?.sections;
  const ownership = isRecord(sections) ? sections.ownership : undefined;
  const rows = fieldValue(isRecord(ownership) ? ownership.owners : undefined);
  if (!Array.isArray(rows)) return null;
  return rows.filter(isRecord).map((row) => {
    const idType = ID_TYPES[text(row.idType).toUpperCase()];
    return {
      name: textOrNull(row.name),
      ...(idType ? { idType } : {}),
      idNumber: textOrNull(row.idNumber),
      share: textOrNull(row.share),
    };
  });
}

/** sections.unitData.registeredArea of an extraction, as sqm text ('85.5'), or null. */
export function registeredAreaOf(extraction: Record<string, unknown> | null): string | null {
  const sections = extraction?.sections;
  const unitData = isRecord(sections) ? sections.unitData : undefined;
  return textOrNull(fieldValue(isRecord(unitData) ? unitData.registeredArea : undefined));
}

export interface StoredComparables {
  /** Every comparable as step 4 stores it (the ones that cannot be read are left out). */
  comparables: StoredComparable[];
  fewComparablesReason: string | null;
}

/** comparable_data in any stored shape (the seed's list of deals, or step 4's), read as the screen reads it. */
export function readComparables(stored: unknown): StoredComparables {
  const data = readComparableData(stored);
  return { comparables: data.comparables, fewComparablesReason: data.fewComparablesReason?.trim() || null };
}

/**
 * The input the screen, the preflight, the report and the exports give computeValuation for this
 * valuation (src-shared/domain/calculation/stored.ts); null while step 4 cannot be computed yet.
 */
export function calculationInput(valuation: Valuation): ValuationInput | null {
  return toValuationInput(mappingSourcesOf(valuation)).input;
}

/** The preflight's `valuation` and `context` for one valuation of the actor's organization. */
export function preflightFor(ctx: CoreContext, actor: Actor, valuationId: string): PreflightArguments {
  const valuation = getValuation(ctx, actor, valuationId);
  const extraction = newestExtraction(ctx, actor, valuationId, 'TABU');
  const stored = readComparables(valuation.comparableData);
  const meta = isRecord(valuation.meta) ? valuation.meta : {};
  const step1 = isRecord(valuation.step1Data) ? valuation.step1Data : {};
  const registeredAreaSqm = text(meta.registeredAreaSqm) || registeredAreaOf(extraction) || '';
  // The built area belongs in meta; step 1 may carry it until the wizard copies it there.
  const builtAreaSqm = text(meta.builtAreaSqm) || text(step1.builtAreaSqm);
  return {
    valuation: {
      addressFull: valuation.addressFull,
      block: valuation.block,
      parcel: valuation.parcel,
      subparcel: valuation.subparcel,
      meta: { ...meta, registeredAreaSqm, builtAreaSqm },
      step1Data: valuation.step1Data,
      // The preflight counts this list when there is no calculation: the included comparables only.
      comparableData: stored.comparables.filter((c) => c.included !== false),
      finalValuationAgorot: valuation.finalValuationAgorot,
    },
    context: {
      calculation: calculate(mappingSourcesOf(valuation)),
      owners: ownersOf(extraction),
      fewComparablesReason: stored.fewComparablesReason,
    },
  };
}

/** Every hard stop and warning of the valuation. */
export function preflightOf(ctx: CoreContext, actor: Actor, valuationId: string): PreflightResult {
  const { valuation, context } = preflightFor(ctx, actor, valuationId);
  return preflight(valuation, context);
}

/** Whether the valuation may move to READY or SIGNED (the signing work calls this with 'SIGNED'). */
export function statusCheckOf(ctx: CoreContext, actor: Actor, valuationId: string, target: PreflightTarget): StatusCheck {
  const { valuation, context } = preflightFor(ctx, actor, valuationId);
  return checkBeforeStatus(target, valuation, context);
}
