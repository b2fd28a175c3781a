// Accessibility in real Chromium (issue #14, item 8):
// - axe-core, WCAG 2.0/2.1 A and AA, on every main screen: sign-in, dashboard, the wizard's five steps
//   of a valuation made through the UI, its activity log, sync, conflicts (with a conflict), rejected
//   changes (with a rejection), settings: no violation;
// - the keyboard alone (Tab, Enter, typing) from the sign-in form to step 1's first field, with the
//   focus on each new screen's heading, counting the Tabs;
// - 200 % zoom (half the CSS viewport at device scale 2): the dashboard and step 1 as PNGs in
//   test-artifacts/a11y/ (and the dashboard at 100 % for comparison), no dashboard cell cut off, and
//   axe again on the narrow layout.
// The conflict and the rejection are set up through a second device's host API, as in
// screenshots.test.ts: the subject here is how the screens read, not how the user gets there.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { en } from '../../src-renderer/i18n/en.ts';
import { he } from '../../src-renderer/i18n/he.ts';
import { axeViolations } from './axe.ts';
import { createStack, DEMO_APPRAISER_1, DEMO_PASSWORD, hostCall, ROOT, signIn, type HostProcess } from './harness.ts';
import { createValuationThroughWizard, openScreen, poll, rowOf, SYNC_TIMEOUT } from './ui.ts';

const OUT = join(ROOT, 'test-artifacts/a11y');
const MESSAGES = { he, en } as const;

async function core<T>(host: HostProcess, method: string, input: Record<string, unknown> = {}): Promise<T> {
  const result = (await hostCall(host, method, input)) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}
const syncState = (host: HostProcess) => core<{ pending: number; conflicts: number; rejected: number; phase: string }>(host, 'sync.status');

/** Nothing loading any more, then two frames for layout. */
async function settle(page: Page) {
  await poll(() => page.getByText(/^(טוען…|Loading…)$/).count(), { timeout: SYNC_TIMEOUT }).toBe(0);
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}

/** Opens the valuation from the dashboard by its title (in either language). */
async function openValuationRow(page: Page, title: string) {
  await rowOf(page, title).getByTestId('valuation-row').click();
  await poll(() => page.locator('#wizard-title').textContent()).toBe(title);
}

/** Runs axe on the screen once it has settled; returns "screen: rule (impact) ×n — targets" lines. */
async function audit(page: Page, screen: string, found: string[]) {
  await settle(page);
  for (const v of await axeViolations(page)) {
    found.push(`${screen}: ${v.rule} (${v.impact}) ${v.help} — ${v.nodes.map((n) => `${n.target} [${n.summary.replace(/\s+/g, ' ')}]`).join(' | ')}`);
  }
}

/** A description of the focused element, for assertions and messages. */
const focused = (page: Page) =>
  page.evaluate(`(() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').trim().slice(0, 40) : 'none'; })()`) as Promise<string>;

/** Presses Tab until the locator's element has the focus; returns how many Tabs it took, and notes each stop in `path`. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, path: string[], limit = 40): Promise<number> {
  for (let tabs = 1; tabs <= limit; tabs++) {
    await page.keyboard.press('Tab');
    path.push(await focused(page));
    if (await target.evaluate((element) => element === (element as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement)) return tabs;
  }
  throw new Error(`not reached in ${limit} Tabs; the focus is on ${await focused(page)}`);
}

test('WCAG 2.0/2.1 A and AA on every main screen, the keyboard path to step 1, and 200 % zoom', { timeout: 300_000 }, async () => {
  mkdirSync(OUT, { recursive: true });
  const stack = createStack();
  try {
    const server = await stack.server();
    const host = await stack.host({ serverUrl: server.url });
    const { page } = await stack.page(host);
    const found: string[] = [];

    // ── Sign-in, then the keyboard alone to step 1's first field ────────────────────────────────
    await poll(() => page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    await audit(page, 'sign-in', found);
    const path: string[] = [];
    let tabs = await tabTo(page, page.locator('input[name=email]'), path);
    await page.keyboard.type(DEMO_APPRAISER_1);
    tabs += await tabTo(page, page.locator('input[name=password]'), path);
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    const dashboardHeading = page.getByRole('heading', { level: 1, name: 'שומות' });
    await poll(() => dashboardHeading.evaluate((h) => h === (h as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement), {
      timeout: SYNC_TIMEOUT,
      message: 'after sign-in the focus is on the dashboard heading',
    }).toBe(true);
    tabs += await tabTo(page, page.getByRole('button', { name: 'שומה חדשה' }), path);
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('heading', { name: /שלב 1 מתוך 5/ }).isVisible()).toBe(true);
    await poll(() => focused(page), { message: 'after opening the new valuation the focus is on its title' }).toMatch(/^h1#wizard-title /);
    const toField = await tabTo(page, page.getByLabel('סוג השומה'), path);
    tabs += toField;
    console.log(`keyboard path:\n${path.join('\n')}`);
    console.log(`keyboard: ${tabs} Tabs from the page's start to step 1's first field (${toField} of them from the valuation's title)`);
    expect.soft(tabs).toBeLessThanOrEqual(16);
    // The skip link takes the focus to the content and leaves the screen as it is (the router reads the hash).
    const step1Url = page.url();
    await page.getByRole('link', { name: he.app.skipToContent }).focus();
    await page.keyboard.press('Enter');
    await poll(() => focused(page)).toMatch(/^main#main /);
    expect(page.url()).toBe(step1Url);

    // ── A valuation made through the wizard; one open conflict and one rejected change ──────────
    await openScreen(page, 'שומות');
    const valuation = await createValuationThroughWizard(page, { builtAreaSqm: '85' });
    // The conflict and the rejection come from a second device of the same appraiser.
    const a1 = await core<{ id: string }>(host, 'valuations.create', { title: 'שומה לבדיקת התנגשות' });
    const a2 = await core<{ id: string }>(host, 'valuations.create', { title: 'שומה שתועבר לארכיון' });
    await poll(() => syncState(host).then((s) => s.pending), { timeout: SYNC_TIMEOUT }).toBe(0);
    const other = await stack.host({ serverUrl: server.url });
    await core(other, 'session.signIn', { email: DEMO_APPRAISER_1, password: DEMO_PASSWORD });
    const expected = await core<{ total: number }>(host, 'valuations.list', { limit: 1 }).then((r) => r.total);
    await poll(() => core<{ total: number }>(other, 'valuations.list', { limit: 1 }).then((r) => r.total), { timeout: SYNC_TIMEOUT }).toBe(expected);
    await core(host, 'sync.pause');
    await core(host, 'valuations.update', { id: a1.id, fields: { title: 'שומה לבדיקת התנגשות — הגרסה במחשב הזה' } });
    await core(host, 'valuations.update', { id: a2.id, fields: { title: 'שומה שתועבר לארכיון — שינוי שיידחה' } });
    await core(other, 'valuations.update', { id: a1.id, fields: { title: 'שומה לבדיקת התנגשות — הגרסה במחשב השני' } });
    await core(other, 'valuations.archive', { id: a2.id });
    await poll(() => syncState(other).then((s) => s.pending), { timeout: SYNC_TIMEOUT }).toBe(0);
    await core(host, 'sync.start');
    await poll(() => syncState(host).then((s) => `${s.phase} ${s.pending}/${s.conflicts}/${s.rejected}`), { timeout: SYNC_TIMEOUT }).toBe('up_to_date 0/1/1');
    await other.stop();

    // ── Every main screen, in Hebrew and in English ─────────────────────────────────────────────
    for (const lang of ['he', 'en'] as const) {
      const t = MESSAGES[lang];
      if (lang === 'en') {
        await page.locator('header.app-header').getByRole('combobox', { name: he.language.label, exact: true }).selectOption({ label: 'English' });
        await poll(() => page.evaluate('document.documentElement.lang')).toBe('en');
      }
      const nav = async (name: string, screen: string) => {
        await page.getByRole('navigation', { name: t.app.name }).getByRole('link', { name, exact: true }).click();
        await poll(() => page.locator(`h1#${screen}-title`).isVisible()).toBe(true);
        // The nav link moved the focus to the screen's heading.
        await poll(() => focused(page), { message: `${lang} ${screen}: the focus after the nav link` }).toMatch(new RegExp(`^h1#${screen}-title `));
      };
      const stepHeading = (step: 1 | 2 | 3 | 4 | 5) => page.getByRole('heading', { level: 2, name: new RegExp(t.wizard.steps[step]) });

      await nav(t.nav.dashboard, 'dashboard');
      await poll(() => page.getByTestId('valuation-row').first().isVisible(), { timeout: SYNC_TIMEOUT }).toBe(true);
      await audit(page, `${lang} dashboard`, found);
      await page.screenshot({ path: join(OUT, `dashboard-100-${lang}.png`), animations: 'disabled' });

      // Opened from its row: step 1, the focus on the valuation's title.
      await openValuationRow(page, valuation.title);
      await poll(() => focused(page), { message: `${lang}: the focus on opening the valuation` }).toMatch(/^h1#wizard-title /);
      for (const step of [1, 2, 3, 4, 5] as const) {
        if (step > 1) {
          await page.getByTestId(`wizard-step-${step}`).click();
          // The step link moved the focus to the step's heading.
          await poll(() => focused(page), { message: `${lang} step ${step}: the focus after the step link` }).toMatch(/^h2#wizard-step-title /);
        }
        await poll(() => stepHeading(step).isVisible()).toBe(true);
        await audit(page, `${lang} step ${step}`, found);
      }
      await page.getByRole('link', { name: t.valuation.activity }).click();
      await poll(() => page.getByTestId('activity-list').locator('li').count()).toBeGreaterThan(0);
      await poll(() => focused(page)).toMatch(/^h1#activity-title /);
      await audit(page, `${lang} activity`, found);

      // Step 5 of a seeded READY valuation (the sign panel). A SIGNED one (seal, share links) is audited
      // where the UI path signs it (appraisal-ui.test.ts): this server seeds no sealed PDFs.
      for (const status of ['READY'] as const) {
        await nav(t.nav.dashboard, 'dashboard');
        await page.getByRole('combobox', { name: t.dashboard.columns.status }).selectOption(status);
        await poll(async () => {
          const badges = await page.locator('[role=row] .badge').allTextContents();
          return badges.length > 0 && badges.every((badge) => badge === t.status[status]);
        }).toBe(true);
        await page.getByTestId('valuation-row').first().click();
        await poll(() => focused(page), { message: `${lang} ${status}: the focus on opening it` }).toMatch(/^h1#wizard-title /);
        await page.getByTestId('wizard-step-5').click();
        await poll(() => stepHeading(5).isVisible()).toBe(true);
        await audit(page, `${lang} step 5 of a ${status} valuation`, found);
      }

      await nav(t.nav.sync, 'sync');
      await audit(page, `${lang} sync`, found);
      await nav(t.nav.conflicts, 'conflicts');
      await poll(() => page.getByTestId('conflict').count()).toBe(1);
      await audit(page, `${lang} conflicts`, found);
      await nav(t.nav.rejected, 'rejected');
      await poll(() => page.getByTestId('rejection').count()).toBe(1);
      await audit(page, `${lang} rejected`, found);
      await nav(t.nav.settings, 'settings');
      await poll(() => page.getByTestId('settings-report').isVisible()).toBe(true);
      await audit(page, `${lang} settings`, found);
    }
    // Back to Hebrew for the zoomed page (the language is the device's setting).
    await page.locator('header.app-header').getByRole('combobox', { name: en.language.label, exact: true }).selectOption({ label: 'עברית' });
    await poll(() => page.evaluate('document.documentElement.lang')).toBe('he');

    // ── 200 % zoom: the same window at twice the scale ──────────────────────────────────────────
    const zoomed = (await stack.page(host, { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 })).page;
    if (await zoomed.locator('input[name=email]').isVisible()) await signIn(zoomed, DEMO_APPRAISER_1, DEMO_PASSWORD);
    await poll(() => zoomed.getByTestId('valuation-row').first().isVisible(), { timeout: SYNC_TIMEOUT }).toBe(true);
    await settle(zoomed);
    // The cells of the valuation rows (by the row's title link, so the check does not rest on the markup it checks).
    const cellsOf = `[...document.querySelectorAll('[role=row]:has([data-testid=valuation-row]) > *')]`;
    const clipped = (await zoomed.evaluate(`${cellsOf}.flatMap((cell) => [cell, ...cell.querySelectorAll('*')])
      .filter((e) => e.getClientRects().length > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline')
      .map((e) => e.className + ': ' + (e.textContent || '').trim())`)) as string[];
    const cells = (await zoomed.evaluate(`${cellsOf}.length`)) as number;
    expect(cells, 'the zoomed dashboard shows cells').toBeGreaterThan(8);
    expect.soft(clipped, 'dashboard cells cut off at 200 %').toEqual([]);
    // Nothing is shortened with an ellipsis either.
    const ellipsed = (await zoomed.evaluate(`[...document.querySelectorAll('[data-testid=valuation-list] *')].filter((e) => getComputedStyle(e).textOverflow === 'ellipsis').length`)) as number;
    expect.soft(ellipsed, 'dashboard cells shortened with an ellipsis').toBe(0);
    await zoomed.screenshot({ path: join(OUT, 'dashboard-200.png'), animations: 'disabled' });
    await zoomed.getByTestId('valuation-list').evaluate((list) => (list as unknown as { scrollIntoView(): void }).scrollIntoView());
    await zoomed.screenshot({ path: join(OUT, 'dashboard-200-rows.png'), animations: 'disabled' });
    await audit(zoomed, 'dashboard at 200 %', found);

    await zoomed.evaluate(`location.hash = '#/valuations/${valuation.id}/step/1'`);
    await poll(() => zoomed.getByRole('heading', { level: 2, name: /שלב 1 מתוך 5/ }).isVisible()).toBe(true);
    await settle(zoomed);
    await zoomed.locator('#wizard-step-title').evaluate((heading) => (heading as unknown as { scrollIntoView(): void }).scrollIntoView());
    await zoomed.screenshot({ path: join(OUT, 'step1-200.png'), animations: 'disabled' });
    // The whole form: the app scrolls inside <main>, so for one tall picture the document grows instead.
    const grow = await zoomed.addStyleTag({ content: '.shell { height: auto !important; } .shell > main { overflow: visible !important; }' });
    await zoomed.screenshot({ path: join(OUT, 'step1-200-full.png'), fullPage: true, animations: 'disabled' });
    await grow.evaluate((style) => (style as unknown as { remove(): void }).remove());
    await audit(zoomed, 'step 1 at 200 %', found);

    expect(found, found.join('\n')).toEqual([]);
  } finally {
    await stack.close();
  }
});
