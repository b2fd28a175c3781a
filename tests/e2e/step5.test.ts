// Step 5 end to end, in the Hebrew UI: Chromium drives the real renderer through the browser host (the
// real core on SQLite, printing with the host's Chromium) against the real sync server.
//
//   step 1 and step 2 through the wizard (with a Tabu PDF) → what steps 3 and 4 would record (block and
//   parcel, the registered area, the confirmed owners, three comparables and the
//   calculation, and the value it gives) is written through the host's API, as another window would →
//   a footer text and a logo in Settings › Report → "move to Ready" in the header → step 5: the preview frame shows the report (its Hebrew title and
//   the address and the footer) → a CSV export appears in the generated files → signing, confirmed in the dialog,
//   prints and seals the report → the signed banner, the seal and the sealed PDF in the files; step 1
//   is read-only → a share link to the sealed report → "create revision" opens an editable copy that
//   links back to the signed valuation.
//
// Screenshots: test-results/screenshots/he-settings-report.png, he-step5-ready.png, he-step5-signed.png, he-step1-signed.png,
// he-revision-step1.png, en-step5-signed.png.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { expect, test } from 'vitest';
import { calculate, finalFigures, mappingSourcesOf } from '../../src-shared/domain/calculation/stored.ts';
import { REPORT_TITLE } from '../../src-shared/domain/report/texts.ts';
import { createStack, DEMO_APPRAISER_1, DEMO_PASSWORD, hostCall, ROOT, signIn, type HostProcess } from './harness.ts';
import { createValuationThroughWizard, poll, SYNC_TIMEOUT } from './ui.ts';

const OUT = join(ROOT, 'test-results/screenshots');
/** Printing launches a Chromium for the first report; give it room on a slow machine. */
const PRINT_TIMEOUT = 60_000;
const TITLE = 'שומת דירת 4 חד׳, הרצל 12, חיפה';
const ADDRESS = 'הרצל 12, חיפה';
const FOOTER = 'לוי שמאות מקרקעין · רחוב הנביאים 5, חיפה · 04-8123456';

/** A small logo: a blue square with a white bar. */
async function logoPng(): Promise<Buffer> {
  const bar = await sharp({ create: { width: 120, height: 24, channels: 4, background: '#ffffff' } }).png().toBuffer();
  return sharp({ create: { width: 200, height: 80, channels: 4, background: '#1f5fbf' } })
    .composite([{ input: bar, left: 40, top: 28 }])
    .png()
    .toBuffer();
}

async function core<T>(host: HostProcess, method: string, input: Record<string, unknown> = {}): Promise<T> {
  const result = (await hostCall(host, method, input)) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const heading = (page: Page, step: number) => page.getByRole('heading', { name: new RegExp(`שלב ${step} מתוך 5`) });

/** The app scrolls inside <main> under a fixed header; for a full-page picture the document grows instead. */
const GROW = '.shell { height: auto !important; min-height: 100vh; } .shell > main { overflow: visible !important; }';

async function screenshot(page: Page, name: string) {
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  const style = await page.addStyleTag({ content: GROW });
  // The preview frame paints in its own process: give it a moment after the page grew.
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true, animations: 'disabled' });
  await style.evaluate((element) => (element as unknown as { remove(): void }).remove());
}

interface StoredValuation {
  meta: Record<string, unknown>;
  comparableData: unknown;
  step1Data: unknown;
  step4Data: unknown;
  garmushkaMeasurements: unknown;
}

/**
 * What steps 3 and 4 record, written the way the core stores it: block/parcel and the registered area,
 * the owner as step 3 confirms it, three comparables and the calculation, and the value it gives.
 */
async function completeThroughApi(host: HostProcess, valuationId: string) {
  const comparable = (n: number, dealDate: string, address: string, areaHundredths: number, priceAgorot: number) => ({
    id: `c${n}`,
    dealDate,
    address,
    blockParcel: `10777/${10 + n}/${n}`,
    rooms: 4,
    floor: String(n),
    areaHundredths,
    priceAgorot,
    included: true,
    weight: 1,
    adjustments: [],
  });
  const before = await core<StoredValuation>(host, 'valuations.get', { id: valuationId });
  const fields = {
    block: '10777',
    parcel: '12',
    subparcel: '8',
    meta: {
      ...before.meta,
      registeredAreaSqm: '85.50',
      builtAreaSqm: '96.50',
      legal: { rightsType: 'PRIVATE_OWNERSHIP', owners: [{ name: 'ישראל ישראלי', idType: 'ISRAELI_ID', idNumber: '123456782', share: 'בשלמות' }], attachments: [], mortgages: [], notes: [], easements: [], confirmedFromDocumentId: null },
    },
    comparableData: {
      version: 1,
      comparables: [
        comparable(1, '2026-06-10', 'הרצל 20, חיפה', 8_500, 245_000_000),
        comparable(2, '2026-08-02', 'מסדה 7, חיפה', 9_000, 261_000_000),
        comparable(3, '2026-09-21', 'הרצל 31, חיפה', 8_000, 228_000_000),
      ],
      indexTable: {},
      valuationMonth: '',
    },
    step4Data: {
      calculation: {
        version: 1,
        areaSource: 'MANUAL',
        manualAreas: [{ kind: 'MAIN', areaHundredths: 8_550 }],
        coefficients: {},
        pricePerSqmOverrideAgorot: null,
        fixedSums: [],
        deductions: [],
        rounding: 'NEAREST_1000',
        vat: 'INCLUDED',
      },
    },
  };
  const figures = finalFigures(calculate(mappingSourcesOf({ ...before, ...fields })));
  if (!figures) throw new Error('the calculation refuses the test data');
  await core(host, 'valuations.update', { id: valuationId, fields: { ...fields, ...figures } });
  const preflight = await core<{ hardStops: { code: string; field: string }[] }>(host, 'valuations.preflight', { id: valuationId });
  expect(preflight.hardStops, 'the preflight still has hard stops').toEqual([]);
}

test('step 5: preview, CSV export, signing, read-only, share link and a revision', { timeout: 240_000 }, async () => {
  mkdirSync(OUT, { recursive: true });
  const started = performance.now();
  const timings: string[] = [];
  const mark = (what: string) => timings.push(`${((performance.now() - started) / 1000).toFixed(1)} s  ${what}`);
  const stack = createStack();
  try {
    stack.staticDir();
    const server = await stack.server();
    const host = await stack.host({ serverUrl: server.url });
    const { page, errors } = await stack.page(host, { viewport: { width: 1280, height: 900 } });
    mark('stack up');

    await poll(() => page.getByRole('heading', { name: 'כניסה לשמאי' }).isVisible()).toBe(true);
    await signIn(page, DEMO_APPRAISER_1, DEMO_PASSWORD);
    await poll(() => page.getByTestId('valuation-count').isVisible(), { timeout: SYNC_TIMEOUT }).toBe(true);
    const { id: valuationId, title } = await createValuationThroughWizard(page, { builtAreaSqm: '96.5' });
    expect(title).toBe(TITLE);
    await completeThroughApi(host, valuationId);
    const me = await core<{ user: { name: string } }>(host, 'session.current');
    mark('valuation filled in');

    // ── Settings › Report: a footer and a logo for every report ───────────────────────────────────
    await page.getByRole('navigation', { name: 'שמאי' }).getByRole('link', { name: 'הגדרות', exact: true }).click();
    const branding = page.getByTestId('settings-report');
    await poll(() => branding.isVisible()).toBe(true);
    await branding.getByLabel('טקסט בתחתית כל עמוד').fill(FOOTER);
    await branding.getByRole('button', { name: 'שמירת הטקסט' }).click();
    await poll(() => branding.getByText('נשמר', { exact: true }).isVisible()).toBe(true);
    await page.getByTestId('report-image-logo').locator('input[type=file]').setInputFiles({ name: 'לוגו-המשרד.png', mimeType: 'image/png', buffer: await logoPng() });
    await poll(() => page.getByTestId('report-image-logo-preview').getAttribute('src'), { timeout: SYNC_TIMEOUT }).toMatch(/^data:image\/png;base64,/);
    await screenshot(page, 'he-settings-report');
    await page.evaluate(`location.hash = '#/valuations/${valuationId}/step/5'`);
    await poll(() => heading(page, 5).isVisible()).toBe(true);
    mark('report branding set');

    // ── Ready, on step 5 ─────────────────────────────────────────────────────────────────────────
    // A valuation still in draft goes through "in progress" on its way.
    const status = page.locator('.wizard-header .badge').first();
    if ((await status.textContent()) === 'טיוטה') {
      await page.getByRole('button', { name: 'העבר לבעבודה' }).click();
      await poll(() => status.textContent()).toBe('בעבודה');
    }
    await page.getByRole('button', { name: 'העבר למוכנה' }).click();
    await poll(() => status.textContent()).toBe('מוכנה');
    await poll(() => page.getByTestId('preflight-ready').isVisible(), { timeout: SYNC_TIMEOUT }).toBe(true);

    // The preview: the core's HTML in a sandboxed frame (no scripts, no same-origin access).
    const frame = page.getByTestId('report-preview-frame');
    await poll(() => frame.count(), { timeout: SYNC_TIMEOUT }).toBe(1);
    expect(await frame.getAttribute('sandbox')).toBe('');
    const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
    expect(srcdoc).toContain(REPORT_TITLE);
    expect(srcdoc).toContain(ADDRESS);
    expect(srcdoc).toContain(FOOTER);
    const content = page.frameLocator('[data-testid=report-preview-frame]').locator('body');
    await poll(() => content.textContent(), { timeout: SYNC_TIMEOUT }).toContain(REPORT_TITLE);
    expect(await content.textContent()).toContain(ADDRESS);
    // Scaled to the pane: the page is no wider on screen than the pane that holds it.
    const pane = await page.locator('.report-preview-pane').boundingBox();
    const shown = await frame.boundingBox();
    expect(shown!.width).toBeLessThanOrEqual(pane!.width + 1);
    mark('preview shown');

    // ── A CSV export appears among the generated files ─────────────────────────────────────────────
    expect(await page.getByTestId('generated-files').textContent()).toContain('עדיין לא נוצרו קבצים');
    await page.getByTestId('export-CSV').click();
    await poll(() => page.getByTestId('export-done').isVisible(), { timeout: SYNC_TIMEOUT }).toBe(true);
    const csv = page.locator('[data-testid=generated-file][data-type=CSV]');
    await poll(() => csv.count()).toBe(1);
    expect(await csv.textContent()).toContain('גרסה 1');
    // The browser version saves it as a download under its own name.
    const [download] = await Promise.all([page.waitForEvent('download'), csv.getByRole('button', { name: /^הורדה/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const saved = await download.path();
    expect(readFileSync(saved).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    await screenshot(page, 'he-step5-ready');
    mark('CSV exported');

    // ── Sign: confirm, the report is printed and sealed ──────────────────────────────────────────
    const signButton = page.getByTestId('sign-button');
    await poll(() => signButton.isEnabled()).toBe(true);
    await signButton.click();
    const dialog = page.getByRole('dialog', { name: 'לחתום על השומה?' });
    await poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('לקריאה בלבד');
    await dialog.getByRole('button', { name: 'חתימה', exact: true }).click();
    const banner = page.getByTestId('signed-banner');
    try {
      await poll(() => banner.isVisible(), { timeout: PRINT_TIMEOUT }).toBe(true);
    } catch (error) {
      const said = (await dialog.isVisible()) ? await dialog.textContent() : '(no dialog)';
      throw new Error(`signing did not finish; the dialog says: ${said}`, { cause: error });
    }
    mark('signed');
    const bannerText = (await banner.textContent())?.replace(/[\u2068\u2069]/g, '');
    expect(bannerText).toMatch(/^נחתמה ב־\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} על ידי (.+)\. השומה לקריאה בלבד/);
    expect(bannerText).toContain(`על ידי ${me.user.name}.`);
    await poll(() => status.textContent()).toBe('חתומה');
    const seal = page.getByTestId('seal');
    await poll(() => seal.isVisible()).toBe(true);
    // The focus moved from the closed dialog to the seal.
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('השומה חתומה');
    const signed = await core<{ reportSha256: string; signedById: string }>(host, 'valuations.get', { id: valuationId });
    expect(await page.getByTestId('seal-sha256').getAttribute('title')).toBe(signed.reportSha256);
    expect(await page.getByTestId('seal-sha256').textContent()).toBe(`${signed.reportSha256.slice(0, 8)} ${signed.reportSha256.slice(8, 16)}`);
    const sealedRow = page.locator('[data-testid=generated-file][data-sealed=true]');
    await poll(() => sealedRow.count()).toBe(1);
    expect(await sealedRow.getAttribute('data-type')).toBe('PDF');
    // Signing is over: no sign button, no preflight, exports still possible (they copy, not change).
    expect(await page.getByTestId('sign-button').count()).toBe(0);
    // Signed: the sealed report is what it offers; no more drafts, and the preview is not "out of date".
    expect(await page.getByTestId('export-CSV').count()).toBe(0);
    expect(await page.locator('[data-testid=generated-file]').count()).toBe(1);
    expect(await page.getByTestId('report-preview-outdated').count()).toBe(0);
    await screenshot(page, 'he-step5-signed');

    // ── Read-only everywhere: step 1's inputs are disabled ──────────────────────────────────────────
    await page.getByTestId('wizard-step-1').click();
    await poll(() => heading(page, 1).isVisible()).toBe(true);
    expect(await page.getByTestId('signed-banner').isVisible()).toBe(true);
    for (const label of ['רחוב', 'עיר', 'שם הלקוח', 'מספר חדרים']) expect(await page.getByLabel(label).isDisabled(), label).toBe(true);
    expect(await page.getByRole('button', { name: 'סיום שלב' }).count()).toBe(0);
    await screenshot(page, 'he-step1-signed');
    await page.getByTestId('wizard-step-2').click();
    await poll(() => heading(page, 2).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /^הסרה/ }).count()).toBe(0);
    expect(await page.locator('.dropzone').count()).toBe(0);
    // Steps 3 and 4: nothing to type into (the plan viewer's zoom and pan stay).
    for (const step of [3, 4]) {
      await page.getByTestId(`wizard-step-${step}`).click();
      await poll(() => heading(page, step).isVisible()).toBe(true);
      await page.evaluate('new Promise((resolve) => setTimeout(resolve, 500))');
      const editable = page.locator('.wizard-step').locator('input:not([disabled]):not([readonly]):not([type=file]), textarea:not([disabled]):not([readonly]), select:not([disabled])');
      const names = await Promise.all((await editable.all()).map(async (el) => (await el.getAttribute('aria-label')) ?? (await el.getAttribute('id')) ?? '(unnamed)'));
      expect(names, `step ${step}: editable controls`).toEqual([]);
    }
    mark('read-only checked');

    // ── A share link to the sealed report (once the sealed report reached the server) ───────────────
    await page.getByTestId('wizard-step-5').click();
    await poll(() => heading(page, 5).isVisible()).toBe(true);
    await poll(() => sealedRow.locator('.sync-badge').textContent(), { timeout: SYNC_TIMEOUT }).toBe('מסונכרן');
    const shares = page.getByTestId('share-panel');
    await shares.getByTestId('share-days').fill('7');
    await shares.getByTestId('share-create').click();
    try {
      await poll(() => shares.getByTestId('share-created').isVisible(), { timeout: SYNC_TIMEOUT }).toBe(true);
    } catch (error) {
      throw new Error(`no share link; the panel says: ${await shares.textContent()}\nhost: ${host.output().slice(-3000)}\nserver: ${server.output().slice(-3000)}`, { cause: error });
    }
    const row = shares.getByTestId('share-row');
    await poll(() => row.count()).toBe(1);
    expect(await row.getAttribute('data-status')).toBe('active');
    // Its address has the focus, selected, to copy.
    expect(await page.evaluate('document.activeElement && document.activeElement.value')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/\S+$/);
    await row.getByRole('button', { name: 'ביטול הקישור' }).click();
    const revokeDialog = page.getByRole('dialog', { name: 'לבטל את הקישור?' });
    await revokeDialog.getByRole('button', { name: 'ביטול הקישור' }).click();
    await poll(() => row.getAttribute('data-status'), { timeout: SYNC_TIMEOUT }).toBe('revoked');
    expect(await shares.getByTestId('share-created').count()).toBe(0);
    mark('share link created and revoked');

    // ── The same screen in English ───────────────────────────────────────────────────────────────
    await page.locator('header.app-header').getByRole('combobox', { name: 'שפה', exact: true }).selectOption({ label: 'English' });
    await poll(() => page.evaluate('document.documentElement.dir')).toBe('ltr');
    await poll(() => page.getByTestId('signed-banner').textContent()).toContain('Read-only');
    await screenshot(page, 'en-step5-signed');
    await page.locator('header.app-header').getByRole('combobox', { name: 'Language', exact: true }).selectOption({ label: 'עברית' });
    await poll(() => page.evaluate('document.documentElement.dir')).toBe('rtl');

    // ── A revision: a new, editable valuation that links back ───────────────────────────────────────
    await page.getByRole('button', { name: 'יצירת גרסה מתוקנת' }).click();
    await poll(() => page.url(), { timeout: SYNC_TIMEOUT }).not.toContain(valuationId);
    await poll(() => heading(page, 1).isVisible()).toBe(true);
    const revisionOf = page.getByTestId('revision-of');
    await poll(() => revisionOf.textContent()).toContain(TITLE);
    expect(await revisionOf.getByRole('link').getAttribute('href')).toBe(`#/valuations/${valuationId}/step/5`);
    expect(await page.getByTestId('signed-banner').count()).toBe(0);
    await poll(() => page.getByLabel('רחוב').isEnabled()).toBe(true);
    expect(await page.getByLabel('רחוב').inputValue()).toBe('הרצל');
    await page.getByLabel('קומה').fill('4');
    expect(await page.getByLabel('קומה').inputValue()).toBe('4');
    await screenshot(page, 'he-revision-step1');
    // The signed one is untouched.
    expect((await core<{ status: string }>(host, 'valuations.get', { id: valuationId })).status).toBe('SIGNED');
    mark('revision opened');

    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    expect(host.output()).not.toMatch(/dispatch threw|Internal error/);
  } finally {
    mark('end');
    console.log(`e2e step 5 timings:\n${timings.join('\n')}`);
    await stack.close();
  }
});
