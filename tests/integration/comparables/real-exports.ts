// Comparables files made the way offices really export them: a sheet saved by a spreadsheet in a
// US locale (month first, "₪ 2,600,000"), one saved by a Hebrew Windows Excel as plain CSV
// (Windows-1255, day first, European separators, "מיליון"), one whose dates read both ways, one saved
// in a code page without Hebrew (every Hebrew letter and ₪ already '?'), and a workbook whose dates
// are Excel serial numbers, some without a date format.
import { encodeWindows1255 } from './windows-1255.ts';
import type { XlsxCell } from './xlsx-fixture.ts';

const csv = (lines: readonly string[]) => lines.join('\r\n') + '\r\n';

export const OFFICE_HEADER = 'תאריך עסקה,כתובת,גוש,חלקה,תת חלקה,חדרים,קומה,שטח במ"ר,מחיר,הערות';

/** The export: 13 deals of one block, month first (9/18/2024 and 2/20/2025 decide it). */
export const MONTH_FIRST_LINES = [
  OFFICE_HEADER,
  '3/11/2024,"הנשיא 12, חיפה",10870,45,3,4,2,98,"₪ 2,600,000",',
  '9/18/2024,"הנשיא 12, חיפה",10870,45,7,3,3,76,"2,150,000 ₪",משופצת',
  '04/06/2024,"הנשיא 14, חיפה",10870,46,2,5,1,121,2.6M,',
  '04/03/2024,"הנשיא 14, חיפה",10870,46,9,4,4,102,"₪2,710,000",',
  '01/02/2025,"הנשיא 16, חיפה",10870,47,1,3,0,70,"1,890,000 ש""ח",קרקע',
  '2/20/2025,"הנשיא 16, חיפה",10870,47,12,4.5,6,110,"₪ 2,950,000",',
  '12/01/2024,"הנשיא 18, חיפה",10870,48,4,4,2,99,"2,640,000",',
  '11/30/2024,"הנשיא 18, חיפה",10870,48,8,3,4,80,"2.25 מיליון",',
  '10/15/2024,"הנשיא 20, חיפה",10870,49,5,5,3,126,"₪ 3,100,000",פנטהאוז',
  '7/4/2024,"הנשיא 20, חיפה",10870,49,11,4,5,100,"2,700,000 ₪",',
  '5/27/2024,"הנשיא 22, חיפה",10870,50,2,3.5,1,85,"₪ -2,300,000",',
  '6/13/2024,"הנשיא 22, חיפה",10870,50,6,4,3,101,"₪ 0",',
  '8/8/2024,"הנשיא 24, חיפה",10870,51,3,4,2,97,"2,580,000",',
];
export const monthFirstCsv = () => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv(MONTH_FIRST_LINES))]);

/** Excel "CSV" on a Hebrew Windows: Windows-1255, day first with dots, '.' thousands, words for millions. */
export const DAY_FIRST_LINES = [
  OFFICE_HEADER,
  '15.01.2024,"ביאליק 12, רמת גן",6158,123,4,3,1,"72 מ""ר","1.950.000 ₪",',
  '03.02.2024,"ביאליק 14, רמת גן",6158,124,8,4,5,"101,5 מ""ר",₪ 3.400.000,',
  '20.03.24,"ביאליק 16, רמת גן",6158,125,2,3,0,68,2.1 מיליון,',
  '04.06.2024,"ביאליק 18, רמת גן",6158,126,1,2,0,45,850 אלף,',
  '31.06.2024,"ביאליק 20, רמת גן",6158,127,3,3,2,70,"2.000.000",', // no 31 June: refused
  '11.07.2024,"ביאליק 22, רמת גן",6158,128,3,3,2,0,"2.000.000",', // zero area: refused
];
export const dayFirstWindows1255 = () => encodeWindows1255(csv(DAY_FIRST_LINES));

/** Every date reads both ways: the user has to say. */
export const AMBIGUOUS_LINES = [
  OFFICE_HEADER,
  '04/06/2024,"סוקולוב 40, חולון",6158,200,1,5,7,128.3,"2,900,000",',
  '01/02/2025,"סוקולוב 42, חולון",6158,201,2,4,3,100,"2,450,000",',
  '10/11/2024,"סוקולוב 44, חולון",6158,202,3,3,1,75,"1,980,000",',
];
export const ambiguousCsv = () => new TextEncoder().encode(csv(AMBIGUOUS_LINES));

/** The month-first export saved again in a code page without Hebrew: letters and ₪ became '?'. */
export const lostHebrewCsv = () => new TextEncoder().encode(csv(MONTH_FIRST_LINES.slice(0, 4)).replace(/[\u05d0-\u05ea₪]/g, '?'));

/** A workbook: dates as formatted date cells and as bare serial numbers (a column formatted as General). */
export const SERIAL_ROWS: readonly (readonly XlsxCell[])[] = [
  ['תאריך עסקה', 'רחוב', 'מס בית', 'עיר', 'גוש', 'חלקה', 'שטח', 'מחיר'],
  [new Date(Date.UTC(2024, 8, 18)), 'הרצל', 10, 'חולון', 6158, 12, 85.5, 2_600_000],
  [45_342, 'הרצל', 12, 'חולון', 6158, 13, 90, 2_750_000], // 2024-02-20
  [45_658, 'הרצל', 14, 'חולון', 6158, 14, 100, '₪ 2,900,000'], // 2025-01-01
  ['18/4/2024', 'הרצל', 16, 'חולון', 6158, 15, 70, 1_900_000], // text in a date column: only day first reads it
];
