// Step 4 end to end, as an appraiser does it in the Hebrew UI: Chromium drives the real renderer through
// the browser host (the real core on SQLite) against the real sync server.
//
//   a new valuation (step 1 completed; built area left empty) → step 4 → a permit plan (a PNG made here) is loaded into the
//   Garmushka → calibrated by a 250 px line of 5 m → a 500×400 px polygon is drawn and made MAIN
//   (80.00 sqm) → undo removes it, redo brings it back → the calculation takes the Garmushka area and
//   a price per sqm typed by hand, and shows exactly what computeValuation gives → after a reload the
//   measurement and the value are still there → step 5's preflight lists a hard stop linking to step 1.
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { expect, test } from 'vitest';
import { computeValuation } from '../../src-shared/domain/calculation/index.ts';
import { createStack, DEMO_APPRAISER_1, DEMO_PASSWORD, signIn } from './harness.ts';
import { poll, SYNC_TIMEOUT } from './ui.ts';

/** The determining date typed in step 1 (המועד הקובע): the calculation's valuation date. */
const VALUATION_DATE = '2026-11-15';
/** 23,456.78 ₪ per sqm, as typed and as agorot. */
const PRICE_TEXT = '23456.78';
const PRICE_AGOROT = 2_345_678;

/**
 * "New valuation" on the dashboard and step 1 filled in and completed (the determining date is what
 * the calculation's valuation date comes from). Ends on step 2; returns the valuation's id.
 */
async function createValuation(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'שומה חדשה' }).click();
  await poll(() => page.getByRole('heading', { name: /שלב 1 מתוך 5/ }).isVisible()).toBe(true);
  await page.getByLabel('סוג השומה').selectOption({ label: 'שווי שוק' });
  await page.getByLabel('תאריך הדוח').fill('2026-11-20');
  await page.getByLabel('המועד הקובע').fill(VALUATION_DATE);
  await page.getByLabel('מועד הביקור בנכס').fill('2026-11-14');
  await page.getByLabel('שם הלקוח').fill('ישראל ישראלי');
  await page.getByLabel('רחוב').fill('הרצל');
  await page.getByLabel('מספר בית').fill('12');
  await page.getByLabel('עיר').fill('חיפה');
  await page.getByLabel('מספר חדרים').fill('4');
  await page.getByLabel('קומה').fill('3');
  await page.getByLabel('שם השמאי').fill('אברהם לוי');
  await page.getByLabel('מספר רישיון').fill('12345');
  await page.getByRole('button', { name: 'סיום שלב' }).click();
  await poll(() => page.getByRole('heading', { name: /שלב 2 מתוך 5/ }).isVisible()).toBe(true);
  const id = /#\/valuations\/([^/]+)\//.exec(page.url())?.[1];
  if (!id) throw new Error(`no valuation id in ${page.url()}`);
  return id;
}

/** A 1000×800 white plan with a black rectangle (the flat's outline) where the polygon is drawn. */
async function planPng(): Promise<Buffer> {
  const rectangle = await sharp({ create: { width: 500, height: 400, channels: 3, background: '#000000' } })
    .composite([{ input: await sharp({ create: { width: 490, height: 390, channels: 3, background: '#ffffff' } }).png().toBuffer(), left: 5, top: 5 }])
    .png()
    .toBuffer();
  return sharp({ create: { width: 1000, height: 800, channels: 3, background: '#ffffff' } })
    .composite([{ input: rectangle, left: 250, top: 200 }])
    .png()
    .toBuffer();
}

interface View {
  left: number;
  top: number;
  scale: number;
  x: number;
  y: number;
}

/** The canvas's transform (screen = plan × scale + offset) and where it is on the page, once it settles. */
async function viewOf(canvas: Locator): Promise<View> {
  const read = async (): Promise<View> => {
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the Garmushka canvas is not on screen');
    const [scale, x, y] = await Promise.all(['data-scale', 'data-offset-x', 'data-offset-y'].map(async (name) => Number(await canvas.getAttribute(name))));
    return { left: box.x, top: box.y, scale: scale!, x: x!, y: y! };
  };
  let last = JSON.stringify(await read());
  await poll(async () => {
    const now = JSON.stringify(await read());
    const same = now === last;
    last = now;
    return same;
  }, { interval: 150 }).toBe(true);
  return read();
}

/** Clicks a plan point (plan pixels) on the canvas. */
async function clickPlan(page: Page, view: View, x: number, y: number) {
  await page.mouse.click(view.left + x * view.scale + view.x, view.top + y * view.scale + view.y);
}

/** Every digit of a shown amount as a number ("‏1,877,000 ₪" → 1877000). */
const shekelsShown = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test('step 4: Garmushka measurement, undo/redo, the calculation, saved across a reload, and step 5 preflight', { timeout: 120_000 }, async () => {
  const started = performance.now();
  const timings: string[] = [];
  const mark = (what: string) => timings.push(`${((performance.now() - started) / 1000).toFixed(1)} s  ${what}`);
  const stack = createStack();
  try {
    stack.staticDir();
    const server = await stack.server();
    const host = await stack.host({ serverUrl: server.url });
    const { page, errors } = await stack.page(host, { viewport: { width: 1280, height: 1000 } });
    mark('stack up');

    await poll(() => page.getByRole('heading', { name: 'כניסה לשמאי' }).isVisible()).toBe(true);
    await signIn(page, DEMO_APPRAISER_1, DEMO_PASSWORD);
    await poll(() => page.getByTestId('valuation-count').isVisible(), { timeout: SYNC_TIMEOUT }).toBe(true);
    const valuationId = await createValuation(page);
    mark('valuation created');

    // ── Step 4: load the plan ───────────────────────────────────────────────────────────────────────
    await page.getByTestId('wizard-step-4').click();
    await poll(() => page.getByRole('heading', { name: /שלב 4 מתוך 5/ }).isVisible()).toBe(true);
    const garmushka = page.getByTestId('garmushka');
    await garmushka.getByTestId('garmushka-drop').locator('input[type=file]').setInputFiles({ name: 'תכנית-היתר.png', mimeType: 'image/png', buffer: await planPng() });
    const canvas = garmushka.getByTestId('garmushka-canvas');
    await poll(() => garmushka.getByTestId('garmushka-plan-image').count(), { timeout: SYNC_TIMEOUT }).toBe(1);
    expect(await canvas.getAttribute('data-plan-width')).toBe('1000');
    expect(await canvas.getAttribute('data-plan-height')).toBe('800');
    await canvas.scrollIntoViewIfNeeded();
    mark('plan loaded');

    // ── Calibrate: two points 250 plan px apart are 5 m ──────────────────────────────────────────────
    await garmushka.getByTestId('garmushka-calibrate').click();
    let view = await viewOf(canvas);
    await clickPlan(page, view, 250, 100);
    await clickPlan(page, view, 500, 100);
    await garmushka.getByTestId('garmushka-known-length').fill('5');
    await garmushka.getByTestId('garmushka-calibration-apply').click();
    await poll(() => garmushka.getByTestId('garmushka-calibration-status').getAttribute('data-calibrated')).toBe('true');
    expect(Number(await garmushka.getByTestId('garmushka-calibration-status').getAttribute('data-metres-per-pixel'))).toBeCloseTo(0.02, 9);

    // ── A 500×400 px polygon (10 m × 8 m), made MAIN ─────────────────────────────────────────────────
    await garmushka.getByTestId('garmushka-tool-polygon').click();
    view = await viewOf(canvas);
    for (const [x, y] of [[250, 200], [750, 200], [750, 600], [250, 600]] as const) await clickPlan(page, view, x, y);
    await poll(() => canvas.getAttribute('data-draft-points')).toBe('4');
    await garmushka.getByTestId('garmushka-finish').click();
    const rows = garmushka.getByTestId('garmushka-shape-row');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-area-hundredths')).toBe('8000');
    await rows.first().getByTestId('garmushka-shape-kind').selectOption('MAIN');
    const mainTotal = garmushka.getByTestId('garmushka-total-MAIN');
    await poll(() => mainTotal.getAttribute('data-hundredths')).toBe('8000');
    expect(await mainTotal.textContent()).toContain('80.00');
    mark('measured');

    // ── Undo (the kind, then the shape) and redo (both back) ─────────────────────────────────────────
    const undo = garmushka.getByTestId('garmushka-undo');
    const redo = garmushka.getByTestId('garmushka-redo');
    await undo.click();
    await poll(() => mainTotal.count()).toBe(0);
    await undo.click();
    await poll(() => rows.count()).toBe(0);
    await redo.click();
    await poll(() => rows.count()).toBe(1);
    await redo.click();
    await poll(() => mainTotal.getAttribute('data-hundredths')).toBe('8000');
    expect(await rows.first().getAttribute('data-kind')).toBe('MAIN');

    // ── The calculation: the Garmushka area and a price per sqm typed by hand ───────────────────────
    const calculation = page.getByTestId('calculation');
    const fromGarmushka = calculation.getByRole('radio', { name: 'מדידת גרמושקה' });
    await fromGarmushka.check();
    expect(await fromGarmushka.isChecked()).toBe(true);
    const areaLine = calculation.getByTestId('area-lines').locator('tbody tr');
    await poll(() => areaLine.count()).toBe(1);
    expect(await areaLine.locator('td').last().textContent()).toMatch(/^80(\.0+)?$/);
    await calculation.getByRole('textbox', { name: /מחיר למ"ר ידני/ }).fill(PRICE_TEXT);

    const expected = computeValuation({
      areas: [{ kind: 'MAIN', areaHundredths: 8000 }],
      coefficients: {},
      valuationDate: VALUATION_DATE,
      comparables: [],
      indexTable: null,
      pricePerSqmOverrideAgorot: PRICE_AGOROT,
      fixedSums: [],
      deductions: [],
      rounding: 'NEAREST_1000',
      vat: null,
    });
    if (!expected.ok) throw new Error(`computeValuation refused the test's input: ${JSON.stringify(expected.errors)}`);
    const expectedShekels = expected.result.roundedValueAgorot / 100;
    expect(expectedShekels).toBe(1_877_000); // 80 sqm × 23,456.78 ₪ = 1,876,542.40 ₪, to the nearest thousand
    const finalValue = calculation.getByTestId('calculation-final-value');
    await poll(async () => shekelsShown(await finalValue.textContent())).toBe(expectedShekels);
    expect(shekelsShown(await calculation.getByTestId('calculation-price-per-sqm').textContent())).toBe(Math.round(PRICE_AGOROT / 100));
    mark('calculated');

    // ── Saved: both parts say so, and a reload shows the same ────────────────────────────────────────
    await poll(() => garmushka.getByTestId('garmushka-save-status').getAttribute('data-status'), { timeout: SYNC_TIMEOUT }).toBe('saved');
    await poll(() => page.getByTestId('calculation-save-status').getAttribute('data-status'), { timeout: SYNC_TIMEOUT }).toBe('saved');
    await page.reload();
    await poll(() => page.getByRole('heading', { name: /שלב 4 מתוך 5/ }).isVisible(), { timeout: SYNC_TIMEOUT }).toBe(true);
    await poll(() => page.getByTestId('garmushka-total-MAIN').getAttribute('data-hundredths'), { timeout: SYNC_TIMEOUT }).toBe('8000');
    expect(await page.getByTestId('garmushka-shape-row').count()).toBe(1);
    await poll(async () => shekelsShown(await page.getByTestId('calculation-final-value').textContent())).toBe(expectedShekels);
    mark('reloaded');

    // ── Step 5: the preflight lists hard stops; the built area's links to its own field in step 1 ──
    await page.getByTestId('wizard-step-5').click();
    await poll(() => page.getByRole('heading', { name: /שלב 5 מתוך 5/ }).isVisible()).toBe(true);
    const hardStops = page.getByTestId('preflight-hard-stop');
    await poll(() => hardStops.count(), { timeout: SYNC_TIMEOUT }).toBeGreaterThan(0);
    const builtArea = hardStops.filter({ has: page.locator(`a[href="#/valuations/${valuationId}/step/1?focus=step1-builtAreaSqm"]`) });
    await poll(() => builtArea.count()).toBe(1);
    // A translated sentence that names the field by its label: not the key, not the path.
    expect(await builtArea.textContent()).toContain('חסר: שטח בנוי');
    expect(await builtArea.textContent()).not.toMatch(/preflight\.|builtAreaSqm|meta\./);
    expect(await page.getByTestId('preflight-ready').count()).toBe(0);
    await builtArea.getByRole('link').click();
    await poll(() => page.getByRole('heading', { name: /שלב 1 מתוך 5/ }).isVisible()).toBe(true);
    // The link put the cursor in the field that fixes it.
    await poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('step1-builtAreaSqm');
    mark('preflight shown');

    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    expect(host.output()).not.toMatch(/dispatch threw|Internal error/);
  } finally {
    mark('end');
    console.log(`e2e step 4 timings:\n${timings.join('\n')}`);
    await stack.close();
  }
});
