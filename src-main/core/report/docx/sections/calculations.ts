// Section 5, the calculations: the comparables with their statistics, the equivalent area and the
// calculation table (its last rows state the rounding rule and VAT).
import type { Paragraph, Table } from 'docx';
import type { CalculationSection } from '../../../../../src-shared/domain/report/model.ts';
import { COLORS, SIZES } from '../styles.ts';
import { fieldsTable, reportTable } from '../tables.ts';
import { hebrewRuns, paragraph, rtlRun, sectionHeading, subheading, textParagraph } from '../text.ts';

export function calculations(section: CalculationSection): (Paragraph | Table)[] {
  const note = { size: SIZES.table, color: COLORS.grey };
  return [
    sectionHeading(section.heading),
    ...(section.unavailable ? [textParagraph(section.unavailable, {}, { color: COLORS.missing })] : []),
    subheading('עסקאות השוואה'),
    reportTable(section.comparables, { compact: true }),
    ...(section.fewComparablesReason ? [paragraph([rtlRun('הסבר למספר העסקאות: ', note), ...hebrewRuns(section.fewComparablesReason, note)])] : []),
    subheading('נתונים סטטיסטיים (מחיר מתואם למ"ר)'),
    ...fieldsTable(section.statistics),
    subheading('שטח אקוויוולנטי'),
    reportTable(section.equivalentArea),
    subheading('תחשיב השווי'),
    reportTable(section.calculation),
  ];
}
