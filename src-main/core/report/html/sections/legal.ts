// Section 2, the legal status: the land-registry extract's particulars, owners, leases, mortgages,
// notes, attachments and easements, and the condominium order.
import { createElement as h } from 'react';
import type { LegalSection } from '../../../../../src-shared/domain/report/model.ts';
import { Fields, List, Section, Table } from '../parts.ts';

export function Legal({ legal }: { legal: LegalSection }) {
  return h(
    Section,
    { heading: legal.heading },
    h('h3', null, 'נסח רישום מקרקעין'),
    h(Fields, { fields: [...legal.extract, ...legal.parcel] }),
    h('h3', null, 'הדירה'),
    h(Fields, { fields: legal.unit }),
    legal.additionalAreas ? h('h3', null, 'שטחים נוספים') : null,
    legal.additionalAreas ? h(Table, { table: legal.additionalAreas }) : null,
    h('h3', null, 'בעלויות'),
    h(Table, { table: legal.owners }),
    legal.leases ? h('h3', null, 'חכירות') : null,
    legal.leases ? h(Table, { table: legal.leases }) : null,
    h('h3', null, 'משכנתאות'),
    h(Table, { table: legal.mortgages }),
    h('h3', null, 'הערות'),
    h(Table, { table: legal.notes }),
    h('h3', null, 'הצמדות'),
    h(Table, { table: legal.attachments }),
    legal.easements.length ? h('h3', null, 'זיקות הנאה') : null,
    legal.easements.length ? h(List, { items: legal.easements }) : null,
    h('h3', null, 'צו בית משותף'),
    legal.condominium
      ? [h(Fields, { key: 'fields', fields: legal.condominium.fields }), legal.condominium.attachments ? h(Table, { key: 'attachments', table: legal.condominium.attachments }) : null]
      : h('p', { className: 'note' }, 'לא הומצא צו בית משותף.'),
  );
}
