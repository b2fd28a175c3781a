// How the report prints numbers, sums, areas and dates. Exact: amounts arrive as integer agorot and
// areas as integer hundredths (calculation/decimal.ts), and are printed from their digits, never
// through a float. Every function returns null for a value that is not there, so the template can
// print its placeholder instead.
import { divRound, toDecimalText } from '../calculation/decimal.ts';
import { isIsoDate } from '../calculation/dates.ts';

/** '1950000' -> '1,950,000'; a decimal part is kept as it is ('1234.5' -> '1,234.5'). */
export function groupDigits(decimalText: string): string {
  const [whole = '', fraction] = decimalText.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * The sign after the number, as Israeli reports print sums ("5,700,000 ₪"). A no-break space keeps the
 * sign on the number's line; in a right-to-left line the sign is drawn to the number's left.
 */
export const SHEKEL_SUFFIX = '\u00a0₪';
const withShekelSign = (digits: string) => `${digits}${SHEKEL_SUFFIX}`;

/**
 * A printed sum split into its number and its sign, so a template isolates the number left to right
 * ("-40,000") and leaves the sign in the Hebrew line, where it is read after the number. Null for a
 * text that is not a sum.
 */
export function splitShekelSign(text: string): { amount: string; sign: string } | null {
  if (!text.endsWith(SHEKEL_SUFFIX) || text.length === SHEKEL_SUFFIX.length) return null;
  return { amount: text.slice(0, -SHEKEL_SUFFIX.length), sign: SHEKEL_SUFFIX };
}

/** Integer agorot as shekels: 195000000 -> '1,950,000 ₪'; agorot are shown only when there are some (12.50 ₪). */
export function formatShekels(agorot: number | null | undefined): string | null {
  if (agorot === null || agorot === undefined || !Number.isSafeInteger(agorot)) return null;
  const text = toDecimalText(agorot, 2);
  const [whole, fraction] = text.split('.');
  const shown = fraction === undefined ? text : `${whole}.${fraction.padEnd(2, '0')}`;
  return withShekelSign(groupDigits(shown));
}

/**
 * A price per sqm in whole shekels, half away from zero, as the profession prints it:
 * 3564815 -> '35,648 ₪' (never '35,648.15').
 */
export function formatShekelsPerSqm(agorot: number | null | undefined): string | null {
  if (agorot === null || agorot === undefined || !Number.isSafeInteger(agorot)) return null;
  const shekels = divRound(BigInt(agorot), 100n);
  return withShekelSign(groupDigits(String(shekels)));
}

/** Hundredths of a sqm as sqm text: 14230 -> '142.3'. */
export function formatSqmHundredths(hundredths: number | null | undefined): string | null {
  if (hundredths === null || hundredths === undefined || !Number.isSafeInteger(hundredths)) return null;
  return groupDigits(toDecimalText(hundredths, 2));
}

/** Millionths of a sqm (a weighted area line) as sqm text: 20_000_000 -> '20'. */
export function formatMicroSqm(micro: number): string {
  return groupDigits(toDecimalText(micro, 6));
}

/** A coefficient, weight or index value scaled by 10^4: 5000 -> '0.5'. */
export const formatE4 = (e4: number): string => toDecimalText(e4, 4);

/** Basis points as a signed percent: 500 -> '+5%', -250 -> '-2.5%', 0 -> '0%'. */
export function formatPercentBp(bp: number): string {
  const text = toDecimalText(bp, 2);
  return `${bp > 0 ? '+' : ''}${text}%`;
}

/** 'YYYY-MM-DD' -> 'dd/mm/yyyy' (the report's date form); null for anything else. */
export function formatDate(iso: unknown): string | null {
  if (typeof iso !== 'string') return null;
  const day = iso.slice(0, 10);
  if (!isIsoDate(day)) return null;
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

const PROSE_DATE = new Intl.DateTimeFormat('he-IL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 'YYYY-MM-DD' -> '29 ביוני 2025', the form a sentence of the report writes a date in; null for anything else. */
export function formatProseDate(iso: unknown): string | null {
  if (typeof iso !== 'string') return null;
  const day = iso.slice(0, 10);
  if (!isIsoDate(day)) return null;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return PROSE_DATE.format(new Date(Date.UTC(year, month - 1, date)));
}

/** Text as stored, trimmed; numbers as their digits; anything else (or blank) is missing. */
export function plainText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A stored area in sqm (a number 142.3 or text '142.30') as printed sqm ('142.3'), or null. */
export function formatSqmValue(value: unknown): string | null {
  const text = plainText(value)?.replace(/,/g, '');
  if (!text || !/^\d+(\.\d+)?$/.test(text)) return null;
  const [whole = '0', fraction = ''] = text.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return groupDigits(trimmed ? `${whole}.${trimmed}` : whole);
}

/** Any primitive as printed text (booleans as כן/לא, lists joined); records and blanks are missing. */
export function displayText(value: unknown): string | null {
  if (typeof value === 'boolean') return value ? 'כן' : 'לא';
  if (Array.isArray(value)) {
    const parts = value.map(displayText).filter((part): part is string => part !== null);
    return parts.length ? parts.join(', ') : null;
  }
  return plainText(value);
}

/** A share as the registry prints it: '1/1' is "בשלמות" (whole), anything else as written ('1/2'). */
export function formatShare(value: unknown): string | null {
  const text = plainText(value);
  return text?.replace(/\s+/g, '') === '1/1' ? 'בשלמות' : text;
}
