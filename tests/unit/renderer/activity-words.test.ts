import i18next from 'i18next';
import { describe, expect, test } from 'vitest';
import { describeChanges } from '../../../src-main/core/store/writer.ts';
import { fieldLabel, shownChanges, valueText } from '../../../src-renderer/features/activity/change-words.ts';
import { en } from '../../../src-renderer/i18n/en.ts';
import { he } from '../../../src-renderer/i18n/he.ts';

async function translator(lng: 'he' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({ lng, resources: { [lng]: { translation: lng === 'he' ? he : en } }, interpolation: { escapeValue: false } });
  return instance.t;
}

describe('an edit as the activity log tells it', () => {
  test('the writer records each changed field with its old and new value, inside JSON columns by key', () => {
    const base = { title: 'שומה', final_valuation_agorot: 250_000_000, meta: { registeredAreaSqm: '85.5', legal: { owners: [] } }, block: null };
    const values = { title: 'שומה', final_valuation_agorot: 260_000_000, meta: { registeredAreaSqm: '110', legal: { owners: [{ name: 'א' }] } }, block: '3700', updated_at: 'x' };
    expect(describeChanges(base, values)).toEqual({
      final_valuation_agorot: { from: 250_000_000, to: 260_000_000 },
      'meta.registeredAreaSqm': { from: '85.5', to: '110' },
      'meta.legal': { changed: true },
      block: { from: null, to: '3700' },
    });
    // A pasted page is kept short.
    const long = describeChanges({ title: 'a' }, { title: 'x'.repeat(500) }).title as { to: string };
    expect(long.to.length).toBeLessThanOrEqual(121);
  });

  test('fields are named by their labels and values shown as the screens show them, never by column', async () => {
    const t = await translator('he');
    const lines = shownChanges(t, describeChanges({ final_valuation_agorot: 250_000_000, status: 'DRAFT', meta: { registeredAreaSqm: '85.5' } }, { final_valuation_agorot: 260_000_000, status: 'READY', meta: { registeredAreaSqm: '110' } }));
    expect(lines).toEqual([
      { path: 'final_valuation_agorot', label: 'השווי הסופי', from: valueText(t, 'final_valuation_agorot', 250_000_000), to: valueText(t, 'final_valuation_agorot', 260_000_000) },
      { path: 'status', label: 'מצב', from: 'טיוטה', to: 'מוכנה' },
      { path: 'meta.registeredAreaSqm', label: 'שטח רשום (מ"ר)', from: '85.5', to: '110' },
    ]);
    expect(lines[0]?.to).toMatch(/2,600,000/);
    for (const line of lines) expect(line.label).not.toMatch(/[a-z]_[a-z]|agorot|meta/);
    // A field the catalog does not know is named by its column's label, else as "other data".
    expect(fieldLabel(t, 'step1_data.somethingNew')).toBe('נתונים ראשוניים');
    expect(fieldLabel(t, 'unknown_column')).toBe('נתונים נוספים');
    // Several keys that fall back to one label make one line.
    expect(shownChanges(t, { 'step2_data.a': { from: 1, to: 2 }, 'step2_data.b': { from: 3, to: 4 } })).toEqual([{ path: 'step2_data.a', label: 'מסמכים', from: null, to: null }]);
    expect(fieldLabel(await translator('en'), 'finalValuationAgorot')).toBe('Final value');
  });
});
