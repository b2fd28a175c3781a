// Hand-computed comparables: prices are whole NIS (x100 = agorot), areas are hundredths of a sqm.
import { describe, expect, it } from 'vitest';
import { lookupIndex, median } from '../../../src-shared/domain/calculation/comparables.ts';
import { rational } from '../../../src-shared/domain/calculation/decimal.ts';
import type { ComparableInput, ValuationInput } from '../../../src-shared/domain/calculation/input.ts';
import { computeValuation, type ValuationResult } from '../../../src-shared/domain/calculation/valuation.ts';

/** A comparable of `priceNis` for `areaSqm` whole sqm (so price / area is easy to check by hand). */
const comp = (id: string, priceNis: number, areaSqm: number, extra: Partial<ComparableInput> = {}): ComparableInput => ({
  id,
  dealDate: '2024-01-15',
  priceAgorot: priceNis * 100,
  areaHundredths: areaSqm * 100,
  ...extra,
});

const base = (comparables: ComparableInput[], extra: Partial<ValuationInput> = {}): ValuationInput => ({
  areas: [{ kind: 'MAIN', areaHundredths: 10_000 }], // 100 sqm
  valuationDate: '2024-03-15',
  comparables,
  rounding: 'NONE',
  vat: 'NOT_APPLICABLE',
  ...extra,
});

function run(input: ValuationInput): ValuationResult {
  const outcome = computeValuation(input);
  if (!outcome.ok) throw new Error(`unexpected errors: ${JSON.stringify(outcome.errors)}`);
  return outcome.result;
}

const codes = (result: ValuationResult) => result.warnings.map((w) => w.code);

describe('the index table', () => {
  const table = { '2023-01': 1_000_000, '2023-06': 1_040_000, '2024-01': 1_100_000 };
  it('uses the month, or the nearest earlier month in the table', () => {
    expect(lookupIndex(table, '2023-06-30')).toEqual({ month: '2023-06', usedMonth: '2023-06', valueE4: 1_040_000 });
    expect(lookupIndex(table, '2023-05-01')).toEqual({ month: '2023-05', usedMonth: '2023-01', valueE4: 1_000_000 });
    expect(lookupIndex(table, '2025-12-31')).toEqual({ month: '2025-12', usedMonth: '2024-01', valueE4: 1_100_000 });
    expect(lookupIndex(table, '2022-12-31')).toBeNull();
  });
});

describe('per-comparable prices', () => {
  it('adjusts for time with I_valuation / I_deal', () => {
    // Index: 2023-01 = 100, 2023-06 = 104, 2024-01 = 110. Valuation 2024-03-15 -> 2024-03 is not in
    // the table -> 2024-01 (110), with an INDEX_FALLBACK warning.
    const result = run(
      base(
        [
          comp('a', 2_080_000, 80, { dealDate: '2023-06-20' }), // 26,000/sqm x 110/104 = 27,500
          comp('b', 2_500_000, 100, { dealDate: '2023-03-01' }), // 25,000 x 110/100 (2023-01, fallback) = 27,500
          comp('c', 2_970_000, 100, { dealDate: '2024-01-05' }), // 29,700 x 110/110 = 29,700
        ],
        { indexTable: { '2023-01': '100', '2023-06': 104, '2024-01': '110.0' } },
      ),
    );
    const [a, b, c] = result.comparables;
    expect(a).toMatchObject({ rawPerSqmAgorot: 2_600_000, timeAdjustedPerSqmAgorot: 2_750_000, adjustedPerSqmAgorot: 2_750_000 });
    expect(a?.time).toEqual({ dealMonth: '2023-06', dealIndexMonth: '2023-06', dealIndexE4: 1_040_000, valuationIndexMonth: '2024-01', valuationIndexE4: 1_100_000 });
    expect(b).toMatchObject({ rawPerSqmAgorot: 2_500_000, timeAdjustedPerSqmAgorot: 2_750_000 });
    expect(b?.time?.dealIndexMonth).toBe('2023-01');
    expect(c).toMatchObject({ rawPerSqmAgorot: 2_970_000, timeAdjustedPerSqmAgorot: 2_970_000 });
    expect(result.valuationIndex).toEqual({ month: '2024-03', usedMonth: '2024-01', valueE4: 1_100_000 });
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        { code: 'INDEX_FALLBACK', path: 'valuationDate', params: { date: '2024-03-15', month: '2024-03', usedMonth: '2024-01' } },
        { code: 'INDEX_FALLBACK', path: 'comparables.1.dealDate', params: { date: '2023-03-01', month: '2023-03', usedMonth: '2023-01' } },
      ]),
    );
    // p* = (27,500 + 27,500 + 29,700) / 3 = 84,700 / 3 = 28,233.333... NIS = 2,823,333.33 agorot -> 2,823,333.
    expect(result.statistics).toMatchObject({ count: 3, meanAgorot: 2_823_333, medianAgorot: 2_750_000, minAgorot: 2_750_000, maxAgorot: 2_970_000, weightedMeanAgorot: 2_823_333 });
    expect(result.pricePerSqm).toEqual({ source: 'COMPARABLES', computedAgorot: 2_823_333, rule: 'AGORA', usedAgorot: 2_823_333 });
    // Deviation of c from the median: 2,200 / 27,500 = 8% = 800 bp.
    expect(c).toMatchObject({ deviationBp: 800, outlier: false });
  });

  it('rounds p* by the price-per-sqm rule straight from the exact value', () => {
    const comparables = [comp('a', 2_750_000, 100), comp('b', 2_750_000, 100), comp('c', 2_970_000, 100)];
    // p* = 28,233.333... NIS
    const used = (rule: 'AGORA' | 'NEAREST_10' | 'NEAREST_100' | 'NEAREST_1000') =>
      run(base(comparables, { pricePerSqmRounding: rule })).pricePerSqm.usedAgorot;
    expect(used('AGORA')).toBe(2_823_333);
    expect(used('NEAREST_10')).toBe(2_823_000); // 2,823.33 tens -> 2,823 -> 28,230 NIS
    expect(used('NEAREST_100')).toBe(2_820_000); // 282.33 hundreds -> 282 -> 28,200 NIS
    expect(used('NEAREST_1000')).toBe(2_800_000); // 28.23 thousands -> 28 -> 28,000 NIS
  });

  it('refuses a missing index for the valuation date or an included comparable', () => {
    const table = { '2023-06': 104, '2024-01': 110 };
    const early = computeValuation(base([comp('a', 3_000_000, 100), comp('b', 3_000_000, 100, { dealDate: '2023-02-01' }), comp('c', 3_000_000, 100)], { indexTable: table }));
    expect(early).toEqual({
      ok: false,
      errors: [{ code: 'MISSING_INDEX', path: 'comparables.1.dealDate', params: { comparableId: 'b', date: '2023-02-01', month: '2023-02' } }],
    });
    const valuation = computeValuation(base([comp('a', 3_000_000, 100)], { indexTable: table, valuationDate: '2023-05-31' }));
    expect(valuation.ok).toBe(false);
    if (!valuation.ok) expect(valuation.errors[0]).toEqual({ code: 'MISSING_INDEX', path: 'valuationDate', params: { date: '2023-05-31', month: '2023-05' } });
  });

  it('only warns about a missing index for an excluded comparable', () => {
    const result = run(
      base(
        [comp('a', 3_000_000, 100), comp('b', 3_100_000, 100), comp('c', 3_200_000, 100), comp('old', 2_000_000, 100, { dealDate: '2020-01-01', included: false })],
        { indexTable: { '2023-01': 100, '2024-01': 100 } },
      ),
    );
    const old = result.comparables[3];
    expect(old).toMatchObject({ included: false, rawPerSqmAgorot: 2_000_000, time: null, timeAdjustedPerSqmAgorot: null, adjustedPerSqmAgorot: null, outlier: false, deviationBp: null });
    expect(result.warnings).toContainEqual({ code: 'MISSING_INDEX', path: 'comparables.3.dealDate', params: { comparableId: 'old', date: '2020-01-01', month: '2020-01' } });
  });

  it('compounds adjustments: +10% then -5% is x1.045, not +5%', () => {
    // 3,000,000 / 100 sqm = 30,000/sqm; 30,000 x 1.10 x 0.95 = 31,350 (a sum of percents would give 31,500).
    // 30,000 x 1.025 x 1.025 = 30,000 x 1.050625 = 31,518.75 NIS = 3,151,875 agorot, exactly.
    const result = run(
      base([
        comp('a', 3_000_000, 100, { adjustments: [{ factor: 'floor', percent: 10 }, { factor: 'condition', percent: '-5' }] }),
        comp('b', 3_000_000, 100, { adjustments: [{ factor: 'view', percent: '2.5' }, { factor: 'size', percent: 2.5 }] }),
        comp('c', 3_000_000, 100),
      ]),
    );
    expect(result.comparables[0]).toMatchObject({ adjustedPerSqmAgorot: 3_135_000, combinedAdjustmentBp: 450, adjustments: [{ factor: 'floor', bp: 1_000 }, { factor: 'condition', bp: -500 }] });
    // 1.050625 - 1 = 506.25 bp -> 506 (display only).
    expect(result.comparables[1]).toMatchObject({ adjustedPerSqmAgorot: 3_151_875, combinedAdjustmentBp: 506 });
    // p* = (31,350 + 31,518.75 + 30,000) / 3 = 92,868.75 / 3 = 30,956.25 NIS = 3,095,625 agorot, exact.
    expect(result.pricePerSqm.usedAgorot).toBe(3_095_625);
  });

  it('weights the estimate: p* = sum(w p) / sum(w)', () => {
    // 30,000 (w 2), 33,000 (w 1), 36,000 (w 0.5): sum(w) = 3.5; sum(w p) = 60,000 + 33,000 + 18,000 = 111,000;
    // p* = 111,000 / 3.5 = 31,714.2857... NIS = 3,171,428.57 agorot -> 3,171,429. The plain mean is 33,000.
    const result = run(base([comp('a', 3_000_000, 100, { weight: 2 }), comp('b', 3_300_000, 100), comp('c', 3_600_000, 100, { weight: '0.5' })]));
    expect(result.comparables.map((c) => c.weightE4)).toEqual([20_000, 10_000, 5_000]);
    expect(result.statistics).toMatchObject({ meanAgorot: 3_300_000, medianAgorot: 3_300_000, weightedMeanAgorot: 3_171_429, totalWeightE4: 35_000 });
    expect(result.pricePerSqm.usedAgorot).toBe(3_171_429);
  });

  it('refuses weights that sum to zero', () => {
    const outcome = computeValuation(base([comp('a', 3_000_000, 100, { weight: 0 }), comp('b', 3_100_000, 100, { weight: '0' }), comp('c', 3_200_000, 100, { weight: 0 })]));
    expect(outcome).toEqual({ ok: false, errors: [{ code: 'ZERO_TOTAL_WEIGHT', path: 'comparables', params: {} }] });
  });
});

describe('statistics and outliers', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([rational(33), rational(30), rational(31)])).toEqual(rational(31));
    // even: (31 + 33) / 2 = 32
    expect(median([rational(40), rational(30), rational(33), rational(31)])).toEqual(rational(32));
    // even with a half: (1 + 2) / 2 = 3/2
    expect(median([rational(2), rational(1)])).toEqual(rational(3, 2));
    expect(median([])).toBeNull();
  });

  it('does not flag a deviation of exactly 25% and flags one above it', () => {
    // 30,000 31,000 33,000 40,000: median (31,000 + 33,000) / 2 = 32,000; 40,000 is +8,000 = exactly 25%.
    const exact = run(base([comp('a', 3_000_000, 100), comp('b', 3_100_000, 100), comp('c', 3_300_000, 100), comp('d', 4_000_000, 100)]));
    expect(exact.statistics).toMatchObject({ count: 4, medianAgorot: 3_200_000, minAgorot: 3_000_000, maxAgorot: 4_000_000, meanAgorot: 3_350_000 });
    expect(exact.comparables[3]).toMatchObject({ deviationBp: 2_500, outlier: false });
    expect(codes(exact)).not.toContain('OUTLIER');
    // 40,100: the median is still (31,000 + 33,000) / 2 = 32,000; +8,100 / 32,000 = 25.3125% -> 2,531 bp.
    const above = run(base([comp('a', 3_000_000, 100), comp('b', 3_100_000, 100), comp('c', 3_300_000, 100), comp('d', 4_010_000, 100)]));
    expect(above.comparables[3]).toMatchObject({ deviationBp: 2_531, outlier: true });
    expect(above.warnings).toContainEqual({ code: 'OUTLIER', path: 'comparables.3', params: { comparableId: 'd', deviationBp: 2_531, thresholdBp: 2_500, included: true } });
  });

  it('flags excluded comparables against the included median, and exclusion changes the estimate', () => {
    const comparables = [
      comp('a', 3_000_000, 100),
      comp('b', 3_100_000, 100),
      comp('c', 3_200_000, 100),
      comp('d', 3_300_000, 100),
      comp('e', 5_000_000, 100),
      comp('x', 2_000_000, 100, { included: false }),
    ];
    // Included 30, 31, 32, 33, 50 (thousands): median 32,000; e: +18,000 / 32,000 = 56.25% -> outlier.
    // x (excluded) 20,000: -12,000 / 32,000 = -37.5% -> outlier too, reported as not included.
    const all = run(base(comparables));
    expect(all.comparables[4]).toMatchObject({ deviationBp: 5_625, outlier: true });
    expect(all.comparables[5]).toMatchObject({ included: false, deviationBp: -3_750, outlier: true });
    expect(all.comparables[0]).toMatchObject({ deviationBp: -625, outlier: false });
    // mean (30 + 31 + 32 + 33 + 50) / 5 = 35.2 thousand
    expect(all.statistics).toMatchObject({ count: 5, meanAgorot: 3_520_000, medianAgorot: 3_200_000, minAgorot: 3_000_000, maxAgorot: 5_000_000 });
    // A lower threshold flags more: 6.25% > 5%.
    const strict = run(base(comparables, { outlierThresholdPercent: 5 }));
    expect(strict.comparables[0]?.outlier).toBe(true);

    // Excluding e: 30, 31, 32, 33 -> median (31 + 32) / 2 = 31,500, mean 31,500.
    const withoutE = comparables.map((c) => (c.id === 'e' ? { ...c, included: false } : c));
    const result = run(base(withoutE));
    expect(result.statistics).toMatchObject({ count: 4, meanAgorot: 3_150_000, medianAgorot: 3_150_000, maxAgorot: 3_300_000 });
    expect(result.pricePerSqm.usedAgorot).toBe(3_150_000);
    expect(result.comparables[4]).toMatchObject({ included: false, outlier: true });
  });

  it('warns under 3 included comparables', () => {
    const result = run(base([comp('a', 3_000_000, 100), comp('b', 3_100_000, 100), comp('c', 3_200_000, 100, { included: false })]));
    expect(result.warnings).toContainEqual({ code: 'FEW_COMPARABLES', path: 'comparables', params: { count: 2, minimum: 3 } });
    expect(result.pricePerSqm.usedAgorot).toBe(3_050_000); // (30,000 + 31,000) / 2
    const three = run(base([comp('a', 3_000_000, 100), comp('b', 3_100_000, 100), comp('c', 3_200_000, 100)]));
    expect(codes(three)).not.toContain('FEW_COMPARABLES');
  });

  it('warns about a deal after the valuation date', () => {
    const result = run(base([comp('a', 3_000_000, 100), comp('b', 3_100_000, 100), comp('late', 3_200_000, 100, { dealDate: '2024-04-01' })]));
    expect(result.warnings).toContainEqual({ code: 'DEAL_AFTER_VALUATION_DATE', path: 'comparables.2.dealDate', params: { comparableId: 'late', dealDate: '2024-04-01', valuationDate: '2024-03-15' } });
  });

  it('refuses to estimate without an included comparable', () => {
    expect(computeValuation(base([comp('a', 3_000_000, 100, { included: false })]))).toEqual({
      ok: false,
      errors: [{ code: 'NO_COMPARABLES', path: 'comparables', params: {} }],
    });
  });
});
