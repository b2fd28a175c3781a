// Calendar dates of the calculation: ISO 'YYYY-MM-DD' strings and index months 'YYYY-MM', compared as
// text (which orders them correctly) and never converted through a time zone.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MONTH_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** True for a real calendar date written 'YYYY-MM-DD' (years 1900-2200). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** The index month of a date: '2024-03-15' -> '2024-03'. */
export const monthOf = (isoDate: string): string => isoDate.slice(0, 7);
