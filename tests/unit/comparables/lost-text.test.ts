import { describe, expect, it } from 'vitest';
import { findLostText, isLostText } from '../../../src-shared/domain/comparables/lost-text.ts';
import { previewImport } from '../../../src-shared/domain/comparables/preview.ts';

const utf8BytesAs = (text: string, encoding: string) => new TextDecoder(encoding).decode(new TextEncoder().encode(text));

describe('Hebrew lost before the file reached us', () => {
  it('recognises letters turned to "?", replacement characters and mojibake of UTF-8 and Windows-1255', () => {
    expect(isLostText('????? 3')).toBe(true);
    expect(isLostText('?? ?, ???')).toBe(true);
    expect(isLostText('רחוב הרצל \ufffd\ufffd')).toBe(true);
    expect(isLostText(utf8BytesAs('הרצל 3, חולון', 'windows-1255'))).toBe(true); // '׳”׳¨׳¦׳œ 3'
    expect(isLostText(utf8BytesAs('הרצל 3, חולון', 'windows-1252'))).toBe(true); // '×”×¨×¦×œ 3'
    expect(isLostText('äøöì 3, çåìåï')).toBe(true); // Windows-1255 bytes read as Latin-1
  });

  it('leaves real text alone', () => {
    for (const text of ['הרצל 3, חולון', 'ז׳בוטינסקי 7א', 'מה? 3', '?', 'Rue Émile 3', 'Herzl St. 3', '2,600,000 ?', 'גוש 9905 חלקה 88']) {
      expect(isLostText(text), text).toBe(false);
    }
  });

  it('names the columns that lost text once, with the header when it survived', () => {
    expect(findLostText(['תאריך', 'כתובת', '?????'], [['01/01/2024', '????? 3', 'x'], ['02/01/2024', '????? 5', 'y']])).toEqual({ columns: ['כתובת', '#3'], example: '?????' });
    expect(findLostText(['תאריך', 'כתובת'], [['15/01/2024', 'הרצל 3']])).toBeNull();
  });

  it('never stores such text as an address: the row is refused for it, not for lacking a location', () => {
    const preview = previewImport([
      ['תאריך', 'כתובת', 'מחיר'],
      ['15/01/2024', '????? 3', '2,600,000'],
      ['16/01/2024', 'הרצל 3, חולון', '2,700,000'],
    ]);
    expect(preview.lostText).toEqual({ columns: ['כתובת'], example: '????? 3' });
    expect(preview.rows[0]?.values.address).toBeNull();
    expect(preview.rows[0]?.errors.map((e) => [e.code, e.params])).toEqual([['ENCODING_LOST', { text: '????? 3' }]]);
    expect(preview.rows[1]?.errors).toEqual([]);
  });
});
