// The text layer as other producers and libraries hand it over: bidi controls inside the strings,
// whole logical lines as one item, LTR runs split into several items; and the value checks
// (Israeli ID check digit, exact shares).
import { describe, expect, it } from 'vitest';
import { isValidIsraeliId, israeliIdCheckDigit } from '../../../src-main/core/extraction/israeli-id.ts';
import { buildLines, normaliseText, type TextItem } from '../../../src-main/core/extraction/lines.ts';
import { parseAgorot, parseDate, parseDecimal, parseShare, sumShares } from '../../../src-main/core/extraction/values.ts';

const LRE = '\u202A';
const RLE = '\u202B';
const PDF = '\u202C';
const RLM = '\u200F';
const LRM = '\u200E';

/** Items laid right to left from `right`, each `width` wide per character, `gap` between items. */
function rtlItems(parts: readonly (string | { gap: number })[], right = 550, size = 10): TextItem[] {
  const items: TextItem[] = [];
  let x = right;
  for (const part of parts) {
    if (typeof part !== 'string') {
      x -= part.gap;
      continue;
    }
    const width = [...part.replace(/[\u200E\u200F\u202A-\u202E]/g, '')].length * 5;
    items.push({ text: part, left: x - width, right: x, y: 100, size });
    x -= width;
  }
  return items;
}
const textOf = (items: TextItem[]) => buildLines(items, 1).map((line) => line.text);

describe('normaliseText', () => {
  it('strips every bidi control and keeps LTR runs as they are', () => {
    expect(normaliseText(`${RLE}גוש: ${LRE}9905${PDF}${RLM}${PDF}`)).toBe('גוש: 9905');
    expect(normaliseText(`\u2067החלק ברכוש המשותף: \u2066104/5975\u2069\u2069`)).toBe('החלק ברכוש המשותף: 104/5975');
    expect(normaliseText(`${LRM}סכום:\u00A0\u202D1,305,000\u202C ש\u05F4ח`)).toBe('סכום: 1,305,000 ש"ח');
    expect(normaliseText("שטח במ''ר")).toBe('שטח במ"ר');
  });
});

describe('buildLines', () => {
  it('reads a whole logical line handed over as one item, controls and all', () => {
    expect(textOf([{ text: `${RLE}חלקה: ${LRE}88${PDF}${PDF}`, left: 450, right: 550, y: 100, size: 10 }])).toEqual(['חלקה: 88']);
  });

  it('orders items right to left in a Hebrew line, a wide gap making a new cell', () => {
    const lines = buildLines(rtlItems(['גוש:', { gap: 3 }, '9905', { gap: 40 }, 'חלקה:', { gap: 3 }, '88']), 1);
    expect(lines[0]?.cells.map((c) => c.text)).toEqual(['גוש: 9905', 'חלקה: 88']);
    expect(lines[0]?.rtl).toBe(true);
  });

  it('keeps a number that arrives digit by digit, or split by a font change, in its LTR order', () => {
    // The producer drew "1,305,000" one glyph at a time; sorted right to left they would read 000,503,1.
    const digits = [...'1,305,000'].reverse();
    expect(textOf(rtlItems(['סכום:', { gap: 3 }, ...digits]))).toEqual(['סכום: 1,305,000']);
    expect(textOf(rtlItems(['החלק ברכוש המשותף:', { gap: 3 }, '5975', '/', '104']))).toEqual(['החלק ברכוש המשותף: 104/5975']);
  });

  it('keeps separate numbers in RTL order and a colon on its Hebrew side', () => {
    expect(textOf(rtlItems(['תאריך:', { gap: 3 }, '14/03/2024', { gap: 3 }, '09:41']))).toEqual(['תאריך: 14/03/2024 09:41']);
    expect(textOf(rtlItems(['גוש', ':', '9905']))).toEqual(['גוש:9905']);
  });

  it('groups items by baseline and sorts lines top to bottom', () => {
    const items: TextItem[] = [
      { text: 'שורה שנייה', left: 480, right: 550, y: 130, size: 10 },
      { text: 'שורה ראשונה', left: 470, right: 550, y: 100.6, size: 10 },
      { text: '2', left: 460, right: 465, y: 99.8, size: 10 },
    ];
    expect(textOf(items)).toEqual(['שורה ראשונה 2', 'שורה שנייה']);
  });
});

describe('Israeli ID check digit', () => {
  it('accepts valid numbers and rejects a wrong check digit', () => {
    for (const id of ['000000018', '123456782', '034587121', '057126344', '520000522', '18']) expect(isValidIsraeliId(id)).toBe(true);
    for (const id of ['123456789', '204815931', '000000000', '1234567890', '12345678a', '']) expect(isValidIsraeliId(id)).toBe(false);
    expect(israeliIdCheckDigit('20481593')).toBe(0);
  });
});

describe('values', () => {
  it('parses shares exactly and sums them as rationals', () => {
    expect(parseShare('104/5975')).toEqual({ num: 104n, den: 5975n });
    expect(parseShare('1 / 2')).toEqual({ num: 1n, den: 2n });
    expect(parseShare('בשלמות')).toEqual({ num: 1n, den: 1n });
    expect(parseShare('חצי')).toBeNull();
    const third = parseShare('1/3') as NonNullable<ReturnType<typeof parseShare>>;
    expect(sumShares([third, third, third])).toEqual({ num: 1n, den: 1n });
    expect(sumShares([{ num: 1n, den: 2n }, { num: 1n, den: 4n }, { num: 1n, den: 8n }])).toEqual({ num: 7n, den: 8n });
  });

  it('parses money to agorot, areas to numbers and dates to ISO', () => {
    expect(parseAgorot('1,305,000')).toBe(130500000);
    expect(parseAgorot('1,305,000.5')).toBe(130500050);
    expect(parseAgorot('abc')).toBeNull();
    expect(parseDecimal('1,450.00')).toBe(1450);
    expect(parseDecimal('10.30')).toBe(10.3);
    expect(parseDate('14/03/2024')).toBe('2024-03-14');
    expect(parseDate('31/02/2024')).toBeNull();
  });
});
