// The name a generated file is opened under: its own name, with the extension of what it is.
import { describe, expect, it } from 'vitest';
import { copyName } from '../../../src-main/core/assets/named-copy.ts';

describe('copyName', () => {
  it('keeps the name and takes the extension from the asset type, whatever the row says', () => {
    expect(copyName({ assetType: 'PDF', fileName: 'חוות דעת - הרצל 12.pdf' })).toBe('חוות דעת - הרצל 12.pdf');
    expect(copyName({ assetType: 'PDF', fileName: 'דוח.hta' })).toBe('דוח.pdf');
    expect(copyName({ assetType: 'DOCX', fileName: 'report' })).toBe('report.docx');
    expect(copyName({ assetType: 'CSV', fileName: 'x.csv.exe' })).toBe('x.csv.csv');
  });

  it('never names a folder, and refuses what the app does not generate', () => {
    expect(copyName({ assetType: 'JSON', fileName: '../../etc/passwd' })).toBe('passwd.json');
    expect(copyName({ assetType: 'PDF', fileName: 'C:\\\\Windows\\\\x.pdf' })).toBe('x.pdf');
    expect(() => copyName({ assetType: 'IMAGE', fileName: 'x.png' })).toThrow(/cannot be opened/);
  });
});
