import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  divRound,
  parseDecimal,
  rational,
  roundToStep,
  shekelsTextToAgorot,
  sqmTextToHundredths,
  toDecimalText,
  toSafeNumber,
} from '../../../src-shared/domain/calculation/decimal.ts';
import { isIsoDate } from '../../../src-shared/domain/calculation/dates.ts';

describe('exact decimals', () => {
  it('rounds half away from zero', () => {
    expect(divRound(5n, 2n)).toBe(3n); // 2.5 -> 3
    expect(divRound(-5n, 2n)).toBe(-3n); // -2.5 -> -3
    expect(divRound(5n, -2n)).toBe(-3n);
    expect(divRound(7n, 3n)).toBe(2n); // 2.333 -> 2
    expect(divRound(8n, 3n)).toBe(3n); // 2.667 -> 3
    expect(divRound(249_999n, 100_000n)).toBe(2n); // 2.49999 -> 2
    expect(divRound(-249_999n, 100_000n)).toBe(-2n);
    expect(divRound(0n, 7n)).toBe(0n);
  });

  it('rounds to a step', () => {
    // 5,670,000 NIS = 567,000,000 agorot; step 100,000 NIS = 10,000,000 agorot: 56.7 -> 57.
    expect(roundToStep(567_000_000n, 10_000_000n)).toBe(570_000_000n);
    // 5,650,000 is exactly half way: 56.5 -> 57 (away from zero), and -56.5 -> -57.
    expect(roundToStep(565_000_000n, 10_000_000n)).toBe(570_000_000n);
    expect(roundToStep(-565_000_000n, 10_000_000n)).toBe(-570_000_000n);
    // 5,649,999.99 NIS: 56.4999999 -> 56.
    expect(roundToStep(564_999_999n, 10_000_000n)).toBe(560_000_000n);
    expect(() => roundToStep(1n, 0n)).toThrow(RangeError);
  });

  it('keeps 0.1 + 0.2 exactly 0.3', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the trap
    const sum = add(rational(1, 10), rational(2, 10));
    expect(sum).toEqual({ num: 3n, den: 10n });
    expect(compare(sum, rational(3, 10))).toBe(0);
  });

  it('reduces fractions and keeps the sign on the numerator', () => {
    expect(rational(6, -8)).toEqual({ num: -3n, den: 4n });
    expect(() => rational(1, 0)).toThrow(RangeError);
  });

  it('parses typed decimals exactly, refusing what it would have to round', () => {
    expect(parseDecimal('0.49', 4)).toBe(4900n);
    expect(parseDecimal(0.3, 4)).toBe(3000n);
    expect(parseDecimal('0.30000', 4)).toBe(3000n); // trailing zeros are not precision
    expect(parseDecimal('0.33333', 4)).toBeNull();
    expect(parseDecimal('-2.5', 2)).toBe(-250n);
    expect(parseDecimal('+3', 2)).toBe(300n);
    expect(parseDecimal(' 1.5 ', 4)).toBe(15000n);
    expect(parseDecimal(1e-7, 4)).toBeNull(); // String(1e-7) is '1e-7'
    expect(parseDecimal(Number.NaN, 4)).toBeNull();
    expect(parseDecimal('1,5', 4)).toBeNull(); // a decimal comma is the UI's to convert
    expect(parseDecimal('', 4)).toBeNull();
    expect(parseDecimal('.5', 4)).toBeNull();
  });

  it('prints scaled integers as exact decimal text', () => {
    expect(toDecimalText(4900, 4)).toBe('0.49');
    expect(toDecimalText(14230, 2)).toBe('142.3');
    expect(toDecimalText(-250, 2)).toBe('-2.5');
    expect(toDecimalText(5, 2)).toBe('0.05');
    expect(toDecimalText(0, 2)).toBe('0');
    expect(toDecimalText(13_701_000n, 6)).toBe('13.701');
  });

  it('converts stored texts to integers', () => {
    expect(sqmTextToHundredths('142.3')).toBe(14230);
    expect(sqmTextToHundredths('45.67')).toBe(4567);
    expect(sqmTextToHundredths('40')).toBe(4000);
    expect(sqmTextToHundredths('12.345')).toBeNull();
    expect(shekelsTextToAgorot('1950000')).toBe(195_000_000);
    expect(toSafeNumber(2n ** 53n)).toBeNull();
    expect(toSafeNumber(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('knows calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-04-31')).toBe(false);
    expect(isIsoDate('2024-4-01')).toBe(false);
  });
});
