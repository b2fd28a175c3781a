// Section 5 of the report, the calculations: the comparables table with its statistics, the
// equivalent-area table and the calculation table. Every figure is one that computeValuation returned
// (its `steps` are the calculation table in order); nothing here multiplies or averages anything.
import type { ComparableLine } from '../calculation/comparables.ts';
import type { CalculationError } from '../calculation/issues.ts';
import type { AreaLineRoundingRule, AreaRoundingRule } from '../calculation/input.ts';
import type { AreaLineResult, CalculationStep, ValuationOutcome, ValuationResult } from '../calculation/valuation.ts';
import { formatDate, formatE4, formatMicroSqm, formatPercentBp, formatShekels, formatShekelsPerSqm, formatSqmHundredths } from './format.ts';
import { AREA_KIND_LABELS, AREA_LINE_ROUNDING_LABELS, AREA_ROUNDING_LABELS, FIXED_SUM_LABELS, PRICE_ROUNDING_LABELS, VALUE_ROUNDING_LABELS, VAT_LABELS } from './labels.ts';
import { field, joined } from './tables.ts';
import type { CalculationSection, ReportRow, ReportSource, ReportTable, SourceComparable } from './types.ts';

const sqm = (hundredths: number) => `${formatSqmHundredths(hundredths)} מ"ר`;
const shekels = (agorot: number) => formatShekels(agorot) ?? '';
const perSqm = (agorot: number) => formatShekelsPerSqm(agorot) ?? '';

/** Why a draft's calculation has no figures, in the reader's words. */
const ERROR_TEXT: Readonly<Record<string, string>> = {
  NO_COMPARABLES: 'לא נבחרו עסקאות השוואה ולא נקבע מחיר למ"ר',
  EQUIVALENT_AREA_NOT_POSITIVE: 'לא הוזנו שטחי הנכס',
  MISSING_INDEX: 'חסר ערך מדד למועד עסקה או למועד הקובע',
  ZERO_TOTAL_WEIGHT: 'משקלות העסקאות שנכללו מסתכמים באפס',
  NEGATIVE_VALUE: 'ההפחתות עולות על השווי',
  INVALID_DATE: 'תאריך אינו תקין',
};

function unavailableText(outcome: ValuationOutcome | null): string | null {
  if (outcome === null) return 'טרם הוזנו נתוני התחשיב.';
  if (outcome.ok) return null;
  const reasons = [...new Set(outcome.errors.map((e: CalculationError) => ERROR_TEXT[e.code] ?? 'נתוני התחשיב אינם שלמים'))];
  return `לא ניתן להשלים את התחשיב: ${reasons.join('; ')}.`;
}

const COMPARABLE_COLUMNS = [
  { label: '#', ltr: true },
  { label: 'תאריך עסקה', ltr: true },
  { label: 'כתובת' },
  { label: 'גוש/חלקה', ltr: true },
  { label: 'חדרים', ltr: true },
  { label: 'קומה' },
  { label: 'שטח (מ"ר)', ltr: true },
  { label: 'מחיר', ltr: true },
  { label: 'מחיר למ"ר', ltr: true },
  { label: 'התאמות', ltr: true },
  { label: 'מחיר מתואם למ"ר', ltr: true },
  { label: 'נכלל' },
];

/** The comparables as the calculation saw them, described from the stored rows. */
function comparablesTable(source: ReportSource, result: ValuationResult | null): ReportTable {
  const byId = new Map(source.comparables.map((c) => [c.id, c]));
  const described = (c: SourceComparable | undefined) => [c?.address ?? null, c?.blockParcel ?? null, c?.rooms ?? null, c?.floor ?? null];
  const rows: ReportRow[] = result
    ? result.comparables.map((line: ComparableLine, i) => ({
        cells: [
          String(i + 1),
          formatDate(line.dealDate),
          ...described(byId.get(line.id)),
          formatSqmHundredths(line.areaHundredths),
          formatShekels(line.priceAgorot),
          formatShekelsPerSqm(line.rawPerSqmAgorot),
          line.adjustments.length || line.time ? formatPercentBp(line.combinedAdjustmentBp) : '—',
          formatShekelsPerSqm(line.adjustedPerSqmAgorot),
          line.included ? (line.outlier ? 'כן (חריג)' : 'כן') : 'לא',
        ],
        ...(line.included ? {} : { muted: true }),
      }))
    : source.comparables.map((c, i) => ({
        cells: [String(i + 1), formatDate(c.dealDate), ...described(c), formatSqmHundredths(c.areaHundredths), formatShekels(c.priceAgorot), null, null, null, null],
      }));
  return { columns: COMPARABLE_COLUMNS, rows };
}

function statisticsFields(result: ValuationResult | null): CalculationSection['statistics'] {
  const stats = result?.statistics ?? null;
  const price = (agorot: number | null | undefined) => formatShekelsPerSqm(agorot);
  return [
    field('מספר עסקאות שנכללו', stats ? String(stats.count) : null, true),
    field('ממוצע מחיר מתואם למ"ר', price(stats?.meanAgorot), true),
    field('חציון', price(stats?.medianAgorot), true),
    field('מינימום', price(stats?.minAgorot), true),
    field('מקסימום', price(stats?.maxAgorot), true),
    field('ממוצע משוקלל', price(stats?.weightedMeanAgorot), true),
  ];
}

const areaLineLabel = (l: AreaLineResult) => (l.label && l.label !== AREA_KIND_LABELS[l.kind] ? `${l.label} (${AREA_KIND_LABELS[l.kind]})` : AREA_KIND_LABELS[l.kind]);

/**
 * The area lines, their coefficients and the equivalent area. When the valuation states each line in
 * whole sqm first, the measured area is printed beside the one the coefficient multiplies, so the
 * reader sees 142.3 -> 142 and can redo 142 + 40 x 0.5 = 162.
 */
function equivalentAreaTable(result: ValuationResult | null): ReportTable {
  const perLine = result?.equivalentArea.lineRule === 'WHOLE_SQM';
  const columns = [
    { label: 'רכיב' },
    ...(perLine ? [{ label: 'שטח מדוד (מ"ר)', ltr: true }, { label: 'שטח לחישוב (מ"ר)', ltr: true }] : [{ label: 'שטח (מ"ר)', ltr: true }]),
    { label: 'מקדם', ltr: true },
    { label: 'שטח אקוויוולנטי (מ"ר)', ltr: true },
  ];
  if (!result) return { columns, rows: [] };
  const area = result.equivalentArea;
  const rows: ReportRow[] = area.lines.map((l) => ({
    cells: [
      areaLineLabel(l),
      ...(perLine ? [formatSqmHundredths(l.measuredAreaHundredths), formatSqmHundredths(l.areaHundredths)] : [formatSqmHundredths(l.areaHundredths)]),
      formatE4(l.coefficientE4),
      formatMicroSqm(l.weightedAreaMicroSqm),
    ],
  }));
  const blanks = columns.length - 2;
  const total: ReportRow = { cells: ['סה"כ שטח אקוויוולנטי', ...Array<null>(blanks).fill(null), formatSqmHundredths(area.areaHundredths)], total: true };
  return { columns, rows: [...rows, total] };
}

/** How the equivalent area was stated: per line, in total, or both. */
function areaRuleText(lineRule: AreaLineRoundingRule, rule: AreaRoundingRule): string {
  if (lineRule === 'NONE') return AREA_ROUNDING_LABELS[rule];
  return rule === 'HUNDREDTH_SQM' ? AREA_LINE_ROUNDING_LABELS[lineRule] : `${AREA_LINE_ROUNDING_LABELS[lineRule]}, ${AREA_ROUNDING_LABELS[rule]}`;
}

function stepRow(step: CalculationStep): ReportRow | null {
  switch (step.kind) {
    case 'EQUIVALENT_AREA':
      return { cells: ['שטח אקוויוולנטי (מ"ר)', areaRuleText(step.lineRule, step.rule), formatSqmHundredths(step.areaHundredths)] };
    case 'PRICE_PER_SQM': {
      const basis =
        step.source === 'MANUAL'
          ? 'נקבע על ידי השמאי'
          : joined(', ', `ממוצע משוקלל של ${step.includedComparables} עסקאות השוואה`, step.rule && step.rule !== 'AGORA' ? PRICE_ROUNDING_LABELS[step.rule] : null);
      return { cells: ['מחיר למ"ר', basis, perSqm(step.agorot)] };
    }
    case 'AREA_VALUE':
      return { cells: ['שווי השטח', `${sqm(step.areaHundredths)} × ${perSqm(step.pricePerSqmAgorot)}`, shekels(step.agorot)] };
    case 'FIXED_SUM':
      return { cells: [`תוספת: ${FIXED_SUM_LABELS[step.fixedSumKind]}`, step.label, `+${shekels(step.agorot)}`] };
    case 'DEDUCTION':
      return { cells: ['הפחתה', step.label, `-${shekels(step.agorot)}`] };
    case 'VALUE_BEFORE_ROUNDING':
      return { cells: ['שווי לפני עיגול', null, shekels(step.agorot)] };
    case 'ROUNDING':
      return { cells: ['שווי הנכס', VALUE_ROUNDING_LABELS[step.rule], shekels(step.agorot)], total: true };
    case 'VAT':
      return { cells: ['מע"מ', step.statement ? VAT_LABELS[step.statement] : null, null] };
    case 'AREA_LINE':
      return null; // the equivalent-area table lists the lines
  }
}

export function calculationSection(source: ReportSource, outcome: ValuationOutcome | null): CalculationSection {
  const result = outcome?.ok ? outcome.result : null;
  return {
    heading: '5. תחשיבים',
    unavailable: unavailableText(outcome),
    comparables: comparablesTable(source, result),
    statistics: statisticsFields(result),
    fewComparablesReason: source.fewComparablesReason,
    equivalentArea: equivalentAreaTable(result),
    calculation: {
      columns: [{ label: 'שלב' }, { label: 'פירוט' }, { label: 'סכום', ltr: true }],
      rows: result ? result.steps.flatMap((step) => stepRow(step) ?? []) : [],
    },
  };
}
