// Section 4, the factors and considerations.
import { createElement as h } from 'react';
import type { FactorsSection } from '../../../../../src-shared/domain/report/model.ts';
import { List, Section } from '../parts.ts';

export function Factors({ factors }: { factors: FactorsSection }) {
  return h(
    Section,
    { heading: factors.heading },
    h('h3', null, 'גורמים'),
    h(List, { items: factors.factors }),
    h('h3', null, 'שיקולים'),
    h(List, { items: factors.considerations }),
  );
}
