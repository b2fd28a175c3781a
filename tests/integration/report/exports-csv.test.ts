// The CSV encoder of the exports on its own: RFC 4180 quoting, the BOM and CRLF, the formula guard
// (OWASP "CSV injection": = + - @ tab CR), and exact money/area text from integers.
import { describe, expect, it } from 'vitest';
import { agorotText, basisPointsText, csvField, encodeCsv, guardFormula, hundredthsText } from '../../../src-main/core/report/exports-csv.ts';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['רחוב הרצל 12', 'רחוב הרצל 12'],
    ['הרצל 12, תל אביב', '"הרצל 12, תל אביב"'],
    ['מחיר למ"ר', '"מחיר למ""ר"'],
    ['שורה\nשנייה', '"שורה\nשנייה"'],
    ['a\r\nb', '"a\r\nb"'],
    ['', ''],
  ])('%j -> %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+972', "'+972"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', '"\'\r=1"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
  ])('defuses %j as %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('leaves plain numbers, negative ones included, as numbers', () => {
    for (const value of ['0', '-1', '-2.5', '3712344.50', '105.00']) expect(guardFormula(value)).toBe(value);
    expect(guardFormula('-')).toBe("'-");
    expect(guardFormula('-1e5')).toBe("'-1e5");
  });
});

describe('encodeCsv', () => {
  it('starts with the UTF-8 BOM, ends every record with CRLF and pads short records', () => {
    const bytes = encodeCsv([['א', 'ב', 'ג'], [], ['x']]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe('\uFEFFא,ב,ג\r\n,,\r\nx,,\r\n');
  });
});

describe('numbers from integers', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [100, '1.00'],
    [195_000_050, '1950000.50'],
    [-765_550, '-7655.50'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('agorot %i -> %s', (agorot, text) => {
    expect(agorotText(agorot)).toBe(text);
  });

  it('writes areas with two decimals and percents without trailing zeros', () => {
    expect(hundredthsText(14_230)).toBe('142.30');
    expect(hundredthsText(null)).toBe('');
    expect([500, -250, 0, 1_000, 1_005].map(basisPointsText)).toEqual(['5', '-2.5', '0', '10', '10.05']);
  });

  it('refuses amounts that are not safe integers', () => {
    expect(() => agorotText(1.5)).toThrow(RangeError);
  });
});
