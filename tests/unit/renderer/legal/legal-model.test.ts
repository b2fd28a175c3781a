import { describe, expect, test } from 'vitest';
import { readLegalFacts } from '../../../../src-shared/domain/legal/facts.ts';
import {
  draftFromExtraction,
  draftFromValuation,
  emptyDraft,
  extractionOffersFacts,
  readStoredDraft,
  shekelsTextToAgorot,
  toValuationFields,
  validateLegalDraft,
} from '../../../../src-renderer/features/legal/legal-model.ts';
import { parseRoute, hrefOf } from '../../../../src-renderer/app/routes.ts';
import { fieldLabelKey, rowNumberOf, targetOf } from '../../../../src-renderer/features/preflight/targets.ts';
import { en } from '../../../../src-renderer/i18n/en.ts';
import { he } from '../../../../src-renderer/i18n/he.ts';

const field = (value: unknown) => ({ value, source: { document: 'נסח.pdf', page: 1 }, confidence: 0.9, edited: false });
const EXTRACTED = {
  sections: {
    identification: { block: field('9905'), parcel: field('88'), subparcel: field('8') },
    unitData: { registeredArea: field(85.5) },
    ownership: {
      owners: field([
        { name: 'ישראלי ישראל', idType: 'ID', idNumber: '034587121', share: '1/2' },
        { name: 'בנק לדוגמה בע"מ', idType: 'COMPANY', idNumber: '520000522', share: '1/2' },
      ]),
    },
    mortgages: { mortgages: field([{ rank: 'ראשונה', amountAgorot: 130_500_000, lenders: ['בנק מזרחי טפחות בע"מ'], borrowers: ['ישראלי ישראל', 'ישראלי שרה'], share: '1/1' }]) },
    attachments: { attachments: field([{ symbol: 'ח-8', colour: 'כתום', description: 'חניה', area: 12.5 }]) },
    notes: { notes: field([{ action: 'הערת אזהרה סעיף 126', beneficiary: 'לוי משה' }]) },
  },
};

describe('the property and rights form', () => {
  test('takes the facts an extraction offers and keeps what the user typed where it offers none', () => {
    const typed = { ...emptyDraft(), rightsType: 'ILA_LEASE' as const, easements: 'זכות מעבר' };
    const draft = draftFromExtraction(EXTRACTED, 'doc-1', typed);
    expect(draft).toMatchObject({ block: '9905', parcel: '88', subparcel: '8', registeredAreaSqm: '85.5', rightsType: 'ILA_LEASE', easements: 'זכות מעבר', confirmedFromDocumentId: 'doc-1' });
    expect(draft.owners.map((o) => o.idType)).toEqual(['ISRAELI_ID', 'COMPANY']);
    expect(draft.mortgages[0]).toEqual({ rank: 'ראשונה', amountShekels: '1305000', lenders: 'בנק מזרחי טפחות בע"מ', borrowers: 'ישראלי ישראל, ישראלי שרה', share: 'בשלמות' });
    expect(draft.notes).toBe('הערת אזהרה סעיף 126 — לוי משה');
    expect(extractionOffersFacts(EXTRACTED)).toBe(true);
    expect(extractionOffersFacts({ sections: { notes: { notes: field([]) } } })).toBe(false);
  });

  test('writes block, parcel and the registered area to the row and meta, the rest to meta.legal, keeping other meta', () => {
    const draft = draftFromExtraction(EXTRACTED, 'doc-1', emptyDraft());
    const fields = toValuationFields({ meta: { builtAreaSqm: '96.5', description: 'x' } }, draft);
    expect(fields).toMatchObject({ block: '9905', parcel: '88', subparcel: '8' });
    expect(fields.meta).toMatchObject({ builtAreaSqm: '96.5', description: 'x', registeredAreaSqm: '85.5' });
    const stored = readLegalFacts(fields.meta);
    expect(stored.mortgages[0]?.amountAgorot).toBe(130_500_000);
    expect(stored.notes).toEqual([{ text: 'הערת אזהרה סעיף 126 — לוי משה' }]);
    // Read back, the form shows what was saved.
    expect(draftFromValuation({ block: '9905', parcel: '88', subparcel: '8', meta: fields.meta ?? {} })).toEqual(draft);
  });

  test('refuses what the store or the report would get wrong, by the id of the field to focus', () => {
    const draft = {
      ...emptyDraft(),
      block: '99O5',
      registeredAreaSqm: '4.3e',
      owners: [{ name: '', idType: 'ISRAELI_ID' as const, idNumber: '204815931', share: 'half' }],
      mortgages: [{ rank: '', amountShekels: '1,3O5,000', lenders: '', borrowers: '', share: '' }],
    };
    expect(validateLegalDraft(draft)).toEqual({
      'legal-block': 'legal.errors.digits',
      'legal-registeredArea': 'legal.errors.area',
      'legal-owner-0-name': 'legal.errors.required',
      'legal-owner-0-share': 'legal.errors.share',
      'legal-owner-0-idNumber': 'legal.errors.idNumber',
      'legal-mortgage-0-amountShekels': 'legal.errors.notANumber',
    });
    expect(validateLegalDraft({ ...draft, block: '9905', registeredAreaSqm: '85.5', owners: [{ name: 'א', idType: 'ISRAELI_ID', idNumber: '204815930', share: 'בשלמות' }], mortgages: [] })).toEqual({});
  });

  test('reads amounts as people type them', () => {
    expect(shekelsTextToAgorot('₪ 1,305,000')).toBe(130_500_000);
    expect(shekelsTextToAgorot('250000.5')).toBe(25_000_050);
    expect(shekelsTextToAgorot('')).toBeNull();
    expect(shekelsTextToAgorot('1.3M')).toBeNaN();
  });

  test('reads a draft kept in the wizard session tolerantly', () => {
    expect(readStoredDraft(null)).toBeNull();
    expect(readStoredDraft({ block: '1', owners: [{ name: 'א' }], rightsType: 'NONSENSE' })).toMatchObject({ block: '1', rightsType: '', owners: [{ name: 'א', idType: 'ISRAELI_ID', idNumber: '', share: '' }] });
  });
});

describe('preflight links', () => {
  test('lead to the field that fixes the issue, not to the step', () => {
    expect(targetOf('block')).toEqual({ step: 3, elementId: 'legal-block' });
    expect(targetOf('meta.registeredAreaSqm')).toEqual({ step: 3, elementId: 'legal-registeredArea' });
    expect(targetOf('ownership')).toEqual({ step: 3, elementId: 'legal-owners-add' });
    expect(targetOf('ownership.1.share')).toEqual({ step: 3, elementId: 'legal-owner-1-share' });
    expect(targetOf('step1Data.client.name')).toEqual({ step: 1, elementId: 'step1-client-name' });
    expect(targetOf('meta.builtAreaSqm')).toEqual({ step: 1, elementId: 'step1-builtAreaSqm' });
    expect(targetOf('calculation.vat')).toEqual({ step: 4, elementId: 'step4-vat' });
    expect(targetOf('comparables.2')).toEqual({ step: 4, elementId: 'step4-comparable-2' });
    expect(targetOf('comparables')).toEqual({ step: 4, elementId: 'step4-few-comparables-reason' });
  });

  test('carry the field through the address and back', () => {
    const href = hrefOf({ name: 'valuation', id: 'v1', step: 3, focus: 'legal-block' });
    expect(href).toBe('#/valuations/v1/step/3?focus=legal-block');
    expect(parseRoute(href)).toEqual({ name: 'valuation', id: 'v1', step: 3, focus: 'legal-block' });
    // Only an element id is taken from the address.
    expect(parseRoute('#/valuations/v1/step/3?focus=%3Cscript%3E')).toEqual({ name: 'valuation', id: 'v1', step: 3 });
  });

  test('name every field the preflight reports in both languages, never by its path', () => {
    const fields = [
      'block', 'parcel', 'subparcel', 'addressFull', 'meta.registeredAreaSqm', 'meta.builtAreaSqm', 'legal.rightsType', 'ownership', 'ownership.0.name',
      'ownership.0.share', 'ownership.0.idNumber', 'comparables', 'comparables.2', 'calculation.areas', 'finalValuationAgorot',
      ...['valuationType', 'reportDate', 'valuationDate', 'visitDate', 'client.name', 'street', 'buildingNumber', 'city', 'rooms', 'floor', 'appraiserName', 'appraiserLicense', 'landContaminationNote'].map((f) => `step1Data.${f}`),
    ];
    const lookup = (catalog: unknown, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
    for (const f of fields) {
      for (const catalog of [he, en]) expect(typeof lookup(catalog, fieldLabelKey(f)), `${f} → ${fieldLabelKey(f)}`).toBe('string');
    }
    expect(rowNumberOf('ownership.1.share')).toBe(2);
  });
});
