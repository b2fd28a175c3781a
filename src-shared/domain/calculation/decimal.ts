// Exact arithmetic for the calculation. No binary floating point ever touches a value:
// - areas are integer hundredths of a sqm (db/conventions.ts), weighted areas integer millionths;
// - money is integer agorot (1 NIS = 100 agorot);
// - coefficients, weights and index values are integers scaled by 10^4 ("E4": 0.49 -> 4900);
// - percentages are basis points (1% = 100 bp, which is also the ratio scaled by 10^4);
// - intermediate quotients are exact rationals of BigInt (products can pass 2^53).
//
// Rounding rule, everywhere: ROUND HALF AWAY FROM ZERO (2.5 -> 3, -2.5 -> -3, 2.4999 -> 2), applied
// once, at the step that states a rounded number; exact values are carried until then.

/** An exact fraction num/den with den > 0, reduced to lowest terms. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const abs = (n: bigint): bigint => (n < 0n ? -n : n);

export function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** num/den reduced, with the sign on the numerator. Throws on a zero denominator (a bug, not input). */
export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new RangeError('rational: zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { num: n / g, den: d / g } : { num: n, den: d };
}

export const ZERO: Rational = { num: 0n, den: 1n };
export const ONE: Rational = { num: 1n, den: 1n };

export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const div = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const absRational = (a: Rational): Rational => ({ num: abs(a.num), den: a.den });

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

export const sum = (values: readonly Rational[]): Rational => values.reduce(add, ZERO);

/** num/den rounded half away from zero to an integer. */
export function divRound(num: bigint, den: bigint): bigint {
  if (den === 0n) throw new RangeError('divRound: zero denominator');
  const negative = num < 0n !== den < 0n;
  const n = abs(num);
  const d = abs(den);
  let q = n / d;
  if (2n * (n % d) >= d) q += 1n;
  return negative ? -q : q;
}

/** The rational rounded half away from zero to an integer. */
export const roundRational = (r: Rational): bigint => divRound(r.num, r.den);

/** value rounded half away from zero to a multiple of step (step > 0): 5_670_000 by 100_000 -> 5_700_000. */
export function roundToStep(value: bigint, step: bigint): bigint {
  if (step <= 0n) throw new RangeError('roundToStep: step must be positive');
  return divRound(value, step) * step;
}

/** The BigInt as a number when it is a safe integer, else null (the caller reports OUT_OF_RANGE). */
export function toSafeNumber(value: bigint): number | null {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : null;
}

const DECIMAL_TEXT = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * A decimal written as text ('0.49', '-2.5', '142.30') or as a JS number whose shortest decimal form is
 * plain (0.49, not 1e-7), as an integer scaled by 10^decimals: parseDecimal('0.49', 4) = 4900n.
 * Null when it is not a plain decimal or has more significant decimals than `decimals` (no silent
 * rounding of what the user typed: '0.33333' at 4 decimals is refused, '0.30000' is 3000n).
 */
export function parseDecimal(value: string | number, decimals: number): bigint | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = String(value);
  } else {
    text = value.trim();
  }
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return null;
  const [, sign, whole = '0', fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > decimals) return null;
  const scaled = BigInt(whole + significant.padEnd(decimals, '0'));
  return sign === '-' ? -scaled : scaled;
}

/**
 * The scaled integer as exact decimal text, trailing zeros dropped: toDecimalText(4900, 4) = '0.49',
 * toDecimalText(14230, 2) = '142.3'. Not locale formatting (that is the UI's job); it is for reports
 * and tests that need the exact figure without going through a float.
 */
export function toDecimalText(scaled: bigint | number, decimals: number): string {
  const value = BigInt(scaled);
  const digits = abs(value).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return `${value < 0n ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** A stored area text ('142.30', '40') as integer hundredths of a sqm, or null. */
export function sqmTextToHundredths(text: string): number | null {
  const scaled = parseDecimal(text, 2);
  return scaled === null ? null : toSafeNumber(scaled);
}

/** A whole or decimal NIS amount ('35000', '1950000.5') as integer agorot, or null. */
export function shekelsTextToAgorot(text: string): number | null {
  const scaled = parseDecimal(text, 2);
  return scaled === null ? null : toSafeNumber(scaled);
}

/** Scales: an E4 value is the ratio times 10^4; a weighted area in micro-sqm is the area times 10^6. */
export const E4 = 10_000n;
export const MICRO_SQM_PER_HUNDREDTH = 10_000n;
export const AGOROT_PER_SHEKEL = 100n;
