// Section 3, the planning status: plans, building rights, permits, completion certificate, and
// land contamination.
import { createElement as h } from 'react';
import type { PlanningSection } from '../../../../../src-shared/domain/report/model.ts';
import { Fields, Section, Table, Value } from '../parts.ts';

export function Planning({ planning }: { planning: PlanningSection }) {
  return h(
    Section,
    { heading: planning.heading },
    h('h3', null, 'תכניות בניין עיר החלות על המקרקעין'),
    planning.plans ? h(Table, { table: planning.plans }) : h('p', null, h(Value, { text: null })),
    h('h3', null, 'זכויות בנייה'),
    planning.buildingRights.length ? h(Fields, { fields: planning.buildingRights }) : h('p', null, h(Value, { text: null })),
    h('h3', null, 'היתרי בנייה'),
    h(Table, { table: planning.permits }),
    h('h3', null, 'תעודת גמר'),
    h('p', null, h(Value, { text: planning.completionCertificate })),
    planning.otherFields.length ? h('h3', null, 'נתונים נוספים') : null,
    h(Fields, { fields: planning.otherFields }),
    h('h3', null, 'זיהום קרקע'),
    h('p', null, planning.contamination),
  );
}
