// Where each preflight field is fixed on screen: the wizard step and the element the link focuses
// (not the step heading), and the words the field is called by. A preflight issue names its field by
// the core's dotted path ('block', 'meta.registeredAreaSqm', 'ownership.1.share', 'step1Data.client.name');
// a user never sees that path, only the label this gives it.

import { fieldId } from '../wizard/step1-model.ts';

/** Stable element ids of step 4 that the preflight links focus. */
export const STEP4_TARGETS = {
  comparables: 'step4-comparables',
  fewComparablesReason: 'step4-few-comparables-reason',
  calculation: 'step4-calculation',
  vat: 'step4-vat',
  /** A comparable's row, by its place in the list (0-based, as the preflight's path numbers it). */
  comparable: (index: number) => `step4-comparable-${index}`,
} as const;

export interface FieldTarget {
  step: number;
  /** The id of the element to focus. */
  elementId: string;
}


export function targetOf(field: string): FieldTarget | null {
  const [head = '', ...rest] = field.split('.');
  if (head === 'step1Data' && rest.length > 0) return { step: 1, elementId: fieldId(rest.join('.')) };
  if (head === 'addressFull') return { step: 1, elementId: fieldId('street') };
  if (field === 'meta.builtAreaSqm') return { step: 1, elementId: fieldId('builtAreaSqm') };
  if (head === 'block' || head === 'parcel' || head === 'subparcel') return { step: 3, elementId: `legal-${head}` };
  if (field === 'meta.registeredAreaSqm') return { step: 3, elementId: 'legal-registeredArea' };
  if (field === 'legal.rightsType') return { step: 3, elementId: 'legal-rightsType' };
  if (head === 'ownership') {
    const [index, column] = rest;
    return index !== undefined && column ? { step: 3, elementId: `legal-owner-${index}-${column}` } : { step: 3, elementId: 'legal-owners-add' };
  }
  if (head === 'comparables') {
    const index = rest[0] !== undefined && /^\d+$/.test(rest[0]) ? Number(rest[0]) : null;
    return { step: 4, elementId: field === 'comparables' ? STEP4_TARGETS.fewComparablesReason : index !== null ? STEP4_TARGETS.comparable(index) : STEP4_TARGETS.comparables };
  }
  if (field === 'calculation.vat') return { step: 4, elementId: STEP4_TARGETS.vat };
  if (head === 'calculation' || head === 'finalValuationAgorot') return { step: 4, elementId: STEP4_TARGETS.calculation };
  return null;
}

/** The i18n key of the field's name ('preflightFields.block' → "גוש"); null for a field with no name of its own. */
export function fieldLabelKey(field: string): string {
  const parts = field.split('.');
  if (parts[0] === 'step1Data') return `preflightFields.step1.${parts.slice(1).join('_')}`;
  if (parts[0] === 'ownership') return parts.length >= 3 ? `preflightFields.owner.${parts[2]}` : 'preflightFields.ownership';
  if (parts[0] === 'comparables') return parts.length > 1 ? 'preflightFields.comparable' : 'preflightFields.comparables';
  if (parts[0] === 'calculation') return 'preflightFields.calculation';
  return `preflightFields.${parts.join('_')}`;
}

/** The owner or comparable number a field names (1-based), for messages like "owner 2: share". */
export function rowNumberOf(field: string): number | null {
  const match = /^(?:ownership|comparables)\.(\d+)/.exec(field);
  return match ? Number(match[1]) + 1 : null;
}
