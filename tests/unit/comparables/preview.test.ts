import { describe, expect, it } from 'vitest';
import { dealKey, previewImport, pricePerSqmAgorot } from '../../../src-shared/domain/comparables/preview.ts';

const HEADER = ['יום מכירה', 'כתובת', 'גוח', 'חדרים', 'קומה', 'שטח דירה במר', 'חניות', 'שנת בניה', 'מחיר מוצהר', 'מחיר למר במעוגל'];
const GOOD = ['15/01/2024', 'רחוב הרצל 123, תל אביב', '9905/88/8', '3.5', '2', '85.5', '1', '2010', '2850000', '33300'];

describe('previewImport', () => {
  it('parses the DOMAIN.md spreadsheet row into the library units', () => {
    const preview = previewImport([HEADER, GOOD]);
    expect(preview.headerRow).toBe(0);
    expect(preview.source).toBe('SPREADSHEET');
    expect(preview.missingFields).toEqual([]);
    expect(preview.validCount).toBe(1);
    const [row] = preview.rows;
    expect(row?.rowNumber).toBe(2);
    expect(row?.errors).toEqual([]);
    expect(row?.warnings).toEqual([]);
    expect(row?.values).toEqual({
      dealDate: '2024-01-15',
      address: 'רחוב הרצל 123, תל אביב',
      street: 'הרצל',
      houseNumber: '123',
      city: 'תל אביב',
      block: '9905',
      parcel: '88',
      subparcel: '8',
      roomsTenths: 35,
      floor: '2',
      areaHundredths: 8550,
      parking: 1,
      buildYear: 2010,
      priceAgorot: 285_000_000,
      pricePerSqmAgorot: 3_330_000,
      propertyType: null,
      dealNature: null,
      partialShare: null,
    });
  });

  it('reports per-row errors for broken rows and keeps the good ones valid', () => {
    const rows = [
      HEADER,
      GOOD,
      ['31/02/2024', 'הרצל 5, חיפה', '10000/1/2', '4', '3', '90', '0', '1999', '1500000', ''], // bad date
      ['01/03/2024', 'הרצל 7, חיפה', '10000/1/3', '4', '3', '90', '0', '1999', '', ''], // missing price
      ['02/03/2024', 'הרצל 9, חיפה', '10000/1/4', '4', '3', 'תשעים', '0', '1999', '1500000', ''], // non-numeric area
      ['03/03/2024', 'הרצל 11, חיפה', 'ליד הים', '4', '3', '90', '0', '1999', '1500000', ''], // unknown block format
      ['', '', '', '', '', '', '', '', '', ''], // blank: skipped
    ];
    const preview = previewImport(rows);
    expect(preview.rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6]);
    expect(preview.validCount).toBe(1);
    expect(preview.invalidCount).toBe(4);
    const errors = preview.rows.map((r) => r.errors.map((e) => ({ column: e.column, field: e.field })));
    expect(errors).toEqual([
      [],
      [{ column: 'יום מכירה', field: 'dealDate' }],
      [{ column: 'מחיר מוצהר', field: 'priceNis' }],
      [{ column: 'שטח דירה במר', field: 'areaSqm' }],
      [{ column: 'גוח', field: 'blockParcel' }],
    ]);
    expect(preview.rows[1]?.errors[0]?.message).toMatch(/not a valid date/);
    expect(preview.rows[2]?.errors[0]?.message).toMatch(/price is missing/);
    expect(preview.rows[3]?.errors[0]?.message).toMatch(/'תשעים' is not a number/);
    expect(preview.rows[4]?.errors[0]?.message).toMatch(/not a block\/parcel\/sub-parcel/);
  });

  it('reports missing required columns and an unlocatable deal', () => {
    const preview = previewImport([
      ['תאריך', 'חדרים', 'שטח'],
      ['15/01/2024', '3', '70'],
    ]);
    expect(preview.missingFields).toEqual(['priceNis']);
    const messages = preview.rows[0]?.errors.map((e) => e.message) ?? [];
    expect(messages).toContain('the price is missing');
    expect(messages).toContain('no address, city or block: the deal cannot be located');
  });

  it('finds the header row below a title line and honours a mapping given by the user', () => {
    const rows = [['עסקאות השוואה - רמת גן'], ['', ''], ['תאריך', 'סכום', 'מקום'], ['15/01/2024', '2,000,000', 'ביאליק 3, רמת גן']];
    const detected = previewImport(rows);
    expect(detected.headerRow).toBe(2);
    expect(detected.mapping).toEqual(['dealDate', 'priceNis', null]);
    expect(detected.rows[0]?.errors.map((e) => e.message)).toEqual(['no address, city or block: the deal cannot be located']);

    const mapped = previewImport(rows, { mapping: ['dealDate', 'priceNis', 'address'] });
    expect(mapped.rows[0]?.errors).toEqual([]);
    expect(mapped.rows[0]?.values).toMatchObject({ street: 'ביאליק', houseNumber: '3', city: 'רמת גן', priceAgorot: 200_000_000 });
  });

  it('reads a nadlan export with separate block, parcel and sub-parcel columns', () => {
    const preview = previewImport([
      ['dealDate', 'dealAmount', 'settlementNameHeb', 'streetNameHeb', 'houseNum', 'floorNo', 'assetArea', 'assetRoomNum', 'propertyTypeDescription', 'dealNatureDescription', 'gushNum', 'parcelNum', 'subParcelNum'],
      ['2024-03-10T00:00:00', '1950000', 'חולון', 'סוקולוב', '40', 'שלישית', '72', '3', 'דירה בבית קומות', 'מכר', '6158', '123', '4'],
    ]);
    expect(preview.source).toBe('NADLAN');
    expect(preview.rows[0]?.errors).toEqual([]);
    expect(preview.rows[0]?.values).toMatchObject({
      dealDate: '2024-03-10',
      priceAgorot: 195_000_000,
      city: 'חולון',
      street: 'סוקולוב',
      houseNumber: '40',
      floor: 'שלישית',
      areaHundredths: 7200,
      roomsTenths: 30,
      propertyType: 'דירה בבית קומות',
      dealNature: 'מכר',
      block: '6158',
      parcel: '123',
      subparcel: '4',
    });
  });

  it('warns about partial-share deals, a stated price per sqm that does not add up, outliers and repeated deals', () => {
    const header = ['תאריך', 'כתובת', 'שטח', 'מחיר', 'מחיר למר', 'חלק נמכר'];
    const preview = previewImport([
      header,
      ['01/01/2024', 'הרצל 1, חולון', '100', '2000000', '20000', ''],
      ['02/01/2024', 'הרצל 2, חולון', '100', '2100000', '30000', ''], // stated 30,000 against 21,000
      ['03/01/2024', 'הרצל 3, חולון', '100', '1000000', '', '1/2'], // half the flat
      ['04/01/2024', 'הרצל 4, חולון', '100', '2050000', '', ''],
      ['05/01/2024', 'הרצל 5, חולון', '100', '1950000', '', ''],
      ['06/01/2024', 'הרצל 6, חולון', '100', '2000', '', ''], // price in thousands: an outlier
      ['01/01/2024', 'הרצל 1 ,חולון', '100', '2,000,000', '', ''], // the first deal again
    ], { dateOrder: 'DMY' }); // every date reads both ways: the user chose day first
    expect(preview.invalidCount).toBe(0);
    const warnings = preview.rows.map((r) => r.warnings.map((w) => w.message).join(' | '));
    expect(warnings[0]).toBe('');
    expect(warnings[1]).toMatch(/differs from price \/ area \(21000\)/);
    expect(warnings[2]).toMatch(/only 1\/2 of the property was sold/);
    expect(warnings[5]).toMatch(/outlier: 20 NIS per sqm/);
    expect(warnings[6]).toMatch(/the same deal as row 2/);
  });

  it('identifies a deal by date, place and price', () => {
    const base = { dealDate: '2024-01-15', priceAgorot: 100, block: null, parcel: null, subparcel: null, street: 'הרצל', houseNumber: '1', city: 'חולון', address: null };
    expect(dealKey(base)).toBe(dealKey({ ...base, street: 'רחוב הרצל', city: ' חולון ' }));
    expect(dealKey(base)).not.toBe(dealKey({ ...base, priceAgorot: 101 }));
    expect(dealKey({ ...base, block: '6158', parcel: '1', subparcel: '2' })).toBe('2024-01-15|g:6158/1/2|100');
    expect(dealKey({ ...base, dealDate: null })).toBeNull();
    expect(pricePerSqmAgorot(285_000_000, 8550)).toBe(3_333_333);
  });
});
