// Parsing the values the registry prints: areas (1,450.00), sums of money (1,305,000), dates
// (14/03/2024), shares (104/5975, 1/2, "בשלמות") as exact rationals, ordinal ranks.

/** A decimal such as 1,450.00 or 10.30 as a number; null when it is not one. */
export function parseDecimal(text: string): number | null {
  const plain = text.trim().replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^\d+(\.\d+)?$/.test(plain)) return null;
  return Number(plain);
}

/**
 * A sum of money in agorot (1/100 NIS) as a safe integer: "1,305,000" -> 130500000,
 * "1,305,000.50" -> 130500050. Null when the text is not a sum.
 */
export function parseAgorot(text: string): number | null {
  const plain = text.trim().replace(/,(?=\d{3}(\D|$))/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(plain);
  if (!match) return null;
  const agorot = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(agorot) ? agorot : null;
}

/** dd/mm/yyyy (or with dots or dashes) as an ISO date, checked for existence. */
export function parseDate(text: string): string | null {
  const match = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/.exec(text);
  if (!match) return null;
  const [, d, m, y] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(m) - 1) return null;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

export interface Rational {
  num: bigint;
  den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

export function reduce({ num, den }: Rational): Rational {
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

export const WHOLE = /^(?:ב?שלמות|בשלימות|כל\s+הזכויות|מלוא\s+הזכויות|1)$/;

/** "1/2", "1 / 2", "104/5975" or "בשלמות" (the whole) as a rational; null otherwise. */
export function parseShare(text: string): Rational | null {
  const plain = text.trim().replace(/\s+/g, ' ');
  if (WHOLE.test(plain)) return { num: 1n, den: 1n };
  const match = /^(\d{1,9})\s*\/\s*(\d{1,9})$/.exec(plain);
  if (!match) return null;
  const num = BigInt(match[1] as string);
  const den = BigInt(match[2] as string);
  return den === 0n ? null : { num, den };
}

/** The share as stored: "n/d" as written (not reduced); the whole is "1/1". */
export const shareText = (share: Rational): string => `${share.num}/${share.den}`;

export function sumShares(shares: readonly Rational[]): Rational {
  return reduce(shares.reduce<Rational>((acc, s) => ({ num: acc.num * s.den + s.num * acc.den, den: acc.den * s.den }), { num: 0n, den: 1n }));
}

const ORDINALS: Record<string, number> = {
  ראשונה: 1,
  שניה: 2,
  שנייה: 2,
  שלישית: 3,
  רביעית: 4,
  חמישית: 5,
  שישית: 6,
  שביעית: 7,
  שמינית: 8,
  תשיעית: 9,
  עשירית: 10,
};

/** A mortgage rank: "ראשונה" -> 1, "2" -> 2; the text itself when it is neither. */
export function parseRank(text: string): number | string {
  const plain = text.trim().replace(/^דרגה\s*/, '');
  if (/^\d+$/.test(plain)) return Number(plain);
  return ORDINALS[plain] ?? plain;
}
