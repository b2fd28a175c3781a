// Step 3's model of documents.extracted: sections in DOMAIN.md order, tolerant reading, edits that keep
// the source and mark the field edited, and fields added by hand.
import { describe, expect, it } from 'vitest';
import {
  addManualField,
  coerceLike,
  confidencePercent,
  countFields,
  EXTRACTED_SECTIONS,
  readSections,
  removeField,
  rowColumns,
  setFieldValue,
  toField,
  valueKind,
} from '../../../../src-renderer/features/wizard/step3-model.ts';
import { en } from '../../../../src-renderer/i18n/en.ts';
import { he } from '../../../../src-renderer/i18n/he.ts';

const tabu = {
  text: 'raw text layer',
  ownership: {
    owners: {
      value: [{ name: 'משה כהן', idType: 'ת.ז', idNumber: '123456782', share: '1/2' }],
      source: { document: 'nesach.pdf', page: 2 },
      confidence: 0.92,
    },
  },
  identification: {
    block: { value: '9905', source: { document: 'nesach.pdf', page: 1 }, confidence: 0.99 },
    parcel: { value: 88, source: { document: 'nesach.pdf', page: 1 }, confidence: 0.6 },
  },
  unitData: { commonShare: '104/5975' },
};

describe('readSections', () => {
  it('orders the sections as DOMAIN.md lists them and skips non-section entries', () => {
    const sections = readSections(tabu);
    expect(sections.map((s) => s.key)).toEqual(['identification', 'ownership', 'unitData']);
    expect(sections[0]!.fields.map((f) => f.key)).toEqual(['block', 'parcel']);
  });

  it('reads a bare value as a field without source', () => {
    const unit = readSections(tabu).find((s) => s.key === 'unitData')!;
    expect(unit.fields[0]!.field).toEqual({ value: '104/5975', source: null, confidence: null, edited: false });
  });

  it('reads sections nested under `sections` too, and nothing from null', () => {
    expect(readSections({ sections: { mortgages: { m1: { value: 'x' } } } }).map((s) => s.key)).toEqual(['mortgages']);
    expect(readSections(null)).toEqual([]);
    expect(countFields(tabu)).toBe(4);
  });

  it('puts unknown sections after the known ones and the manual section last', () => {
    const keys = readSections({ manual: { a: { value: 1 } }, custom: { b: { value: 2 } }, planning: { c: { value: 3 } } }).map((s) => s.key);
    expect(keys).toEqual(['planning', 'custom', 'manual']);
  });

  it('has a label for every section in both languages', () => {
    for (const key of [...EXTRACTED_SECTIONS, 'manual']) {
      expect((he.step3.sections as Record<string, string>)[key]).toBeTruthy();
      expect((en.step3.sections as Record<string, string>)[key]).toBeTruthy();
    }
  });
});

describe('editing', () => {
  it('keeps the source and confidence and marks the field edited, without touching the input', () => {
    const next = setFieldValue(tabu, 'identification', 'block', '9906');
    expect((next.identification as Record<string, unknown>).block).toEqual({
      value: '9906',
      source: { document: 'nesach.pdf', page: 1 },
      confidence: 0.99,
      edited: true,
    });
    expect(tabu.identification.block.value).toBe('9905');
    expect(next.text).toBe('raw text layer');
    expect(next.ownership).toBe(tabu.ownership);
  });

  it('creates the section and field when they are missing', () => {
    const next = setFieldValue(null, 'planning', 'plans', 'רג/340');
    expect(next).toEqual({ planning: { plans: { value: 'רג/340', source: null, confidence: null, edited: true } } });
  });

  it('edits inside a nested `sections` object', () => {
    const next = setFieldValue({ version: 1, sections: { notes: { n: { value: 'a' } } } }, 'notes', 'n', 'b');
    expect(next).toEqual({ version: 1, sections: { notes: { n: { value: 'b', source: null, confidence: null, edited: true } } } });
  });

  it('adds manual fields with unique keys, sourced to the document, and removes them', () => {
    let extracted = addManualField(null, 'שטח מרפסת', '10.30', 'nesach.pdf');
    extracted = addManualField(extracted, 'שטח מרפסת', '12', 'nesach.pdf');
    const manual = readSections(extracted).find((s) => s.key === 'manual')!;
    expect(manual.fields.map((f) => f.key)).toEqual(['שטח מרפסת', 'שטח מרפסת (2)']);
    expect(manual.fields[0]!.field).toEqual({ value: '10.30', source: { document: 'nesach.pdf', page: null }, confidence: null, edited: true, label: 'שטח מרפסת' });
    extracted = removeField(removeField(extracted, 'manual', 'שטח מרפסת'), 'manual', 'שטח מרפסת (2)');
    expect(extracted).toEqual({});
  });

  it('keeps numbers numbers while the text is one', () => {
    expect(coerceLike(88, '89')).toBe(89);
    expect(coerceLike(1305000, '1,305,000')).toBe(1305000);
    expect(coerceLike(10.3, '10.')).toBe('10.');
    expect(coerceLike('9905', '9906')).toBe('9906');
    expect(coerceLike(true, 'false')).toBe(false);
  });
});

describe('value kinds and labels', () => {
  it('tells how a value is edited', () => {
    expect(valueKind('x')).toBe('text');
    expect(valueKind(null)).toBe('text');
    expect(valueKind(['a', 'b'])).toBe('list');
    expect(valueKind([{ symbol: 'A', area: 12 }])).toBe('rows');
    expect(valueKind({ north: 'חלקה 12' })).toBe('record');
    expect(valueKind([{ nested: { deep: 1 } }])).toBe('complex');
  });

  it('collects the columns of a table in first-seen order', () => {
    expect(rowColumns([{ symbol: 'A', area: 1 }, { symbol: 'B', colour: 'red' }])).toEqual(['symbol', 'area', 'colour']);
  });

  it('shows confidence as a percentage', () => {
    expect(confidencePercent(0.923)).toBe(92);
    expect(confidencePercent(87)).toBe(87);
    expect(confidencePercent(null)).toBeNull();
    expect(toField({ value: 1, confidence: 'high', source: { page: '3' } })).toEqual({ value: 1, source: { document: null, page: 3 }, confidence: null, edited: false });
  });
});
