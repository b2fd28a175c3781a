// The cover: the organization's logo, the report's title, the property and its address, the facade photo.
import { createElement as h } from 'react';
import type { CoverSection } from '../../../../../src-shared/domain/report/model.ts';
import { Value } from '../parts.ts';

export function Cover({ cover }: { cover: CoverSection }) {
  return h(
    'div',
    { className: 'cover' },
    cover.logoDataUrl ? h('img', { className: 'logo', src: cover.logoDataUrl, alt: cover.organizationName ?? '' }) : null,
    cover.organizationName ? h('div', { className: 'organization' }, cover.organizationName) : null,
    h('h1', null, cover.title),
    h('div', { className: 'property' }, h(Value, { text: cover.propertyType })),
    h('div', { className: 'address' }, h(Value, { text: cover.address })),
    cover.photo ? h('img', { className: 'photo', src: cover.photo.dataUrl, alt: 'חזית הבניין' }) : null,
    h('div', { className: 'date' }, 'תאריך: ', h(Value, { text: cover.reportDate })),
  );
}
