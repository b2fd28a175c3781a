// computeValuation, hand-computed. Money in agorot (1 NIS = 100), areas in hundredths of a sqm,
// coefficients E4 (0.5 = 5000), weighted areas in millionths of a sqm.
import { describe, expect, it } from 'vitest';
import type { ComparableInput, ValuationInput } from '../../../src-shared/domain/calculation/input.ts';
import { computeValuation, type ValuationResult } from '../../../src-shared/domain/calculation/valuation.ts';

function run(input: ValuationInput): ValuationResult {
  const outcome = computeValuation(input);
  if (!outcome.ok) throw new Error(`unexpected errors: ${JSON.stringify(outcome.errors)}`);
  return outcome.result;
}

function errorsOf(input: unknown) {
  const outcome = computeValuation(input as ValuationInput);
  if (outcome.ok) throw new Error('expected errors');
  return outcome.errors;
}

const comp = (id: string, priceNis: number, areaSqm: number, extra: Partial<ComparableInput> = {}): ComparableInput => ({
  id,
  dealDate: '2024-01-15',
  priceAgorot: priceNis * 100,
  areaHundredths: areaSqm * 100,
  ...extra,
});

// DOMAIN.md "Believable test data": registered area 142.3 sqm + 40 sqm uncovered balcony, equivalent
// area 162 sqm, 35,000 NIS per sqm, 5,670,000 rounded to 5,700,000 NIS.
// 142.3 + 0.5 x 40 = 162.3 sqm; the report states 162, i.e. it rounded the equivalent area to whole
// square metres (equivalentAreaRounding WHOLE_SQM); 162 x 35,000 = 5,670,000; 5,700,000 is 5,670,000
// to the nearest 100,000 NIS (56.7 -> 57), so the rounding rules include NEAREST_100000.
const workedExample = (extra: Partial<ValuationInput> = {}): ValuationInput => ({
  areas: [
    { kind: 'MAIN', areaHundredths: 14_230, label: 'registered area' },
    { kind: 'OPEN_BALCONY', areaHundredths: 4_000, label: 'uncovered balcony' },
  ],
  valuationDate: '2024-06-01',
  // 34,000, 35,000 and 36,000 NIS per sqm: mean (and p*) exactly 35,000.
  comparables: [comp('a', 3_400_000, 100), comp('b', 3_500_000, 100), comp('c', 3_600_000, 100)],
  equivalentAreaRounding: 'WHOLE_SQM',
  rounding: 'NEAREST_100000',
  vat: 'INCLUDED',
  ...extra,
});

describe('the worked example of DOMAIN.md', () => {
  it('rounds each area line to whole sqm before its coefficient when the valuation chooses it, as the real report did', () => {
    // 142.3 -> 142; 142 + 40 x 0.5 = 162 sqm; 162 x 35,000 = 5,670,000; to the nearest 100,000: 5,700,000.
    const result = run(workedExample({ areaLineRounding: 'WHOLE_SQM', equivalentAreaRounding: 'HUNDREDTH_SQM' }));
    expect(result.equivalentArea.lines.map((l) => [l.measuredAreaHundredths, l.areaHundredths, l.weightedAreaMicroSqm])).toEqual([
      [14_230, 14_200, 142_000_000],
      [4_000, 4_000, 20_000_000],
    ]);
    expect(result.equivalentArea).toMatchObject({ exactMicroSqm: 162_000_000, lineRule: 'WHOLE_SQM', areaHundredths: 16_200 });
    expect(result.areaValueAgorot).toBe(567_000_000);
    expect(result.roundedValueAgorot).toBe(570_000_000);
    expect(result.steps.find((s) => s.kind === 'EQUIVALENT_AREA')).toMatchObject({ lineRule: 'WHOLE_SQM', areaHundredths: 16_200 });
  });

  it('rounds lines and the total differently: 142.6 + 40.6 x 0.5 is 163.5 line by line, 162.9 as measured', () => {
    const areas: ValuationInput['areas'] = [
      { kind: 'MAIN', areaHundredths: 14_260 },
      { kind: 'OPEN_BALCONY', areaHundredths: 4_060 },
    ];
    const equivalent = (areaLineRounding: ValuationInput['areaLineRounding']) =>
      run(workedExample({ areas, areaLineRounding, equivalentAreaRounding: 'HUNDREDTH_SQM' })).equivalentArea.areaHundredths;
    expect(equivalent('WHOLE_SQM')).toBe(16_350); // 143 + 41 x 0.5
    expect(equivalent('NONE')).toBe(16_290); // 142.6 + 20.3
    expect(equivalent(undefined)).toBe(16_290); // off by default: existing valuations compute as before
  });

  it('reaches 162 sqm, 5,670,000 and 5,700,000 NIS exactly as the report did', () => {
    const result = run(workedExample());
    expect(result.equivalentArea).toEqual({
      lines: [
        // 142.30 x 1.0 = 142.3 sqm = 142,300,000 millionths
        { kind: 'MAIN', label: 'registered area', measuredAreaHundredths: 14_230, areaHundredths: 14_230, coefficientE4: 10_000, weightedAreaMicroSqm: 142_300_000 },
        // 40.00 x 0.5 = 20 sqm
        { kind: 'OPEN_BALCONY', label: 'uncovered balcony', measuredAreaHundredths: 4_000, areaHundredths: 4_000, coefficientE4: 5_000, weightedAreaMicroSqm: 20_000_000 },
      ],
      exactMicroSqm: 162_300_000, // 162.3
      lineRule: 'NONE',
      rule: 'WHOLE_SQM',
      areaHundredths: 16_200, // 162
    });
    expect(result.pricePerSqm).toEqual({ source: 'COMPARABLES', computedAgorot: 3_500_000, rule: 'AGORA', usedAgorot: 3_500_000 });
    expect(result.areaValueAgorot).toBe(567_000_000); // 35,000 x 162 = 5,670,000 NIS
    expect(result.valueBeforeRoundingAgorot).toBe(567_000_000);
    expect(result.rounding).toEqual({ rule: 'NEAREST_100000', stepAgorot: 10_000_000 });
    expect(result.roundedValueAgorot).toBe(570_000_000); // 5,700,000 NIS
    expect(result.vat).toBe('INCLUDED');
    expect(result.warnings).toEqual([]);
    expect(result.steps).toEqual([
      { kind: 'AREA_LINE', areaKind: 'MAIN', label: 'registered area', measuredAreaHundredths: 14_230, areaHundredths: 14_230, coefficientE4: 10_000, weightedAreaMicroSqm: 142_300_000 },
      { kind: 'AREA_LINE', areaKind: 'OPEN_BALCONY', label: 'uncovered balcony', measuredAreaHundredths: 4_000, areaHundredths: 4_000, coefficientE4: 5_000, weightedAreaMicroSqm: 20_000_000 },
      { kind: 'EQUIVALENT_AREA', exactMicroSqm: 162_300_000, lineRule: 'NONE', rule: 'WHOLE_SQM', areaHundredths: 16_200 },
      { kind: 'PRICE_PER_SQM', source: 'COMPARABLES', includedComparables: 3, computedAgorot: 3_500_000, rule: 'AGORA', agorot: 3_500_000 },
      { kind: 'AREA_VALUE', pricePerSqmAgorot: 3_500_000, areaHundredths: 16_200, agorot: 567_000_000 },
      { kind: 'VALUE_BEFORE_ROUNDING', agorot: 567_000_000 },
      { kind: 'ROUNDING', rule: 'NEAREST_100000', stepAgorot: 10_000_000, agorot: 570_000_000 },
      { kind: 'VAT', statement: 'INCLUDED' },
    ]);
  });

  it('gives 5,670,000 under the 1,000 and 10,000 NIS rules and with no rounding', () => {
    // 5,670,000 is already a multiple of 10,000.
    for (const rounding of ['NONE', 'NEAREST_1000', 'NEAREST_10000'] as const) {
      expect(run(workedExample({ rounding })).roundedValueAgorot).toBe(567_000_000);
    }
  });

  it('keeps 162.30 sqm by default, and every rule rounds half away from zero', () => {
    // 162.30 x 35,000 = 5,680,500 NIS.
    const at = (rounding: ValuationInput['rounding']) => run(workedExample({ equivalentAreaRounding: undefined, rounding }));
    expect(at('NONE').equivalentArea.areaHundredths).toBe(16_230);
    expect(at('NONE').roundedValueAgorot).toBe(568_050_000); // 5,680,500
    expect(at('NEAREST_1000').roundedValueAgorot).toBe(568_100_000); // 5,680.5 thousands -> 5,681 (half away) -> 5,681,000
    expect(at('NEAREST_10000').roundedValueAgorot).toBe(568_000_000); // 568.05 -> 568 -> 5,680,000
    expect(at('NEAREST_100000').roundedValueAgorot).toBe(570_000_000); // 56.805 -> 57 -> 5,700,000
  });

  it('reaches 162 with a 0.49 balcony coefficient too (142.3 + 19.6 = 161.9 -> 162)', () => {
    const result = run(workedExample({ coefficients: { OPEN_BALCONY: '0.49' } }));
    expect(result.equivalentArea.lines[1]).toMatchObject({ coefficientE4: 4_900, weightedAreaMicroSqm: 19_600_000 });
    expect(result.equivalentArea.exactMicroSqm).toBe(161_900_000);
    expect(result.equivalentArea.areaHundredths).toBe(16_200);
    expect(result.roundedValueAgorot).toBe(570_000_000);
    // A line's own coefficient wins over the settings; a number and a text give the same E4.
    const line = run(workedExample({ areas: [{ kind: 'MAIN', areaHundredths: 14_230 }, { kind: 'OPEN_BALCONY', areaHundredths: 4_000, coefficient: 0.49 }], coefficients: { OPEN_BALCONY: '0.3' } }));
    expect(line.equivalentArea.exactMicroSqm).toBe(161_900_000);
  });

  it('takes a price per sqm set by hand, with warnings', () => {
    const result = run(workedExample({ comparables: [], pricePerSqmOverrideAgorot: 3_500_000 }));
    expect(result.pricePerSqm).toEqual({ source: 'MANUAL', computedAgorot: null, rule: null, usedAgorot: 3_500_000 });
    expect(result.statistics).toBeNull();
    expect(result.roundedValueAgorot).toBe(570_000_000);
    expect(result.warnings).toEqual([
      { code: 'FEW_COMPARABLES', path: 'comparables', params: { count: 0, minimum: 3 } },
      { code: 'MANUAL_PRICE_PER_SQM', path: 'pricePerSqmOverrideAgorot', params: { usedAgorot: 3_500_000, computedAgorot: null } },
    ]);
  });
});

describe('exact areas', () => {
  it('weights 45.67 sqm by 0.3 to exactly 13.701 sqm', () => {
    // 4,567 hundredths x 3,000 (E4) = 13,701,000 millionths = 13.701 sqm; 100 + 13.701 = 113.701 -> 113.70.
    const result = run({
      areas: [{ kind: 'MAIN', areaHundredths: 10_000 }, { kind: 'STORAGE', areaHundredths: 4_567, coefficient: '0.3' }],
      valuationDate: '2024-01-01',
      pricePerSqmOverrideAgorot: 2_000_000, // 20,000 NIS
      rounding: 'NONE',
      vat: 'EXCLUDED',
    });
    expect(result.equivalentArea.lines[1]?.weightedAreaMicroSqm).toBe(13_701_000);
    expect(result.equivalentArea.exactMicroSqm).toBe(113_701_000);
    expect(result.equivalentArea.areaHundredths).toBe(11_370);
    expect(result.areaValueAgorot).toBe(227_400_000); // 20,000 x 113.70 = 2,274,000 NIS
  });

  it('rounds 75 + 5.65 x 0.3 = 76.695 to 76.70 where floating point gives 76.69', () => {
    expect(Math.round((75 + 5.65 * 0.3) * 100)).toBe(7_669); // the float trap
    // 565 x 3,000 = 1,695,000 millionths; 75 + 1.695 = 76.695 -> hundredths 76.70, tenths 76.7, whole 77.
    const area = (equivalentAreaRounding: ValuationInput['equivalentAreaRounding']) =>
      run({
        areas: [{ kind: 'MAIN', areaHundredths: 7_500 }, { kind: 'OPEN_BALCONY', areaHundredths: 565, coefficient: '0.3' }],
        equivalentAreaRounding,
        valuationDate: '2024-01-01',
        pricePerSqmOverrideAgorot: 2_000_000,
        rounding: 'NONE',
        vat: 'EXCLUDED',
      });
    expect(area('HUNDREDTH_SQM').equivalentArea).toMatchObject({ exactMicroSqm: 76_695_000, areaHundredths: 7_670 });
    expect(area('TENTH_SQM').equivalentArea.areaHundredths).toBe(7_670);
    expect(area('WHOLE_SQM').equivalentArea.areaHundredths).toBe(7_700);
    // 20,000 NIS x 76.70 = 1,534,000 NIS
    expect(area('HUNDREDTH_SQM').areaValueAgorot).toBe(153_400_000);
  });

  it('rounds the area value to the agora half away from zero', () => {
    // 12,345.67 NIS/sqm x 1.01 sqm = 12,469.1267 NIS = 1,246,912.67 agorot -> 1,246,913.
    const result = run({
      areas: [{ kind: 'MAIN', areaHundredths: 101 }],
      valuationDate: '2024-01-01',
      pricePerSqmOverrideAgorot: 1_234_567,
      rounding: 'NONE',
      vat: 'EXCLUDED',
    });
    expect(result.areaValueAgorot).toBe(1_246_913);
  });
});

describe('fixed sums, deductions, rounding and VAT', () => {
  const priced = (extra: Partial<ValuationInput> = {}): ValuationInput => ({
    areas: [{ kind: 'MAIN', areaHundredths: 10_000 }],
    valuationDate: '2024-01-01',
    comparables: [comp('a', 1_900_000, 100), comp('b', 2_000_000, 100), comp('c', 2_100_000, 100)], // p* = 20,000
    fixedSums: [
      { kind: 'PARKING', label: 'parking space', amountAgorot: 15_000_000 }, // 150,000 NIS
      { kind: 'STORAGE', amountAgorot: 5_000_000 }, // 50,000 NIS
    ],
    deductions: [{ label: 'repairs', amountAgorot: 7_550_000 }], // 75,500 NIS
    rounding: 'NONE',
    vat: 'EXCLUDED',
    ...extra,
  });

  it('adds fixed sums and subtracts deductions before rounding', () => {
    // 20,000 x 100 = 2,000,000; + 150,000 + 50,000 - 75,500 = 2,124,500 NIS.
    const result = run(priced());
    expect(result.areaValueAgorot).toBe(200_000_000);
    expect(result.fixedSumsTotalAgorot).toBe(20_000_000);
    expect(result.deductionsTotalAgorot).toBe(7_550_000);
    expect(result.valueBeforeRoundingAgorot).toBe(212_450_000);
    expect(result.roundedValueAgorot).toBe(212_450_000);
    expect(result.steps.filter((s) => s.kind === 'FIXED_SUM' || s.kind === 'DEDUCTION')).toEqual([
      { kind: 'FIXED_SUM', fixedSumKind: 'PARKING', label: 'parking space', agorot: 15_000_000 },
      { kind: 'FIXED_SUM', fixedSumKind: 'STORAGE', label: null, agorot: 5_000_000 },
      { kind: 'DEDUCTION', label: 'repairs', agorot: 7_550_000 },
    ]);
  });

  it('applies every rounding rule to 2,124,500 NIS', () => {
    expect(run(priced({ rounding: 'NEAREST_1000' })).roundedValueAgorot).toBe(212_500_000); // 2,124.5 -> 2,125 (half away)
    expect(run(priced({ rounding: 'NEAREST_10000' })).roundedValueAgorot).toBe(212_000_000); // 212.45 -> 212
    expect(run(priced({ rounding: 'NEAREST_100000' })).roundedValueAgorot).toBe(210_000_000); // 21.245 -> 21
    expect(run(priced({ rounding: 'NEAREST_100000' })).rounding).toEqual({ rule: 'NEAREST_100000', stepAgorot: 10_000_000 });
  });

  it('warns when storage is both an area and a fixed sum', () => {
    const result = run(priced({ areas: [{ kind: 'MAIN', areaHundredths: 10_000 }, { kind: 'STORAGE', areaHundredths: 600 }] }));
    expect(result.warnings).toContainEqual({ code: 'STORAGE_COUNTED_TWICE', path: 'fixedSums', params: {} });
    // 100 + 6 x 0.4 = 102.4 sqm (storage default 0.4)
    expect(result.equivalentArea.areaHundredths).toBe(10_240);
  });

  it('refuses deductions larger than the value', () => {
    expect(errorsOf(priced({ deductions: [{ label: 'demolition', amountAgorot: 300_000_000 }] }))).toEqual([
      { code: 'NEGATIVE_VALUE', path: 'deductions', params: { valueBeforeDeductionsAgorot: 220_000_000, deductionsAgorot: 300_000_000 } },
    ]);
  });

  it('states VAT and warns when it is not stated', () => {
    expect(run(priced({ vat: 'NOT_APPLICABLE' })).steps.at(-1)).toEqual({ kind: 'VAT', statement: 'NOT_APPLICABLE' });
    const unstated = run(priced({ vat: null }));
    expect(unstated.vat).toBeNull();
    expect(unstated.warnings).toContainEqual({ code: 'VAT_NOT_STATED', path: 'vat', params: {} });
  });
});

describe('bad input is returned as typed errors', () => {
  const ok: ValuationInput = {
    areas: [{ kind: 'MAIN', areaHundredths: 10_000 }],
    valuationDate: '2024-01-01',
    comparables: [comp('a', 2_000_000, 100), comp('b', 2_000_000, 100), comp('c', 2_000_000, 100)],
    rounding: 'NONE',
    vat: 'EXCLUDED',
  };
  const withComparable = (patch: Record<string, unknown>) => ({ ...ok, comparables: [{ ...comp('a', 2_000_000, 100), ...patch }] });

  it('names the code and the field', () => {
    expect(errorsOf({ ...ok, areas: [{ kind: 'MAIN', areaHundredths: -1 }] })).toEqual([{ code: 'AREA_NEGATIVE', path: 'areas.0.areaHundredths', params: {} }]);
    expect(errorsOf(withComparable({ areaHundredths: 0 }))).toEqual([{ code: 'AREA_NOT_POSITIVE', path: 'comparables.0.areaHundredths', params: {} }]);
    expect(errorsOf(withComparable({ priceAgorot: -5 }))).toEqual([{ code: 'PRICE_NOT_POSITIVE', path: 'comparables.0.priceAgorot', params: {} }]);
    expect(errorsOf(withComparable({ weight: -1 }))).toEqual([{ code: 'WEIGHT_OUT_OF_RANGE', path: 'comparables.0.weight', params: { value: '-1' } }]);
    expect(errorsOf(withComparable({ adjustments: [{ factor: 'condition', percent: -100 }] }))).toEqual([
      { code: 'ADJUSTMENT_OUT_OF_RANGE', path: 'comparables.0.adjustments.0.percent', params: { value: '-100' } },
    ]);
    expect(errorsOf(withComparable({ dealDate: '15/01/2024' }))).toEqual([{ code: 'INVALID_DATE', path: 'comparables.0.dealDate', params: {} }]);
    expect(errorsOf({ ...ok, valuationDate: '2024-02-30' })).toEqual([{ code: 'INVALID_DATE', path: 'valuationDate', params: {} }]);
    expect(errorsOf({ ...ok, indexTable: { '2024-13': 100 } })).toEqual([{ code: 'INVALID_MONTH', path: 'indexTable.2024-13', params: {} }]);
    expect(errorsOf({ ...ok, indexTable: { '2024-01': 0 } })).toEqual([{ code: 'INDEX_NOT_POSITIVE', path: 'indexTable.2024-01', params: { value: '0' } }]);
    expect(errorsOf({ ...ok, outlierThresholdPercent: 0 })).toEqual([{ code: 'THRESHOLD_OUT_OF_RANGE', path: 'outlierThresholdPercent', params: { value: '0' } }]);
    expect(errorsOf({ ...ok, pricePerSqmOverrideAgorot: 0 })).toEqual([{ code: 'PRICE_NOT_POSITIVE', path: 'pricePerSqmOverrideAgorot', params: {} }]);
    expect(errorsOf({ ...ok, fixedSums: [{ kind: 'PARKING', amountAgorot: -1 }] })).toEqual([{ code: 'AMOUNT_NEGATIVE', path: 'fixedSums.0.amountAgorot', params: {} }]);
    expect(errorsOf({ ...ok, coefficients: { YARD: '0.12345' } })).toEqual([{ code: 'INVALID_DECIMAL', path: 'coefficients.YARD', params: { maxDecimals: 4 } }]);
  });

  it('checks coefficient ranges per kind, in the settings and on a line', () => {
    expect(errorsOf({ ...ok, coefficients: { OPEN_BALCONY: '1.6' } })).toEqual([
      { code: 'COEFFICIENT_OUT_OF_RANGE', path: 'coefficients.OPEN_BALCONY', params: { kind: 'OPEN_BALCONY', valueE4: 16_000, minE4: 1_000, maxE4: 15_000 } },
    ]);
    expect(errorsOf({ ...ok, areas: [{ kind: 'MAIN', areaHundredths: 10_000 }, { kind: 'STORAGE', areaHundredths: 500, coefficient: '0.2' }] })).toEqual([
      { code: 'COEFFICIENT_OUT_OF_RANGE', path: 'areas.1.coefficient', params: { kind: 'STORAGE', valueE4: 2_000, minE4: 2_500, maxE4: 5_000 } },
    ]);
    expect(errorsOf({ ...ok, coefficients: { MAIN: 0.9 } })[0]).toMatchObject({ code: 'COEFFICIENT_OUT_OF_RANGE', path: 'coefficients.MAIN' });
  });

  it('refuses shapes it does not know', () => {
    expect(errorsOf({ ...ok, areas: [{ kind: 'MAIN', areaHundredths: 100.5 }] })).toEqual([{ code: 'INVALID_INPUT', path: 'areas.0.areaHundredths', params: { issue: 'invalid_type' } }]);
    expect(errorsOf({ ...ok, rounding: undefined })).toEqual([{ code: 'INVALID_INPUT', path: 'rounding', params: { issue: 'invalid_value' } }]);
    expect(errorsOf({ ...ok, areas: [] })).toEqual([{ code: 'INVALID_INPUT', path: 'areas', params: { issue: 'too_small' } }]);
    expect(errorsOf({ ...ok, areas: [{ kind: 'ROOF', areaHundredths: 100 }] })[0]).toMatchObject({ code: 'INVALID_INPUT', path: 'areas.0.kind' });
    expect(errorsOf(null)).toEqual([{ code: 'INVALID_INPUT', path: '', params: { issue: 'invalid_type' } }]);
  });

  it('refuses a zero equivalent area and duplicate comparable ids', () => {
    expect(errorsOf({ ...ok, areas: [{ kind: 'MAIN', areaHundredths: 0 }] })).toEqual([{ code: 'EQUIVALENT_AREA_NOT_POSITIVE', path: 'areas', params: {} }]);
    expect(errorsOf({ ...ok, comparables: [comp('a', 2_000_000, 100), comp('a', 2_100_000, 100), comp('c', 2_000_000, 100)] })).toEqual([
      { code: 'DUPLICATE_COMPARABLE_ID', path: 'comparables.1.id', params: { comparableId: 'a' } },
    ]);
  });

  it('computes past 2^53 internally and refuses a result it cannot return exactly', () => {
    // 100 billion NIS per sqm x 10 million sqm: 10^13 agorot x 10^9 hundredths / 100 = 10^20 agorot.
    const errors = errorsOf({ ...ok, areas: [{ kind: 'MAIN', areaHundredths: 1_000_000_000 }], pricePerSqmOverrideAgorot: 10_000_000_000_000 });
    expect(errors.map((e) => e.code)).toContain('OUT_OF_RANGE');
  });
});

describe('purity', () => {
  it('returns the same result for the same input and leaves the input alone', () => {
    const input = workedExample({ indexTable: { '2024-01': '101.3', '2024-05': 104 } });
    const before = structuredClone(input);
    const first = computeValuation(input);
    const second = computeValuation(input);
    expect(second).toEqual(first);
    expect(input).toEqual(before);
  });
});
