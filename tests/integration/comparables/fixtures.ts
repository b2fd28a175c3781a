// Comparables files as appraisers send them, in every encoding the import must read.
import { encodeWindows1255 } from './windows-1255.ts';

export const HEADER = 'יום מכירה,כתובת,גוח,חדרים,קומה,שטח דירה במר,חניות,שנת בניה,מחיר מוצהר,מחיר למר במעוגל';

/** Five good deals (the first is DOMAIN.md's example) and two broken rows. */
export const ROWS = [
  '15/01/2024,"רחוב הרצל 123, תל אביב",9905/88/8,3.5,2,85.5,1,2010,2850000,33300',
  '03/02/2024,"רחוב הרצל 101, תל אביב",9905/87/12,4,5,101,1,2012,"3,400,000",33700',
  '20/03/2024,"ביאליק 12, רמת גן",6158/123/4,3,1,72,0,1975,"1,950,000",27100',
  '11/06/2023,"סוקולוב 40, חולון",6158/200/1,5,7,128.3,2,2018,2900000,22600',
  '01/12/2023,"ויצמן 8, כפר סבא",7600/15/3,4.5,3,110,1,2005,2750000,25000',
  '31/02/2024,"הרצל 5, חיפה",10000/1/2,4,3,90,0,1999,1500000,16700',
  '02/03/2024,"הרצל 9, חיפה",ליד הים,4,3,תשעים,0,1999,1500000,',
];

export const CSV_TEXT = [HEADER, ...ROWS].join('\r\n') + '\r\n';

export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export const csvUtf8Bom = () => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(CSV_TEXT)]);
export const csvUtf8 = () => new TextEncoder().encode(CSV_TEXT);
export const csvWindows1255 = () => encodeWindows1255(CSV_TEXT);
