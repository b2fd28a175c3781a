import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, callError, signedInCore } from '../../helpers/core.ts';
import { openCoreDb } from '../../helpers/local-db.ts';
import { tempDir } from '../../helpers/temp.ts';
import { base64, csvUtf8, csvUtf8Bom, csvWindows1255 } from './fixtures.ts';
import { buildXlsx } from './xlsx-fixture.ts';

const closers: (() => void)[] = [];
afterEach(() => {
  while (closers.length) closers.pop()?.();
});
async function setup(email?: string) {
  const t = await signedInCore(email);
  const db = openCoreDb(t.dataDir);
  closers.push(() => t.core.close(), () => db.close());
  return { ...t, db };
}

const count = (db: ReturnType<typeof openCoreDb>, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('comparables import in the offline core', () => {
  it.each([
    ['UTF-8 with BOM', csvUtf8Bom, 'utf-8-bom'],
    ['UTF-8 without BOM', csvUtf8, 'utf-8'],
    ['Windows-1255', csvWindows1255, 'windows-1255'],
  ] as const)('previews a CSV in %s with its mapping and per-row errors, writing nothing', async (_, bytes, encoding) => {
    const { core, db } = await setup();
    const before = { activity: count(db, 'activity_logs'), mutations: count(db, 'sync_mutations') };
    const preview = await call(core, 'comparables.previewImport', { fileName: 'עסקאות השוואה.csv', source: { bytesBase64: base64(bytes()) } });
    expect(preview).toMatchObject({ format: 'csv', encoding, sheet: null, headerRow: 0, source: 'SPREADSHEET', missingFields: [], validCount: 5, invalidCount: 2, duplicateCount: 0 });
    expect(preview.headers[0]).toBe('יום מכירה');
    expect(preview.mapping).toEqual(['dealDate', 'address', 'blockParcel', 'rooms', 'floor', 'areaSqm', 'parking', 'buildYear', 'priceNis', 'pricePerSqmNis']);
    expect(preview.rows[0]?.values).toMatchObject({
      dealDate: '2024-01-15',
      street: 'הרצל',
      houseNumber: '123',
      city: 'תל אביב',
      block: '9905',
      parcel: '88',
      subparcel: '8',
      roomsTenths: 35,
      areaHundredths: 8550,
      priceAgorot: 285_000_000,
    });
    expect(preview.rows[5]).toMatchObject({ rowNumber: 7, errors: [{ column: 'יום מכירה', field: 'dealDate' }] });
    expect(preview.rows[6]?.errors.map((e) => e.field)).toEqual(['areaSqm', 'blockParcel']);
    expect(count(db, 'comparables')).toBe(0);
    expect({ activity: count(db, 'activity_logs'), mutations: count(db, 'sync_mutations') }).toEqual(before);
  });

  it('imports the valid rows with one mutation and one activity row each, and skips duplicates on a second import', async () => {
    const { core, db, people } = await setup();
    const source = { bytesBase64: base64(csvUtf8Bom()) };

    const refused = await callError(core, 'comparables.import', { fileName: 'deals.csv', source, skipInvalid: false });
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { reason: 'INVALID_ROWS' } });
    expect(count(db, 'comparables')).toBe(0);

    const result = await call(core, 'comparables.import', { fileName: 'deals.csv', source, skipInvalid: true });
    expect(result).toMatchObject({ imported: 5, duplicates: 0, invalid: 2 });
    const rows = db.prepare('SELECT * FROM comparables ORDER BY deal_date').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.deal_date === '2024-01-15')).toMatchObject({
      source: 'SPREADSHEET',
      source_file_name: 'deals.csv',
      organization_id: people.organization.id,
      created_by_id: people.appraisers[0].id,
      address: 'רחוב הרצל 123, תל אביב',
      block: '9905',
      rooms_tenths: 35,
      floor: '2',
      area_hundredths: 8550,
      parking: 1,
      build_year: 2010,
      price_agorot: 285_000_000,
      server_version: 0,
    });
    const mutations = db.prepare("SELECT * FROM sync_mutations WHERE table_name = 'comparables' ORDER BY seq").all() as Record<string, unknown>[];
    expect(mutations).toHaveLength(5);
    expect(mutations.every((m) => m.operation === 'insert')).toBe(true);
    expect(new Set(mutations.map((m) => m.row_id))).toEqual(new Set(result.ids));
    expect(JSON.parse(String(mutations[0]?.changes))).toMatchObject({ id: result.ids[0], price_agorot: expect.any(Number) });
    const activity = db.prepare('SELECT * FROM activity_logs WHERE id IN (SELECT activity_id FROM sync_mutations)').all() as Record<string, unknown>[];
    expect(activity).toHaveLength(5);
    expect(activity.every((a) => a.action === 'created' && a.valuation_id === null)).toBe(true);

    // The same file again: every valid row is already in the library.
    const again = await call(core, 'comparables.previewImport', { fileName: 'deals.csv', source });
    expect(again.duplicateCount).toBe(5);
    expect(again.rows.filter((r) => r.duplicate).map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6]);
    expect(await call(core, 'comparables.import', { fileName: 'deals.csv', source, skipInvalid: true })).toEqual({ imported: 0, duplicates: 5, invalid: 2, ids: [] });
    // The same deals in another encoding are the same deals.
    expect((await call(core, 'comparables.import', { fileName: 'deals-1255.csv', source: { bytesBase64: base64(csvWindows1255()) }, skipInvalid: true })).duplicates).toBe(5);
    expect(count(db, 'comparables')).toBe(5);
  });

  it('reads an XLSX workbook with date cells, numbers and a mapping chosen by the user', async () => {
    const { core, db } = await setup();
    const workbook = buildXlsx([
      ['עסקאות השוואה - תל אביב'],
      [],
      ['תאריך', 'רחוב', 'מס בית', 'עיר', 'גוש', 'חלקה', 'תת חלקה', 'חדרים', 'שטח', 'סכום', 'הערות'],
      [new Date(Date.UTC(2024, 0, 15)), 'הרצל', 123, 'תל אביב-יפו', 9905, 88, 8, 3.5, 85.5, 2850000, 'משופצת'],
      [new Date(Date.UTC(2023, 10, 2)), 'ז׳בוטינסקי', '7א', 'רמת גן', 6158, 12, null, 4, 0.1 + 100.2, 3100000.5, null],
      ['15/13/2024', 'הרצל', 5, 'חיפה', 10000, 1, 2, 3, 70, 1500000, null],
    ]);
    const source = { bytesBase64: base64(workbook) };
    const preview = await call(core, 'comparables.previewImport', { fileName: 'השוואות.xlsx', source });
    expect(preview).toMatchObject({ format: 'xlsx', encoding: null, sheet: 'עסקאות', headerRow: 2, validCount: 2, invalidCount: 1 });
    expect(preview.mapping).toEqual(['dealDate', 'street', 'houseNumber', 'city', 'block', 'parcel', 'subparcel', 'rooms', 'areaSqm', 'priceNis', null]);
    expect(preview.rows[1]?.values).toMatchObject({ dealDate: '2023-11-02', street: 'ז׳בוטינסקי', houseNumber: '7א', areaHundredths: 10030, priceAgorot: 310_000_050, subparcel: null });
    expect(preview.rows[2]?.errors[0]).toMatchObject({ column: 'תאריך', field: 'dealDate' });

    // The user maps "הערות" (notes) to the property type.
    const mapping = [...preview.mapping];
    mapping[10] = 'propertyType';
    const result = await call(core, 'comparables.import', { fileName: 'השוואות.xlsx', source, mapping, skipInvalid: true });
    expect(result).toMatchObject({ imported: 2, invalid: 1 });
    const row = db.prepare("SELECT * FROM comparables WHERE deal_date = '2024-01-15'").get() as Record<string, unknown>;
    expect(row).toMatchObject({ property_type: 'משופצת', city: 'תל אביב-יפו', block: '9905', parcel: '88', subparcel: '8', price_agorot: 285_000_000, source_file_name: 'השוואות.xlsx' });
  });

  it('reads a file given by path and refuses files that are neither CSV nor XLSX', async () => {
    const { core } = await setup();
    const dir = tempDir();
    const path = join(dir, 'deals.csv');
    writeFileSync(path, csvWindows1255());
    expect((await call(core, 'comparables.previewImport', { fileName: 'deals.csv', source: { path } })).encoding).toBe('windows-1255');

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const error = await callError(core, 'comparables.previewImport', { fileName: 'deals.pdf', source: { bytesBase64: pdf.toString('base64') } });
    expect(error.code).toBe('VALIDATION');
    const notes = await callError(core, 'comparables.previewImport', { fileName: 'deals.txt', source: { bytesBase64: base64(csvUtf8()) } });
    expect(notes).toMatchObject({ code: 'VALIDATION', details: { reason: 'TYPE_NOT_ALLOWED' } });
  });

  it('searches the library by block, street, city, dates, rooms and area, and removes a comparable', async () => {
    const { core, db } = await setup();
    await call(core, 'comparables.import', { fileName: 'deals.csv', source: { bytesBase64: base64(csvUtf8()) }, skipInvalid: true });
    const dates = (items: { dealDate: string }[]) => items.map((i) => i.dealDate);

    const all = await call(core, 'comparables.search', {});
    expect(all.total).toBe(5);
    expect(dates(all.items)).toEqual(['2024-03-20', '2024-02-03', '2024-01-15', '2023-12-01', '2023-06-11']);
    expect(all.items[2]).toMatchObject({ priceAgorot: 285_000_000, areaHundredths: 8550, pricePerSqmAgorot: 3_333_333, syncState: 'saved_locally' });

    expect(dates((await call(core, 'comparables.search', { block: '9905' })).items)).toEqual(['2024-02-03', '2024-01-15']);
    expect(dates((await call(core, 'comparables.search', { block: '9905', parcel: '88' })).items)).toEqual(['2024-01-15']);
    expect(dates((await call(core, 'comparables.search', { street: 'הרצל' })).items)).toEqual(['2024-02-03', '2024-01-15']);
    expect(dates((await call(core, 'comparables.search', { city: 'רמת גן' })).items)).toEqual(['2024-03-20']);
    expect(dates((await call(core, 'comparables.search', { from: '2024-01-01', to: '2024-02-28' })).items)).toEqual(['2024-02-03', '2024-01-15']);
    expect(dates((await call(core, 'comparables.search', { roomsMin: 3.5, roomsMax: 4.5 })).items)).toEqual(['2024-02-03', '2024-01-15', '2023-12-01']);
    expect(dates((await call(core, 'comparables.search', { areaMin: 100, areaMax: 120 })).items)).toEqual(['2024-02-03', '2023-12-01']);
    const page = await call(core, 'comparables.search', { limit: 2, offset: 2 });
    expect({ total: page.total, dates: dates(page.items) }).toEqual({ total: 5, dates: ['2024-01-15', '2023-12-01'] });

    const target = all.items[0]!;
    expect(await call(core, 'comparables.remove', { id: target.id })).toEqual({ ok: true });
    expect((await call(core, 'comparables.search', {})).total).toBe(4);
    // Never synced: the insert and the delete are both pending, in order.
    const ops = db.prepare("SELECT operation FROM sync_mutations WHERE table_name = 'comparables' AND row_id = ? ORDER BY seq").all(target.id) as { operation: string }[];
    expect(ops.map((o) => o.operation)).toEqual(['insert', 'delete']);
    expect(await callError(core, 'comparables.remove', { id: target.id })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a client viewer', async () => {
    const { core, db } = await setup('viewer@demo.shamay.local');
    const source = { bytesBase64: base64(csvUtf8()) };
    expect(await callError(core, 'comparables.import', { fileName: 'deals.csv', source, skipInvalid: true })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callError(core, 'comparables.previewImport', { fileName: 'deals.csv', source })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callError(core, 'comparables.search', {})).toMatchObject({ code: 'FORBIDDEN' });
    expect(count(db, 'comparables')).toBe(0);
  });
});
