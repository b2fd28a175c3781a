// computeValuation: THE calculation of the comparison approach (DOMAIN.md "The calculation"). The
// wizard's screen, the report and every export call this one pure function and print what it returns;
// nothing else multiplies a price by an area.
//
//   1. equivalent area   A_eq = sum(c_k * A_k), exact in millionths of a sqm, then stated by the
//                        area rule (default: hundredths of a sqm; WHOLE_SQM as some reports do);
//                        with the per-line rule WHOLE_SQM each A_k is first stated in whole sqm
//   2. price per sqm     p* = sum(w_i p_i') / sum(w_i) exact (comparables.ts), stated by the price rule
//                        (default: to the agora); or a manual price per sqm set by the appraiser
//   3. area value        p* (stated) x A_eq (stated), rounded to the agora
//   4. + fixed sums (parking, storage, ...) - deductions = value before rounding
//   5. rounded value     by the stated rule: NONE | NEAREST_1000 | NEAREST_10000 | NEAREST_100000 NIS
//   6. the VAT statement (included / excluded / not applicable) is carried, not applied
// Each stated figure is computed from the previous stated figures, so a reader of the report who
// multiplies the printed numbers gets the printed result. All rounding is half away from zero.
//
// Bad user input is returned as typed errors (never thrown); warnings never stop the calculation.
import type { z } from 'zod';
import { AREA_KINDS, resolveCoefficient, type AreaKind } from './coefficients.ts';
import { analyzeComparables, type ComparableLine, type ComparableStatistics, type IndexLookup } from './comparables.ts';
import { divRound, E4, MICRO_SQM_PER_HUNDREDTH, roundToStep, toSafeNumber } from './decimal.ts';
import {
  AREA_ROUNDING_STEP_MICRO_SQM,
  PRICE_PER_SQM_ROUNDING_STEP_AGOROT,
  VALUE_ROUNDING_STEP_AGOROT,
  valuationInputSchema,
  type AreaLineRoundingRule,
  type AreaRoundingRule,
  type FixedSumKind,
  type PricePerSqmRoundingRule,
  type ValuationInput,
  type ValueRoundingRule,
  type VatStatement,
} from './input.ts';
import { isCalculationErrorCode, type CalculationError, type CalculationWarning } from './issues.ts';

export interface AreaLineResult {
  kind: AreaKind;
  label: string | null;
  /** The area as measured or typed. */
  measuredAreaHundredths: number;
  /** The area the coefficient multiplies: the measured one, or it in whole sqm under the per-line rule. */
  areaHundredths: number;
  coefficientE4: number;
  /** areaHundredths x coefficientE4: millionths of a sqm, exact (45.67 x 0.3 = 13.701 sqm = 13_701_000). */
  weightedAreaMicroSqm: number;
}

export type CalculationStep =
  | { kind: 'AREA_LINE'; areaKind: AreaKind; label: string | null; measuredAreaHundredths: number; areaHundredths: number; coefficientE4: number; weightedAreaMicroSqm: number }
  | { kind: 'EQUIVALENT_AREA'; exactMicroSqm: number; lineRule: AreaLineRoundingRule; rule: AreaRoundingRule; areaHundredths: number }
  | {
      kind: 'PRICE_PER_SQM';
      source: 'COMPARABLES' | 'MANUAL';
      includedComparables: number;
      /** The weighted mean of the comparables rounded to an agora (null without comparables). */
      computedAgorot: number | null;
      rule: PricePerSqmRoundingRule | null;
      agorot: number;
    }
  | { kind: 'AREA_VALUE'; pricePerSqmAgorot: number; areaHundredths: number; agorot: number }
  | { kind: 'FIXED_SUM'; fixedSumKind: FixedSumKind; label: string | null; agorot: number }
  | { kind: 'DEDUCTION'; label: string; agorot: number }
  | { kind: 'VALUE_BEFORE_ROUNDING'; agorot: number }
  | { kind: 'ROUNDING'; rule: ValueRoundingRule; stepAgorot: number; agorot: number }
  | { kind: 'VAT'; statement: VatStatement | null };

export interface ValuationResult {
  equivalentArea: {
    lines: AreaLineResult[];
    exactMicroSqm: number;
    lineRule: AreaLineRoundingRule;
    rule: AreaRoundingRule;
    /** The stated equivalent area the value uses, hundredths of a sqm. */
    areaHundredths: number;
  };
  pricePerSqm: {
    source: 'COMPARABLES' | 'MANUAL';
    /** The comparables' weighted mean p* rounded to an agora, or null without included comparables. */
    computedAgorot: number | null;
    /** The price-per-sqm rule applied to the computed p* (null when the price is manual). */
    rule: PricePerSqmRoundingRule | null;
    /** The price per sqm the value uses, agorot. */
    usedAgorot: number;
  };
  comparables: ComparableLine[];
  statistics: ComparableStatistics | null;
  /** The valuation date's index when there is an index table. */
  valuationIndex: IndexLookup | null;
  areaValueAgorot: number;
  fixedSums: { kind: FixedSumKind; label: string | null; amountAgorot: number }[];
  fixedSumsTotalAgorot: number;
  deductions: { label: string; amountAgorot: number }[];
  deductionsTotalAgorot: number;
  valueBeforeRoundingAgorot: number;
  rounding: { rule: ValueRoundingRule; stepAgorot: number };
  roundedValueAgorot: number;
  vat: VatStatement | null;
  warnings: CalculationWarning[];
  /** The calculation table, in order, for the report. */
  steps: CalculationStep[];
}

export type ValuationOutcome = { ok: true; result: ValuationResult } | { ok: false; errors: CalculationError[] };

/** zod issues as typed errors: a message that is one of our codes is the code; anything else is INVALID_INPUT. */
export function toCalculationErrors(error: z.ZodError): CalculationError[] {
  return error.issues.map((outer) => {
    const path = outer.path.map(String).join('.');
    // A record key's refusal (INVALID_MONTH) arrives nested inside an invalid_key issue.
    const issue = outer.code === 'invalid_key' || outer.code === 'invalid_element' ? (outer.issues[0] ?? outer) : outer;
    if (isCalculationErrorCode(issue.message)) {
      const raw = issue.code === 'custom' ? (issue.params ?? {}) : {};
      const params: Record<string, string | number> = {};
      for (const [key, value] of Object.entries(raw)) {
        if (typeof value === 'string' || typeof value === 'number') params[key] = value;
      }
      return { code: issue.message, path, params };
    }
    return { code: 'INVALID_INPUT', path, params: { issue: outer.code } };
  });
}

const HUNDREDTHS_PER_SQM = 100n;

/** The one calculation. Pure: same input, same output; no clock, no I/O. */
export function computeValuation(input: ValuationInput): ValuationOutcome {
  const parsed = valuationInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: toCalculationErrors(parsed.error) };
  const data = parsed.data;
  const errors: CalculationError[] = [];
  const warnings: CalculationWarning[] = [];
  const steps: CalculationStep[] = [];
  const safe = (value: bigint, path: string): number => {
    const n = toSafeNumber(value);
    if (n === null) {
      errors.push({ code: 'OUT_OF_RANGE', path, params: {} });
      return 0;
    }
    return n;
  };

  // Coefficient settings must lie in range even when no line uses them (they are printed).
  for (const kind of AREA_KINDS) {
    const setting = data.coefficients[kind];
    if (setting === undefined) continue;
    const check = resolveCoefficient(kind, data.coefficients);
    if (!check.ok) errors.push({ code: 'COEFFICIENT_OUT_OF_RANGE', path: `coefficients.${kind}`, params: { kind, valueE4: check.valueE4, minE4: check.minE4, maxE4: check.maxE4 } });
  }

  // 1. Equivalent area.
  const lines: AreaLineResult[] = [];
  let exactMicro = 0n;
  data.areas.forEach((line, i) => {
    const check = resolveCoefficient(line.kind, data.coefficients, line.coefficient);
    if (!check.ok) {
      if (line.coefficient !== undefined) {
        errors.push({ code: 'COEFFICIENT_OUT_OF_RANGE', path: `areas.${i}.coefficient`, params: { kind: line.kind, valueE4: check.valueE4, minE4: check.minE4, maxE4: check.maxE4 } });
      }
      return;
    }
    const stated = data.areaLineRounding === 'WHOLE_SQM' ? roundToStep(BigInt(line.areaHundredths), HUNDREDTHS_PER_SQM) : BigInt(line.areaHundredths);
    const weighted = stated * BigInt(check.coefficientE4);
    exactMicro += weighted;
    lines.push({
      kind: line.kind,
      label: line.label ?? null,
      measuredAreaHundredths: line.areaHundredths,
      areaHundredths: Number(stated),
      coefficientE4: check.coefficientE4,
      weightedAreaMicroSqm: safe(weighted, `areas.${i}`),
    });
  });
  const areaRule = data.equivalentAreaRounding;
  const statedMicro = roundToStep(exactMicro, BigInt(AREA_ROUNDING_STEP_MICRO_SQM[areaRule]));
  const areaHundredths = statedMicro / MICRO_SQM_PER_HUNDREDTH;
  if (errors.length === 0 && areaHundredths <= 0n) errors.push({ code: 'EQUIVALENT_AREA_NOT_POSITIVE', path: 'areas', params: {} });
  for (const line of lines) {
    const { kind: areaKind, ...rest } = line;
    steps.push({ kind: 'AREA_LINE', areaKind, ...rest });
  }
  steps.push({ kind: 'EQUIVALENT_AREA', exactMicroSqm: safe(exactMicro, 'areas'), lineRule: data.areaLineRounding, rule: areaRule, areaHundredths: safe(areaHundredths, 'areas') });

  // 2. Price per sqm.
  const analysis = analyzeComparables(data.comparables, {
    valuationDate: data.valuationDate,
    indexTable: data.indexTable,
    outlierThresholdBp: data.outlierThresholdPercent,
  });
  errors.push(...analysis.errors);
  warnings.push(...analysis.warnings);
  const computedAgorot = analysis.statistics?.weightedMeanAgorot ?? null;
  let pricePerSqm: ValuationResult['pricePerSqm'];
  if (data.pricePerSqmOverrideAgorot !== null) {
    pricePerSqm = { source: 'MANUAL', computedAgorot, rule: null, usedAgorot: data.pricePerSqmOverrideAgorot };
    warnings.push({ code: 'MANUAL_PRICE_PER_SQM', path: 'pricePerSqmOverrideAgorot', params: { usedAgorot: data.pricePerSqmOverrideAgorot, computedAgorot } });
  } else if (analysis.weightedMean !== null) {
    const { num, den } = analysis.weightedMean;
    const step = BigInt(PRICE_PER_SQM_ROUNDING_STEP_AGOROT[data.pricePerSqmRounding]);
    // Rounded straight from the exact p* (no double rounding through the agora).
    const used = divRound(num, den * step) * step;
    pricePerSqm = { source: 'COMPARABLES', computedAgorot, rule: data.pricePerSqmRounding, usedAgorot: safe(used, 'comparables') };
  } else {
    if (!errors.some((e) => e.code === 'ZERO_TOTAL_WEIGHT' || e.code === 'MISSING_INDEX')) {
      errors.push({ code: 'NO_COMPARABLES', path: 'comparables', params: {} });
    }
    pricePerSqm = { source: 'COMPARABLES', computedAgorot: null, rule: data.pricePerSqmRounding, usedAgorot: 0 };
  }
  steps.push({
    kind: 'PRICE_PER_SQM',
    source: pricePerSqm.source,
    includedComparables: analysis.statistics?.count ?? 0,
    computedAgorot: pricePerSqm.computedAgorot,
    rule: pricePerSqm.rule,
    agorot: pricePerSqm.usedAgorot,
  });

  // 3. Area value: agorot/sqm x hundredths of a sqm / 100.
  const areaValue = divRound(BigInt(pricePerSqm.usedAgorot) * areaHundredths, 100n);
  steps.push({ kind: 'AREA_VALUE', pricePerSqmAgorot: pricePerSqm.usedAgorot, areaHundredths: safe(areaHundredths, 'areas'), agorot: safe(areaValue, 'areas') });

  // 4. Fixed sums and deductions.
  let fixedTotal = 0n;
  for (const f of data.fixedSums) {
    fixedTotal += BigInt(f.amountAgorot);
    steps.push({ kind: 'FIXED_SUM', fixedSumKind: f.kind, label: f.label ?? null, agorot: f.amountAgorot });
  }
  let deductionTotal = 0n;
  for (const d of data.deductions) {
    deductionTotal += BigInt(d.amountAgorot);
    steps.push({ kind: 'DEDUCTION', label: d.label, agorot: d.amountAgorot });
  }
  if (data.fixedSums.some((f) => f.kind === 'STORAGE') && data.areas.some((a) => a.kind === 'STORAGE' && a.areaHundredths > 0)) {
    warnings.push({ code: 'STORAGE_COUNTED_TWICE', path: 'fixedSums', params: {} });
  }
  const before = areaValue + fixedTotal - deductionTotal;
  if (errors.length === 0 && before < 0n) {
    errors.push({ code: 'NEGATIVE_VALUE', path: 'deductions', params: { valueBeforeDeductionsAgorot: safe(areaValue + fixedTotal, 'deductions'), deductionsAgorot: safe(deductionTotal, 'deductions') } });
  }
  steps.push({ kind: 'VALUE_BEFORE_ROUNDING', agorot: safe(before, 'deductions') });

  // 5. Rounding by the stated rule.
  const stepAgorot = VALUE_ROUNDING_STEP_AGOROT[data.rounding];
  const rounded = roundToStep(before, BigInt(stepAgorot));
  steps.push({ kind: 'ROUNDING', rule: data.rounding, stepAgorot, agorot: safe(rounded, 'rounding') });

  // 6. VAT statement.
  if (data.vat === null) warnings.push({ code: 'VAT_NOT_STATED', path: 'vat', params: {} });
  steps.push({ kind: 'VAT', statement: data.vat });

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    result: {
      equivalentArea: { lines, exactMicroSqm: Number(exactMicro), lineRule: data.areaLineRounding, rule: areaRule, areaHundredths: Number(areaHundredths) },
      pricePerSqm,
      comparables: analysis.lines,
      statistics: analysis.statistics,
      valuationIndex: analysis.valuationIndex,
      areaValueAgorot: Number(areaValue),
      fixedSums: data.fixedSums.map((f) => ({ kind: f.kind, label: f.label ?? null, amountAgorot: f.amountAgorot })),
      fixedSumsTotalAgorot: Number(fixedTotal),
      deductions: data.deductions.map((d) => ({ label: d.label, amountAgorot: d.amountAgorot })),
      deductionsTotalAgorot: Number(deductionTotal),
      valueBeforeRoundingAgorot: Number(before),
      rounding: { rule: data.rounding, stepAgorot },
      roundedValueAgorot: Number(rounded),
      vat: data.vat,
      warnings,
      steps,
    },
  };
}

/** E4 scale of coefficients, weights and index values, for callers that display them. */
export const SCALE_E4 = Number(E4);
