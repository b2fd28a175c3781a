import { afterEach, describe, expect, it } from 'vitest';
import { call, callError, signedInCore } from '../../helpers/core.ts';
import { openCoreDb } from '../../helpers/local-db.ts';
import { base64 } from './fixtures.ts';
import { ambiguousCsv, dayFirstWindows1255, lostHebrewCsv, monthFirstCsv, SERIAL_ROWS } from './real-exports.ts';
import { buildXlsx } from './xlsx-fixture.ts';

const closers: (() => void)[] = [];
afterEach(() => {
  while (closers.length) closers.pop()?.();
});
async function setup() {
  const t = await signedInCore();
  const db = openCoreDb(t.dataDir);
  closers.push(() => t.core.close(), () => db.close());
  return { ...t, db };
}

type Preview = Awaited<ReturnType<typeof previewOf>>;
const previewOf = (core: Awaited<ReturnType<typeof setup>>['core'], fileName: string, bytes: Uint8Array, dateOrder?: 'DMY' | 'MDY') =>
  call(core, 'comparables.previewImport', { fileName, source: { bytesBase64: base64(bytes) }, ...(dateOrder ? { dateOrder } : {}) });
/** Row number -> [deal date, price in agorot] of the rows read without errors. */
const recognised = (preview: Preview) => Object.fromEntries(preview.rows.filter((r) => r.errors.length === 0).map((r) => [r.rowNumber, [r.values.dealDate, r.values.priceAgorot]]));
/** Row number -> the codes of its errors, for the refused rows. */
const refused = (preview: Preview) => Object.fromEntries(preview.rows.filter((r) => r.errors.length > 0).map((r) => [r.rowNumber, r.errors.map((e) => e.code)]));

describe('comparables files as offices really export them', () => {
  it('reads the month-first export (UTF-8 with BOM, ₪ before and after, M) in the file\'s order', async () => {
    const { core, db } = await setup();
    const preview = await previewOf(core, 'גוש 10870.csv', monthFirstCsv());
    expect(preview).toMatchObject({ encoding: 'utf-8-bom', missingFields: [], lostText: null, dateOrder: { order: 'MDY', basis: 'FILE' } });
    expect(preview.mapping).toEqual(['dealDate', 'address', 'block', 'parcel', 'subparcel', 'rooms', 'floor', 'areaSqm', 'priceNis', null]);
    expect(recognised(preview)).toEqual({
      2: ['2024-03-11', 260_000_000],
      3: ['2024-09-18', 215_000_000],
      4: ['2024-04-06', 260_000_000],
      5: ['2024-04-03', 271_000_000],
      6: ['2025-01-02', 189_000_000],
      7: ['2025-02-20', 295_000_000],
      8: ['2024-12-01', 264_000_000],
      9: ['2024-11-30', 225_000_000],
      10: ['2024-10-15', 310_000_000],
      11: ['2024-07-04', 270_000_000],
      14: ['2024-08-08', 258_000_000],
    });
    expect(refused(preview)).toEqual({ 12: ['NEGATIVE'], 13: ['PRICE_ZERO'] });

    const result = await call(core, 'comparables.import', { fileName: 'גוש 10870.csv', source: { bytesBase64: base64(monthFirstCsv()) }, skipInvalid: true });
    expect(result).toMatchObject({ imported: 11, invalid: 2 });
    const stored = db.prepare('SELECT deal_date, price_agorot, block, parcel, subparcel FROM comparables ORDER BY deal_date').all();
    expect(stored[0]).toEqual({ deal_date: '2024-03-11', price_agorot: 260_000_000, block: '10870', parcel: '45', subparcel: '3' });
    expect(stored.at(-1)).toEqual({ deal_date: '2025-02-20', price_agorot: 295_000_000, block: '10870', parcel: '47', subparcel: '12' });
  });

  it('reads the day-first Windows-1255 export with dots, "." thousands, מיליון/אלף and areas in מ"ר', async () => {
    const { core } = await setup();
    const preview = await previewOf(core, 'רמת גן.csv', dayFirstWindows1255());
    expect(preview).toMatchObject({ encoding: 'windows-1255', lostText: null, dateOrder: { order: 'DMY', basis: 'FILE' } });
    expect(recognised(preview)).toEqual({
      2: ['2024-01-15', 195_000_000],
      3: ['2024-02-03', 340_000_000],
      4: ['2024-03-20', 210_000_000],
      5: ['2024-06-04', 85_000_000],
    });
    expect(preview.rows.slice(0, 4).map((r) => r.values.areaHundredths)).toEqual([7200, 10150, 6800, 4500]);
    expect(refused(preview)).toEqual({ 6: ['INVALID_DATE'], 7: ['AREA_ZERO'] });
  });

  it('asks for the order of an ambiguous file, imports nothing until told, then imports the dates as chosen', async () => {
    const { core, db } = await setup();
    const source = { bytesBase64: base64(ambiguousCsv()) };
    const asked = await previewOf(core, 'חולון.csv', ambiguousCsv());
    expect(asked.dateOrder).toEqual({
      order: null,
      basis: 'ASK',
      samples: [
        { rowNumber: 2, raw: '04/06/2024', dmy: '2024-06-04', mdy: '2024-04-06' },
        { rowNumber: 3, raw: '01/02/2025', dmy: '2025-02-01', mdy: '2025-01-02' },
      ],
    });
    expect(refused(asked)).toEqual({ 2: ['DATE_ORDER_UNDECIDED'], 3: ['DATE_ORDER_UNDECIDED'], 4: ['DATE_ORDER_UNDECIDED'] });
    const error = await callError(core, 'comparables.import', { fileName: 'חולון.csv', source, skipInvalid: true });
    expect(error).toMatchObject({ code: 'VALIDATION', details: { reason: 'DATE_ORDER_REQUIRED' } });
    expect(db.prepare('SELECT count(*) AS n FROM comparables').get()).toEqual({ n: 0 });
    // A mixed file is refused the same way until the user chooses.
    const mixed = new TextEncoder().encode('תאריך עסקה,כתובת,מחיר\r\n18/09/2024,"הרצל 1, חולון",2600000\r\n9/18/2024,"הרצל 2, חולון",2700000\r\n');
    expect(await callError(core, 'comparables.import', { fileName: 'mixed.csv', source: { bytesBase64: base64(mixed) }, skipInvalid: true })).toMatchObject({ details: { reason: 'DATE_ORDER_REQUIRED' } });
    expect(await call(core, 'comparables.import', { fileName: 'mixed.csv', source: { bytesBase64: base64(mixed) }, dateOrder: 'DMY', skipInvalid: true })).toMatchObject({ imported: 1, invalid: 1 });
    await call(core, 'comparables.remove', { id: (db.prepare('SELECT id FROM comparables').get() as { id: string }).id });

    expect(recognised(await previewOf(core, 'חולון.csv', ambiguousCsv(), 'MDY'))).toEqual({ 2: ['2024-04-06', 290_000_000], 3: ['2025-01-02', 245_000_000], 4: ['2024-10-11', 198_000_000] });
    expect(await call(core, 'comparables.import', { fileName: 'חולון.csv', source, dateOrder: 'DMY', skipInvalid: false })).toMatchObject({ imported: 3, invalid: 0 });
    expect(db.prepare('SELECT deal_date FROM comparables ORDER BY deal_date').all()).toEqual([{ deal_date: '2024-06-04' }, { deal_date: '2024-11-10' }, { deal_date: '2025-02-01' }]);
  });

  it('reports a file whose Hebrew was lost to "?" once, and stores none of it', async () => {
    const { core } = await setup();
    const preview = await previewOf(core, 'export.csv', lostHebrewCsv());
    expect(preview.lostText).toEqual({ columns: ['#1', '#2', '#3', '#4', '#5', '#6', '#7', '#8', '#9', '#10'], example: '????? ????' });
    expect(preview.mapping.every((f) => f === null)).toBe(true);
    expect(preview.validCount).toBe(0);
    expect(preview.rows.every((r) => r.values.address === null)).toBe(true);
    const error = await callError(core, 'comparables.import', { fileName: 'export.csv', source: { bytesBase64: base64(lostHebrewCsv()) }, skipInvalid: true });
    expect(error).toMatchObject({ code: 'VALIDATION', details: { reason: 'MISSING_COLUMNS' } });
  });

  it('reads Excel serial dates of a workbook, formatted or bare, beside a text date', async () => {
    const { core } = await setup();
    const preview = await previewOf(core, 'חולון.xlsx', buildXlsx(SERIAL_ROWS));
    expect(preview).toMatchObject({ format: 'xlsx', dateOrder: { order: 'DMY', basis: 'FILE' } });
    expect(recognised(preview)).toEqual({
      2: ['2024-09-18', 260_000_000],
      3: ['2024-02-20', 275_000_000],
      4: ['2025-01-01', 290_000_000],
      5: ['2024-04-18', 190_000_000],
    });
  });
});
