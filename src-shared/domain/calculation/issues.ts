// What the calculation reports besides numbers: typed codes with parameters, never prose. The UI and
// the report turn them into text (i18n); `path` names the input field the problem belongs to, in
// dotted form ('comparables.2.areaHundredths').

export const CALCULATION_ERROR_CODES = [
  'INVALID_INPUT', // the input does not have the expected shape (params.issue: the zod issue code)
  'INVALID_DECIMAL', // not a plain decimal, or more decimals than allowed (params.maxDecimals)
  'INVALID_DATE', // not a calendar date 'YYYY-MM-DD'
  'INVALID_MONTH', // an index-table key that is not 'YYYY-MM'
  'AREA_NEGATIVE', // an area line below 0
  'AREA_NOT_POSITIVE', // a comparable's area of 0 or less
  'PRICE_NOT_POSITIVE', // a comparable's price of 0 or less, or a manual price per sqm of 0 or less
  'AMOUNT_NEGATIVE', // a fixed sum or deduction below 0
  'WEIGHT_OUT_OF_RANGE', // a weight not in [0, 1000]
  'INDEX_NOT_POSITIVE',
  'ADJUSTMENT_OUT_OF_RANGE', // an adjustment percent not in (-100, +100]
  'THRESHOLD_OUT_OF_RANGE', // the outlier threshold percent not in (0, 100]
  'COEFFICIENT_OUT_OF_RANGE', // params: kind, valueE4, minE4, maxE4
  'DUPLICATE_COMPARABLE_ID',
  'MISSING_INDEX', // no index month at or before the date (params: date, month); valuation date or an included comparable
  'NO_COMPARABLES', // no included comparable and no manual price per sqm
  'ZERO_TOTAL_WEIGHT', // the included comparables' weights sum to 0
  'EQUIVALENT_AREA_NOT_POSITIVE',
  'NEGATIVE_VALUE', // deductions exceed the value
  'OUT_OF_RANGE', // a result too large to return as a safe integer
] as const;
export type CalculationErrorCode = (typeof CALCULATION_ERROR_CODES)[number];

export interface CalculationError {
  code: CalculationErrorCode;
  /** Dotted path of the input field ('' for the input as a whole). */
  path: string;
  params: Readonly<Record<string, string | number>>;
}

export type CalculationWarning =
  /** Fewer than `minimum` included comparables: the report must state a reason (preflight). */
  | { code: 'FEW_COMPARABLES'; path: 'comparables'; params: { count: number; minimum: number } }
  /** An included or excluded comparable whose adjusted price per sqm is an outlier (see comparables.ts). */
  | { code: 'OUTLIER'; path: string; params: { comparableId: string; deviationBp: number; thresholdBp: number; included: boolean } }
  /** An excluded comparable has no index for its deal date: shown without a time adjustment. */
  | { code: 'MISSING_INDEX'; path: string; params: { comparableId: string; date: string; month: string } }
  /** The index of `month` is not in the table; the nearest earlier month `usedMonth` was used. */
  | { code: 'INDEX_FALLBACK'; path: string; params: { date: string; month: string; usedMonth: string } }
  | { code: 'DEAL_AFTER_VALUATION_DATE'; path: string; params: { comparableId: string; dealDate: string; valuationDate: string } }
  /** The price per sqm was set by hand instead of the comparables' weighted mean. */
  | { code: 'MANUAL_PRICE_PER_SQM'; path: 'pricePerSqmOverrideAgorot'; params: { usedAgorot: number; computedAgorot: number | null } }
  /** A STORAGE area line and a STORAGE fixed sum both appear: the storage may be counted twice. */
  | { code: 'STORAGE_COUNTED_TWICE'; path: 'fixedSums'; params: Record<string, never> }
  | { code: 'VAT_NOT_STATED'; path: 'vat'; params: Record<string, never> };

export type CalculationWarningCode = CalculationWarning['code'];

export const isCalculationErrorCode = (value: unknown): value is CalculationErrorCode =>
  typeof value === 'string' && (CALCULATION_ERROR_CODES as readonly string[]).includes(value);
