// The report's layout as printed by Chromium: no near-empty page, tables that keep their header on
// each page and never leave a lone row, and the calculation kept whole with its VAT row. The full
// fixture is printed as it is and with forty comparables (a table that must break across pages); the
// pages are read back with PDF.js and rendered under test-artifacts/report-layout/ to look at.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValuationInput } from '../../../src-shared/domain/calculation/input.ts';
import { buildReportModel, type ReportSource } from '../../../src-shared/domain/report/model.ts';
import { readPdfText } from '../../../src-main/core/extraction/pdf-text.ts';
import { renderReportHtml } from '../../../src-main/core/report/html/document.ts';
import { createChromiumPdfPrinter, type ChromiumPdfPrinter } from '../../../src-main/host/chromium-pdf-printer.ts';
import { renderPages } from '../../helpers/pdf-pages.ts';
import { fullReportSource, WORKED_EXAMPLE_INPUT } from '../../helpers/report-fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(import.meta.dirname, '../../../test-artifacts/report-layout');
/** A page but the cover and the last with fewer lines of its own than this is a layout fault. */
const MIN_LINES = 5;
/** The footer's "page x of y" line is on every page and is not content. */
const FOOTER_LINE = /עמוד \d+ מתוך \d+/;
/** A comparables row as read back: its number, then its deal date. */
const COMPARABLE_ROW = /^\d{1,3} \d\d\/\d\d\/\d{4} /;

/** Forty deals around 35,000 NIS per sqm, on the streets of Ramat Gan. */
function manyComparables(): { input: ValuationInput; rows: ReportSource['comparables'] } {
  const streets = ['הרצל', 'ביאליק', 'ז׳בוטינסקי', 'אבא הלל', 'קריניצי', 'הרא"ה', 'ארלוזורוב', 'טשרניחובסקי'];
  const rows = Array.from({ length: 40 }, (_, i) => ({
    id: `c${i + 1}`,
    dealDate: `2024-0${1 + (i % 5)}-${String(10 + (i % 18)).padStart(2, '0')}`,
    priceAgorot: (3_300_000 + (i % 7) * 50_000) * 100,
    areaHundredths: 9_500 + (i % 4) * 250,
    address: `${streets[i % streets.length]} ${3 + i}, רמת גן`,
    blockParcel: `6109/${400 + i}/${1 + (i % 9)}`,
    rooms: String(3 + (i % 3)),
    floor: String(1 + (i % 8)),
  }));
  const input: ValuationInput = { ...WORKED_EXAMPLE_INPUT, comparables: rows.map(({ id, dealDate, priceAgorot, areaHundredths }) => ({ id, dealDate, priceAgorot, areaHundredths })) };
  return { input, rows };
}

async function printed(printer: ChromiumPdfPrinter, source: ReportSource, name: string): Promise<string[][]> {
  const pdf = await printer.print(renderReportHtml(buildReportModel(source)));
  const { pages } = await readPdfText(pdf);
  const dir = join(ARTIFACTS, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pngs = await renderPages(pdf, 1.5);
  pngs.forEach((png, i) => writeFileSync(join(dir, `page-${String(i + 1).padStart(2, '0')}.png`), png));
  const lines = pages.map((page) => page.lines.map((line) => line.text.trim()).filter((text) => text && !FOOTER_LINE.test(text)));
  writeFileSync(join(dir, 'report.txt'), lines.map((page, i) => `--- page ${i + 1}\n${page.join('\n')}`).join('\n'));
  return lines;
}

function expectNoNearEmptyPage(pages: readonly string[][]) {
  pages.forEach((lines, i) => {
    if (i === 0 || i === pages.length - 1) return; // the cover is a page of its own; the last may be short
    expect(lines.length, `page ${i + 1} of ${pages.length}: ${lines.join(' | ')}`).toBeGreaterThanOrEqual(MIN_LINES);
  });
}

function expectCalculationWhole(pages: readonly string[][]) {
  const page = pages.find((lines) => lines.includes('תחשיב השווי'));
  expect(page, 'the page of the calculation table').toBeDefined();
  for (const row of ['שלב פירוט סכום', 'שווי הנכס', 'מע"מ השווי כולל מע"מ']) expect(page!.some((line) => line.startsWith(row)), row).toBe(true);
}

describe.skipIf(!existsSync(CHROMIUM))('the report\'s layout printed to PDF', () => {
  let printer: ChromiumPdfPrinter;
  beforeAll(() => {
    printer = createChromiumPdfPrinter({ executablePath: CHROMIUM });
  });
  afterAll(async () => printer.close());

  it('prints the full fixture without a near-empty page, the calculation whole with its VAT row', { timeout: 120_000 }, async () => {
    const pages = await printed(printer, fullReportSource(), 'full');
    expectNoNearEmptyPage(pages);
    expectCalculationWhole(pages);
  });

  it('breaks a long comparables table with its header on each page and never a lone row', { timeout: 120_000 }, async () => {
    const { input, rows } = manyComparables();
    const pages = await printed(printer, { ...fullReportSource(input), comparables: rows }, 'many-comparables');
    expectNoNearEmptyPage(pages);
    expectCalculationWhole(pages);
    const withRows = pages.map((lines) => lines.filter((line) => COMPARABLE_ROW.test(line)).length).map((count, i) => ({ count, page: pages[i]! })).filter((p) => p.count > 0);
    expect(withRows.length, 'the table spans pages').toBeGreaterThan(1);
    expect(withRows.reduce((sum, p) => sum + p.count, 0)).toBe(40);
    for (const { count, page } of withRows) {
      expect(count, 'rows of the table on a page').toBeGreaterThanOrEqual(2);
      expect(page.some((line) => line.startsWith('# תאריך')), 'the header repeated').toBe(true);
    }
  });
});
