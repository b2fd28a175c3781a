import { describe, expect, it } from 'vitest';
import { hebrewNumberWords, shekelsInWords } from '../../../src-shared/domain/report/hebrew-words.ts';

// Spellings written by hand from Hebrew grammar (masculine = counting a masculine noun such as שקל).
const MASCULINE: ReadonlyArray<readonly [number, string]> = [
  [0, 'אפס'],
  [1, 'אחד'],
  [2, 'שניים'],
  [3, 'שלושה'],
  [4, 'ארבעה'],
  [5, 'חמישה'],
  [6, 'שישה'],
  [7, 'שבעה'],
  [8, 'שמונה'],
  [9, 'תשעה'],
  [10, 'עשרה'],
  [11, 'אחד עשר'],
  [12, 'שנים עשר'],
  [13, 'שלושה עשר'],
  [15, 'חמישה עשר'],
  [16, 'שישה עשר'],
  [19, 'תשעה עשר'],
  [20, 'עשרים'],
  [21, 'עשרים ואחד'],
  [22, 'עשרים ושניים'],
  [30, 'שלושים'],
  [45, 'ארבעים וחמישה'],
  [60, 'שישים'],
  [99, 'תשעים ותשעה'],
  [100, 'מאה'],
  [101, 'מאה ואחד'],
  [110, 'מאה ועשרה'],
  [111, 'מאה ואחד עשר'],
  [120, 'מאה ועשרים'],
  [123, 'מאה עשרים ושלושה'],
  [200, 'מאתיים'],
  [300, 'שלוש מאות'],
  [800, 'שמונה מאות'],
  [999, 'תשע מאות תשעים ותשעה'],
  [1_000, 'אלף'],
  [1_001, 'אלף ואחד'],
  [1_200, 'אלף ומאתיים'],
  [1_234, 'אלף מאתיים שלושים וארבעה'],
  [2_000, 'אלפיים'],
  [2_500, 'אלפיים וחמש מאות'],
  [3_000, 'שלושת אלפים'],
  [4_000, 'ארבעת אלפים'],
  [5_000, 'חמשת אלפים'],
  [6_000, 'ששת אלפים'],
  [7_000, 'שבעת אלפים'],
  [8_000, 'שמונת אלפים'],
  [9_000, 'תשעת אלפים'],
  [10_000, 'עשרת אלפים'],
  [11_000, 'אחד עשר אלף'],
  [12_000, 'שנים עשר אלף'],
  [20_000, 'עשרים אלף'],
  [21_000, 'עשרים ואחד אלף'],
  [33_300, 'שלושים ושלושה אלף ושלוש מאות'],
  [100_000, 'מאה אלף'],
  [103_000, 'מאה ושלושה אלף'],
  [200_000, 'מאתיים אלף'],
  [300_000, 'שלוש מאות אלף'],
  [1_000_000, 'מיליון'],
  [2_000_000, 'שני מיליון'],
  [3_000_000, 'שלושה מיליון'],
  [10_000_000, 'עשרה מיליון'],
  [11_000_000, 'אחד עשר מיליון'],
  [1_000_020, 'מיליון ועשרים'],
  [1_001_000, 'מיליון ואלף'],
  [1_305_000, 'מיליון שלוש מאות וחמישה אלף'],
  [1_950_000, 'מיליון תשע מאות וחמישים אלף'],
  [2_850_000, 'שני מיליון שמונה מאות וחמישים אלף'],
  [5_670_000, 'חמישה מיליון שש מאות ושבעים אלף'],
  [5_700_000, 'חמישה מיליון ושבע מאות אלף'],
  [5_003_000, 'חמישה מיליון ושלושת אלפים'],
  [999_999_999, 'תשע מאות תשעים ותשעה מיליון תשע מאות תשעים ותשעה אלף תשע מאות תשעים ותשעה'],
  [1_000_000_000, 'מיליארד'],
  [2_000_000_000, 'שני מיליארד'],
  [1_100_000_000, 'מיליארד ומאה מיליון'],
  [999_999_999_999,
    'תשע מאות תשעים ותשעה מיליארד תשע מאות תשעים ותשעה מיליון תשע מאות תשעים ותשעה אלף תשע מאות תשעים ותשעה'],
];

const FEMININE: ReadonlyArray<readonly [number, string]> = [
  [1, 'אחת'],
  [2, 'שתיים'],
  [3, 'שלוש'],
  [10, 'עשר'],
  [11, 'אחת עשרה'],
  [12, 'שתים עשרה'],
  [18, 'שמונה עשרה'],
  [21, 'עשרים ואחת'],
  [50, 'חמישים'],
  [99, 'תשעים ותשע'],
  // Only the units follow the noun; אלף stays masculine.
  [3_003, 'שלושת אלפים ושלוש'],
  [13_013, 'שלושה עשר אלף ושלוש עשרה'],
];

const SHEKELS: ReadonlyArray<readonly [number, string]> = [
  [0, 'אפס שקלים חדשים'],
  [100, 'שקל חדש אחד'],
  [200, 'שני שקלים חדשים'],
  [300, 'שלושה שקלים חדשים'],
  [100_000, 'אלף שקלים חדשים'],
  [200_000, 'אלפיים שקלים חדשים'],
  [300_000, 'שלושת אלפים שקלים חדשים'],
  [1_100_000, 'אחד עשר אלף שקלים חדשים'],
  [10_000_000, 'מאה אלף שקלים חדשים'],
  [100_000_000, 'מיליון שקלים חדשים'],
  [570_000_000, 'חמישה מיליון ושבע מאות אלף שקלים חדשים'],
  [195_000_000, 'מיליון תשע מאות וחמישים אלף שקלים חדשים'],
  [285_000_000, 'שני מיליון שמונה מאות וחמישים אלף שקלים חדשים'],
  [130_500_000, 'מיליון שלוש מאות וחמישה אלף שקלים חדשים'],
  [300_000_000, 'שלושה מיליון שקלים חדשים'],
  [12_350, 'מאה עשרים ושלושה שקלים חדשים ו-חמישים אגורות'],
  [101, 'שקל חדש אחד ו-אגורה אחת'],
  [502, 'חמישה שקלים חדשים ו-שתי אגורות'],
  [570_000_099, 'חמישה מיליון ושבע מאות אלף שקלים חדשים ו-תשעים ותשע אגורות'],
  [111, 'שקל חדש אחד ו-אחת עשרה אגורות'],
  [50, 'חמישים אגורות'],
];

describe('hebrewNumberWords', () => {
  it.each(MASCULINE)('writes %i (masculine) as %s', (n, words) => {
    expect(hebrewNumberWords(n)).toBe(words);
    expect(hebrewNumberWords(n, 'masculine')).toBe(words);
  });

  it.each(FEMININE)('writes %i (feminine) as %s', (n, words) => {
    expect(hebrewNumberWords(n, 'feminine')).toBe(words);
  });

  it.each([-1, 1_000_000_000_000, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s', (n) => {
    expect(() => hebrewNumberWords(n)).toThrow(RangeError);
  });

  it('writes every value 0..10000 without stray spaces or a leading ו', () => {
    for (const gender of ['masculine', 'feminine'] as const) {
      for (let n = 0; n <= 10_000; n++) {
        const words = hebrewNumberWords(n, gender);
        expect(words.length).toBeGreaterThan(0);
        expect(words).not.toMatch(/ {2}|^ | $/);
        expect(words.startsWith('ו')).toBe(false);
        // The conjunction is one letter glued to the next word, never a word of its own.
        expect(words.split(' ')).not.toContain('ו');
      }
    }
  });

  it('gives distinct words to distinct values (deterministic sample)', () => {
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const seen = new Map<string, number>();
    for (let i = 0; i < 5_000; i++) {
      const n = next() % 1_000_000_000;
      const words = hebrewNumberWords(n);
      const other = seen.get(words);
      if (other !== undefined) expect(other).toBe(n);
      seen.set(words, n);
    }
    // Every value 0..20000 too, exhaustively.
    const small = new Set<string>();
    for (let n = 0; n <= 20_000; n++) small.add(hebrewNumberWords(n));
    expect(small.size).toBe(20_001);
  });
});

describe('shekelsInWords', () => {
  it.each(SHEKELS)('writes %i agorot as %s', (agorot, words) => {
    expect(shekelsInWords(agorot)).toBe(words);
  });

  it('writes every round thousand up to 10 million with the masculine noun', () => {
    for (let shekels = 1_000; shekels <= 10_000_000; shekels += 1_000) {
      const words = shekelsInWords(shekels * 100);
      expect(words.endsWith(' שקלים חדשים')).toBe(true);
      expect(words).not.toMatch(/ {2}/);
      expect(words).not.toContain('אגור');
    }
  });

  it.each([-1, 0.5, Number.NaN, 2 ** 60])('rejects %s agorot', (agorot) => {
    expect(() => shekelsInWords(agorot)).toThrow(RangeError);
  });
});
