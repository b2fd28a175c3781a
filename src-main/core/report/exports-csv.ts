// CSV for Excel and for other tools: RFC 4180 (fields with a comma, a quote or a line break are
// quoted, quotes doubled, CRLF between records, every record as wide as the header), UTF-8 with a
// BOM so Excel reads the Hebrew, and no cell that a spreadsheet would run as a formula.

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;
/** A plain number (as this file writes them) can never be a formula, even with a leading minus. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
// Excel, LibreOffice and Google Sheets start a formula (or DDE) with these (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet shows as text: a leading apostrophe before anything that starts a formula. */
export function guardFormula(value: string): string {
  if (PLAIN_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One field, guarded and quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  const guarded = guardFormula(value);
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** The records as CSV bytes; short records are padded to the widest one. */
export function encodeCsv(records: readonly (readonly string[])[]): Uint8Array {
  const width = Math.max(0, ...records.map((r) => r.length));
  const lines = records.map((record) => {
    const padded = [...record, ...Array<string>(width - record.length).fill('')];
    return padded.map(csvField).join(',');
  });
  return new TextEncoder().encode(BOM + lines.map((line) => `${line}\r\n`).join(''));
}

/** Integer agorot as shekels with the agorot, no grouping (a number for the spreadsheet): 195000050 -> '1950000.50'. */
export function agorotText(agorot: number | null): string {
  if (agorot === null) return '';
  return hundredthsDecimal(agorot);
}

/** Integer hundredths of a sqm as sqm with two decimals: 14230 -> '142.30'. */
export function hundredthsText(hundredths: number | null): string {
  if (hundredths === null) return '';
  return hundredthsDecimal(hundredths);
}

/** Basis points as a percent number with up to two decimals: -250 -> '-2.5', 500 -> '5'. */
export function basisPointsText(bp: number | null): string {
  if (bp === null) return '';
  const text = hundredthsDecimal(bp);
  return text.replace(/\.?0+$/, '');
}

/** An integer in hundredths as exact decimal text with two decimals, from its digits (no float division). */
function hundredthsDecimal(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const cents = abs % 100;
  return `${sign}${(abs - cents) / 100}.${String(cents).padStart(2, '0')}`;
}
