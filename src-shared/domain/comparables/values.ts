// Parsers for the values of a comparables file. Each returns { ok: true, value } or { ok: false,
// code, params, message } (a code the UI words, its parameters, English for logs); none of them uses binary floating point for money or areas: decimals are scaled to
// integers digit by digit (prices to agorot, areas to hundredths of a square metre, rooms to tenths).

import type { ComparableIssueCode, IssueParams } from './issue-codes.ts';
import { parseDateIn, type DateOrder } from './dates.ts';

export { COMPARABLE_ISSUE_CODES, type ComparableIssueCode, type IssueParams } from './issue-codes.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ComparableIssueCode; params: IssueParams; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(code: ComparableIssueCode, params: IssueParams, message: string): Parsed<T> => ({ ok: false, code, params, message });

// Bidi marks and isolates (RTL spreadsheets are full of them), BOM, and the various spaces.
const INVISIBLE = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g;

/** A cell as text: invisible characters removed, spaces collapsed, trimmed. */
export function cleanCell(raw: string | null | undefined): string {
  return (raw ?? '').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/** Values that mean "no value" in real files. */
const BLANKS = new Set(['', '-', '--', '—', '–', 'n/a', 'na', 'null', 'none', '#n/a', 'לא ידוע', 'אין נתון', '?']);

export function isBlank(raw: string | null | undefined): boolean {
  return BLANKS.has(cleanCell(raw).toLowerCase());
}

// ---- dates --------------------------------------------------------------------------------------

/**
 * One date read in a given order (day first unless told): dd/mm/yyyy with '/', '.' or '-', two-digit
 * years (24 is 2024, 85 is 1985) and ISO yyyy-mm-dd. A file's order is decided by decideDateOrder.
 */
export function parseDate(raw: string, order: DateOrder = 'DMY'): Parsed<string> {
  return parseDateIn(raw, order);
}

// ---- numbers ------------------------------------------------------------------------------------

// Currency and unit words that may stand before or after a number (longest first).
const UNITS = /₪|ש"ח|ש״ח|שח|ש'ח|nis|ils|מטר רבוע|מטר מרובע|מ"ר|מ״ר|מ'ר|מ2|מטר|מר|sq\.? ?m|sqm|m2|m²|שנה|שנים/gi;

/** Thousands written in digit groups: '2,600,000', '2.600.000', "2'600'000", each with an optional decimal part. */
const GROUPED = [
  { pattern: /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/, group: /,/g }, // 2,600,000.50
  { pattern: /^(\d{1,3}(?:\.\d{3}){2,})(?:,(\d+))?$/, group: /\./g }, // 2.600.000,50
  { pattern: /^(\d{1,3}\.\d{3}),(\d+)$/, group: /\./g }, // 2.600,50
  { pattern: /^(\d{1,3}(?:['’]\d{3})+)(?:\.(\d+))?$/, group: /['’]/g }, // 2'600'000
] as const;

/**
 * A non-negative decimal as people write it, as its integer and fraction digits (never a float):
 * thousands separated by ',' '.' "'" or spaces ('2,850,000', '2.850.000', '2 850 000'), a decimal
 * point or a decimal comma ('85.5', '85,5'), currency and units before or after ('₪ 1,950,000',
 * '1,950,000 ₪', '85.5 מ"ר'). A minus sign on either side or parentheses: negative.
 */
export function parseDecimal(raw: string): Parsed<{ int: string; frac: string }> {
  const text = cleanCell(raw);
  const bare = text.replace(UNITS, '').replace(/\s+/g, '');
  if (/^-|-$|^\(.*\)$/.test(bare)) return fail('NEGATIVE', { text }, `'${text}' is negative`);
  const unsigned = bare.replace(/^\+/, '');
  const grouped = GROUPED.map(({ pattern, group }) => ({ match: pattern.exec(unsigned), group })).find((g) => g.match);
  let int: string;
  let frac: string;
  let match: RegExpExecArray | null;
  if (grouped?.match) {
    int = grouped.match[1]!.replace(grouped.group, '');
    frac = grouped.match[2] ?? '';
  } else if ((match = /^(\d+)(?:\.(\d*))?$/.exec(unsigned))) {
    int = match[1]!;
    frac = match[2] ?? '';
  } else if ((match = /^(\d+),(\d{1,2})$/.exec(unsigned))) {
    // A decimal comma ('85,5'): a comma followed by three digits is read as thousands above.
    int = match[1]!;
    frac = match[2]!;
  } else if ((match = /^\.(\d+)$/.exec(unsigned))) {
    int = '0';
    frac = match[1]!;
  } else {
    return fail('NOT_A_NUMBER', { text }, `'${text}' is not a number`);
  }
  return ok({ int: int.replace(/^0+(?=\d)/, ''), frac });
}

// "2.6M", '2.6 מיליון', '850K', '850 אלף': a price in millions or thousands.
const MULTIPLIERS: readonly { pattern: RegExp; digits: number }[] = [
  { pattern: /^(.*\d)\s*(?:m|mil|million|מיליון|מליון|מ['׳])$/i, digits: 6 },
  { pattern: /^(.*\d)\s*(?:k|אלף|אלפים|א['׳])$/i, digits: 3 },
];

/** The decimal with a multiplier word applied by moving digits (2.6M -> int 2600000), exactly. */
function parseMultiplied(raw: string): Parsed<{ int: string; frac: string }> {
  const text = cleanCell(raw);
  for (const { pattern, digits } of MULTIPLIERS) {
    const match = pattern.exec(text.replace(UNITS, '').trim());
    if (!match) continue;
    const decimal = parseDecimal(match[1]!);
    if (!decimal.ok) return decimal.code === 'NEGATIVE' ? fail('NEGATIVE', { text }, `'${text}' is negative`) : fail('NOT_A_NUMBER', { text }, `'${text}' is not a number`);
    const { int, frac } = decimal.value;
    const shifted = `${int}${frac.padEnd(digits, '0').slice(0, digits)}`.replace(/^0+(?=\d)/, '');
    return ok({ int: shifted, frac: frac.slice(digits) });
  }
  return parseDecimal(raw);
}

/**
 * The decimal times 10^scale as an exact integer, rounded half up beyond that precision
 * ('2850000' at scale 2 -> 285000000; '85.555' at scale 2 -> 8556).
 */
export function parseScaled(raw: string, scale: number, read: (raw: string) => Parsed<{ int: string; frac: string }> = parseDecimal): Parsed<{ value: number; exact: boolean }> {
  const decimal = read(raw);
  if (!decimal.ok) return decimal;
  const { int, frac } = decimal.value;
  const kept = frac.slice(0, scale).padEnd(scale, '0');
  const rest = frac.slice(scale);
  let scaled = BigInt(int + kept);
  if (rest.length > 0 && rest.charCodeAt(0) >= 0x35) scaled += 1n; // '5'..'9'
  if (scaled > BigInt(Number.MAX_SAFE_INTEGER)) return fail('TOO_LARGE', { text: cleanCell(raw) }, `'${cleanCell(raw)}' is too large`);
  return ok({ value: Number(scaled), exact: /^0*$/.test(rest) });
}

/** A lost currency sign: a file whose ₪ became '?' before it reached us ('? 2,600,000'). */
const LOST_SHEKEL = /^\?\s*|\s*\?$/g;

/** A price in NIS as integer agorot (exact); millions and thousands written as words or M/K. */
export function parsePriceAgorot(raw: string): Parsed<number> {
  const parsed = parseScaled(cleanCell(raw).replace(LOST_SHEKEL, ''), 2, parseMultiplied);
  if (!parsed.ok) return parsed.params.text === undefined ? parsed : fail(parsed.code, { ...parsed.params, text: cleanCell(raw) }, parsed.message.replace(`'${String(parsed.params.text)}'`, `'${cleanCell(raw)}'`));
  if (parsed.value.value === 0) return fail('PRICE_ZERO', {}, 'the price is zero');
  return ok(parsed.value.value);
}

/** An area in square metres as integer hundredths. */
export function parseAreaHundredths(raw: string): Parsed<number> {
  const parsed = parseScaled(raw, 2);
  if (!parsed.ok) return parsed;
  if (parsed.value.value === 0) return fail('AREA_ZERO', {}, 'the area is zero');
  if (parsed.value.value > 100_000_00) return fail('AREA_UNBELIEVABLE', { text: cleanCell(raw) }, `'${cleanCell(raw)}' sqm is not a believable area`);
  return ok(parsed.value.value);
}

/** Rooms in half-room steps (3.5), as integer tenths (35). */
export function parseRoomsTenths(raw: string): Parsed<number> {
  const parsed = parseScaled(raw, 1);
  if (!parsed.ok) return parsed;
  const { value, exact } = parsed.value;
  if (!exact || value % 5 !== 0) return fail('ROOMS_STEP', { text: cleanCell(raw) }, `'${cleanCell(raw)}' rooms: rooms go in steps of 0.5`);
  if (value === 0 || value > 500) return fail('ROOMS_UNBELIEVABLE', { text: cleanCell(raw) }, `'${cleanCell(raw)}' is not a believable number of rooms`);
  return ok(value);
}

function parseWhole(raw: string): Parsed<number> {
  const parsed = parseScaled(raw, 0);
  if (!parsed.ok) return parsed;
  if (!parsed.value.exact) return fail('NOT_WHOLE', { text: cleanCell(raw) }, `'${cleanCell(raw)}' is not a whole number`);
  return ok(parsed.value.value);
}

const YES = new Set(['יש', 'כן', 'yes', 'y', 'true', 'v', '✓', '+']);
const NO = new Set(['אין', 'לא', 'no', 'n', 'false', 'x']);

/** Parking spaces: a count, or yes/no in Hebrew or English. */
export function parseParking(raw: string): Parsed<number> {
  const text = cleanCell(raw).toLowerCase();
  if (YES.has(text)) return ok(1);
  if (NO.has(text)) return ok(0);
  const parsed = parseWhole(raw);
  if (!parsed.ok) return fail('PARKING_INVALID', { text: cleanCell(raw) }, `'${cleanCell(raw)}' is not a number of parking spaces`);
  if (parsed.value > 100) return fail('PARKING_UNBELIEVABLE', { text: cleanCell(raw) }, `'${cleanCell(raw)}' parking spaces is not believable`);
  return parsed;
}

export function parseBuildYear(raw: string): Parsed<number> {
  const parsed = parseWhole(raw);
  if (!parsed.ok) return fail('NOT_A_YEAR', { text: cleanCell(raw) }, `'${cleanCell(raw)}' is not a year`);
  if (parsed.value < 1800 || parsed.value > 2100) return fail('YEAR_UNBELIEVABLE', { text: cleanCell(raw) }, `'${cleanCell(raw)}' is not a believable year of construction`);
  return parsed;
}

// ---- block / parcel / sub-parcel ----------------------------------------------------------------

export interface BlockParcel {
  block: string;
  parcel: string | null;
  subparcel: string | null;
}

const digits = (text: string) => text.replace(/^0+(?=\d)/, '');

/**
 * Block/parcel/sub-parcel in one cell: '9905/88/8', '9905-88-8', '9905 88 8', '9905/88', or labelled
 * 'גוש 9905 חלקה 88 תת חלקה 8'. RTL files sometimes show the parts reversed; the block is recognised
 * as the part written first.
 */
export function parseBlockParcel(raw: string): Parsed<BlockParcel> {
  const text = cleanCell(raw);
  const plain = /^(\d{1,6})\s*[/\\\-:. ]\s*(\d{1,5})(?:\s*[/\\\-:. ]\s*(\d{1,4}))?$/.exec(text);
  const labelled =
    /^גוש\s*:?\s*(\d{1,6})\s*,?\s*חלקה\s*:?\s*(\d{1,5})(?:\s*,?\s*(?:תת[\s-]*חלקה|תת|ת"ח|ת״ח)\s*:?\s*(\d{1,4}))?$/.exec(text) ??
    /^block\s*:?\s*(\d{1,6})\s*,?\s*parcel\s*:?\s*(\d{1,5})(?:\s*,?\s*sub[\s-]*parcel\s*:?\s*(\d{1,4}))?$/i.exec(text);
  const match = plain ?? labelled;
  if (!match) {
    if (/^\d{1,6}$/.test(text)) return ok({ block: digits(text), parcel: null, subparcel: null });
    return fail('NOT_BLOCK_PARCEL', { text }, `'${text}' is not a block/parcel/sub-parcel; expected e.g. 9905/88/8`);
  }
  const [, block, parcel, subparcel] = match as unknown as [string, string, string, string | undefined];
  return ok({ block: digits(block), parcel: digits(parcel), subparcel: subparcel ? digits(subparcel) : null });
}

/** One part on its own (a block, parcel or sub-parcel column). */
export function parseRegistryNumber(raw: string, maxDigits: number, what: string): Parsed<string> {
  const text = cleanCell(raw);
  const parsed = parseWhole(text);
  const value = parsed.ok ? String(parsed.value) : '';
  if (!parsed.ok || value.length > maxDigits || parsed.value === 0) return fail('NOT_REGISTRY_NUMBER', { text }, `'${text}' is not a ${what} number`);
  return ok(value);
}

// ---- share sold -----------------------------------------------------------------------------------

/**
 * The share of the property a deal sold: '1/2', '50%', '0.5'. Null for the whole property
 * ('1', '100%', 'שלם', 'מלא'). Kept as written (normalized) for the appraiser to see.
 */
export function parsePartialShare(raw: string): Parsed<string | null> {
  const text = cleanCell(raw).replace(/\s+/g, '');
  if (/^(1|1\/1|100%|1\.0+|שלם|מלא|כל הנכס|whole|full)$/i.test(text)) return ok(null);
  const fraction = /^(\d{1,9})\/(\d{1,9})$/.exec(text);
  if (fraction) {
    const [n, d] = [Number(fraction[1]), Number(fraction[2])];
    if (d === 0 || n === 0 || n > d) return fail('SHARE_OUT_OF_RANGE', { text }, `'${text}' is not a share between 0 and 1`);
    return ok(n === d ? null : `${n}/${d}`);
  }
  const percent = /^(\d{1,3}(?:\.\d+)?)%$/.exec(text);
  if (percent) {
    const value = Number(percent[1]);
    if (value <= 0 || value > 100) return fail('SHARE_OUT_OF_RANGE', { text }, `'${text}' is not a share between 0% and 100%`);
    return ok(value === 100 ? null : `${percent[1]}%`);
  }
  const decimal = /^0?\.(\d+)$/.exec(text) ?? /^0,(\d+)$/.exec(text);
  if (decimal && /[1-9]/.test(decimal[1]!)) return ok(`0.${decimal[1]}`);
  return fail('NOT_A_SHARE', { text }, `'${text}' is not a share; expected e.g. 1/2 or 50%`);
}

// ---- addresses ----------------------------------------------------------------------------------

export interface AddressParts {
  street: string | null;
  houseNumber: string | null;
  city: string | null;
}

const STREET_PREFIX = /^(?:רחוב|רח['׳]?|rehov|st\.?)\s+/i;

/**
 * Splits an address such as 'רחוב הרצל 123, תל אביב' into street 'הרצל', house number '123' and city
 * 'תל אביב'. Without a comma, no city is guessed.
 */
export function splitAddress(address: string): AddressParts {
  const text = cleanCell(address);
  const comma = text.lastIndexOf(',');
  const streetPart = (comma >= 0 ? text.slice(0, comma) : text).trim();
  const city = comma >= 0 ? text.slice(comma + 1).trim() || null : null;
  const numbered = /^(.*?\S)\s+(\d{1,4}\s?[א-תa-zA-Z]?(?:\/\d{1,3})?)$/.exec(streetPart) ?? /^(\d{1,4}[א-תa-zA-Z]?)\s+(\S.*)$/.exec(streetPart);
  let street: string;
  let houseNumber: string | null = null;
  if (numbered && /^\d/.test(numbered[2] ?? '')) {
    street = numbered[1]!;
    houseNumber = numbered[2]!.replace(/\s/g, '');
  } else if (numbered) {
    // '12 Herzl': the number comes first.
    street = numbered[2]!;
    houseNumber = numbered[1]!;
  } else {
    street = streetPart;
  }
  street = street.replace(STREET_PREFIX, '').trim();
  return { street: street || null, houseNumber, city };
}

/** A place name reduced for comparison and duplicate detection: no quotes, prefixes or extra spaces. */
export function normalizePlace(text: string | null | undefined): string {
  return cleanCell(text)
    .toLowerCase()
    .replace(/["'`׳״’‘“”]/g, '')
    .replace(/[-–—,.()]/g, ' ')
    .replace(STREET_PREFIX, '')
    .replace(/\s+/g, ' ')
    .trim();
}
