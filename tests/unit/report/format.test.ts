import { describe, expect, it } from 'vitest';
import { formatProseDate, formatShekels, formatShekelsPerSqm, splitShekelSign } from '../../../src-shared/domain/report/format.ts';

const NBSP = '\u00a0';

describe('the report formats', () => {
  it('prints a sum with the shekel sign after the number, agorot only when there are some', () => {
    expect(formatShekels(570_000_000)).toBe(`5,700,000${NBSP}₪`);
    expect(formatShekels(1_250)).toBe(`12.50${NBSP}₪`);
    expect(formatShekels(-4_000_000)).toBe(`-40,000${NBSP}₪`);
    expect(formatShekels(null)).toBeNull();
  });

  it('prints a price per sqm in whole shekels, rounding half away from zero', () => {
    expect(formatShekelsPerSqm(3_564_815)).toBe(`35,648${NBSP}₪`);
    expect(formatShekelsPerSqm(3_564_850)).toBe(`35,649${NBSP}₪`);
    expect(formatShekelsPerSqm(3_428_849)).toBe(`34,288${NBSP}₪`);
    expect(formatShekelsPerSqm(undefined)).toBeNull();
  });

  it('splits a sum into the number a template isolates and its sign', () => {
    expect(splitShekelSign(`+150,000${NBSP}₪`)).toEqual({ amount: '+150,000', sign: `${NBSP}₪` });
    expect(splitShekelSign('עיגול ל-100,000 ₪ הקרובים')).toBeNull();
  });

  it('writes a date in prose as the profession does', () => {
    expect(formatProseDate('2025-06-29')).toBe('29 ביוני 2025');
    expect(formatProseDate('2024-01-01T09:00:00Z')).toBe('1 בינואר 2024');
    expect(formatProseDate('2025-02-30')).toBeNull();
    expect(formatProseDate(null)).toBeNull();
  });
});
