import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFtsQuery, normalizeSearchText, sqliteNormalizeExpression } from '../../../src-shared/domain/search-text.ts';

// An FTS5 table shaped like valuations_search (migrations/sqlite/0003_search_index.sql), to run the
// queries buildFtsQuery makes: whatever the user typed, the result must be valid FTS5 syntax.
const db = new Database(':memory:');
db.exec(
  "CREATE VIRTUAL TABLE search USING fts5(title, address, client, block_parcel, doc_text, tokenize = 'unicode61 remove_diacritics 2')",
);
afterAll(() => db.close());
const insert = db.prepare('INSERT INTO search (rowid, title, address, client, block_parcel, doc_text) VALUES (?, ?, ?, ?, ?, ?)');
const rows: [number, string, string, string, string, string][] = [
  [1, 'דירת 4 חדרים', 'רח׳ הרצל 12, תל אביב-יפו', 'משה כהן', '6109/396/118', 'נסח טאבו הערת אזהרה'],
  [2, 'דירה 120 מ"ר', 'שד׳ רוטשילד 5, רמת גן', 'שלומי לוי', '9905/88/8', ''],
  [3, 'פנטהאוז', 'סוקולוב 3, חולון', 'רונית אברהם', '6109/39/11', ''],
  [4, 'near and or not', 'x', 'y', '61090/1/1', ''],
  [5, 'חלקה אחרת', 'x', 'y', '1/6109/396', ''], // block 1, parcel 6109, sub-parcel 396
  [6, 'תת חלקה ארוכה', 'x', 'y', '6109/396/1180', ''],
];
for (const [rowid, ...columns] of rows) insert.run(rowid, ...columns.map((c, i) => (i === 3 ? c : normalizeSearchText(c))));

/** The rowids a typed query finds (after the same normalisation the index triggers apply). */
function search(typed: string): number[] {
  const match = buildFtsQuery(typed);
  if (match === null) return [];
  return (db.prepare('SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid').all(match) as { rowid: number }[]).map((r) => r.rowid);
}

describe('normalizeSearchText', () => {
  it('turns final letters into their regular forms', () => {
    expect(normalizeSearchText('ךםןףץ')).toBe('כמנפצ');
    expect(normalizeSearchText('רמת גן')).toBe('רמת גנ');
    expect(normalizeSearchText('חולון')).toBe('חולונ');
    expect(normalizeSearchText('שלום')).toBe('שלומ');
    expect(normalizeSearchText('משה כהן')).toBe('משה כהנ');
    // Regular letters are left alone.
    expect(normalizeSearchText('כמנפצ')).toBe('כמנפצ');
  });

  it('removes geresh, gershayim and their ASCII and typographic stand-ins', () => {
    expect(normalizeSearchText('מ"ר')).toBe('מר');
    expect(normalizeSearchText('מ״ר')).toBe('מר');
    expect(normalizeSearchText('רח׳')).toBe('רח');
    expect(normalizeSearchText("רח'")).toBe('רח');
    expect(normalizeSearchText('ת\u201Dז')).toBe('תז');
    expect(normalizeSearchText('ת\u2019א')).toBe('תא');
    expect(normalizeSearchText('\u2018שד\u2019')).toBe('שד');
    expect(normalizeSearchText('\u201Cמ"ר\u201D')).toBe('מר');
    // All spellings of one word meet.
    const spellings = ['מ"ר', 'מ״ר', 'מר', "מ'ר"].map(normalizeSearchText);
    expect(new Set(spellings).size).toBe(1);
  });

  it('removes bidi controls (registry PDFs are full of them)', () => {
    const controls = ['\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const control of controls) expect(normalizeSearchText(`גוש${control}9905`)).toBe('גוש9905');
    expect(normalizeSearchText('\u202B\u05D2\u05D5\u05E9 \u202A9905/88/8\u202C\u202C')).toBe('גוש 9905/88/8');
  });

  it('lower-cases Latin text, keeps digits and slashes, and composes to NFC', () => {
    expect(normalizeSearchText('Tel AVIV 6109/396/118')).toBe('tel aviv 6109/396/118');
    expect(normalizeSearchText('Cafe\u0301')).toBe('caf\u00E9');
    expect(normalizeSearchText('')).toBe('');
  });

  it('is the same normalisation as the SQL expression the index triggers use', () => {
    const samples = [
      'רח׳ הרצל 12, תל אביב-יפו',
      'דירה 120 מ"ר',
      'דירה 120 מ״ר',
      'שד׳ רוטשילד 5, רמת גן',
      'ת\u201Dז \u2018x\u2019',
      '\u202B\u05E0\u05E1\u05D7 \u202A9905/88/8\u202C\u202C',
      'ךםןףץ',
      'ABC abc',
    ];
    for (const sample of samples) {
      const row = db.prepare(`SELECT ${sqliteNormalizeExpression('?')} AS n`).get(sample) as { n: string };
      expect(row.n, sample).toBe(normalizeSearchText(sample));
    }
  });
});

describe('buildFtsQuery', () => {
  it('makes every word a quoted prefix, all required', () => {
    expect(buildFtsQuery('הרצל')).toBe('"הרצל"*');
    expect(buildFtsQuery('הרצל תל אביב')).toBe('"הרצל"* AND "תל"* AND "אביב"*');
    expect(buildFtsQuery('  רמת   גן  ')).toBe('"רמת"* AND "גנ"*');
    expect(buildFtsQuery('רח׳ הרצל, 12')).toBe('"רח"* AND "הרצל"* AND "12"*');
    expect(buildFtsQuery('דירה 120 מ"ר')).toBe('"דירה"* AND "120"* AND "מר"*');
    expect(buildFtsQuery('9905')).toBe('"9905"*');
  });

  it('reads block/parcel/sub-parcel forms as a phrase in the block_parcel column', () => {
    const forms: [string, string][] = [
      ['6109/396/118', '6109 396 118'],
      ['6109/396', '6109 396'],
      ['6109/', '6109'],
      [' 6109 / 396 / 118 ', '6109 396 118'],
      ['\u202A9905/88/8\u202C', '9905 88 8'],
    ];
    for (const [typed, phrase] of forms) {
      const match = buildFtsQuery(typed);
      expect(match, typed).toMatch(/^block_parcel : \^?"/);
      expect(match, typed).toContain(`"${phrase}"`);
    }
  });

  it('returns null when nothing searchable remains', () => {
    for (const typed of ['', '   ', '"', "'", '׳״', '!?.,;:-()[]{}*', '"*"', '\u202E\u200F', '/', '//']) {
      expect(buildFtsQuery(typed), JSON.stringify(typed)).toBeNull();
    }
  });

  it('never lets quotes, operators or brackets out of their quoted words', () => {
    const hostile = [
      '"',
      '" OR "',
      'a" OR rowid:"1',
      '*',
      'הרצל*',
      '"הרצל',
      'AND',
      'OR OR',
      'NOT',
      'NEAR(',
      'NEAR(הרצל רוטשילד, 2)',
      'title:הרצל',
      '{title address}: הרצל',
      '^הרצל',
      '-הרצל',
      '+',
      '(((',
      ')',
      'הרצל AND',
      'AND הרצל',
      '6109/396/118/5/7',
      '6109//396',
      '1234567/1',
      '\u0000',
      '\\',
      '%_',
      "'; DROP TABLE search; --",
      'א'.repeat(200),
      'א '.repeat(100),
      '6'.repeat(200),
      '\uD800',
    ];
    for (const typed of hostile) {
      const match = buildFtsQuery(typed);
      if (match === null) continue;
      // Every term is a double-quoted string with no quote inside it, joined by AND.
      expect(match, typed).toMatch(/^(block_parcel : \^?"[\d ]+"\*?|"[^"]+"\*( AND "[^"]+"\*)*)$/u);
      expect(() => search(typed), typed).not.toThrow();
    }
  });

  it('finds rows in an FTS5 table with the index tokenizer', () => {
    expect(search('הרצל')).toEqual([1]);
    expect(search('הרצ')).toEqual([1]);
    expect(search('רוטש')).toEqual([2]);
    expect(search('רמת גן')).toEqual([2]);
    expect(search('חולו')).toEqual([3]);
    expect(search('חולון')).toEqual([3]);
    expect(search('שלום')).toEqual([2]); // a final letter typed mid-word still prefixes שלומי
    expect(search('מ"ר')).toEqual([2]);
    expect(search('מ״ר')).toEqual([2]);
    expect(search('מר')).toEqual([2]);
    expect(search('אזהרה')).toEqual([1]);
    expect(search('9905')).toEqual([2]);
    // The words are words, not operators.
    expect(search('near')).toEqual([4]);
    expect(search('AND')).toEqual([4]);
    expect(search('NEAR(')).toEqual([4]);
    expect(search('"')).toEqual([]);
  });

  it('matches all three parts of a block/parcel/sub-parcel exactly', () => {
    // 6109/396/1180 is another sub-parcel.
    expect(search('6109/396/118')).toEqual([1]);
    expect(search('9905/88/8')).toEqual([2]);
  });

  it('matches a leading block/parcel form from the block on, never the same digits further along', () => {
    // Row 5 is block 1, parcel 6109, sub-parcel 396: '6109/396' is not it.
    expect(search('6109/396')).toEqual([1, 6]);
    expect(search('6109/39')).toEqual([1, 3, 6]);
  });

  it('reads a trailing slash as the end of that part', () => {
    // 61090 is another block; 3960 another parcel.
    expect(search('6109/')).toEqual([1, 3, 6]);
    expect(search('6109/396/')).toEqual([1, 6]);
  });
});
