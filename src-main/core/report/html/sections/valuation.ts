// Section 6, the valuation: the value in digits and in words, its conditions, the appraiser's
// declaration, signature and licence.
import { createElement as h } from 'react';
import type { ValuationSection } from '../../../../../src-shared/domain/report/model.ts';
import { List, Paragraphs, Section, Value } from '../parts.ts';

export function Valuation({ valuation: v }: { valuation: ValuationSection }) {
  return h(
    Section,
    { heading: v.heading },
    h('p', null, v.statement),
    h(
      'div',
      { className: 'value-box' },
      h('div', { className: 'digits' }, h(Value, { text: v.valueDigits, ltr: true })),
      h('div', { className: 'words' }, '(', h(Value, { text: v.valueWords }), ')'),
    ),
    h('h3', null, 'תנאים והנחות'),
    h(List, { items: v.conditions }),
    // The declaration and the signature under it go together, never the signature alone on a page.
    h(
      'div',
      { className: 'keep' },
      h('h3', null, 'הצהרה'),
      h(Paragraphs, { texts: v.declaration }),
      h(
        'div',
        { className: 'signature' },
      h('div', null, 'ולראיה באתי על החתום, ', h(Value, { text: v.date })),
      v.appraiser.signatureDataUrl ? h('img', { src: v.appraiser.signatureDataUrl, alt: 'חתימת השמאי' }) : h('p', null, '________________'),
      h('div', null, h('strong', null, h(Value, { text: v.appraiser.name }))),
        h('div', null, 'שמאי מקרקעין, מס׳ רישיון ', h(Value, { text: v.appraiser.licence, ltr: true })),
      ),
    ),
  );
}
