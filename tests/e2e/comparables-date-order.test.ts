// A comparables file whose dates read both ways, imported in the Hebrew UI: the preview asks for the
// date order with two sample rows read both ways, the import button waits for the choice, the user
// picks month first, and the library holds the dates as chosen.
import { expect, test } from 'vitest';
import { createStack, DEMO_APPRAISER_1, DEMO_PASSWORD, hostCall, signIn } from './harness.ts';
import { fillStep1, poll, SYNC_TIMEOUT } from './ui.ts';
import { AMBIGUOUS_LINES } from '../integration/comparables/real-exports.ts';

test('an ambiguous-date file: the preview asks, the user picks month first, the dates are imported as chosen', { timeout: 180_000 }, async () => {
  const stack = createStack();
  try {
    stack.staticDir();
    const server = await stack.server();
    const host = await stack.host({ serverUrl: server.url });
    const { page, errors } = await stack.page(host, { viewport: { width: 1280, height: 1000 } });
    await poll(() => page.getByRole('heading', { name: 'כניסה לשמאי' }).isVisible()).toBe(true);
    await signIn(page, DEMO_APPRAISER_1, DEMO_PASSWORD);
    await poll(() => page.getByTestId('valuation-count').isVisible(), { timeout: SYNC_TIMEOUT }).toBe(true);
    await fillStep1(page);
    await page.getByRole('button', { name: 'סיום שלב' }).click();
    await poll(() => page.getByRole('heading', { name: /שלב 2 מתוך 5/ }).isVisible()).toBe(true);
    await page.getByTestId('wizard-step-4').click();
    await poll(() => page.getByRole('heading', { name: /שלב 4 מתוך 5/ }).isVisible()).toBe(true);

    const library = page.getByTestId('comparables-library');
    const csv = Buffer.from('\ufeff' + AMBIGUOUS_LINES.join('\r\n') + '\r\n', 'utf8');
    await library.locator('input[type=file]').setInputFiles({ name: 'חולון.csv', mimeType: 'text/csv', buffer: csv });
    const preview = page.getByTestId('comparables-import-preview');
    await poll(() => preview.isVisible(), { timeout: SYNC_TIMEOUT }).toBe(true);
    const order = preview.getByTestId('import-date-order');
    await poll(() => order.textContent()).toContain('כל תאריך בקובץ נקרא גם כיום/חודש וגם כחודש/יום');
    // The two sample rows, each read both ways with the month's name.
    expect(await order.textContent()).toContain('שורה 2: 04/06/2024 הוא 4 ביוני 2024');
    expect(await order.textContent()).toContain('שורה 2: 04/06/2024 הוא 6 באפריל 2024');
    expect(await order.textContent()).toContain('שורה 3: 01/02/2025 הוא 2 בינואר 2025');
    const confirm = preview.getByRole('button', { name: 'ייבוא השורות התקינות' });
    expect(await confirm.isDisabled()).toBe(true);

    await order.getByRole('radio', { name: 'חודש/יום/שנה' }).click(); // the preview is read again, then the radio shows the choice
    await poll(() => order.textContent(), { timeout: SYNC_TIMEOUT }).toContain('נקרא כחודש/יום/שנה, לפי בחירתכם');
    await poll(() => confirm.isDisabled()).toBe(false);
    await confirm.click();
    await poll(() => library.textContent(), { timeout: SYNC_TIMEOUT }).toContain('יובאו 3 עסקאות');

    const found = (await hostCall(host, 'comparables.search', { limit: 1000 })) as { ok: true; value: { items: { dealDate: string; sourceFileName: string | null }[] } };
    expect(found.value.items.filter((i) => i.sourceFileName === 'חולון.csv').map((i) => i.dealDate).sort()).toEqual(['2024-04-06', '2024-10-11', '2025-01-02']);
    expect(errors).toEqual([]);
  } finally {
    await stack.close();
  }
});
