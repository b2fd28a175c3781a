// The registry's wording: section headings, labels and table headers of a land-registry extract
// (נסח רישום מקרקעין), matched against normalised text (quotes unified: מ"ר, ת"ז, בע"מ).

export type Zone =
  | 'header'
  | 'parcel'
  | 'unit'
  | 'additionalAreas'
  | 'attachments'
  | 'ownership'
  | 'leases'
  | 'mortgages'
  | 'notes'
  | 'easements'
  | 'end';

/** Headings that open a zone; a heading is a line of one cell. */
export const HEADINGS: readonly (readonly [Zone, RegExp])[] = [
  ['parcel', /תיאור\s+ה?מקרקעין|פרטי\s+ה?(?:חלקה|מקרקעין|נכס)|תיאור\s+ה?חלקה/],
  ['unit', /תת[\s-]?חלקה\s*:?\s*\d+|פרטי\s+תת[\s-]?ה?חלקה|תיאור\s+תת[\s-]?ה?חלקה|תיאור\s+ה?דירה/],
  ['additionalAreas', /(?:תיאור\s+)?שטחים\s+נוספים|שטחים\s+צמודים/],
  ['attachments', /הצמדות|הצמדה/],
  ['ownership', /בעלויות|בעלות|בעלים|הבעלים\s+הרשומים/],
  ['leases', /חכירות|חכירה/],
  ['mortgages', /משכנתאות|משכנתות|משכנתה|משכנתא/],
  ['notes', /הערות|הערות\s+רשומות/],
  ['easements', /זיקות\s+הנאה|זיקת\s+הנאה/],
  ['end', /סוף\s+(?:ה)?נסח|\*+\s*סוף\s+(?:ה)?נסח\s*\*+/],
];

export const NONE = /^(?:אין|לא\s+קיימ(?:ות|ים)|אין\s+רישומים)$/;

const NUMBER = /(\d[\d,]*(?:\.\d+)?)/;
export const VALUE = {
  digits: /(\d{1,9})/,
  number: NUMBER,
  date: /(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})/,
  share: /(\d{1,9}\s*\/\s*\d{1,9}|ב?שלמות)/,
} as const;

export const LABEL = {
  registryOffice: /לשכת\s+(?:ה)?רישום(?:\s+ה?מקרקעין)?|לשכת\s+מקרקעין/,
  extractNumber: /מספר\s+(?:ה)?נסח|נסח\s+מספר|מס'\s*(?:ה)?נסח/,
  issueDate: /תאריך(?:\s+(?:הפקה|הפקת\s+ה?נסח|ה?נסח|הוצאה))?/,
  block: /גוש/,
  parcel: /(?<!תת[\s-]?)(?<!תת)חלקה/,
  subparcel: /תת[\s-]?חלקה/,
  blockParcelTriple: /גוש\s*\/\s*חלקה\s*\/\s*תת[\s-]?חלקה/,
  parcelArea: /שטח(?:\s+ה?חלקה)?(?:\s+(?:ב)?מ"ר)?|שטח\s+רשום(?:\s+(?:ב)?מ"ר)?/,
  bylaws: /תקנון|סוג\s+(?:ה)?תקנון/,
  subparcelCount: /מספר\s+תתי[\s-]?(?:ה)?חלקות|מס'\s+תתי[\s-]?חלקות/,
  buildingCount: /מספר\s+(?:ה)?מבנים|מס'\s+מבנים/,
  unitDescription: /תיאור(?:\s+(?:ה)?(?:דירה|יחידה|תת[\s-]?(?:ה)?חלקה))?/,
  floor: /קומה/,
  registeredArea: /שטח(?:\s+רשום)?(?:\s+(?:ב)?מ"ר)?/,
  commonShare: /(?:ה)?חלק\s+ב?רכוש\s+ה?משותף/,
  rank: /דרגה|דרגת\s+(?:ה)?משכנתה/,
  amount: /סכום(?:\s+(?:ה)?משכנתה)?/,
  share: /(?:ה)?חלק\s+ב(?:נכס|זכות)|חלק\s+בנכס/,
  borrowers: /(?:שם\s+)?(?:ה)?לווים|(?:שם\s+)?(?:ה)?לווה/,
  beneficiary: /לטובת|(?:שם\s+)?(?:ה)?מוטב(?:ים)?/,
} as const;

export const DEED_HEADER = {
  columns: {
    deedType: /סוג\s+(?:ה)?(?:פעולה|שטר)|מהות\s+(?:ה)?פעולה|פעולה|מהות/,
    deedNumber: /(?:מספר|מס')\s+(?:ה)?שטר|שטר/,
    date: /תאריך(?:\s+(?:ה)?(?:שטר|רישום))?/,
  },
  required: ['deedType', 'deedNumber'],
} as const;

const ID_COLUMNS = {
  idType: /סוג\s+(?:ה)?זיהוי|סוג\s+זהות/,
  idNumber: /(?:מספר|מס')\s+(?:ה)?(?:זיהוי|זהות)|ת"ז/,
} as const;

export const OWNER_HEADER = {
  columns: {
    name: /שם(?:\s+(?:ה)?(?:בעלים|בעלי\s+(?:ה)?זכות|בעל\s+(?:ה)?זכות))?|(?:ה)?בעלים/,
    ...ID_COLUMNS,
    share: /(?:ה)?חלק(?:\s+ב(?:נכס|זכות))?|חלקו\s+בנכס/,
  },
  required: ['name', 'idNumber'],
} as const;

export const LENDER_HEADER = {
  columns: {
    name: /(?:שם\s+)?(?:בעלי\s+(?:ה)?משכנתה|בעל\s+(?:ה)?משכנתה|(?:ה)?מלווה|(?:ה)?מלווים)/,
    ...ID_COLUMNS,
  },
  required: ['name'],
} as const;

export const BORROWER_HEADER = {
  columns: { name: /(?:שם\s+)?(?:ה)?(?:לווה|לווים)/, ...ID_COLUMNS },
  required: ['name'],
} as const;

export const BENEFICIARY_HEADER = {
  columns: { name: /(?:שם\s+)?(?:ה)?(?:מוטב|מוטבים|בעלי\s+ההערה|בעל\s+ההערה)|לטובת/, ...ID_COLUMNS },
  required: ['name'],
} as const;

export const LESSEE_HEADER = {
  columns: {
    name: /(?:שם\s+)?(?:ה)?חוכר(?:ים)?/,
    ...ID_COLUMNS,
    share: /(?:ה)?חלק(?:\s+ב(?:נכס|זכות))?/,
    endDate: /סיום(?:\s+ה?חכירה)?|תאריך\s+סיום|עד\s+תאריך|תום\s+(?:ה)?חכירה/,
  },
  required: ['name'],
} as const;

export const ATTACHMENT_HEADER = {
  columns: {
    symbol: /סימון(?:\s+ב?תשריט)?|סימן(?:\s+ב?תשריט)?/,
    colour: /צבע(?:\s+ב?תשריט)?/,
    description: /תיאור(?:\s+(?:ה)?הצמדה)?|(?:ה)?הצמדה|מהות/,
    area: /שטח(?:\s+(?:ב)?מ"ר)?/,
  },
  required: ['symbol', 'description'],
} as const;

export const AREA_HEADER = {
  columns: {
    description: /תיאור(?:\s+(?:ה)?שטח)?|סוג\s+(?:ה)?שטח/,
    area: /שטח(?:\s+(?:ב)?מ"ר)?/,
  },
  required: ['description', 'area'],
} as const;

const NEXT_LABEL = new RegExp(`\\s(?:${[...Object.values(LABEL).map((label) => label.source), '[^\\s:]+'].join('|')})\\s*:`, 'u');

/** Free text up to the next "label:" (a known label, or any single word), for cells holding two values. */
export function untilNextLabel(text: string): string {
  const match = NEXT_LABEL.exec(text);
  return (match ? text.slice(0, match.index) : text).trim();
}
