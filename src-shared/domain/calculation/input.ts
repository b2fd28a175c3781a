// The input of computeValuation, as a zod schema (exported: the core, the renderer and the export
// path parse with the same one). Decimals the user types (coefficients, weights, percents, index
// values) are accepted as text ('0.49') or as a number (0.49) and parsed exactly into scaled integers;
// integers in agorot and hundredths of a sqm are taken as they are. Every refusal carries one of the
// CALCULATION_ERROR_CODES as its message, so a zod issue maps to a typed error.
import { z } from 'zod';
import { AREA_KINDS } from './coefficients.ts';
import { isIsoDate, MONTH_KEY } from './dates.ts';
import { parseDecimal, toSafeNumber } from './decimal.ts';
import type { CalculationErrorCode } from './issues.ts';

/** How the value is rounded after fixed sums and deductions; the report states the rule. */
export const VALUE_ROUNDING_RULES = ['NONE', 'NEAREST_1000', 'NEAREST_10000', 'NEAREST_100000'] as const;
export type ValueRoundingRule = (typeof VALUE_ROUNDING_RULES)[number];
/** The step of each rule in agorot (NONE keeps the agora). */
export const VALUE_ROUNDING_STEP_AGOROT: Readonly<Record<ValueRoundingRule, number>> = {
  NONE: 1,
  NEAREST_1000: 100_000,
  NEAREST_10000: 1_000_000,
  NEAREST_100000: 10_000_000,
};

/** How the equivalent area is stated before it multiplies the price per sqm. */
export const AREA_ROUNDING_RULES = ['HUNDREDTH_SQM', 'TENTH_SQM', 'WHOLE_SQM'] as const;
export type AreaRoundingRule = (typeof AREA_ROUNDING_RULES)[number];
/** The step of each rule in millionths of a sqm. */
export const AREA_ROUNDING_STEP_MICRO_SQM: Readonly<Record<AreaRoundingRule, number>> = {
  HUNDREDTH_SQM: 10_000,
  TENTH_SQM: 100_000,
  WHOLE_SQM: 1_000_000,
};

/**
 * Whether each area line is stated in whole sqm before its coefficient multiplies it, as some reports
 * do (142.3 -> 142; 142 + 40 x 0.5 = 162). NONE multiplies the measured area as it is.
 */
export const AREA_LINE_ROUNDING_RULES = ['NONE', 'WHOLE_SQM'] as const;
export type AreaLineRoundingRule = (typeof AREA_LINE_ROUNDING_RULES)[number];

/** How the estimated price per sqm p* is stated (the spreadsheets' "rounded price per sqm"). */
export const PRICE_PER_SQM_ROUNDING_RULES = ['AGORA', 'NEAREST_10', 'NEAREST_100', 'NEAREST_1000'] as const;
export type PricePerSqmRoundingRule = (typeof PRICE_PER_SQM_ROUNDING_RULES)[number];
export const PRICE_PER_SQM_ROUNDING_STEP_AGOROT: Readonly<Record<PricePerSqmRoundingRule, number>> = {
  AGORA: 1,
  NEAREST_10: 1_000,
  NEAREST_100: 10_000,
  NEAREST_1000: 100_000,
};

/** The VAT statement the report carries; the calculation does not add or remove VAT. */
export const VAT_STATEMENTS = ['INCLUDED', 'EXCLUDED', 'NOT_APPLICABLE'] as const;
export type VatStatement = (typeof VAT_STATEMENTS)[number];

export const FIXED_SUM_KINDS = ['PARKING', 'STORAGE', 'OTHER'] as const;
export type FixedSumKind = (typeof FIXED_SUM_KINDS)[number];

const fail = (code: CalculationErrorCode) => ({ error: code });

/**
 * A decimal as an integer scaled by 10^decimals (a safe number), with an optional exclusive or
 * inclusive bound check reported under `rangeCode`.
 */
function scaledDecimal(decimals: number, rangeCode: CalculationErrorCode, inRange: (scaled: number) => boolean) {
  return z.union([z.string(), z.number()]).transform((value, ctx) => {
    const scaled = parseDecimal(value, decimals);
    const safe = scaled === null ? null : toSafeNumber(scaled);
    if (safe === null) {
      ctx.addIssue({ code: 'custom', message: 'INVALID_DECIMAL', params: { maxDecimals: decimals }, input: value });
      return z.NEVER;
    }
    if (!inRange(safe)) {
      ctx.addIssue({ code: 'custom', message: rangeCode, params: { value: String(value) }, input: value });
      return z.NEVER;
    }
    return safe;
  });
}

/** A coefficient (up to 4 decimals) as E4; its range per kind (coefficients.ts) is checked by the calculation. */
export const coefficientSchema = scaledDecimal(4, 'COEFFICIENT_OUT_OF_RANGE', () => true);
/** A weight (up to 4 decimals) as E4, in [0, 1000]. */
export const weightSchema = scaledDecimal(4, 'WEIGHT_OUT_OF_RANGE', (e4) => e4 >= 0 && e4 <= 10_000_000);
/** A percent (up to 2 decimals) as basis points, in (-100%, +100%]. */
export const adjustmentPercentSchema = scaledDecimal(2, 'ADJUSTMENT_OUT_OF_RANGE', (bp) => bp > -10_000 && bp <= 10_000);
/** An index value (up to 4 decimals) as E4, > 0. */
export const indexValueSchema = scaledDecimal(4, 'INDEX_NOT_POSITIVE', (e4) => e4 > 0);
const thresholdPercentSchema = scaledDecimal(2, 'THRESHOLD_OUT_OF_RANGE', (bp) => bp > 0 && bp <= 10_000);

const isoDate = z.string().refine(isIsoDate, fail('INVALID_DATE'));
const label = z.string().max(300);
/** Integers in agorot or hundredths: safe integers, capped far above any real apartment. */
const MAX_AGOROT = 10_000_000_000_000; // 100 billion NIS
const MAX_HUNDREDTHS = 1_000_000_000; // 10 million sqm

export const areaLineSchema = z.object({
  kind: z.enum(AREA_KINDS),
  /** Hundredths of a sqm (142.3 sqm = 14230). */
  areaHundredths: z.number().int().min(0, fail('AREA_NEGATIVE')).max(MAX_HUNDREDTHS),
  /** Overrides the coefficient of this line only (two balconies with different coefficients). */
  coefficient: coefficientSchema.optional(),
  label: label.optional(),
});

export const adjustmentSchema = z.object({
  /** What the adjustment is for: 'floor', 'view', 'condition', 'size', ... */
  factor: z.string().min(1).max(100),
  /** A percent: 5 is +5%, '-2.5' is -2.5%. Parsed into basis points (5 -> 500). */
  percent: adjustmentPercentSchema,
});

export const comparableInputSchema = z.object({
  /** Stable id of the comparable (its row in the comparables table). */
  id: z.string().min(1).max(100),
  dealDate: isoDate,
  /** The deal price in agorot. */
  priceAgorot: z.number().int().min(1, fail('PRICE_NOT_POSITIVE')).max(MAX_AGOROT),
  /** The deal's area in hundredths of a sqm. */
  areaHundredths: z.number().int().min(1, fail('AREA_NOT_POSITIVE')).max(MAX_HUNDREDTHS),
  included: z.boolean().default(true),
  weight: weightSchema.default(10_000),
  adjustments: z.array(adjustmentSchema).max(50).default([]),
});

export const fixedSumSchema = z.object({
  kind: z.enum(FIXED_SUM_KINDS),
  label: label.optional(),
  amountAgorot: z.number().int().min(0, fail('AMOUNT_NEGATIVE')).max(MAX_AGOROT),
});

export const deductionSchema = z.object({
  /** What is deducted: 'repairs', 'betterment levy', ... */
  label: label,
  amountAgorot: z.number().int().min(0, fail('AMOUNT_NEGATIVE')).max(MAX_AGOROT),
});

export const valuationInputSchema = z.object({
  /** The subject's areas by kind; a kind may appear on several lines. */
  areas: z.array(areaLineSchema).min(1).max(100),
  /** Coefficient settings per kind (defaults where left out). */
  coefficients: z.partialRecord(z.enum(AREA_KINDS), coefficientSchema).default({}),
  equivalentAreaRounding: z.enum(AREA_ROUNDING_RULES).default('HUNDREDTH_SQM'),
  areaLineRounding: z.enum(AREA_LINE_ROUNDING_RULES).default('NONE'),
  /** The determining date (valuation effective date), 'YYYY-MM-DD'. */
  valuationDate: isoDate,
  comparables: z.array(comparableInputSchema).max(1_000).default([]),
  /** Home-price index by month { 'YYYY-MM': value }; null or absent: no time adjustment. */
  indexTable: z.record(z.string().regex(MONTH_KEY, fail('INVALID_MONTH')), indexValueSchema).nullable().default(null),
  /** Outlier threshold as a percent deviation from the median (default 25). */
  outlierThresholdPercent: thresholdPercentSchema.default(2_500),
  /** A price per sqm set by the appraiser instead of the comparables' weighted mean, in agorot. */
  pricePerSqmOverrideAgorot: z.number().int().min(1, fail('PRICE_NOT_POSITIVE')).max(MAX_AGOROT).nullable().default(null),
  pricePerSqmRounding: z.enum(PRICE_PER_SQM_ROUNDING_RULES).default('AGORA'),
  fixedSums: z.array(fixedSumSchema).max(50).default([]),
  deductions: z.array(deductionSchema).max(50).default([]),
  /** The rounding rule is stated, never implied. */
  rounding: z.enum(VALUE_ROUNDING_RULES),
  /** The VAT statement; null when not stated yet (a warning, and a preflight warning). */
  vat: z.enum(VAT_STATEMENTS).nullable(),
});

/** What callers pass (decimals as text or numbers, defaults optional). */
export type ValuationInput = z.input<typeof valuationInputSchema>;
/** The parsed input: decimals as scaled integers (E4 / basis points), defaults filled. */
export type ParsedValuationInput = z.output<typeof valuationInputSchema>;
export type ComparableInput = z.input<typeof comparableInputSchema>;
export type ParsedComparable = z.output<typeof comparableInputSchema>;
