// What a user does in the Hebrew UI, shared by the e2e tests: role, label and text selectors, with
// data-testid only where the screen has no words to find a thing by.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { smallPdf } from './harness.ts';

/** Sync takes a round trip or two; the live stream and the 200 ms push debounce add a little. */
export const SYNC_TIMEOUT = 20_000;
/** A screen change, a list refresh: quick, but a busy CI machine gets some slack (expect.poll's default is 1 s). */
export const UI_TIMEOUT = 10_000;

/** expect.poll with the UI timeout unless told otherwise. */
export const poll = <T>(actual: () => T, options: { timeout?: number; interval?: number; message?: string } = {}) => expect.poll(actual, { timeout: UI_TIMEOUT, ...options });

export type NavScreen = 'שומות' | 'סנכרון' | 'התנגשויות' | 'שינויים שנדחו' | 'הגדרות';

/** The header's sync summary (phase, pending / conflict / rejected pills). */
export const summary = (page: Page) => page.getByTestId('sync-summary');

/** The dashboard row whose title link holds the text. */
export const rowOf = (page: Page, title: string) => page.getByRole('row').filter({ has: page.getByTestId('valuation-row').filter({ hasText: title }) });

/** The row's sync badge text ("נשמר במחשב", "מסונכרן", …). */
export const rowSyncState = (page: Page, title: string) => rowOf(page, title).locator('.sync-badge').textContent();

/** The number in the header's "N שינויים ממתינים" pill (0 when there is none). */
export async function pendingCount(page: Page): Promise<number> {
  const text = (await summary(page).textContent()) ?? '';
  const match = /(\d+) שינויים ממתינים/.exec(text);
  return match ? Number(match[1]) : 0;
}

/** The valuation's title as the wizard header shows it. */
export const wizardTitle = (page: Page) => page.locator('#wizard-title').textContent();

export async function openScreen(page: Page, name: NavScreen) {
  await page.getByRole('navigation', { name: 'שמאי' }).getByRole('link', { name, exact: true }).click();
  await poll(() => page.getByRole('heading', { level: 1, name, exact: true }).isVisible()).toBe(true);
}

export interface NewValuation {
  id: string;
  title: string;
  documentName: string;
}

/** "New valuation" on the dashboard and step 1 filled in as an appraiser does (not yet completed). */
export async function fillStep1(page: Page, options: { builtAreaSqm?: string } = {}) {
  await page.getByRole('button', { name: 'שומה חדשה' }).click();
  await poll(() => page.getByRole('heading', { name: /שלב 1 מתוך 5/ }).isVisible()).toBe(true);
  await page.getByLabel('סוג השומה').selectOption({ label: 'שווי שוק' });
  await page.getByLabel('תאריך הדוח').fill('2026-11-20');
  await page.getByLabel('המועד הקובע').fill('2026-11-15');
  await page.getByLabel('מועד הביקור בנכס').fill('2026-11-14');
  await page.getByLabel('תואר').fill('מר');
  await page.getByLabel('שם הלקוח').fill('ישראל ישראלי');
  await page.getByLabel('רחוב').fill('הרצל');
  await page.getByLabel('מספר בית').fill('12');
  await page.getByLabel('שכונה').fill('הדר');
  await page.getByLabel('עיר').fill('חיפה');
  await page.getByLabel('מספר חדרים').fill('4');
  await page.getByLabel('קומה').fill('3');
  if (options.builtAreaSqm) await page.getByLabel('שטח בנוי (מ"ר)').fill(options.builtAreaSqm);
  await page.getByRole('checkbox', { name: 'צפון' }).check();
  await page.getByRole('checkbox', { name: 'מערב' }).check();
  await page.getByLabel('שם השמאי').fill('אברהם לוי');
  await page.getByLabel('מספר רישיון').fill('12345');
}

/**
 * "New valuation" on the dashboard, step 1 filled in (with the built area when given) and completed,
 * the Tabu extract added in step 2 through the file input, step 2 completed. Ends on step 3.
 */
export async function createValuationThroughWizard(page: Page, options: { documentName?: string; builtAreaSqm?: string } = {}): Promise<NewValuation> {
  const documentName = options.documentName ?? 'נסח-טאבו-הרצל-12.pdf';
  await fillStep1(page, options);
  await page.getByRole('button', { name: 'סיום שלב' }).click();

  // Step 2: the title was made from the address (the default title is replaced).
  await poll(() => page.getByRole('heading', { name: /שלב 2 מתוך 5/ }).isVisible()).toBe(true);
  const title = 'שומת דירת 4 חד׳, הרצל 12, חיפה';
  await poll(() => wizardTitle(page)).toBe(title);
  const tabu = page.getByTestId('slot-TABU');
  await tabu.getByTestId('drop-TABU').locator('input[type=file]').setInputFiles({ name: documentName, mimeType: 'application/pdf', buffer: smallPdf('Tabu extract, block 10000 parcel 12') });
  await poll(() => tabu.getByTestId('document-row').textContent()).toContain(documentName);
  await page.getByRole('button', { name: 'סיום שלב' }).click();
  await poll(() => page.getByRole('heading', { name: /שלב 3 מתוך 5/ }).isVisible()).toBe(true);
  const id = /#\/valuations\/([^/]+)\//.exec(page.url())?.[1];
  if (!id) throw new Error(`no valuation id in ${page.url()}`);
  return { id, title, documentName };
}

/** Edits the title in the wizard header. */
export async function editTitle(page: Page, title: string) {
  await page.getByRole('button', { name: 'עריכת כותרת' }).click();
  await page.getByLabel('כותרת השומה').fill(title);
  await page.getByRole('button', { name: 'שמירת כותרת' }).click();
  await poll(() => wizardTitle(page)).toBe(title);
}

/** Opens the valuation from the dashboard list. */
export async function openValuation(page: Page, title: string) {
  await openScreen(page, 'שומות');
  await rowOf(page, title).getByTestId('valuation-row').click();
  await poll(() => wizardTitle(page)).toBe(title);
}
