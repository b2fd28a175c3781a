// The preflight's arguments, read from the local store (src-shared/domain/validation/preflight.ts):
// the valuation row, the owners of the newest land-registry extract, the comparables and the reason
// for few of them, and the calculation recomputed from step 4's input. Drafts are partial: whatever is
// missing or unreadable is left out here and becomes the preflight's own "missing" issue, never an
// exception.
import type { Valuation } from '../../../src-shared/contract/entities.ts';
import { sqmTextToHundredths } from '../../../src-shared/domain/calculation/decimal.ts';
import type { ValuationInput } from '../../../src-shared/domain/calculation/input.ts';
import { computeValuation, type ValuationOutcome } from '../../../src-shared/domain/calculation/valuation.ts';
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

/** The extraction of the valuation's newest land-registry extract that has one, or null. */
function newestTabuExtraction(ctx: CoreContext, actor: Actor, valuationId: string): Record<string, unknown> | null {
  const row = ctx.db
    .prepare(
      `SELECT extracted FROM documents
       WHERE valuation_id = ? AND organization_id = ? AND doc_type = 'TABU' AND extracted IS NOT NULL
       ORDER BY created_at DESC, id DESC LIMIT 1`,
    )
    .get(valuationId, actor.organizationId) as Record<string, unknown> | undefined;
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
  /** Every comparable as a calculation input (the ones that cannot be read are left out). */
  comparables: Record<string, unknown>[];
  fewComparablesReason: string | null;
}

/** One stored comparable as the calculation's input: id, dealDate, priceAgorot, areaHundredths, included, ... */
function toComparableInput(raw: Record<string, unknown>, index: number): Record<string, unknown> {
  const areaHundredths =
    typeof raw.areaHundredths === 'number' ? raw.areaHundredths : text(raw.areaSqm) ? sqmTextToHundredths(text(raw.areaSqm)) : null;
  const price = typeof raw.priceAgorot === 'number' ? raw.priceAgorot : Number(text(raw.priceAgorot));
  return {
    ...raw,
    id: text(raw.id) || `comparable-${index + 1}`,
    dealDate: text(raw.dealDate),
    priceAgorot: Number.isFinite(price) ? price : 0,
    areaHundredths: areaHundredths ?? 0,
    included: raw.included !== false,
  };
}

/**
 * comparable_data in either stored shape: the seed's list of deals, or step 4's
 * `{ version: 1, comparables: [...], fewComparablesReason }`. A comparable is included unless it says not.
 */
export function readComparables(stored: unknown): StoredComparables {
  const list = Array.isArray(stored) ? stored : isRecord(stored) && Array.isArray(stored.comparables) ? stored.comparables : [];
  return {
    comparables: list.filter(isRecord).map(toComparableInput),
    fewComparablesReason: isRecord(stored) ? textOrNull(stored.fewComparablesReason) : null,
  };
}

/** step4Data.calculation, completed from the stored comparables and step 1's valuation date when it leaves them out. */
function calculationInput(valuation: Valuation, comparables: Record<string, unknown>[]): Record<string, unknown> | null {
  const step4 = valuation.step4Data;
  const input = isRecord(step4) ? step4.calculation : undefined;
  if (!isRecord(input)) return null;
  const step1 = isRecord(valuation.step1Data) ? valuation.step1Data : {};
  return {
    ...input,
    comparables: Array.isArray(input.comparables) ? input.comparables : comparables,
    valuationDate: text(input.valuationDate) || text(step1.valuationDate),
  };
}

function compute(input: Record<string, unknown> | null): ValuationOutcome | null {
  if (!input) return null;
  try {
    return computeValuation(input as unknown as ValuationInput);
  } catch {
    return null; // computeValuation returns its errors; this only guards against a shape it never saw
  }
}

/** The preflight's `valuation` and `context` for one valuation of the actor's organization. */
export function preflightFor(ctx: CoreContext, actor: Actor, valuationId: string): PreflightArguments {
  const valuation = getValuation(ctx, actor, valuationId);
  const extraction = newestTabuExtraction(ctx, actor, valuationId);
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
      calculation: compute(calculationInput(valuation, stored.comparables)),
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
