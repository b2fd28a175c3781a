// Section 1, the property and its environment: particulars, description, maps, plans and photos.
import { createElement as h } from 'react';
import type { PropertySection } from '../../../../../src-shared/domain/report/model.ts';
import { Fields, Gallery, Section, Value } from '../parts.ts';

export function Property({ property }: { property: PropertySection }) {
  return h(
    Section,
    { heading: property.heading, pageStart: true },
    h(Fields, { fields: property.fields }),
    h('h3', null, 'תיאור הנכס'),
    h('p', null, h(Value, { text: property.description })),
    property.maps.length ? h('h3', null, 'מפות ותצלומי אוויר') : null,
    h(Gallery, { images: property.maps, wide: true }),
    property.plans.length ? h('h3', null, 'תשריט הדירה') : null,
    h(Gallery, { images: property.plans, wide: true }),
    h('h3', null, 'תמונות הנכס'),
    property.photos.length ? h(Gallery, { images: property.photos }) : h('p', null, h(Value, { text: null })),
  );
}
