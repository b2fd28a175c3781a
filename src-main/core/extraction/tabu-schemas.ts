// What the land registry prints: its section titles, and its tables as rows of column titles. A table
// is recognised by its titles (compared on their letters and digits only, so quotes, gershayim,
// colons and spacing do not matter); each column says which of its cells open a new row and which
// may wrap onto the next line.

export type SectionKey =
  | 'parcel'
  | 'unit'
  | 'additionalAreas'
  | 'attachments'
  | 'ownership'
  | 'mortgages'
  | 'notes'
  | 'easements'
  | 'leases'
  | 'charges';

export const SECTION_TITLES: Readonly<Record<string, SectionKey>> = {
  'תיאור החלקה': 'parcel',
  'תיאור הנכס': 'unit',
  'שטחים נוספים': 'additionalAreas',
  הצמדות: 'attachments',
  בעלויות: 'ownership',
  בעלות: 'ownership',
  משכנתאות: 'mortgages',
  משכנתות: 'mortgages',
  הערות: 'notes',
  'זיקות הנאה': 'easements',
  'זיקת הנאה': 'easements',
  חכירות: 'leases',
  שעבודים: 'charges',
};

export interface ColumnSchema {
  key: string;
  /** The printed titles this column goes by. */
  titles: readonly string[];
  /** A value here opens a new row (when it passes `pattern`, if one is given). */
  startsRow?: boolean;
  pattern?: RegExp;
  /** The value may continue on the next line (names, descriptions). */
  wraps?: boolean;
}

export type TableKind =
  | 'creation'
  | 'parcel'
  | 'unit'
  | 'building'
  | 'additionalAreas'
  | 'attachments'
  | 'owner'
  | 'share'
  | 'lender'
  | 'borrowers'
  | 'mortgageTerms'
  | 'note'
  | 'easement'
  | 'lessee'
  | 'leaseTerms';

export interface TableSchema {
  kind: TableKind;
  columns: readonly ColumnSchema[];
  /** The section this table is printed in (a table found elsewhere is trusted less). */
  section: SectionKey | null;
  /** One row only: every following line that fits continues it. */
  single?: boolean;
}

const DEED = /^\d{1,7}\/\d{2,4}(?:\/\d{1,4})?$/;
const DATE = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/;
const SHARE_TITLES = ['החלק בנכס', 'חלק בנכס'];
/** The deed table of an owner, lender, beneficiary or lessee; with `share`, the share printed as a column of its own. */
const deedColumns = (partyKey: string, partyTitles: readonly string[], share = false): ColumnSchema[] => [
  { key: 'deedNumber', titles: ["מס' שטר", 'מספר שטר'], startsRow: true, pattern: DEED },
  { key: 'date', titles: ['תאריך'], startsRow: true, pattern: DATE },
  { key: 'action', titles: ['מהות פעולה', 'מהות הפעולה'], wraps: true },
  { key: partyKey, titles: partyTitles, wraps: true },
  { key: 'idType', titles: ['סוג זיהוי', 'סוג זהות'] },
  { key: 'idNumber', titles: ["מס' זיהוי", 'מספר זיהוי', "מס' זהות", 'מספר זהות'] },
  ...(share ? [{ key: 'share', titles: SHARE_TITLES }] : []),
];

export const TABLES: readonly TableSchema[] = [
  {
    kind: 'creation',
    section: null,
    single: true,
    columns: [
      { key: 'deedNumber', titles: ['הנכס נוצר ע"י שטר'] },
      { key: 'date', titles: ['מיום'] },
      { key: 'deedType', titles: ['סוג שטר'], wraps: true },
    ],
  },
  {
    kind: 'parcel',
    section: 'parcel',
    single: true,
    columns: [
      { key: 'parcelArea', titles: ['שטח החלקה במ"ר', 'שטח החלקה', 'שטח במ"ר'] },
      { key: 'bylaws', titles: ['תקנון'] },
      { key: 'subparcelCount', titles: ["מס' תתי חלקות", 'תתי חלקות', 'מספר תתי חלקות'] },
      { key: 'buildingCount', titles: ["מס' מבנים", 'מספר מבנים', 'מבנים'] },
      { key: 'address', titles: ['כתובת'], wraps: true },
    ],
  },
  {
    kind: 'unit',
    section: 'unit',
    single: true,
    columns: [
      { key: 'unitDescription', titles: ['תיאור דירה', 'תיאור הדירה'], wraps: true },
      { key: 'floor', titles: ['תיאור קומה', 'קומה'], wraps: true },
      { key: 'registeredArea', titles: ['שטח במ"ר'] },
      { key: 'commonShare', titles: ['החלק ברכוש המשותף', 'חלק ברכוש המשותף'] },
    ],
  },
  { kind: 'building', section: 'unit', single: true, columns: [{ key: 'building', titles: ['מבנה'] }] },
  {
    kind: 'additionalAreas',
    section: 'additionalAreas',
    columns: [
      { key: 'description', titles: ['סוג'], wraps: true },
      { key: 'area', titles: ['שטח במ"ר'], startsRow: true },
      { key: 'included', titles: ['כלול'] },
    ],
  },
  {
    kind: 'attachments',
    section: 'attachments',
    columns: [
      { key: 'symbol', titles: ['סימון בתשריט'], startsRow: true },
      { key: 'colour', titles: ['צבע בתשריט'], startsRow: true },
      { key: 'description', titles: ['תיאור הצמדה'], wraps: true },
      { key: 'area', titles: ['שטח במ"ר'], startsRow: true },
    ],
  },
  { kind: 'owner', section: 'ownership', columns: deedColumns('name', ['הבעלים', 'שם הבעלים'], true) },
  { kind: 'share', section: null, single: true, columns: [{ key: 'share', titles: SHARE_TITLES }] },
  { kind: 'lender', section: 'mortgages', columns: deedColumns('name', ['בעלי המשכנתה', 'בעלי המשכנתא', 'המלווה']) },
  {
    kind: 'borrowers',
    section: 'mortgages',
    columns: [
      { key: 'name', titles: ['שם הלווה', 'הלווה', 'שם החייב'], wraps: true },
      { key: 'idType', titles: ['סוג זיהוי'], startsRow: true },
      { key: 'idNumber', titles: ["מס' זיהוי", 'מספר זיהוי'], startsRow: true },
    ],
  },
  {
    kind: 'mortgageTerms',
    section: 'mortgages',
    single: true,
    columns: [
      { key: 'rank', titles: ['דרגה'] },
      { key: 'amount', titles: ['סכום', 'סכום המשכנתה'] },
      { key: 'share', titles: SHARE_TITLES },
    ],
  },
  { kind: 'note', section: 'notes', columns: deedColumns('beneficiary', ['שם המוטב', 'המוטב']) },
  {
    kind: 'easement',
    section: 'easements',
    columns: [
      { key: 'deedNumber', titles: ["מס' שטר", 'מספר שטר'], startsRow: true, pattern: DEED },
      { key: 'date', titles: ['תאריך'], startsRow: true, pattern: DATE },
      { key: 'action', titles: ['מהות פעולה', 'מהות הפעולה'], wraps: true },
      { key: 'description', titles: ['תיאור', 'פרטים'], wraps: true },
    ],
  },
  { kind: 'lessee', section: 'leases', columns: deedColumns('name', ['החוכר', 'שם החוכר', 'החוכרים'], true) },
  {
    kind: 'leaseTerms',
    section: 'leases',
    single: true,
    columns: [
      { key: 'share', titles: SHARE_TITLES },
      { key: 'endDate', titles: ['תאריך סיום', 'סיום החכירה'] },
    ],
  },
];

/** A title or a printed phrase reduced to its letters and digits: the form titles are compared in. */
export const titleKey = (text: string): string => text.replace(/[^\p{L}\p{N}]/gu, '');

export function sectionOf(text: string): SectionKey | null {
  const key = titleKey(text);
  for (const [title, section] of Object.entries(SECTION_TITLES)) if (titleKey(title) === key) return section;
  return null;
}
