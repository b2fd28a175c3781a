// Demo data that demonstrates (issue #14): every READY and SIGNED demo valuation passes its own
// preflight, run with the arguments the core builds for it (src-main/core/preflight/context.ts):
// the owners of meta.legal, the registered area of meta, the included comparables, and the
// calculation recomputed from the stored step 4 data.
import { describe, expect, it } from 'vitest';
import { calculate, mappingSourcesOf, readComparableData } from '../../../src-shared/domain/calculation/stored.ts';
import { readLegalFacts } from '../../../src-shared/domain/legal/facts.ts';
import { isValidIsraeliId } from '../../../src-shared/domain/validation/israeli-id.ts';
import { checkBeforeStatus, preflight, type PreflightContext, type PreflightValuation } from '../../../src-shared/domain/validation/preflight.ts';
import { sumShares } from '../../../src-shared/domain/validation/shares.ts';
import { generateDemoDataset, type ValuationRow } from '../../../src-shared/seed/index.ts';

function preflightArguments(v: ValuationRow): { valuation: PreflightValuation; context: PreflightContext } {
  const stored = readComparableData(v.comparableData);
  return {
    valuation: {
      addressFull: v.addressFull,
      block: v.block,
      parcel: v.parcel,
      subparcel: v.subparcel,
      meta: v.meta,
      step1Data: v.step1Data,
      comparableData: stored.comparables.filter((c) => c.included),
      finalValuationAgorot: v.finalValuationAgorot,
    },
    context: {
      calculation: calculate(mappingSourcesOf({ ...v, garmushkaMeasurements: null })),
      owners: readLegalFacts(v.meta).owners,
      fewComparablesReason: stored.fewComparablesReason ?? null,
    },
  };
}

// The demo office the server seeds (seed 1, 50 valuations) and a few other seeds.
const datasets = [1, 2, 3, 4].map((seed) => ({ seed, data: generateDemoDataset({ seed, valuations: 50 }) }));
const WARNINGS_THE_SEED_OWNS = new Set(['SHARES_NOT_WHOLE', 'INVALID_SHARE', 'INVALID_ID_NUMBER', 'DATES_OUT_OF_ORDER', 'VAT_NOT_STATED']);

describe('the demo valuations against their own preflight', () => {
  it.each(datasets)('seed $seed: READY may be signed and SIGNED was signable, with no warning the seed could avoid', ({ data }) => {
    const checked = data.valuations.filter((v) => v.status === 'READY' || v.status === 'SIGNED');
    expect(checked.length).toBeGreaterThanOrEqual(5);
    for (const v of checked) {
      const { valuation, context } = preflightArguments(v);
      // A READY valuation is ready to sign: it must clear SIGNED's hard stops too (the stale value among them).
      expect({ id: v.id, blocking: checkBeforeStatus('SIGNED', valuation, context).blocking }).toEqual({ id: v.id, blocking: [] });
      const avoidable = preflight(valuation, context).warnings.filter((w) => WARNINGS_THE_SEED_OWNS.has(w.code));
      expect({ id: v.id, avoidable }).toEqual({ id: v.id, avoidable: [] });
      expect(context.calculation?.ok && context.calculation.result.roundedValueAgorot).toBe(v.finalValuationAgorot);
    }
  });

  it('records owners with valid Israeli ID numbers and shares that sum to the whole', () => {
    for (const { data } of datasets) {
      for (const v of data.valuations.filter((row) => row.status !== 'DRAFT')) {
        const legal = readLegalFacts(v.meta);
        // Read back unchanged: every owner, attachment and mortgage parses under the legal facts' schema.
        expect(legal).toEqual(v.meta.legal);
        expect(legal.owners.length).toBeGreaterThan(0);
        for (const owner of legal.owners) expect(isValidIsraeliId(owner.idNumber)).toBe(true);
        expect(sumShares(legal.owners.map((o) => o.share))).toMatchObject({ ok: true, isWhole: true });
        expect(legal.rightsType).not.toBeNull();
      }
    }
  });

  it('keeps drafts and work in progress partial but coherent: no value before READY', () => {
    for (const { data } of datasets) {
      for (const v of data.valuations.filter((row) => row.status === 'DRAFT' || row.status === 'IN_PROGRESS')) {
        const { valuation, context } = preflightArguments(v);
        const codes = checkBeforeStatus('READY', valuation, context).blocking.map((i) => i.code);
        // What stops them is what their status has not done yet: step 4's calculation (and a draft's visit).
        expect(codes).toContain('CALCULATION_ERROR');
        if (v.status === 'DRAFT') expect(codes).toContain('REQUIRED');
        expect(v.finalValuationAgorot).toBeNull();
      }
    }
  });
});
