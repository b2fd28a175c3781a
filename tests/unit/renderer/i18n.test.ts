import { describe, expect, it } from 'vitest';
import { en } from '../../../src-renderer/i18n/en.ts';
import { blockParcel, formatAgorot, formatDate } from '../../../src-renderer/i18n/format.ts';
import { he } from '../../../src-renderer/i18n/he.ts';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it('have the same keys in Hebrew and English, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(he).sort());
    for (const [name, messages] of [['he', he], ['en', en]] as const) {
      for (const key of keys(messages)) {
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages);
        expect(String(value).trim().length, `${name}:${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('use the same interpolation variables in both languages', () => {
    for (const key of keys(he)) {
      const get = (m: unknown) => String(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], m));
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(get(en)), key).toEqual(vars(get(he)));
    }
  });
});

describe('Israeli formats', () => {
  it('shows dates as dd/mm/yyyy and money in whole shekels from agorot', () => {
    expect(formatDate('2024-01-15T10:00:00')).toBe('15/01/2024');
    expect(formatDate(null)).toBe('');
    expect(formatAgorot(570_000_000)).toMatch(/5,700,000/);
    expect(formatAgorot(570_000_000)).toMatch(/₪/);
    expect(blockParcel('6109', '396', '118')).toBe('6109/396/118');
    expect(blockParcel('6109', '396', null)).toBe('6109/396');
  });
});
