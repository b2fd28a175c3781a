// Every main screen in Hebrew and in English, as full-page PNGs in test-results/screenshots/<lang>-<screen>.png
// (CI keeps test-results/ as artifacts). Per screen: the text direction and language of the document,
// the screen's heading, no console errors, no horizontal overflow (of the window or of the scrolling
// main area), no untranslated i18n key on screen.
//
// The data: the demo office synced from a real server, one valuation made through the wizard (with a
// Tabu PDF), and one open conflict and one rejected change, so those screens show a card and not
// only their empty state. The conflict and the rejection are set up through a second device of the
// same appraiser, driven through its host's API (the workflow test does such things through the UI).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { en } from '../../src-renderer/i18n/en.ts';
import { he } from '../../src-renderer/i18n/he.ts';
import { createStack, DEMO_APPRAISER_1, DEMO_PASSWORD, hostCall, ROOT, signIn, type HostProcess } from './harness.ts';
import { createValuationThroughWizard, poll, SYNC_TIMEOUT } from './ui.ts';

const OUT = join(ROOT, 'test-results/screenshots');
type Lang = 'he' | 'en';
const MESSAGES = { he, en } as const;

interface SyncStatus {
  pending: number;
  conflicts: number;
  rejected: number;
  phase: string;
}

async function core<T>(host: HostProcess, method: string, input: Record<string, unknown> = {}): Promise<T> {
  const result = (await hostCall(host, method, input)) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const status = (host: HostProcess) => core<SyncStatus>(host, 'sync.status');

/** What the checks read from the page (page.evaluate takes a string here: the Node typings have no DOM). */
interface PageFacts {
  dir: string;
  lang: string;
  innerWidth: number;
  innerHeight: number;
  docScrollWidth: number;
  docScrollHeight: number;
  mainScrollWidth: number | null;
  mainClientWidth: number | null;
  /** Elements whose box reaches past the window's inline edges (the first few). */
  outside: string[];
  text: string;
}

const FACTS = `(() => {
  const main = document.querySelector('main');
  const outside = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.clipPath.startsWith('inset(50%')) continue;
    // Inside a scrolling box that is itself in view, a wide child is scrolled, not cut off.
    let clipped = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') { clipped = true; break; }
    }
    // Wholly off screen on purpose (the skip link until it has the focus) is not overflow.
    const offScreen = r.right <= 0 || r.left >= innerWidth;
    if (!clipped && !offScreen && (r.left < -1 || r.right > innerWidth + 1)) outside.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' [' + Math.round(r.left) + ', ' + Math.round(r.right) + ']');
    if (outside.length >= 5) break;
  }
  return {
    dir: document.documentElement.dir,
    lang: document.documentElement.lang,
    innerWidth,
    innerHeight,
    docScrollWidth: document.documentElement.scrollWidth,
    docScrollHeight: document.documentElement.scrollHeight,
    mainScrollWidth: main ? main.scrollWidth : null,
    mainClientWidth: main ? main.clientWidth : null,
    outside,
    text: document.body.innerText,
  };
})()`;

/** The app scrolls inside <main> under a fixed header; for a full-page picture the document grows instead. */
const GROW = '.shell { height: auto !important; min-height: 100vh; } .shell > main { overflow: visible !important; }';

async function settle(page: Page) {
  // Nothing loading, and two frames for layout and paint.
  await poll(() => page.getByText(/^(טוען…|Loading…)$/).count(), { timeout: SYNC_TIMEOUT }).toBe(0);
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}

async function capture(page: Page, errors: string[], lang: Lang, screen: string, heading: string | RegExp, options: { grow?: boolean } = {}) {
  const where = `${lang}-${screen}`;
  await poll(() => page.getByRole('heading', { name: heading }).first().isVisible(), { message: `${where}: heading ${String(heading)}`, timeout: SYNC_TIMEOUT }).toBe(true);
  await settle(page);
  const facts = (await page.evaluate(FACTS)) as PageFacts;
  expect(facts.dir, `${where}: dir`).toBe(lang === 'he' ? 'rtl' : 'ltr');
  expect(facts.lang, `${where}: lang`).toBe(lang);
  expect(facts.docScrollWidth, `${where}: the window scrolls sideways`).toBeLessThanOrEqual(facts.innerWidth + 1);
  // The header stays put and <main> scrolls: the window itself never does.
  expect(facts.docScrollHeight, `${where}: the window scrolls down`).toBeLessThanOrEqual(facts.innerHeight + 1);
  if (facts.mainScrollWidth !== null && facts.mainClientWidth !== null) {
    expect(facts.mainScrollWidth, `${where}: the main area scrolls sideways`).toBeLessThanOrEqual(facts.mainClientWidth + 1);
  }
  expect(facts.outside, `${where}: elements outside the window`).toEqual([]);
  // i18next shows the key itself when a message is missing.
  expect(facts.text, `${where}: an untranslated key`).not.toMatch(/\b(app|nav|dashboard|valuation|wizard|step[1-5]|sync|conflicts|rejected|activity|settings|errors|status|rowSync|language|signin)\.[a-zA-Z]+/);
  expect(errors, `${where}: console errors`).toEqual([]);
  const style = options.grow ? await page.addStyleTag({ content: GROW }) : null;
  await page.screenshot({ path: join(OUT, `${where}.png`), fullPage: true, animations: 'disabled' });
  await style?.evaluate((element) => (element as unknown as { remove(): void }).remove());
}

test('every main screen in Hebrew and English', { timeout: 180_000 }, async () => {
  mkdirSync(OUT, { recursive: true });
  const stack = createStack();
  try {
    const server = await stack.server();
    const hostA = await stack.host({ serverUrl: server.url });
    const { page, errors } = await stack.page(hostA);

    await capture(page, errors, 'he', 'sign-in', he.signin.title, { grow: true });
    await signIn(page, DEMO_APPRAISER_1, DEMO_PASSWORD);
    await poll(() => page.getByTestId('valuation-count').textContent(), { timeout: SYNC_TIMEOUT }).toBe('50 שומות');
    const valuation = await createValuationThroughWizard(page);

    // ── An open conflict and a rejected change for this device ──────────────────────────────────
    const a1 = await core<{ id: string }>(hostA, 'valuations.create', { title: 'שומה לבדיקת התנגשות' });
    const a2 = await core<{ id: string }>(hostA, 'valuations.create', { title: 'שומה שתועבר לארכיון' });
    await poll(() => status(hostA).then((s) => s.pending), { timeout: SYNC_TIMEOUT }).toBe(0);
    const hostB = await stack.host({ serverUrl: server.url });
    await core(hostB, 'session.signIn', { email: DEMO_APPRAISER_1, password: DEMO_PASSWORD });
    await poll(() => core<{ total: number }>(hostB, 'valuations.list', { limit: 1 }).then((r) => r.total), { timeout: SYNC_TIMEOUT }).toBe(53);
    await core(hostA, 'sync.pause');
    await core(hostA, 'valuations.update', { id: a1.id, fields: { title: 'שומה לבדיקת התנגשות — הגרסה במחשב הזה' } });
    await core(hostA, 'valuations.update', { id: a2.id, fields: { title: 'שומה שתועבר לארכיון — שינוי שיידחה' } });
    await core(hostB, 'valuations.update', { id: a1.id, fields: { title: 'שומה לבדיקת התנגשות — הגרסה במחשב השני' } });
    await core(hostB, 'valuations.archive', { id: a2.id });
    await poll(() => status(hostB).then((s) => s.pending), { timeout: SYNC_TIMEOUT }).toBe(0);
    await core(hostA, 'sync.start');
    await poll(() => status(hostA).then((s) => `${s.phase} ${s.pending}/${s.conflicts}/${s.rejected}`), { timeout: SYNC_TIMEOUT }).toBe('up_to_date 0/1/1');
    await hostB.stop();

    for (const lang of ['he', 'en'] as const) {
      const t = MESSAGES[lang];
      if (lang === 'en') {
        // The language selector in the header.
        await page.locator('header.app-header').getByRole('combobox', { name: he.language.label, exact: true }).selectOption({ label: 'English' });
        await poll(() => page.evaluate('document.documentElement.dir')).toBe('ltr');
      }
      const nav = (name: string) => page.getByRole('navigation', { name: t.app.name }).getByRole('link', { name, exact: true }).click();

      await nav(t.nav.dashboard);
      await poll(() => page.getByTestId('valuation-row').first().isVisible()).toBe(true);
      await capture(page, errors, lang, 'dashboard', t.dashboard.title);

      for (const step of [1, 2, 3, 4, 5]) {
        await page.evaluate(`location.hash = '#/valuations/${valuation.id}/step/${step}'`);
        await poll(() => page.getByRole('heading', { level: 2, name: new RegExp(t.wizard.steps[step as 1 | 2 | 3 | 4 | 5]) }).isVisible()).toBe(true);
        if (step === 2) await poll(() => page.getByTestId('document-row').count()).toBe(1);
        await capture(page, errors, lang, `wizard-step${step}`, valuation.title, { grow: true });
      }

      await page.getByRole('link', { name: t.valuation.activity }).click();
      await poll(() => page.getByTestId('activity-list').locator('li').count()).toBeGreaterThan(0);
      await capture(page, errors, lang, 'activity', t.activity.title, { grow: true });

      await nav(t.nav.sync);
      await poll(() => page.getByTestId('sync-phase').textContent()).toBe(t.sync.phase.up_to_date);
      await capture(page, errors, lang, 'sync', t.sync.title, { grow: true });

      await nav(t.nav.conflicts);
      await poll(() => page.getByTestId('conflict').count()).toBe(1);
      await capture(page, errors, lang, 'conflicts', t.conflicts.title, { grow: true });

      await nav(t.nav.rejected);
      await poll(() => page.getByTestId('rejection').count()).toBe(1);
      await capture(page, errors, lang, 'rejected', t.rejected.title, { grow: true });

      await nav(t.nav.settings);
      await capture(page, errors, lang, 'settings', t.settings.title, { grow: true });
    }

    // Signed out, the sign-in screen keeps the chosen language.
    await page.getByRole('link', { name: en.nav.dashboard, exact: true }).click();
    await page.getByRole('button', { name: en.nav.signOut }).click();
    await capture(page, errors, 'en', 'sign-in', en.signin.title, { grow: true });
  } finally {
    await stack.close();
  }
});
