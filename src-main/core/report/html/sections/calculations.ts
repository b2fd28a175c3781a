// Section 5, the calculations: the comparables with their statistics, the equivalent area and the
// calculation table (its last rows state the rounding rule and VAT).
import { createElement as h } from 'react';
import type { CalculationSection } from '../../../../../src-shared/domain/report/model.ts';
import { Fields, Section, Table } from '../parts.ts';

export function Calculations({ calculations: c }: { calculations: CalculationSection }) {
  return h(
    Section,
    { heading: c.heading },
    c.unavailable ? h('p', { className: 'missing' }, c.unavailable) : null,
    h('h3', null, 'עסקאות השוואה'),
    h(Table, { table: c.comparables, compact: true }),
    c.fewComparablesReason ? h('p', { className: 'note' }, 'הסבר למספר העסקאות: ', c.fewComparablesReason) : null,
    h('h3', null, 'נתונים סטטיסטיים (מחיר מתואם למ"ר)'),
    h(Fields, { fields: c.statistics }),
    h('h3', null, 'שטח אקוויוולנטי'),
    h(Table, { table: c.equivalentArea }),
    h('h3', null, 'תחשיב השווי'),
    h(Table, { table: c.calculation }),
  );
}
