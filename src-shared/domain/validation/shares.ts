// Ownership shares as the land registry writes them ('1/2', '104/5975', "whole"/'בשלמות'), summed
// exactly as rationals: 1/2 + 1/4 + 1/4 is exactly 1, never 0.9999999.
import { add, compare, ONE, rational, ZERO, type Rational } from '../calculation/decimal.ts';

/** The words for a whole share (English and the registry's Hebrew). */
const WHOLE = new Set(['whole', 'בשלמות', 'שלם', 'מלא']);

/**
 * A share as an exact fraction in (0, 1]: 'whole' -> 1, '1/2' -> 1/2, '104/5975' -> 104/5975, '1' -> 1.
 * Null for anything else (empty, '0/3', '3/2', '1/0', '0.5').
 */
export function parseShare(text: string): Rational | null {
  const value = text.trim().replace(/\s+/g, '');
  if (WHOLE.has(value.toLowerCase())) return ONE;
  const match = /^(\d{1,12})(?:\/(\d{1,12}))?$/.exec(value);
  if (!match) return null;
  const numerator = BigInt(match[1] ?? '0');
  const denominator = BigInt(match[2] ?? '1');
  if (numerator === 0n || denominator === 0n || numerator > denominator) return null;
  return rational(numerator, denominator);
}

export type ShareSum =
  | { ok: true; sum: Rational; /** The sum as text: '1', '3/4', '5/4'. */ text: string; isWhole: boolean }
  | { ok: false; /** Positions of the shares that do not parse. */ invalid: number[] };

/** The exact sum of the shares; isWhole when it is exactly 1. */
export function sumShares(shares: readonly string[]): ShareSum {
  const invalid: number[] = [];
  let total = ZERO;
  shares.forEach((share, i) => {
    const parsed = parseShare(share);
    if (parsed === null) invalid.push(i);
    else total = add(total, parsed);
  });
  if (invalid.length > 0) return { ok: false, invalid };
  const text = total.den === 1n ? total.num.toString() : `${total.num}/${total.den}`;
  return { ok: true, sum: total, text, isWhole: compare(total, ONE) === 0 };
}
