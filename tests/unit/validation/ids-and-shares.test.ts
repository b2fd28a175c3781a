import { describe, expect, it } from 'vitest';
import { isValidIsraeliId, israeliIdCheckDigit, normalizeIsraeliId } from '../../../src-shared/domain/validation/israeli-id.ts';
import { parseShare, sumShares } from '../../../src-shared/domain/validation/shares.ts';

describe('Israeli ID check digit', () => {
  it('accepts numbers whose weighted digit sum is a multiple of 10', () => {
    // 123456782: 1x1=1, 2x2=4, 3x1=3, 4x2=8, 5x1=5, 6x2=12->3, 7x1=7, 8x2=16->7, 2x1=2; 1+4+3+8+5+3+7+7+2 = 40.
    expect(isValidIsraeliId('123456782')).toBe(true);
    // 039337423: 0, 3x2=6, 9, 3x2=6, 3, 7x2=14->5, 4, 2x2=4, 3; 0+6+9+6+3+5+4+4+3 = 40.
    expect(isValidIsraeliId('039337423')).toBe(true);
    // 18 pads to 000000018: 1x2=2, 8x1=8; 10.
    expect(isValidIsraeliId('18')).toBe(true);
    expect(isValidIsraeliId('000000018')).toBe(true);
    // Separators are ignored.
    expect(isValidIsraeliId('12345678-2')).toBe(true);
    expect(isValidIsraeliId(' 039 337 423 ')).toBe(true);
  });

  it('refuses a wrong check digit and anything that is not 1-9 digits', () => {
    expect(isValidIsraeliId('123456789')).toBe(false); // sum 47
    expect(isValidIsraeliId('039337424')).toBe(false); // sum 41
    expect(isValidIsraeliId('000000019')).toBe(false); // sum 11
    expect(isValidIsraeliId('1234567890')).toBe(false);
    expect(isValidIsraeliId('')).toBe(false);
    expect(isValidIsraeliId('12345678a')).toBe(false);
    expect(isValidIsraeliId('000000000')).toBe(false); // passes the sum, but is no one
  });

  it('computes the check digit and normalises', () => {
    // 1+4+3+8+5+3+7+7 = 38 -> 2 makes 40.
    expect(israeliIdCheckDigit('12345678')).toBe(2);
    expect(israeliIdCheckDigit('03933742')).toBe(3);
    expect(israeliIdCheckDigit('1')).toBe(8); // 00000001x: 1x2 = 2 -> 8 makes 10
    expect(israeliIdCheckDigit('123456789')).toBeNull();
    expect(normalizeIsraeliId('18')).toBe('000000018');
    expect(normalizeIsraeliId('x')).toBeNull();
  });
});

describe('ownership shares', () => {
  it('parses the registry forms exactly', () => {
    expect(parseShare('1/2')).toEqual({ num: 1n, den: 2n });
    expect(parseShare(' 104 / 5975 ')).toEqual({ num: 104n, den: 5975n });
    expect(parseShare('2/4')).toEqual({ num: 1n, den: 2n });
    expect(parseShare('whole')).toEqual({ num: 1n, den: 1n });
    expect(parseShare('Whole')).toEqual({ num: 1n, den: 1n });
    expect(parseShare('בשלמות')).toEqual({ num: 1n, den: 1n });
    expect(parseShare('1')).toEqual({ num: 1n, den: 1n });
    for (const bad of ['', '0/4', '3/2', '1/0', '0.5', 'half', '-1/2']) expect(parseShare(bad)).toBeNull();
  });

  it('sums 1/2 + 1/4 + 1/4 to exactly 1', () => {
    expect(sumShares(['1/2', '1/4', '1/4'])).toEqual({ ok: true, sum: { num: 1n, den: 1n }, text: '1', isWhole: true });
    expect(sumShares(['whole'])).toMatchObject({ ok: true, isWhole: true });
    expect(sumShares(['בשלמות'])).toMatchObject({ ok: true, isWhole: true });
  });

  it('sums tenths without the floating-point drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumShares(['1/10', '2/10'])).toMatchObject({ ok: true, text: '3/10', isWhole: false });
    expect(sumShares(['1/10', '2/10', '7/10'])).toMatchObject({ ok: true, text: '1', isWhole: true });
    expect(sumShares(['1/3', '1/3', '1/3'])).toMatchObject({ ok: true, isWhole: true });
  });

  it('sums shares like 104/5975', () => {
    // 104 + 5871 = 5975
    expect(sumShares(['104/5975', '5871/5975'])).toMatchObject({ ok: true, text: '1', isWhole: true });
    // 104/5975 + 104/5975 = 208/5975 (5975 = 5^2 x 239; 208 = 2^4 x 13: already reduced)
    expect(sumShares(['104/5975', '104/5975'])).toMatchObject({ ok: true, text: '208/5975', isWhole: false });
    // 1/2 + 1/3 = 5/6; 1/2 + 3/4 = 5/4 (more than whole)
    expect(sumShares(['1/2', '1/3'])).toMatchObject({ ok: true, text: '5/6', isWhole: false });
    expect(sumShares(['1/2', '3/4'])).toMatchObject({ ok: true, text: '5/4', isWhole: false });
  });

  it('names the shares it cannot read', () => {
    expect(sumShares(['1/2', 'half', '1/4', '3/2'])).toEqual({ ok: false, invalid: [1, 3] });
    expect(sumShares([])).toMatchObject({ ok: true, text: '0', isWhole: false });
  });
});
