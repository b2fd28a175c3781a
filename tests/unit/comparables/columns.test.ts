import { describe, expect, it } from 'vitest';
import { remapped } from '../../../src-shared/domain/comparables/columns.ts';
import { previewImport } from '../../../src-shared/domain/comparables/preview.ts';

const ROWS = [
  ['תאריך עסקה', 'כתובת', 'גוש', 'שטח במ"ר', 'מחיר', 'הערות'],
  ['9/18/2024', '????? 3', '10870/45/3', '85,5 מ"ר', 'abc', 'משופצת'],
  ['3/11/2024', 'הנשיא 12, חיפה', '10870/45/7', '98', '₪ 2.6M', ''],
];

describe('how each column was read', () => {
  it('gives the field, the kind and the first example read without an error, as written and as read', () => {
    const preview = previewImport(ROWS);
    expect(preview.columns).toEqual([
      { header: 'תאריך עסקה', field: 'dealDate', mappedBy: 'HEADER', kind: 'date', example: { rowNumber: 2, raw: '9/18/2024', parsed: '2024-09-18' } },
      { header: 'כתובת', field: 'address', mappedBy: 'HEADER', kind: 'text', example: { rowNumber: 3, raw: 'הנשיא 12, חיפה', parsed: 'הנשיא | 12 | חיפה' } },
      { header: 'גוש', field: 'block', mappedBy: 'HEADER', kind: 'registry', example: { rowNumber: 2, raw: '10870/45/3', parsed: '10870/45/3' } },
      { header: 'שטח במ"ר', field: 'areaSqm', mappedBy: 'HEADER', kind: 'area', example: { rowNumber: 2, raw: '85,5 מ"ר', parsed: '85.5' } },
      { header: 'מחיר', field: 'priceNis', mappedBy: 'HEADER', kind: 'money', example: { rowNumber: 3, raw: '₪ 2.6M', parsed: '2600000' } },
      { header: 'הערות', field: null, mappedBy: null, kind: null, example: null },
    ]);
  });

  it('marks a column the user re-mapped, and a field moved to another column leaves the first one', () => {
    const detected = previewImport(ROWS).mapping;
    const mapping = remapped(detected, 5, 'propertyType');
    expect(mapping).toEqual(['dealDate', 'address', 'block', 'areaSqm', 'priceNis', 'propertyType']);
    expect(previewImport(ROWS, { mapping }).columns[5]).toEqual({ header: 'הערות', field: 'propertyType', mappedBy: 'USER', kind: 'text', example: { rowNumber: 2, raw: 'משופצת', parsed: 'משופצת' } });
    expect(remapped(mapping, 1, 'propertyType')).toEqual(['dealDate', 'propertyType', 'block', 'areaSqm', 'priceNis', null]);
    expect(remapped(mapping, 0, null)[0]).toBeNull();
  });
});
