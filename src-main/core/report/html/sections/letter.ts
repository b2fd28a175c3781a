// The opening letter: addressee, date and reference, the subject, the valuation's particulars and the
// limitation of liability.
import { createElement as h } from 'react';
import type { LetterSection } from '../../../../../src-shared/domain/report/model.ts';
import { Fields, Paragraphs, Value } from '../parts.ts';

export function Letter({ letter }: { letter: LetterSection }) {
  return h(
    'section',
    { className: 'page-start' },
    h(
      'div',
      { className: 'letter-head' },
      h('div', null, 'לכבוד', h('br'), h('strong', null, h(Value, { text: letter.addressee }))),
      h(
        'div',
        { className: 'meta' },
        h('div', null, 'תאריך: ', h(Value, { text: letter.date })),
        h('div', null, 'סימוכין: ', h(Value, { text: letter.reference })),
      ),
    ),
    h('p', { className: 'subject' }, 'הנדון: ', letter.subject),
    h('p', null, letter.introduction),
    h('h3', null, 'פרטי חוות הדעת'),
    h(Fields, { fields: letter.fields }),
    h('h3', null, 'הגבלת אחריות'),
    h(Paragraphs, { texts: letter.liability }),
  );
}
