import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '../../../src-main/core/comparables/csv.ts';
import { decodeText, detectEncoding } from '../../../src-main/core/comparables/decode.ts';
import { encodeWindows1255 } from '../../integration/comparables/windows-1255.ts';

describe('CSV parsing', () => {
  it('keeps quoted delimiters, doubled quotes and line breaks inside fields', () => {
    const text = 'a,b,c\r\n"רחוב הרצל 123, תל אביב","מ""ר","line\nbreak"\r\n1,,3';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['רחוב הרצל 123, תל אביב', 'מ"ר', 'line\nbreak'],
      ['1', '', '3'],
    ]);
  });

  it('keeps a quote inside an unquoted field (a header like שטח במ"ר) as text', () => {
    expect(parseCsv('שטח במ"ר,מחיר\n85,100\n')).toEqual([
      ['שטח במ"ר', 'מחיר'],
      ['85', '100'],
    ]);
  });

  it('detects semicolons, tabs and an Excel sep= line', () => {
    expect(detectDelimiter('תאריך;מחיר;שטח\n1;2;3').delimiter).toBe(';');
    expect(detectDelimiter('תאריך\tמחיר\n1\t2').delimiter).toBe('\t');
    expect(parseCsv('sep=;\nא;ב\n1,5;2')).toEqual([
      ['א', 'ב'],
      ['1,5', '2'],
    ]);
    // A title line without delimiters above the headers.
    expect(detectDelimiter('עסקאות השוואה\nתאריך;מחיר;"שטח; נטו"\n').delimiter).toBe(';');
  });

  it('takes the rest of the text into a quote left open', () => {
    expect(parseCsv('a,"b\nc')).toEqual([['a', 'b\nc']]);
  });
});

describe('encoding detection', () => {
  const hebrew = 'יום מכירה,מחיר\n15/01/2024,2850000\n';
  const utf8 = new TextEncoder().encode(hebrew);

  it('reads UTF-8 with a BOM, UTF-8 without one and Windows-1255 to the same text', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    const cp1255 = encodeWindows1255(hebrew);
    expect(detectEncoding(bom)).toBe('utf-8-bom');
    expect(detectEncoding(utf8)).toBe('utf-8');
    expect(detectEncoding(cp1255)).toBe('windows-1255');
    for (const bytes of [bom, utf8, cp1255]) expect(decodeText(bytes).text).toBe(hebrew);
  });

  it('reads plain ASCII as UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('date,price\n')).encoding).toBe('utf-8');
  });
});
