// Deal dates of a comparables file. A date such as 04/06/2024 reads two ways, so the order (day
// first or month first) is decided for the whole file from all of its dates, never guessed per cell:
// a value only one order can read decides it; when every value reads both ways, the user chooses.
import type { ComparableIssueCode, IssueParams } from './issue-codes.ts';

export const DATE_ORDERS = ['DMY', 'MDY'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

type Result<T> = { ok: true; value: T } | { ok: false; code: ComparableIssueCode; params: IssueParams; message: string };
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(code: ComparableIssueCode, params: IssueParams, message: string): Result<T> => ({ ok: false, code, params, message });

const INVISIBLE = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const clean = (raw: string) => raw.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const TWO_PART_SEPARATED = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?$/;
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** Excel's serial day numbers of 1955..2100 (an XLSX date cell without a date format). */
const SERIAL = /^(\d{5})(?:\.\d+)?$/;
const SERIAL_MIN = 20_000;
const SERIAL_MAX = 73_415;

// Month names as spreadsheets write them ('15-Jan-24', '15 בינואר 2024', 'Jan 15, 2024'): no order to decide.
const MONTHS: readonly (readonly string[])[] = [
  ['jan', 'january', 'ינו', 'ינואר'],
  ['feb', 'february', 'פבר', 'פברואר'],
  ['mar', 'march', 'מרץ', 'מרס'],
  ['apr', 'april', 'אפר', 'אפריל'],
  ['may', 'מאי'],
  ['jun', 'june', 'יונ', 'יוני'],
  ['jul', 'july', 'יול', 'יולי'],
  ['aug', 'august', 'אוג', 'אוגוסט'],
  ['sep', 'sept', 'september', 'ספט', 'ספטמבר'],
  ['oct', 'october', 'אוק', 'אוקטובר'],
  ['nov', 'november', 'נוב', 'נובמבר'],
  ['dec', 'december', 'דצמ', 'דצמבר'],
];
const monthNumber = (name: string) => MONTHS.findIndex((names) => names.includes(name.toLowerCase().replace(/^ב(?=[א-ת]{3})/, '').replace(/[.׳']$/, ''))) + 1;
const DAY_MONTH_NAME = /^(\d{1,2})[\s/.-]+([a-z]{3,9}\.?|ב?[א-ת]{3,7}['׳]?)[\s/.,-]+(\d{4}|\d{2})$/i;
const MONTH_NAME_DAY = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i;

function namedMonth(text: string): string | null | undefined {
  const dayFirst = DAY_MONTH_NAME.exec(text);
  const monthFirst = dayFirst ? null : MONTH_NAME_DAY.exec(text);
  if (!dayFirst && !monthFirst) return undefined;
  const [day, month, year] = dayFirst ? [dayFirst[1]!, dayFirst[2]!, dayFirst[3]!] : [monthFirst![2]!, monthFirst![1]!, monthFirst![3]!];
  const number = monthNumber(month);
  return number === 0 ? undefined : isoDate(twoDigitYear(year), number, Number(day));
}

/** How one cell can be read: a single date, or day-first and month-first readings (either may be null). */
export type DateReading =
  | { kind: 'fixed'; iso: string }
  | { kind: 'ordered'; dmy: string | null; mdy: string | null }
  | { kind: 'invalid'; text: string };

const twoDigitYear = (y: string) => (y.length === 2 ? (Number(y) < 70 ? 2000 + Number(y) : 1900 + Number(y)) : Number(y));

/** Excel's 1900 date system: day 1 is 1900-01-01, with its phantom 29/02/1900 (so serials count from 1899-12-30). */
function fromSerial(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** Every reading of one date cell; serial numbers only when the file is a workbook. */
export function readingsOf(raw: string, options: { excelSerials?: boolean } = {}): DateReading {
  const text = clean(raw);
  const separated = TWO_PART_SEPARATED.exec(text);
  if (separated) {
    const [, a, , b, y] = separated as unknown as [string, string, string, string, string];
    const year = twoDigitYear(y);
    return { kind: 'ordered', dmy: isoDate(year, Number(b), Number(a)), mdy: isoDate(year, Number(a), Number(b)) };
  }
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) {
    const iso = isoDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
    return iso ? { kind: 'fixed', iso } : { kind: 'invalid', text };
  }
  const named = namedMonth(text);
  if (named !== undefined) return named ? { kind: 'fixed', iso: named } : { kind: 'invalid', text };
  const serial = options.excelSerials ? SERIAL.exec(text) : null;
  if (serial && Number(serial[1]) >= SERIAL_MIN && Number(serial[1]) <= SERIAL_MAX) return { kind: 'fixed', iso: fromSerial(Number(serial[1])) };
  return { kind: 'invalid', text };
}

/** One cell read in a known order (or in no order yet: then an ordered value that reads two ways fails). */
export function parseDateIn(raw: string, order: DateOrder | null, options: { excelSerials?: boolean } = {}): Result<string> {
  const reading = readingsOf(raw, options);
  const text = clean(raw);
  if (reading.kind === 'fixed') return ok(reading.iso);
  if (reading.kind === 'invalid') {
    if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/.test(text) || TWO_PART_SEPARATED.test(text) || namedMonth(text) === null) return fail('INVALID_DATE', { text }, `'${text}' is not a valid date: no such day in the calendar`);
    return fail('NOT_A_DATE', { text }, `'${text}' is not a date; expected e.g. 15/01/2024 or 2024-01-15`);
  }
  const { dmy, mdy } = reading;
  const year = twoDigitYear(TWO_PART_SEPARATED.exec(text)![4]!);
  if (year < 1900 || year > 2100) return fail('INVALID_DATE', { text }, `'${text}' is not a valid date: the year ${year} is out of range`);
  if (!dmy && !mdy) return fail('INVALID_DATE', { text }, `'${text}' is not a valid date in either order`);
  if (order === 'DMY') return dmy ? ok(dmy) : fail('INVALID_DATE', { text }, `'${text}' is not a valid date (day/month/year)`);
  if (order === 'MDY') return mdy ? ok(mdy) : fail('INVALID_DATE', { text }, `'${text}' is not a valid date (month/day/year)`);
  if (dmy && mdy && dmy !== mdy) return fail('DATE_ORDER_UNDECIDED', { text }, `'${text}' reads as ${dmy} or ${mdy}: choose the file's date order`);
  return ok((dmy ?? mdy)!);
}

export interface DateOrderSample {
  rowNumber: number;
  raw: string;
  dmy: string | null;
  mdy: string | null;
}

export interface DateOrderDecision {
  /** The order the file's dates are read in; null while the user has to choose (or no date needs one). */
  order: DateOrder | null;
  /**
   * FILE: a value only one order reads decided it; USER: the caller's choice; ASK: every value reads
   * both ways, the user must choose; MIXED: some values only day first reads and others only month
   * first, the user must choose (and the other values are refused); NONE: no date depends on the order.
   */
  basis: 'FILE' | 'USER' | 'ASK' | 'MIXED' | 'NONE';
  /** Up to two rows read both ways (MIXED: one only day first reads, one only month first), for the choice. */
  samples: DateOrderSample[];
}

/** Decides the order of a date column from all its cells (with their row numbers). */
export function decideDateOrder(cells: readonly { rowNumber: number; raw: string }[], chosen: DateOrder | null, options: { excelSerials?: boolean } = {}): DateOrderDecision {
  const onlyDmy: DateOrderSample[] = [];
  const onlyMdy: DateOrderSample[] = [];
  const twoWay: DateOrderSample[] = [];
  for (const { rowNumber, raw } of cells) {
    const reading = readingsOf(raw, options);
    if (reading.kind !== 'ordered') continue;
    const sample = { rowNumber, raw: clean(raw), dmy: reading.dmy, mdy: reading.mdy };
    if (reading.dmy && !reading.mdy) onlyDmy.push(sample);
    else if (reading.mdy && !reading.dmy) onlyMdy.push(sample);
    else if (reading.dmy && reading.mdy && reading.dmy !== reading.mdy) twoWay.push({ rowNumber, raw: clean(raw), dmy: reading.dmy, mdy: reading.mdy });
  }
  const mixed = onlyDmy.length > 0 && onlyMdy.length > 0;
  const samples = mixed ? [onlyDmy[0]!, onlyMdy[0]!].sort((a, b) => a.rowNumber - b.rowNumber) : twoWay.slice(0, 2);
  if (chosen) return { order: chosen, basis: 'USER', samples };
  if (mixed) return { order: null, basis: 'MIXED', samples };
  if (onlyDmy.length > 0) return { order: 'DMY', basis: 'FILE', samples };
  if (onlyMdy.length > 0) return { order: 'MDY', basis: 'FILE', samples };
  return twoWay.length > 0 ? { order: null, basis: 'ASK', samples } : { order: null, basis: 'NONE', samples };
}
