// The CSV and JSON exports (DOMAIN.md wizard step 5) on a real core's store: the CSV opens in Excel
// (BOM, CRLF, RFC 4180 quoting of Hebrew addresses, no formula injection) and prints the one
// calculation's figures; the JSON is a versioned document whose calculation is computeValuation's;
// tenancy and the client viewer's READY/SIGNED rule hold. Expected figures are worked out by hand below.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors.ts';
import { computeValuation, type ValuationInput } from '../../../src-shared/domain/calculation/index.ts';
import type { Actor, CoreContext } from '../../../src-main/core/context.ts';
import { preflightFor } from '../../../src-main/core/preflight/context.ts';
import { buildValuationCsv, buildValuationJson, type ValuationExportV1 } from '../../../src-main/core/report/exports.ts';
import { call, signedInCore } from '../../helpers/core.ts';
import { openCoreDb } from '../../helpers/local-db.ts';
import { fillForReady, smallPdf } from '../preflight/fixture.ts';

// ---- the data -----------------------------------------------------------------------------------

// Prices per sqm: 34,000 / 30,000 (+10% floor -> 33,000, weight 2) / 36,000 / 50,000 (excluded).
// p* = (34,000 x 1 + 33,000 x 2 + 36,000 x 1) / 4 = 34,000.
const COMPARABLES = [
  { id: 'c1', dealDate: '2024-01-15', address: 'רחוב הרצל 12, תל אביב', blockParcel: '6158/123/4', rooms: 4, floor: '2', areaHundredths: 10_000, priceAgorot: 340_000_000, included: true, weight: 1 },
  {
    id: 'c2', dealDate: '2024-02-20', address: 'שד\' "רוטשילד" 5\nדירה 3', blockParcel: '6158/124/1', rooms: 3.5, floor: '\t=2+3 ',
    areaHundredths: 10_000, priceAgorot: 300_000_000, included: true, weight: 2, adjustments: [{ label: 'קומה', basisPoints: 1_000 }],
  },
  { id: 'c3', dealDate: '2024-03-01', address: '=HYPERLINK("http://evil.example")', blockParcel: '@SUM(A1:A2)', rooms: 4, floor: '3', areaHundredths: 10_000, priceAgorot: 360_000_000, included: true, weight: 1 },
  { id: 'c4', dealDate: '2023-12-31', address: '+972-3-5551234', blockParcel: '-1+2', rooms: 5, floor: '-1', areaHundredths: 10_000, priceAgorot: 500_000_000, included: false, weight: 1 },
];

// Equivalent area 100 + 10 x 0.5 = 105 sqm; 34,000 x 105 = 3,570,000; + 150,000 parking
// - 7,655.50 repairs = 3,712,344.50; to the nearest 10,000: 3,710,000.
/** step4Data.calculation as step 4 stores it (src-shared/domain/calculation/stored.ts). */
const CALCULATION = {
  version: 1,
  areaSource: 'MANUAL',
  manualAreas: [{ kind: 'MAIN', areaHundredths: 10_000 }, { kind: 'OPEN_BALCONY', areaHundredths: 1_000 }],
  fixedSums: [{ kind: 'PARKING', label: 'חניה', amountAgorot: 15_000_000 }],
  deductions: [{ label: 'תיקונים', amountAgorot: 765_550 }],
  rounding: 'NEAREST_10000',
  vat: 'INCLUDED',
};
/** The same, as computeValuation's input, written out by hand. */
const CALCULATION_INPUT: ValuationInput = {
  areas: [{ kind: 'MAIN', areaHundredths: 10_000 }, { kind: 'OPEN_BALCONY', areaHundredths: 1_000 }],
  valuationDate: '2024-06-01',
  fixedSums: [{ kind: 'PARKING', label: 'חניה', amountAgorot: 15_000_000 }],
  deductions: [{ label: 'תיקונים', amountAgorot: 765_550 }],
  rounding: 'NEAREST_10000',
  vat: 'INCLUDED',
};

const HEADERS = [
  'מס׳', 'תאריך עסקה', 'כתובת', 'גוש/חלקה/תת-חלקה', 'חדרים', 'קומה', 'שטח (מ"ר)', 'מחיר (₪)', 'מחיר למ"ר (₪)',
  'מחיר למ"ר לאחר התאמת זמן (₪)', 'התאמות', 'התאמה מצטברת (%)', 'מחיר מותאם למ"ר (₪)', 'משקל', 'נכלל', 'חריג',
];

// ---- helpers ------------------------------------------------------------------------------------

/** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') throw new Error(`bare line break outside quotes at ${i}`);
    else field += ch;
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end in CRLF');
  return records;
}

async function setup() {
  const t = await signedInCore();
  const v = await call(t.core, 'valuations.create', { title: 'דירה ברח׳ הרצל 6158/123/4' });
  await call(t.core, 'valuations.changeStatus', { id: v.id, status: 'IN_PROGRESS' });
  await fillForReady(t.core, v.id);
  const current = await call(t.core, 'valuations.get', { id: v.id });
  await call(t.core, 'valuations.update', {
    id: v.id,
    fields: {
      comparableData: { version: 1, comparables: COMPARABLES, fewComparablesReason: null },
      step4Data: { ...(current.step4Data ?? {}), calculation: CALCULATION },
    },
  });
  // A second connection to the same file stands in for the core's context.
  const ctx = { db: openCoreDb(t.dataDir), now: () => '2024-06-10T08:00:00.000Z' } as unknown as CoreContext;
  const organizationId = t.people.organization.id;
  const appraiser: Actor = { userId: t.people.appraisers[0].id, organizationId, role: 'APPRAISER' };
  const viewer: Actor = { userId: t.people.clientViewer.id, organizationId, role: 'CLIENT_VIEWER' };
  return { ...t, id: v.id, ctx, appraiser, viewer };
}

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
const parseJson = (bytes: Uint8Array) => JSON.parse(utf8(bytes)) as ValuationExportV1;

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

// ---- CSV ----------------------------------------------------------------------------------------

describe('buildValuationCsv', () => {
  it('writes UTF-8 with a BOM, CRLF records of one width, and a safe Hebrew file name', async () => {
    const { ctx, appraiser, id } = await setup();
    const csv = await buildValuationCsv(ctx, appraiser, id);
    expect(csv.mimeType).toBe('text/csv');
    expect(csv.fileName).toBe('דירה ברח׳ הרצל 6158-123-4.csv');
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = utf8(csv.bytes);
    expect(text.endsWith('\r\n')).toBe(true);
    const records = parseCsv(text.slice(1));
    expect(new Set(records.map((r) => r.length))).toEqual(new Set([HEADERS.length]));
    expect(records[0]).toEqual(HEADERS);
  });

  it('prints each comparable from the calculation, with Hebrew addresses quoted and read back intact', async () => {
    const { ctx, appraiser, id } = await setup();
    const records = parseCsv(utf8((await buildValuationCsv(ctx, appraiser, id)).bytes).slice(1));
    const rows = records.slice(1, 5);
    expect(rows[0]).toEqual(['1', '15/01/2024', 'רחוב הרצל 12, תל אביב', '6158/123/4', '4', '2', '100.00', '3400000.00', '34000.00', '34000.00', '', '0', '34000.00', '1', 'כן', 'לא']);
    // Quotes and a line break inside the address survive; the floor, trimmed to a formula, is defused.
    expect(rows[1]).toEqual(['2', '20/02/2024', 'שד\' "רוטשילד" 5\nדירה 3', '6158/124/1', '3.5', "'=2+3", '100.00', '3000000.00', '30000.00', '30000.00', 'קומה +10%', '10', '33000.00', '2', 'כן', 'לא']);
    // 50,000 is 47% above the included median 34,000: flagged, though excluded.
    expect(rows[3]?.slice(13)).toEqual(['1', 'לא', 'כן']);
    expect(records[5]?.every((f) => f === '')).toBe(true);
  });

  it('defuses every cell a spreadsheet would run as a formula, but leaves plain negative numbers alone', async () => {
    const { ctx, appraiser, id } = await setup();
    const raw = utf8((await buildValuationCsv(ctx, appraiser, id)).bytes);
    const records = parseCsv(raw.slice(1));
    expect(records[3]?.slice(2, 4)).toEqual(['\'=HYPERLINK("http://evil.example")', "'@SUM(A1:A2)"]);
    expect(records[4]?.slice(2, 6)).toEqual(["'+972-3-5551234", "'-1+2", '5', '-1']);
    for (const field of records.flat()) {
      if (/^-?\d+(\.\d+)?$/.test(field)) continue;
      expect(field, field).not.toMatch(/^[=+\-@\t\r]/);
    }
    // In the raw bytes the dangerous cell starts with the apostrophe inside its quotes.
    expect(raw).toContain('"\'=HYPERLINK(""http://evil.example"")"');
  });

  it('ends with the calculation summary: statistics, equivalent area, price per sqm, value and its rounding', async () => {
    const { ctx, appraiser, id } = await setup();
    const records = parseCsv(utf8((await buildValuationCsv(ctx, appraiser, id)).bytes).slice(1));
    const summary = new Map(records.slice(6).map((r) => [r[0], r.slice(1).filter((f) => f !== '')]));
    expect(records[6]?.[0]).toBe('סיכום החישוב');
    expect(summary.get('עסקאות שנכללו')).toEqual(['3']);
    expect(summary.get('ממוצע למ"ר (₪)')).toEqual(['34333.33']); // 103,000 / 3
    expect(summary.get('חציון למ"ר (₪)')).toEqual(['34000.00']);
    expect(summary.get('מינימום למ"ר (₪)')).toEqual(['33000.00']);
    expect(summary.get('מקסימום למ"ר (₪)')).toEqual(['36000.00']);
    expect(summary.get('שטח אקוויוולנטי (מ"ר)')).toEqual(['105.00']);
    expect(summary.get('מחיר מוערך למ"ר (₪)')?.[0]).toBe('34000.00');
    expect(summary.get('שווי השטח (₪)')).toEqual(['3570000.00']);
    expect(summary.get('תוספת (₪)')).toEqual(['150000.00', 'חניה']);
    expect(summary.get('הפחתה (₪)')).toEqual(['7655.50', 'תיקונים']);
    expect(summary.get('שווי לפני עיגול (₪)')).toEqual(['3712344.50']);
    expect(summary.get('עיגול')?.[0]).toContain('10,000');
    expect(summary.get('שווי (₪)')).toEqual(['3710000.00']);
    expect(summary.get('שווי במילים')).toEqual(['שלושה מיליון שבע מאות ועשרה אלף שקלים חדשים']);
    expect(summary.get('מע"מ')?.[0]).toContain('כולל');
  });

  it('says why there is no value when the calculation cannot run', async () => {
    const { core, ctx, appraiser, id } = await setup();
    await call(core, 'valuations.update', { id, fields: { step4Data: { calculation: { ...CALCULATION, manualAreas: [] } } } });
    const records = parseCsv(utf8((await buildValuationCsv(ctx, appraiser, id)).bytes).slice(1));
    expect(records.slice(1, 5).map((r) => r[2])).toContain('רחוב הרצל 12, תל אביב');
    const why = records.find((r) => r[0] === 'חישוב');
    expect(why?.[1]).toMatch(/^החישוב לא הושלם: /);
    expect(records.some((r) => r[0] === 'שווי (₪)')).toBe(false);
  });
});

// ---- JSON ---------------------------------------------------------------------------------------

describe('buildValuationJson', () => {
  it('is a versioned document whose calculation is computeValuation of the stored input', async () => {
    const { core, ctx, appraiser, id } = await setup();
    const file = await buildValuationJson(ctx, appraiser, id);
    expect(file.mimeType).toBe('application/json');
    expect(file.fileName).toBe('דירה ברח׳ הרצל 6158-123-4.json');
    const doc = parseJson(file.bytes);

    expect(doc).toMatchObject({ format: 'shamay.valuation', version: 1, exportedAt: '2024-06-10T08:00:00.000Z' });
    const stored = await call(core, 'valuations.get', { id });
    expect(doc.valuation).toMatchObject({
      id, title: stored.title, status: 'IN_PROGRESS', addressFull: stored.addressFull, block: stored.block, parcel: stored.parcel,
      subparcel: stored.subparcel, step1Data: stored.step1Data, step4Data: stored.step4Data, signedAt: null, reportSha256: null,
    });

    // The same calculation the preflight (and signing) uses, and the one the stored input gives.
    const expected = computeValuation({
      ...CALCULATION_INPUT,
      comparables: COMPARABLES.map(({ id, dealDate, priceAgorot, areaHundredths, included, weight, adjustments }) => ({
        id, dealDate, priceAgorot, areaHundredths, included, weight,
        adjustments: (adjustments ?? []).map((a) => ({ factor: a.label, percent: String(a.basisPoints / 100) })),
      })),
    });
    expect(doc.calculation).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(doc.calculation).toEqual(JSON.parse(JSON.stringify(preflightFor(ctx, appraiser, id).context.calculation)));
    expect(doc.calculation?.ok && doc.calculation.result.roundedValueAgorot).toBe(371_000_000);
    expect(doc.valueInWords).toBe('שלושה מיליון שבע מאות ועשרה אלף שקלים חדשים');
  });

  it('lists the comparables with inclusion, adjustments and weights, and the files with their sha256', async () => {
    const { core, ctx, appraiser, id } = await setup();
    const png = await sharp({ create: { width: 16, height: 12, channels: 3, background: { r: 200, g: 120, b: 40 } } }).png().toBuffer();
    const added = await call(core, 'images.add', { valuationId: id, fileName: 'חזית.png', source: { bytesBase64: png.toString('base64') } });
    await call(core, 'documents.add', { valuationId: id, docType: 'TABU', fileName: 'נסח.pdf', source: { bytesBase64: smallPdf(id) } });
    const doc = parseJson((await buildValuationJson(ctx, appraiser, id)).bytes);

    expect(doc.comparables.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(doc.comparables[1]).toMatchObject({
      address: 'שד\' "רוטשילד" 5\nדירה 3', included: true, weightE4: 20_000, adjustments: [{ factor: 'קומה', bp: 1_000 }],
      rawPerSqmAgorot: 3_000_000, adjustedPerSqmAgorot: 3_300_000,
    });
    expect(doc.comparables[3]).toMatchObject({ included: false, outlier: true, priceAgorot: 500_000_000 });

    const documents = await call(core, 'documents.list', { valuationId: id });
    expect(doc.documents).toHaveLength(documents.length);
    expect(doc.documents[0]).toMatchObject({ id: documents[0]?.id, docType: 'TABU', sha256: documents[0]?.sha256, extracted: documents[0]?.extracted });
    expect(doc.images).toEqual([expect.objectContaining({ id: added.image.id, fileName: 'חזית.png', sha256: added.image.sha256, isCover: added.image.isCover })]);
  });
});

// ---- who may export -----------------------------------------------------------------------------

describe('who may export', () => {
  it("refuses another organization's valuation as NOT_FOUND", async () => {
    const { ctx, appraiser, id } = await setup();
    const outsider: Actor = { ...appraiser, organizationId: '01900000-0000-7000-8000-00000000000b' };
    expect(await refusal(buildValuationCsv(ctx, outsider, id))).toBe('NOT_FOUND');
    expect(await refusal(buildValuationJson(ctx, outsider, id))).toBe('NOT_FOUND');

    // A row of another office that leaked into the local file is not reachable either.
    ctx.db.prepare("INSERT INTO organizations (id, name) VALUES ('01900000-0000-7000-8000-00000000000b', 'משרד אחר')").run();
    ctx.db
      .prepare("INSERT INTO valuations (id, organization_id, created_by_id, title) SELECT '01900000-0000-7000-8000-0000000000bb', '01900000-0000-7000-8000-00000000000b', created_by_id, 'זרה' FROM valuations WHERE id = ?")
      .run(id);
    expect(await refusal(buildValuationCsv(ctx, appraiser, '01900000-0000-7000-8000-0000000000bb'))).toBe('NOT_FOUND');
    expect(await refusal(buildValuationJson(ctx, appraiser, '01900000-0000-7000-8000-0000000000bb'))).toBe('NOT_FOUND');
  });

  it('lets a client viewer export only READY and SIGNED valuations', async () => {
    const { core, ctx, viewer, id } = await setup();
    expect(await refusal(buildValuationCsv(ctx, viewer, id))).toBe('NOT_FOUND');
    expect(await refusal(buildValuationJson(ctx, viewer, id))).toBe('NOT_FOUND');
    await call(core, 'valuations.changeStatus', { id, status: 'READY' });
    const csv = await buildValuationCsv(ctx, viewer, id);
    expect(parseCsv(utf8(csv.bytes).slice(1))[1]?.[2]).toBe('רחוב הרצל 12, תל אביב');
    const doc = parseJson((await buildValuationJson(ctx, viewer, id)).bytes);
    expect(doc.valuation.status).toBe('READY');
  });
});
