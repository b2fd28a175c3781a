import { describe, expect, it } from 'vitest';
import { fieldForHeader, isNadlanHeaderRow, mapHeaders, normalizeHeader } from '../../../src-shared/domain/comparables/headers.ts';

describe('comparables header mapping', () => {
  it('maps the Hebrew headers of an appraiser spreadsheet (DOMAIN.md example)', () => {
    const headers = 'יום מכירה,כתובת,גוח,חדרים,קומה,שטח דירה במר,חניות,שנת בניה,מחיר מוצהר,מחיר למר במעוגל'.split(',');
    expect(mapHeaders(headers)).toEqual([
      'dealDate',
      'address',
      'blockParcel',
      'rooms',
      'floor',
      'areaSqm',
      'parking',
      'buildYear',
      'priceNis',
      'pricePerSqmNis',
    ]);
  });

  it('reads geresh, gershayim, quotes, bidi marks and punctuation the same way', () => {
    expect(fieldForHeader('גו"ח')).toBe('blockParcel');
    expect(fieldForHeader('גו״ח')).toBe('blockParcel');
    expect(fieldForHeader('\u200fשטח דירה במ"ר\u200f')).toBe('areaSqm');
    expect(fieldForHeader('מחיר למ״ר (במעוגל)')).toBe('pricePerSqmNis');
    expect(fieldForHeader('\ufeffיום מכירה')).toBe('dealDate');
    expect(fieldForHeader('גוש/חלקה/תת חלקה')).toBe('blockParcel');
    expect(fieldForHeader('שווי מכירה (₪)')).toBe('priceNis');
    expect(normalizeHeader('  Deal_Date ')).toBe('deal date');
  });

  it('maps the nadlan export keys and recognises a nadlan file', () => {
    const headers = [
      'dealDate',
      'dealAmount',
      'settlementNameHeb',
      'streetNameHeb',
      'houseNum',
      'floorNo',
      'assetArea',
      'assetRoomNum',
      'propertyTypeDescription',
      'dealNatureDescription',
      'gushNum',
      'parcelNum',
      'subParcelNum',
    ];
    expect(mapHeaders(headers)).toEqual([
      'dealDate',
      'priceNis',
      'city',
      'street',
      'houseNumber',
      'floor',
      'areaSqm',
      'rooms',
      'propertyType',
      'dealNature',
      'block',
      'parcel',
      'subparcel',
    ]);
    expect(isNadlanHeaderRow(headers)).toBe(true);
    expect(isNadlanHeaderRow(['יום מכירה', 'מחיר'])).toBe(false);
  });

  it('maps English headers in any case and spacing', () => {
    expect(mapHeaders(['Date', 'Address', 'Block/Parcel', 'Rooms', 'Floor', 'Area (sqm)', 'Parking', 'Year built', 'Price', 'Price per sqm', 'City', 'Street'])).toEqual([
      'dealDate',
      'address',
      'blockParcel',
      'rooms',
      'floor',
      'areaSqm',
      'parking',
      'buildYear',
      'priceNis',
      'pricePerSqmNis',
      'city',
      'street',
    ]);
  });

  it('falls back to keywords, maps a field to its first column only and leaves unknown columns unmapped', () => {
    expect(fieldForHeader('תאריך חתימת החוזה')).toBe('dealDate');
    expect(fieldForHeader('שטח רצפה כולל')).toBe('areaSqm');
    expect(fieldForHeader('הערות')).toBeNull();
    expect(fieldForHeader('')).toBeNull();
    expect(mapHeaders(['מחיר', 'מחיר', 'הערות'])).toEqual(['priceNis', null, null]);
  });
});
