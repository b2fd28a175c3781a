// The appraisal report end to end: a fully filled valuation in a real core (photos, a map screenshot,
// a plan crop, the land-registry extract, planning documents, branding), its HTML built from the
// store, printed to PDF by Chromium, then read back with PDF.js: every page's text is checked and
// every page is rendered to a PNG under test-artifacts/report/ for a person to look at.
//
// Reading Hebrew back from the PDF: Chromium draws each glyph run on its own, and the core's reader
// (readPdfText) orders a Hebrew line's runs right to left and strips bidi controls, which gives the
// words in reading order. Neutral characters between an RTL and an LTR run come back where they were
// drawn, not where they were typed: "₪1,950,000" reads "1,950,000₪", "(מ"ר)" reads ")מ"ר(", "מ-3"
// reads "מ3-". So the text is compared as words — runs of letters and runs of digits, in order —
// and the shekel sign is checked on either side of its number.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel } from '../../../src-shared/domain/report/model.ts';
import { shekelsInWords } from '../../../src-shared/domain/report/hebrew-words.ts';
import { createBlobStore } from '../../../src-main/core/blobs/blob-store.ts';
import { createLocalState, type Actor, type CoreContext } from '../../../src-main/core/context.ts';
import type { Core } from '../../../src-main/core/create-core.ts';
import { normaliseText } from '../../../src-main/core/extraction/lines.ts';
import { readPdfText } from '../../../src-main/core/extraction/pdf-text.ts';
import { buildReportHtml } from '../../../src-main/core/report/build-html.ts';
import { gatherReportSource } from '../../../src-main/core/report/gather.ts';
import { REPORT_IMAGE_MAX_PX } from '../../../src-main/core/report/images.ts';
import { createChromiumPdfPrinter, type ChromiumPdfPrinter } from '../../../src-main/host/chromium-pdf-printer.ts';
import { call, signedInCore } from '../../helpers/core.ts';
import { openCoreDb } from '../../helpers/local-db.ts';
import { CONFIRMED_LEGAL, OWNER_NAMES, PERMIT_EXTRACTION, PLANNING_EXTRACTION, TABU_EXTRACTION } from '../../helpers/report-fixture.ts';
import { deal, fillForReady, smallPdf } from '../preflight/fixture.ts';
import { renderPages } from '../../helpers/pdf-pages.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`${CHROMIUM} is missing: the report PDF test is skipped.`);

const ARTIFACTS = resolve(import.meta.dirname, '../../../test-artifacts/report');
const FOOTER = 'כהן שמאות מקרקעין בע"מ · טל׳ 03-5551234';
const ADDRESS = 'רחוב הרצל 12, רמת גן';
/** A4 in PDF points (210 x 297 mm at 72 points per inch). */
const A4_POINTS = { width: (210 / 25.4) * 72, height: (297 / 25.4) * 72 };
const PNG_SCALE = 2;

// ---- reading the PDF back ---------------------------------------------------------------------------

/** Runs of letters and runs of digits, in order: what survives visual reordering of neutrals. */
const words = (text: string) => normaliseText(text).match(/\p{L}+|\p{N}+/gu) ?? [];

function containsWords(haystack: string, needle: string): boolean {
  const hay = words(haystack);
  const find = words(needle);
  if (find.length === 0) return false;
  return hay.some((_, i) => find.every((word, j) => hay[i + j] === word));
}

/** '5,700,000 ₪' as drawn: the sign on either side of the digits (a line without Hebrew reads left to right). */
const shekelPattern = (digits: string) => new RegExp(`₪\\s?${digits}(?![\\d,])|(?<![\\d,])${digits}\\s?₪`);

async function pdfPages(pdf: Uint8Array): Promise<{ text: string; width: number; height: number }[]> {
  const { pages } = await readPdfText(pdf);
  return pages.map((page) => ({ text: page.lines.map((line) => line.text).join('\n'), width: page.width, height: page.height }));
}

/** The fonts the PDF embeds (Chromium writes font dictionaries uncompressed). */
const embeddedFonts = (pdf: Uint8Array) => [...new Set([...Buffer.from(pdf).toString('latin1').matchAll(/\/BaseFont\s*\/(?:[A-Z]{6}\+)?([^\s/]+)/g)].map((m) => m[1]))];

// ---- the valuation ----------------------------------------------------------------------------------

/** A photo-like JPEG: sky, a building with windows, in colours of its own. */
async function photoBase64(sky: string, wall: string, width = 1600, height = 1200): Promise<string> {
  const windows = Array.from({ length: 12 }, (_, i) => `<rect x="${480 + (i % 4) * 170}" y="${380 + Math.floor(i / 4) * 230}" width="90" height="140" fill="#35556f"/>`).join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 1600 1200">` +
    `<rect width="1600" height="1200" fill="${sky}"/><rect x="0" y="1050" width="1600" height="150" fill="#6b7b55"/>` +
    `<rect x="420" y="300" width="760" height="800" fill="${wall}"/>${windows}</svg>`;
  return (await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer()).toString('base64');
}

async function pngBase64(svgBody: string, width: number, height: number): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svgBody}</svg>`;
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
}

async function documentWithExtraction(core: Core, valuationId: string, docType: 'TABU' | 'PERMIT' | 'PLANNING_INFO', extracted: Record<string, unknown>) {
  const { document } = await call(core, 'documents.add', { valuationId, docType, fileName: `${docType}.pdf`, source: { bytesBase64: smallPdf(docType) } });
  await call(core, 'documents.updateExtracted', { id: document.id, extracted });
}

async function filledValuation(core: Core): Promise<string> {
  const v = await call(core, 'valuations.create', { title: 'תיק 2024/118' });
  await fillForReady(core, v.id);
  const current = await call(core, 'valuations.get', { id: v.id });
  // DOMAIN.md's worked example: 142.3 sqm + a 40 sqm open balcony at 0.5 = 162.3 sqm; 35,000 NIS per
  // sqm from the three comparables (34,000 / 35,000 / 36,000); 5,680,500 to the nearest 100,000.
  await call(core, 'valuations.update', {
    id: v.id,
    fields: {
      addressFull: ADDRESS,
      block: '6109',
      parcel: '396',
      subparcel: '118',
      meta: { ...current.meta, registeredAreaSqm: '142.30', builtAreaSqm: '165.00', legal: CONFIRMED_LEGAL, description: 'דירת 5 חדרים משופצת בקומה רביעית, בבניין בן 8 קומות עם מעלית וחניה.' },
      step1Data: { ...current.step1Data, street: 'הרצל', buildingNumber: '12', city: 'רמת גן', rooms: 5, floor: '4', airDirections: ['N', 'W'], appraiserName: 'משה כהן', appraiserLicense: '4471' },
      comparableData: { version: 1, comparables: [deal(1, 3_400_000), deal(2, 3_500_000), deal(3, 3_600_000)], fewComparablesReason: null },
      step4Data: {
        calculation: {
          version: 1,
          areaSource: 'MANUAL',
          manualAreas: [{ kind: 'MAIN', areaHundredths: 14_230 }, { kind: 'OPEN_BALCONY', areaHundredths: 4_000 }],
          coefficients: { OPEN_BALCONY: 0.5 },
          rounding: 'NEAREST_100000',
          vat: 'INCLUDED',
        },
      },
    },
  });
  await documentWithExtraction(core, v.id, 'TABU', TABU_EXTRACTION);
  await documentWithExtraction(core, v.id, 'PERMIT', PERMIT_EXTRACTION);
  await documentWithExtraction(core, v.id, 'PLANNING_INFO', PLANNING_EXTRACTION);

  // The first photo is the facade and the cover; two rooms follow.
  await call(core, 'images.add', { valuationId: v.id, fileName: 'חזית.jpg', source: { bytesBase64: await photoBase64('#9cc3e6', '#e3d6bd') } });
  await call(core, 'images.add', { valuationId: v.id, fileName: 'סלון.jpg', roomType: 'LIVING', source: { bytesBase64: await photoBase64('#f1e9da', '#c9b79a', 1200, 1600) } });
  await call(core, 'images.add', { valuationId: v.id, fileName: 'מטבח.jpg', roomType: 'KITCHEN', source: { bytesBase64: await photoBase64('#e8eef2', '#a9b8c4') } });

  // Step 4's aerial map screenshot and a Garmushka plan crop, stored as documents of the valuation.
  const map = await call(core, 'documents.add', {
    valuationId: v.id,
    docType: 'GIS_SCREENSHOT',
    fileName: 'aerial.png',
    source: { bytesBase64: await pngBase64('<rect width="100%" height="100%" fill="#cfe0c3"/><rect x="300" y="200" width="220" height="160" fill="none" stroke="#c0392b" stroke-width="8"/>', 900, 600) },
  });
  const crop = await call(core, 'documents.add', {
    valuationId: v.id,
    docType: 'GARMUSHKA',
    fileName: 'plan-crop.png',
    source: { bytesBase64: await pngBase64('<rect width="100%" height="100%" fill="#fff"/><polygon points="60,60 740,60 740,440 60,440" fill="#3b82f633" stroke="#1d4ed8" stroke-width="6"/>', 800, 500) },
  });
  await call(core, 'valuations.update', {
    id: v.id,
    fields: {
      gisScreenshots: { version: 1, aerial: { sha256: map.document.sha256, documentId: map.document.id, annotations: [] } },
      garmushkaImages: {
        version: 1,
        images: [{ documentId: crop.document.id, sha256: crop.document.sha256, fileName: 'plan-crop.png', planSha256: crop.document.sha256, crop: { x: 0, y: 0, width: 800, height: 500 }, createdAt: '2024-06-01T10:00:00.000Z' }],
      },
    },
  });

  const signature = await pngBase64('<path d="M10 70 C 60 10, 110 110, 160 40 S 260 80, 290 30" fill="none" stroke="#1a237e" stroke-width="5"/>', 300, 100);
  await call(core, 'settings.update', { report: { footerText: FOOTER, signatureDataUrl: `data:image/png;base64,${signature}` } });
  return v.id;
}

// ---- the test -----------------------------------------------------------------------------------------

describe.skipIf(!hasChromium)('the appraisal report printed to PDF', () => {
  let printer: ChromiumPdfPrinter;
  beforeAll(() => {
    printer = createChromiumPdfPrinter({ executablePath: CHROMIUM });
  });
  afterAll(async () => printer.close());

  it('has every section, the property, the legal status, the comparables, the value and "page x of y"', { timeout: 120_000 }, async () => {
    const t = await signedInCore();
    const valuationId = await filledValuation(t.core);
    // A second connection to the core's files stands in for its context.
    const db = openCoreDb(t.dataDir);
    const ctx = { db, state: createLocalState(db), blobs: createBlobStore({ root: join(t.dataDir, 'blobs'), limits: { documentBytes: 1, imageBytes: 1 } }) } as unknown as CoreContext;
    const actor: Actor = { userId: t.people.appraisers[0].id, organizationId: t.people.organization.id, role: 'APPRAISER' };

    const model = buildReportModel(await gatherReportSource(ctx, actor, valuationId));
    const html = await buildReportHtml(ctx, actor, valuationId);
    const started = performance.now();
    const pdf = await printer.print(html);
    const printMs = Math.round(performance.now() - started);

    // The photos, the map and the plan are embedded, scaled down to fit 1400 px.
    const embedded = [...html.matchAll(/data:image\/jpeg;base64,([A-Za-z0-9+/=]+)/g)].map((m) => Buffer.from(m[1]!, 'base64'));
    expect(embedded).toHaveLength(5);
    for (const image of embedded) {
      const { width = 0, height = 0 } = await sharp(image).metadata();
      expect(Math.max(width, height)).toBeLessThanOrEqual(REPORT_IMAGE_MAX_PX);
    }
    expect(model.cover.photo?.width).toBe(REPORT_IMAGE_MAX_PX); // the 1600 px facade, scaled down
    expect(model.valuation.appraiser.signatureDataUrl).toMatch(/^data:image\/png;base64,/);

    const read = await pdfPages(pdf);
    const pages = read.map((page) => page.text);
    const all = pages.join('\n');
    const pageCount = pages.length;

    // The artifacts first, so that a failing run leaves them to look at: the pages as images, the
    // PDF, the HTML and the text as read back.
    const pngs = await renderPages(pdf, PNG_SCALE);
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    pngs.forEach((png, i) => writeFileSync(join(ARTIFACTS, `page-${String(i + 1).padStart(2, '0')}.png`), png));
    writeFileSync(join(ARTIFACTS, 'report.pdf'), pdf);
    writeFileSync(join(ARTIFACTS, 'report.html'), html);
    writeFileSync(join(ARTIFACTS, 'report.txt'), pages.map((text, i) => `--- page ${i + 1}\n${text}`).join('\n'));
    expect(pngs).toHaveLength(pageCount);
    expect(pageCount).toBeGreaterThanOrEqual(8); // the cover, the letter and six sections, each from a new page
    // A4 (Chromium rounds its paper size to whole points: 596 x 843).
    for (const page of read) {
      expect(Math.abs(page.width - A4_POINTS.width)).toBeLessThan(1.5);
      expect(Math.abs(page.height - A4_POINTS.height)).toBeLessThan(1.5);
    }

    const headings = [model.cover.title, model.property.heading, model.legal.heading, model.planning.heading, model.factors.heading, model.calculations.heading, model.valuation.heading];
    for (const heading of headings) {
      expect(heading).toMatch(/[\u05D0-\u05EA]{2}/);
      expect(containsWords(all, heading), heading).toBe(true);
    }
    for (const text of ['הנדון', 'הגבלת אחריות', ADDRESS, '6109/396/118', 'גוש 6109', 'חלקה 396', 'חלק ברכוש המשותף 104/5975']) {
      expect(containsWords(all, text), text).toBe(true);
    }
    for (const owner of OWNER_NAMES) expect(containsWords(all, `${owner} ת"ז`), owner).toBe(true);
    expect(all).toMatch(shekelPattern('1,950,000')); // the mortgage

    // The comparables: all three listed, and the count the statistics state.
    for (const n of [1, 2, 3]) expect(containsWords(all, `רחוב ${n}`), `comparable ${n}`).toBe(true);
    expect(containsWords(all, 'מספר עסקאות שנכללו 3')).toBe(true);

    // The value: the calculation's, in digits and in words, beside the appraiser's licence.
    const valuePage = pages.findIndex((p) => containsWords(p, model.valuation.heading));
    expect(valuePage).toBeGreaterThan(0);
    expect(pages[valuePage]).toMatch(shekelPattern('5,700,000'));
    expect(containsWords(pages[valuePage]!, shekelsInWords(570_000_000))).toBe(true);
    // The signature, under the declaration it signs, on the page that has both.
    const signedPage = pages.findIndex((p) => containsWords(p, 'ולראיה באתי על החתום'));
    expect(signedPage).toBeGreaterThanOrEqual(valuePage);
    for (const text of ['הצהרה', 'משה כהן', 'רישיון 4471']) expect(containsWords(pages[signedPage]!, text), text).toBe(true);
    expect(containsWords(all, 'שווי השטח 162.3 מ"ר × 35,000 ₪ 5,680,500 ₪')).toBe(true);
    // The profession's formats: a date in a sentence in words, sums with the sign after the number,
    // prices per sqm in whole shekels.
    expect(containsWords(pages[valuePage]!, 'נכון למועד הקובע 1 ביוני 2024')).toBe(true);
    expect(all).toMatch(/(?<![\d,])5,680,500\s₪/);
    expect(all).not.toMatch(/\d\.\d\d\s?₪|₪\s?\d[\d,]*\.\d\d/);

    // No near-empty page (a chapter's tail, an orphaned row): every page but the cover and the last
    // has at least five lines of its own besides the footer.
    pages.forEach((text, i) => {
      if (i === 0 || i === pageCount - 1) return;
      const own = text.split('\n').filter((line) => line.trim() && !/עמוד \d+ מתוך \d+/.test(line));
      expect(own.length, `page ${i + 1}: ${own.join(' | ')}`).toBeGreaterThanOrEqual(5);
    });

    // Every page's footer: the organization's text and "page x of y".
    pages.forEach((text, i) => {
      expect(containsWords(text, `עמוד ${i + 1} מתוך ${pageCount}`), `footer of page ${i + 1}`).toBe(true);
      expect(containsWords(text, FOOTER), `footer text of page ${i + 1}`).toBe(true);
    });
    // Only the embedded Noto Sans Hebrew, footer included: a font that failed to load would show up
    // as a system fallback (DejaVu, Liberation) here, where those are installed.
    const fonts = embeddedFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^NotoSansHebrew/);

    for (const [i, png] of pngs.entries()) expect((await sharp(png).metadata()).width).toBe(Math.ceil(read[i]!.width * PNG_SCALE));
    console.info(`report: ${pageCount} pages, ${Math.round(pdf.byteLength / 1024)} KB PDF, ${Math.round(html.length / 1024)} KB HTML, printed in ${printMs} ms`);
  });
});
