// Rules every value in a pushed mutation follows, whatever its column (docs/sync-protocol.md, "Values").
// The client checks them before a change leaves the device and the server before the database sees
// it, so a value the database would refuse, truncate or alter is refused as that mutation's INVALID.

/** Longest text of any synced column, in UTF-16 code units. */
export const MAX_TEXT_LENGTH = 100_000;

/**
 * Text columns inside a b-tree index, with shorter limits: PostgreSQL refuses an index row over 2,704
 * bytes (error 54000), and a character takes up to 4 bytes. Every index's columns together stay under it
 * (a test reads the indexes of the PostgreSQL schema and checks that each indexed text column is here).
 */
export const INDEXED_TEXT_LENGTH: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  valuations: { title: 300, status: 40, block: 40, parcel: 40, subparcel: 40 },
  documents: { sha256: 64 },
  images: { sha256: 64 },
  assets: { slug: 200 },
  comparables: { city: 200, street: 200, block: 40, parcel: 40, deal_date: 40 },
};

/** JSON columns whose value is an object (the contract's `Record<string, unknown>`); the others take an object or an array. */
export const OBJECT_JSON_COLUMNS: ReadonlySet<string> = new Set([
  'meta',
  'step1_data',
  'step2_data',
  'step3_data',
  'step4_data',
  'step5_data',
  'step_data',
  'wizard_data',
  'extracted',
  'features',
]);

/** A JSON value nested deeper than this is refused (nothing the app writes comes close). */
const MAX_JSON_DEPTH = 64;

// Without the `u` flag the pattern sees UTF-16 code units: a high surrogate not followed by a low
// one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds an unpaired UTF-16 surrogate (not valid Unicode: the database would alter it). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** The problem of a string PostgreSQL would refuse or alter: a lone surrogate or a NUL character. */
export function textProblem(text: string): string | null {
  if (hasLoneSurrogate(text)) return 'holds text that is not valid Unicode';
  return text.includes('\u0000') ? 'holds a NUL character' : null;
}

/** The first problem of a value inside JSON (or a plain value): lone surrogates, non-finite numbers, depth. */
export function jsonValueProblem(value: unknown, depth = 0): string | null {
  if (depth > MAX_JSON_DEPTH) return 'is nested too deeply';
  if (typeof value === 'string') return textProblem(value);
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'holds a number that is not finite';
  if (value === null || typeof value === 'boolean') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = jsonValueProblem(item, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key) ?? jsonValueProblem(item, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  return 'holds a value JSON cannot carry';
}

/** The longest text a column takes. */
export function textLimit(table: string, column: string): number {
  return INDEXED_TEXT_LENGTH[table]?.[column] ?? MAX_TEXT_LENGTH;
}

/**
 * The problem of one column value that holds whatever the column's type (null when there is none):
 * valid Unicode, finite numbers, text within its limit, JSON columns of their shape.
 */
export function columnValueProblem(table: string, column: string, value: unknown, isJson: boolean): { message: string; tooLong: boolean } | null {
  if (value === null || value === undefined) return null;
  const problem = (message: string | null) => (message ? { message, tooLong: false } : null);
  if (isJson) {
    const objectOnly = OBJECT_JSON_COLUMNS.has(column);
    const isObject = typeof value === 'object' && !Array.isArray(value);
    if (typeof value !== 'object' || (objectOnly && !isObject)) return problem(objectOnly ? 'must be an object' : 'must be an object or a list');
    return problem(jsonValueProblem(value));
  }
  const limit = textLimit(table, column);
  if (typeof value === 'string' && value.length > limit) return { message: `is longer than ${limit} characters`, tooLong: true };
  return problem(jsonValueProblem(value));
}
