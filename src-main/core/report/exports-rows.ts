// The CSV's records: one per comparable the calculation was given, then the calculation's summary
// (equivalent area, estimated price per sqm, value before and after the stated rounding). Every figure
// is printed from computeValuation's result; nothing here computes a price.
import type { ValuationResult } from '../../../src-shared/domain/calculation/index.ts';
import { formatDate, formatE4 } from '../../../src-shared/domain/report/format.ts';
import { shekelsInWords } from '../../../src-shared/domain/report/hebrew-words.ts';
import { VALUE_ROUNDING_LABELS, VAT_LABELS } from '../../../src-shared/domain/report/labels.ts';
import { agorotText, basisPointsText, hundredthsText } from './exports-csv.ts';
import type { ExportComparable, ExportData } from './exports-data.ts';

export const COMPARABLE_HEADERS = [
  'מס׳',
  'תאריך עסקה',
  'כתובת',
  'גוש/חלקה/תת-חלקה',
  'חדרים',
  'קומה',
  'שטח (מ"ר)',
  'מחיר (₪)',
  'מחיר למ"ר (₪)',
  'מחיר למ"ר לאחר התאמת זמן (₪)',
  'התאמות',
  'התאמה מצטברת (%)',
  'מחיר מותאם למ"ר (₪)',
  'משקל',
  'נכלל',
  'חריג',
] as const;

const yesNo = (value: boolean | null): string => (value === null ? '' : value ? 'כן' : 'לא');

/** 'קומה +5%; מצב -2.5%' */
function adjustmentsText(adjustments: ExportComparable['adjustments']): string {
  return adjustments.map((a) => `${a.factor} ${a.bp > 0 ? '+' : ''}${basisPointsText(a.bp)}%`).join('; ');
}

function comparableRecord(c: ExportComparable): string[] {
  return [
    String(c.index + 1),
    formatDate(c.dealDate) ?? c.dealDate ?? '',
    c.address ?? '',
    c.blockParcel ?? '',
    c.rooms === null ? '' : String(c.rooms),
    c.floor ?? '',
    hundredthsText(c.areaHundredths),
    agorotText(c.priceAgorot),
    agorotText(c.rawPerSqmAgorot),
    agorotText(c.timeAdjustedPerSqmAgorot),
    adjustmentsText(c.adjustments),
    basisPointsText(c.combinedAdjustmentBp),
    agorotText(c.adjustedPerSqmAgorot),
    c.weightE4 === null ? '' : formatE4(c.weightE4),
    yesNo(c.included),
    yesNo(c.outlier),
  ];
}

function resultRecords(result: ValuationResult): string[][] {
  const records: string[][] = [];
  const stats = result.statistics;
  if (stats) {
    records.push(['עסקאות שנכללו', String(stats.count)]);
    records.push(['ממוצע למ"ר (₪)', agorotText(stats.meanAgorot)]);
    records.push(['חציון למ"ר (₪)', agorotText(stats.medianAgorot)]);
    records.push(['מינימום למ"ר (₪)', agorotText(stats.minAgorot)]);
    records.push(['מקסימום למ"ר (₪)', agorotText(stats.maxAgorot)]);
  }
  records.push(['שטח אקוויוולנטי (מ"ר)', hundredthsText(result.equivalentArea.areaHundredths)]);
  records.push([
    'מחיר מוערך למ"ר (₪)',
    agorotText(result.pricePerSqm.usedAgorot),
    result.pricePerSqm.source === 'MANUAL' ? 'נקבע על ידי השמאי' : 'ממוצע משוקלל של העסקאות',
  ]);
  records.push(['שווי השטח (₪)', agorotText(result.areaValueAgorot)]);
  for (const f of result.fixedSums) records.push(['תוספת (₪)', agorotText(f.amountAgorot), f.label ?? f.kind]);
  for (const d of result.deductions) records.push(['הפחתה (₪)', agorotText(d.amountAgorot), d.label]);
  records.push(['שווי לפני עיגול (₪)', agorotText(result.valueBeforeRoundingAgorot)]);
  records.push(['עיגול', VALUE_ROUNDING_LABELS[result.rounding.rule]]);
  records.push(['שווי (₪)', agorotText(result.roundedValueAgorot)]);
  records.push(['שווי במילים', shekelsInWords(result.roundedValueAgorot)]);
  records.push(['מע"מ', result.vat ? VAT_LABELS[result.vat] : 'לא צוין']);
  return records;
}

/** The summary below the comparables: the result, or why there is none. */
function summaryRecords(data: ExportData): string[][] {
  const records: string[][] = [['סיכום החישוב']];
  const outcome = data.calculation;
  if (outcome === null) records.push(['חישוב', 'לא הוגדר חישוב']);
  else if (!outcome.ok) records.push(['חישוב', `החישוב לא הושלם: ${outcome.errors.map((e) => e.code).join(', ')}`]);
  else records.push(...resultRecords(outcome.result));
  if (data.fewComparablesReason) records.push(['נימוק למיעוט עסקאות', data.fewComparablesReason]);
  return records;
}

/** Header, one record per comparable, an empty record, then the summary. */
export function valuationCsvRecords(data: ExportData): string[][] {
  return [[...COMPARABLE_HEADERS], ...data.comparables.map(comparableRecord), [], ...summaryRecords(data)];
}
