import { describe, expect, it } from 'vitest';
import { safeDisplayName } from '../../../src-main/core/blobs/file-names.ts';

describe('safeDisplayName', () => {
  it('drops directory parts written with either separator', () => {
    expect(safeDisplayName('../../etc/passwd')).toBe('passwd');
    expect(safeDisplayName('..\\..\\windows\\system32\\x.pdf')).toBe('x.pdf');
    expect(safeDisplayName('C:\\Users\\dana\\נסח.pdf')).toBe('נסח.pdf');
    expect(safeDisplayName('/abs/path/')).toBe('file');
  });

  it('prefixes Windows reserved device names, with or without extension', () => {
    expect(safeDisplayName('CON')).toBe('_CON');
    expect(safeDisplayName('con.pdf')).toBe('_con.pdf');
    expect(safeDisplayName('LPT1.txt')).toBe('_LPT1.txt');
    expect(safeDisplayName('com9.tar.gz')).toBe('_com9.tar.gz');
    expect(safeDisplayName('console.pdf')).toBe('console.pdf');
    expect(safeDisplayName('COM10.pdf')).toBe('COM10.pdf');
  });

  it('removes control characters, C0 and C1', () => {
    expect(safeDisplayName('re\u0000port\n\r\t.pdf')).toBe('report.pdf');
    expect(safeDisplayName('a\u0085b\u009Bc.pdf')).toBe('abc.pdf');
    expect(safeDisplayName('CO\u0000N')).toBe('_CON');
  });

  it('removes bidi controls so a disguised executable shows its real extension', () => {
    const shown = safeDisplayName('invoice\u202Efdp.exe');
    expect(shown).toBe('invoicefdp.exe');
    expect(shown.endsWith('.exe')).toBe(true);
    for (const mark of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
      expect(safeDisplayName(`a${mark}b.pdf`)).toBe('ab.pdf');
    }
  });

  it('replaces characters Windows does not allow in file names', () => {
    expect(safeDisplayName('a<b>c:d|e?f*g.pdf')).toBe('a_b_c_d_e_f_g.pdf');
    expect(safeDisplayName('say "hi".pdf')).toBe('say _hi_.pdf');
  });

  it('keeps Hebrew, geresh, gershayim and spaces; an ASCII gershayim becomes U+05F4', () => {
    expect(safeDisplayName('נסח טאבו 9905-88.pdf')).toBe('נסח טאבו 9905-88.pdf');
    expect(safeDisplayName('ת״ז של בעלים.pdf')).toBe('ת״ז של בעלים.pdf');
    expect(safeDisplayName('ת"ז של בעלים.pdf')).toBe('ת״ז של בעלים.pdf');
    expect(safeDisplayName("צ'ק מס' 5.pdf")).toBe("צ'ק מס' 5.pdf");
    expect(safeDisplayName('תשריט ׳א׳.pdf')).toBe('תשריט ׳א׳.pdf');
  });

  it('trims dots and spaces at both ends', () => {
    expect(safeDisplayName('  report.pdf. . ')).toBe('report.pdf');
    expect(safeDisplayName('.hidden')).toBe('hidden');
  });

  it('never returns an empty name', () => {
    for (const name of ['', '.', '..', '...', '   ', ' . . ', '\u202E', '../..', '/']) {
      expect(safeDisplayName(name)).toBe('file');
    }
  });

  it('caps very long names at 200 characters and keeps the extension', () => {
    const long = safeDisplayName(`${'א'.repeat(500)}.pdf`);
    expect(Array.from(long)).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(safeDisplayName(`${'a'.repeat(300)}`)).toHaveLength(200);
    // Astral characters are not cut in half.
    const emoji = safeDisplayName(`${'😀'.repeat(300)}.jpg`);
    expect(Array.from(emoji)).toHaveLength(200);
    expect(emoji.endsWith('😀.jpg')).toBe(true);
  });
});
