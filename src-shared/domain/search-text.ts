// One normalisation for Hebrew search, applied to indexed text (by SQL in the search-index triggers)
// and to what the user types (in TypeScript), so that both sides meet:
// - final letters become their regular forms (a prefix typed mid-word still matches: "שלומ" ~ "שלום");
// - geresh/gershayim and their ASCII stand-ins are removed ("מ\"ר", "מ״ר" and "מר" are one word);
// - bidi controls are removed (registry PDFs are full of them).

const FINAL_TO_REGULAR: readonly (readonly [string, string])[] = [
  ['ך', 'כ'],
  ['ם', 'מ'],
  ['ן', 'נ'],
  ['ף', 'פ'],
  ['ץ', 'צ'],
];

const REMOVED_CODE_POINTS: readonly number[] = [
  0x22, // "
  0x27, // '
  0x5f3, // ׳ geresh
  0x5f4, // ״ gershayim
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x200e,
  0x200f,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
];

const removed = new Set(REMOVED_CODE_POINTS.map((cp) => String.fromCodePoint(cp)));
const finals = new Map(FINAL_TO_REGULAR);

export function normalizeSearchText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (removed.has(ch)) continue;
    out += finals.get(ch) ?? ch;
  }
  return out.toLowerCase();
}

/** The same normalisation as a SQLite expression over `expr` (used when writing the index migration). */
export function sqliteNormalizeExpression(expr: string): string {
  let sql = `lower(coalesce(${expr}, ''))`;
  for (const cp of REMOVED_CODE_POINTS) sql = `replace(${sql}, char(${cp}), '')`;
  for (const [final, regular] of FINAL_TO_REGULAR) {
    sql = `replace(${sql}, char(${final.codePointAt(0)}), char(${regular.codePointAt(0)}))`;
  }
  return sql;
}

export type SearchTerms = { kind: 'block_parcel'; match: string } | { kind: 'words'; matches: string[] };

/**
 * Turns what the user typed into FTS5 queries: every word must match as a prefix (each word is its own
 * query, so that words may be found in different indexes — valuation fields and document text). A
 * block/parcel form such as 6109/396/118 (or a leading part of it) matches the block_parcel column from
 * its start. Returns null when nothing searchable remains.
 */
export function searchTerms(input: string): SearchTerms | null {
  const text = normalizeSearchText(input).trim();
  const blockParcel = /^(\d{1,6})(?:\s*\/\s*(\d{1,5})(?:\s*\/\s*(\d{1,4}))?)?\s*\/?$/.exec(text);
  if (blockParcel && text.includes('/')) {
    const parts = blockParcel.slice(1).filter((p): p is string => Boolean(p));
    // A complete form (all three parts, or a trailing slash) matches exactly, a partial one as a prefix.
    const complete = parts.length === 3 || text.endsWith('/');
    return { kind: 'block_parcel', match: `block_parcel : ^"${parts.join(' ')}"${complete ? '' : '*'}` };
  }
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  if (words.length === 0) return null;
  return { kind: 'words', matches: words.map((w) => `"${w}"*`) };
}

/** The same as one FTS5 query over a single index. */
export function buildFtsQuery(input: string): string | null {
  const terms = searchTerms(input);
  if (!terms) return null;
  return terms.kind === 'block_parcel' ? terms.match : terms.matches.join(' AND ');
}
