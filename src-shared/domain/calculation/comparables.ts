// The comparables of the comparison approach (DOMAIN.md "The calculation"), exactly:
//   raw price per sqm       p_i   = price_i / area_i                      (agorot per sqm)
//   time adjustment         p_i^t = p_i * I_valuation / I_deal            (when an index table is given)
//   adjustments             p_i'  = p_i^t * product_j (1 + a_ij)          (a_ij in basis points, compounding)
//   estimate                p*    = sum(w_i p_i') / sum(w_i)               over included comparables
// All of it in exact rationals; each printed figure is rounded half away from zero to an agora.
//
// Index lookup: the index of a date is the table's value for the date's month, or else for the
// nearest earlier month in the table (INDEX_FALLBACK warning); no month at or before it -> MISSING_INDEX
// (an error for the valuation date and for included comparables, a warning for excluded ones).
//
// Statistics (count, mean, median, min, max) are over the included comparables' adjusted prices p_i';
// the mean is unweighted (p* is the weighted one). Median of an even count: the mean of the middle two.
//
// OUTLIER RULE: a comparable is flagged when its adjusted price per sqm deviates from the median of the
// included comparables by MORE than the threshold (default 25%): |p_i' - m| > t * m. Exactly 25% is
// not flagged. Every comparable is flagged against the included median (so an excluded one shows
// whether it would be an outlier); a flag never excludes anything — the appraiser decides.
// Chosen over the 1.5 x IQR fences because appraisals have 3-8 comparables, where quartiles are
// unstable and a "25% from the median" rule is one a reader of the report can check by hand.
import { monthOf } from './dates.ts';
import {
  absRational,
  add,
  compare,
  div,
  E4,
  mul,
  ONE,
  rational,
  roundRational,
  sub,
  sum,
  toSafeNumber,
  ZERO,
  type Rational,
} from './decimal.ts';
import type { CalculationError, CalculationWarning } from './issues.ts';
import type { ParsedComparable } from './input.ts';

/** Below this many included comparables the calculation warns FEW_COMPARABLES. */
export const MIN_COMPARABLES = 3;
export const DEFAULT_OUTLIER_THRESHOLD_BP = 2_500;

/** Index values by month 'YYYY-MM', E4. */
export type IndexTableE4 = Readonly<Record<string, number>>;

export interface IndexLookup {
  /** The month of the date. */
  month: string;
  /** The month whose value is used (the same, or the nearest earlier one in the table). */
  usedMonth: string;
  valueE4: number;
}

/** The index for a date: its month's value, or the nearest earlier month's; null when none is at or before it. */
export function lookupIndex(table: IndexTableE4, isoDate: string): IndexLookup | null {
  const month = monthOf(isoDate);
  let usedMonth: string | null = null;
  for (const key of Object.keys(table)) {
    if (key <= month && (usedMonth === null || key > usedMonth)) usedMonth = key;
  }
  if (usedMonth === null) return null;
  const valueE4 = table[usedMonth];
  return valueE4 === undefined ? null : { month, usedMonth, valueE4 };
}

/** The median of exact values (the mean of the middle two for an even count); null for none. */
export function median(values: readonly Rational[]): Rational | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort(compare);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as Rational;
  if (sorted.length % 2 === 1) return upper;
  const lower = sorted[mid - 1] as Rational;
  return div(add(lower, upper), rational(2));
}

export interface ComparableLine {
  id: string;
  /** Position in the input list. */
  index: number;
  included: boolean;
  dealDate: string;
  priceAgorot: number;
  areaHundredths: number;
  /** p_i, agorot per sqm (rounded to an agora for display; the calculation keeps it exact). */
  rawPerSqmAgorot: number;
  /** The index pair used, or null when no time adjustment was made (no table, or a missing index). */
  time: { dealMonth: string; dealIndexMonth: string; dealIndexE4: number; valuationIndexMonth: string; valuationIndexE4: number } | null;
  /** p_i after the time adjustment (equal to raw when there is no table), or null when the index is missing. */
  timeAdjustedPerSqmAgorot: number | null;
  adjustments: { factor: string; bp: number }[];
  /** product(1 + a_ij) - 1 in basis points, rounded (display only; the calculation keeps it exact). */
  combinedAdjustmentBp: number;
  /** p_i', or null when the time adjustment could not be made. */
  adjustedPerSqmAgorot: number | null;
  weightE4: number;
  /** Deviation of p_i' from the included median, basis points (rounded), or null. */
  deviationBp: number | null;
  outlier: boolean;
}

export interface ComparableStatistics {
  /** Included comparables with an adjusted price. */
  count: number;
  meanAgorot: number;
  medianAgorot: number;
  minAgorot: number;
  maxAgorot: number;
  /** p*, the weighted mean before any price-per-sqm rounding, rounded to an agora; null when the weights sum to 0. */
  weightedMeanAgorot: number | null;
  totalWeightE4: number;
}

export interface ComparablesAnalysis {
  lines: ComparableLine[];
  statistics: ComparableStatistics | null;
  /** p* exact, or null when there is no included comparable or the weights sum to 0. */
  weightedMean: Rational | null;
  /** The valuation date's index, when there is a table and it has one. */
  valuationIndex: IndexLookup | null;
  warnings: CalculationWarning[];
  errors: CalculationError[];
}

export interface ComparablesOptions {
  valuationDate: string;
  /** null: no time adjustment. */
  indexTable: IndexTableE4 | null;
  outlierThresholdBp?: number;
}

/** The rational rounded half away from zero, as a safe number (OUT_OF_RANGE and 0 otherwise). */
const rounded = (value: Rational, path: string, errors: CalculationError[]): number => {
  const safe = toSafeNumber(roundRational(value));
  if (safe === null) {
    errors.push({ code: 'OUT_OF_RANGE', path, params: {} });
    return 0;
  }
  return safe;
};

/** Analyses the comparables: per-line prices, p*, statistics, outlier flags, warnings and errors. */
export function analyzeComparables(comparables: readonly ParsedComparable[], options: ComparablesOptions): ComparablesAnalysis {
  const { valuationDate, indexTable } = options;
  const thresholdBp = options.outlierThresholdBp ?? DEFAULT_OUTLIER_THRESHOLD_BP;
  const warnings: CalculationWarning[] = [];
  const errors: CalculationError[] = [];

  const seen = new Set<string>();
  comparables.forEach((c, i) => {
    if (seen.has(c.id)) errors.push({ code: 'DUPLICATE_COMPARABLE_ID', path: `comparables.${i}.id`, params: { comparableId: c.id } });
    seen.add(c.id);
  });

  let valuationIndex: IndexLookup | null = null;
  if (indexTable !== null) {
    valuationIndex = lookupIndex(indexTable, valuationDate);
    if (valuationIndex === null) {
      errors.push({ code: 'MISSING_INDEX', path: 'valuationDate', params: { date: valuationDate, month: monthOf(valuationDate) } });
    } else if (valuationIndex.usedMonth !== valuationIndex.month) {
      warnings.push({ code: 'INDEX_FALLBACK', path: 'valuationDate', params: { date: valuationDate, month: valuationIndex.month, usedMonth: valuationIndex.usedMonth } });
    }
  }

  // Exact p_i' per comparable (null when its time adjustment is impossible).
  const exact: (Rational | null)[] = [];
  const lines: ComparableLine[] = comparables.map((c, i) => {
    const path = `comparables.${i}`;
    if (c.dealDate > valuationDate) {
      warnings.push({ code: 'DEAL_AFTER_VALUATION_DATE', path: `${path}.dealDate`, params: { comparableId: c.id, dealDate: c.dealDate, valuationDate } });
    }
    // price (agorot) / area (hundredths of a sqm) * 100 = agorot per sqm.
    const raw = rational(BigInt(c.priceAgorot) * 100n, BigInt(c.areaHundredths));
    let timeAdjusted: Rational | null = raw;
    let time: ComparableLine['time'] = null;
    if (indexTable !== null) {
      const deal = lookupIndex(indexTable, c.dealDate);
      if (deal === null) {
        timeAdjusted = null;
        const params = { comparableId: c.id, date: c.dealDate, month: monthOf(c.dealDate) };
        if (c.included) errors.push({ code: 'MISSING_INDEX', path: `${path}.dealDate`, params });
        else warnings.push({ code: 'MISSING_INDEX', path: `${path}.dealDate`, params });
      } else if (valuationIndex === null) {
        timeAdjusted = null;
      } else {
        if (deal.usedMonth !== deal.month && c.included) {
          warnings.push({ code: 'INDEX_FALLBACK', path: `${path}.dealDate`, params: { date: c.dealDate, month: deal.month, usedMonth: deal.usedMonth } });
        }
        timeAdjusted = mul(raw, rational(valuationIndex.valueE4, deal.valueE4));
        time = {
          dealMonth: deal.month,
          dealIndexMonth: deal.usedMonth,
          dealIndexE4: deal.valueE4,
          valuationIndexMonth: valuationIndex.usedMonth,
          valuationIndexE4: valuationIndex.valueE4,
        };
      }
    }
    // product(1 + a_ij) with a_ij = bp / 10^4: product((10^4 + bp) / 10^4), compounding.
    const factor = c.adjustments.reduce((acc, a) => mul(acc, rational(E4 + BigInt(a.percent), E4)), ONE);
    const adjusted = timeAdjusted === null ? null : mul(timeAdjusted, factor);
    exact.push(adjusted);
    return {
      id: c.id,
      index: i,
      included: c.included,
      dealDate: c.dealDate,
      priceAgorot: c.priceAgorot,
      areaHundredths: c.areaHundredths,
      rawPerSqmAgorot: rounded(raw, path, errors),
      time,
      timeAdjustedPerSqmAgorot: timeAdjusted === null ? null : rounded(timeAdjusted, path, errors),
      adjustments: c.adjustments.map((a) => ({ factor: a.factor, bp: a.percent })),
      combinedAdjustmentBp: rounded(mul(sub(factor, ONE), rational(E4)), path, errors),
      adjustedPerSqmAgorot: adjusted === null ? null : rounded(adjusted, path, errors),
      weightE4: c.weight,
      deviationBp: null,
      outlier: false,
    };
  });

  const included: { value: Rational; weightE4: number }[] = [];
  comparables.forEach((c, i) => {
    const value = exact[i];
    if (c.included && value !== undefined && value !== null) included.push({ value, weightE4: c.weight });
  });

  const includedCount = comparables.filter((c) => c.included).length;
  if (includedCount < MIN_COMPARABLES) {
    warnings.push({ code: 'FEW_COMPARABLES', path: 'comparables', params: { count: includedCount, minimum: MIN_COMPARABLES } });
  }

  const m = median(included.map((x) => x.value));
  if (m !== null && m.num > 0n) {
    const threshold = rational(thresholdBp, E4);
    lines.forEach((line, i) => {
      const value = exact[i];
      if (value === undefined || value === null) return;
      const deviation = div(sub(value, m), m);
      line.deviationBp = rounded(mul(deviation, rational(E4)), `comparables.${i}`, errors);
      line.outlier = compare(absRational(deviation), threshold) > 0;
      if (line.outlier) {
        warnings.push({
          code: 'OUTLIER',
          path: `comparables.${i}`,
          params: { comparableId: line.id, deviationBp: line.deviationBp, thresholdBp, included: line.included },
        });
      }
    });
  }

  let weightedMean: Rational | null = null;
  let statistics: ComparableStatistics | null = null;
  if (included.length > 0 && m !== null) {
    const totalWeight = included.reduce((acc, x) => acc + BigInt(x.weightE4), 0n);
    if (totalWeight === 0n) {
      errors.push({ code: 'ZERO_TOTAL_WEIGHT', path: 'comparables', params: {} });
    } else {
      // sum(w_i p_i') / sum(w_i); the E4 scale of the weights cancels.
      weightedMean = div(
        included.reduce((acc, x) => add(acc, mul(x.value, rational(x.weightE4))), ZERO),
        rational(totalWeight),
      );
    }
    const values = included.map((x) => x.value);
    const sorted = [...values].sort(compare);
    statistics = {
      count: included.length,
      meanAgorot: rounded(div(sum(values), rational(values.length)), 'comparables', errors),
      medianAgorot: rounded(m, 'comparables', errors),
      minAgorot: rounded(sorted[0] as Rational, 'comparables', errors),
      maxAgorot: rounded(sorted[sorted.length - 1] as Rational, 'comparables', errors),
      weightedMeanAgorot: weightedMean === null ? null : rounded(weightedMean, 'comparables', errors),
      totalWeightE4: Number(totalWeight),
    };
  }

  return { lines, statistics, weightedMean, valuationIndex, warnings, errors };
}
