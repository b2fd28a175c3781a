// The preflight's arguments, read from the local store (src-shared/domain/validation/preflight.ts):
// the valuation row with its confirmed legal facts (meta.legal, src-shared/domain/legal/facts.ts), the comparables and the reason
// for few of them, and the calculation recomputed from step 4's input. Drafts are partial: whatever is
// missing or unreadable is left out here and becomes the preflight's own "missing" issue, never an
// exception.
import type { Valuation } from '../../../src-shared/contract/entities.ts';
import { calculate, mappingSourcesOf, readComparableData, toValuationInput, type StoredComparable } from '../../../src-shared/domain/calculation/stored.ts';
import { readLegalFacts } from '../../../src-shared/domain/legal/facts.ts';
import type { ValuationInput } from '../../../src-shared/domain/calculation/input.ts';
import type { DocumentType } from '../../../src-shared/domain/enums.ts';
import {
  checkBeforeStatus,
  preflight,
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
  const stored = readComparables(valuation.comparableData);
  const meta = isRecord(valuation.meta) ? valuation.meta : {};
  const step1 = isRecord(valuation.step1Data) ? valuation.step1Data : {};
  // The valuation's own facts only: an extraction is evidence until step 3 confirms it into these fields.
  const registeredAreaSqm = text(meta.registeredAreaSqm);
  const legal = readLegalFacts(meta);
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
      owners: legal.owners.length > 0 ? legal.owners : null,
      rightsType: legal.rightsType,
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
