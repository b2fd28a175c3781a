// Which column of a comparables file holds which fact. Appraisers' spreadsheets use Hebrew headers in
// many spellings (גו"ח, שטח דירה במ"ר, מחיר למ"ר במעוגל), the tax authority's nadlan exports use
// English keys (dealDate, dealAmount, gushNum ...). Each header is normalized (quotes, geresh and
// gershayim, bidi marks, punctuation and case removed) and looked up in a table of synonyms, then,
// failing that, matched by keyword.

export const COMPARABLE_FIELDS = [
  'dealDate',
  'address',
  'street',
  'houseNumber',
  'city',
  /** Block, parcel and sub-parcel in one column: '9905/88/8'. */
  'blockParcel',
  'block',
  'parcel',
  'subparcel',
  'rooms',
  'floor',
  'areaSqm',
  'parking',
  'buildYear',
  'priceNis',
  'pricePerSqmNis',
  'propertyType',
  'dealNature',
  'partialShare',
] as const;
export type ComparableField = (typeof COMPARABLE_FIELDS)[number];

/** The columns an import cannot do without (a location is also needed: address, street, city or block). */
export const REQUIRED_FIELDS = ['dealDate', 'priceNis'] as const satisfies readonly ComparableField[];

/** Labels for messages and for the mapping preview. */
export const FIELD_LABELS: Record<ComparableField, { en: string; he: string }> = {
  dealDate: { en: 'deal date', he: 'תאריך עסקה' },
  address: { en: 'address', he: 'כתובת' },
  street: { en: 'street', he: 'רחוב' },
  houseNumber: { en: 'house number', he: 'מספר בית' },
  city: { en: 'city', he: 'עיר' },
  blockParcel: { en: 'block/parcel/sub-parcel', he: 'גוש/חלקה/תת חלקה' },
  block: { en: 'block', he: 'גוש' },
  parcel: { en: 'parcel', he: 'חלקה' },
  subparcel: { en: 'sub-parcel', he: 'תת חלקה' },
  rooms: { en: 'rooms', he: 'חדרים' },
  floor: { en: 'floor', he: 'קומה' },
  areaSqm: { en: 'area (sqm)', he: 'שטח (מ"ר)' },
  parking: { en: 'parking spaces', he: 'חניות' },
  buildYear: { en: 'year built', he: 'שנת בנייה' },
  priceNis: { en: 'price (NIS)', he: 'מחיר (₪)' },
  pricePerSqmNis: { en: 'price per sqm (NIS)', he: 'מחיר למ"ר (₪)' },
  propertyType: { en: 'property type', he: 'סוג נכס' },
  dealNature: { en: 'deal nature', he: 'מהות עסקה' },
  partialShare: { en: 'share sold', he: 'חלק נמכר' },
};

/** The keys of the tax authority's nadlan export; a file using them is imported with source NADLAN. */
export const NADLAN_HEADERS: Readonly<Record<string, ComparableField>> = {
  dealDate: 'dealDate',
  dealAmount: 'priceNis',
  settlementNameHeb: 'city',
  streetNameHeb: 'street',
  houseNum: 'houseNumber',
  floorNo: 'floor',
  assetArea: 'areaSqm',
  assetRoomNum: 'rooms',
  propertyTypeDescription: 'propertyType',
  dealNatureDescription: 'dealNature',
  gushNum: 'block',
  parcelNum: 'parcel',
  subParcelNum: 'subparcel',
};

const SYNONYMS: Record<ComparableField, readonly string[]> = {
  dealDate: ['date', 'deal date', 'sale date', 'transaction date', 'תאריך', 'תאריך עסקה', 'תאריך העסקה', 'יום מכירה', 'תאריך מכירה', 'מועד עסקה', 'מועד העסקה'],
  address: ['address', 'full address', 'כתובת', 'כתובת מלאה', 'כתובת הנכס'],
  street: ['street', 'street name', 'streetName', 'רחוב', 'שם רחוב', 'שם הרחוב'],
  houseNumber: ['house number', 'houseNumber', 'building number', 'מספר בית', 'מס בית', 'מס׳ בית', 'מספר הבית'],
  city: ['city', 'town', 'settlement', 'עיר', 'ישוב', 'יישוב', 'שם ישוב', 'שם יישוב', 'עיר/ישוב'],
  blockParcel: [
    'גו"ח',
    'גוש חלקה',
    'גוש/חלקה',
    'גוש-חלקה',
    'גוש חלקה תת חלקה',
    'גוש/חלקה/תת חלקה',
    'גוש/חלקה/תת',
    'גו"ח ת"ח',
    'block parcel',
    'block/parcel',
    'block/parcel/subparcel',
    'blockParcel',
    'gush helka',
    'gushHelka',
  ],
  block: ['block', 'gush', 'גוש'],
  parcel: ['parcel', 'helka', 'חלקה'],
  subparcel: ['subparcel', 'sub parcel', 'sub-parcel', 'תת חלקה', 'תת-חלקה', 'ת"ח', 'תת'],
  rooms: ['rooms', 'room', 'number of rooms', 'חדרים', 'מספר חדרים', 'מס חדרים', 'מס׳ חדרים'],
  floor: ['floor', 'floor number', 'floorNumber', 'קומה', 'מספר קומה', 'מס קומה'],
  areaSqm: ['area', 'size', 'sqm', 'area sqm', 'area (sqm)', 'שטח', 'שטח דירה', 'שטח דירה במ"ר', 'שטח במ"ר', 'שטח בנוי', 'שטח רשום', 'שטח נטו', 'מ"ר'],
  parking: ['parking', 'parkings', 'parking spaces', 'חניה', 'חנייה', 'חניות', 'מקומות חניה', 'מס חניות'],
  buildYear: ['build year', 'buildYear', 'year built', 'yearBuilt', 'building year', 'שנת בניה', 'שנת בנייה', 'שנת בניית הבניין'],
  priceNis: [
    'price',
    'amount',
    'deal amount',
    'price nis',
    'price (nis)',
    'מחיר',
    'מחיר מוצהר',
    'מחיר מכירה',
    'מחיר עסקה',
    'מחיר בש"ח',
    'שווי',
    'שווי מכירה',
    'שווי מכירה (₪)',
    'שווי עסקה',
    'סכום',
    'תמורה',
    'תמורה מוצהרת',
  ],
  pricePerSqmNis: ['price per sqm', 'pricePerSqm', 'price/sqm', 'price per m2', 'מחיר למ"ר', 'מחיר למ"ר במעוגל', 'מחיר למטר', 'מחיר למטר רבוע', 'שווי למ"ר'],
  propertyType: ['property type', 'propertyType', 'asset type', 'type', 'סוג נכס', 'סוג הנכס', 'תיאור נכס', 'סוג'],
  dealNature: ['deal nature', 'dealNature', 'deal type', 'מהות', 'מהות עסקה', 'מהות העסקה', 'אופי עסקה', 'סוג עסקה'],
  partialShare: ['share', 'share sold', 'partialShare', 'dealPart', 'חלק נמכר', 'החלק הנמכר', 'חלק'],
};

/** Tried in this order when no synonym matches: the more specific patterns come first. */
const KEYWORDS: readonly (readonly [ComparableField, RegExp])[] = [
  ['pricePerSqmNis', /(מחיר|שווי).*(למר|למטר|לממר)|per ?(sqm|m2|meter|metre)/],
  ['dealDate', /תאריך|יום מכירה|מועד|date/],
  ['blockParcel', /גוש.*חלקה|גוח|gush.*helka|block.*parcel/],
  ['subparcel', /תת.?חלקה|sub.?parcel/],
  ['block', /^גוש|gush|block/],
  ['parcel', /^חלקה|parcel|helka/],
  ['partialShare', /חלק נמכר|share/],
  ['priceNis', /מחיר|שווי|תמורה|price|amount/],
  ['areaSqm', /שטח|area|sqm/],
  ['rooms', /חדר|room/],
  ['floor', /קומה|floor/],
  ['parking', /חני|parking/],
  ['buildYear', /שנת ?בני|year/],
  ['address', /כתובת|address/],
  ['street', /רחוב|street/],
  ['city', /^עיר|ישוב|city|settlement/],
  ['propertyType', /סוג נכס|סוג הנכס|property ?type|asset ?type/],
  ['dealNature', /מהות|deal ?nature|deal ?type/],
];

// U+200E/U+200F marks, U+202A..U+202E embeddings, U+2066..U+2069 isolates, BOM.
const INVISIBLE = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** A header reduced to what identifies it: no quotes or geresh, no punctuation, lower case, single spaces. */
export function normalizeHeader(header: string): string {
  return header
    .replace(INVISIBLE, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2') // dealDate -> deal Date
    .toLowerCase()
    .replace(/["'`׳״’‘“”]/g, '')
    .replace(/[()[\]{}:;.,/\\_\-–—₪]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const compact = (header: string) => normalizeHeader(header).replace(/ /g, '');

const EXACT = new Map<string, ComparableField>();
for (const field of COMPARABLE_FIELDS) {
  for (const synonym of SYNONYMS[field]) if (!EXACT.has(compact(synonym))) EXACT.set(compact(synonym), field);
}
const NADLAN = new Map(Object.entries(NADLAN_HEADERS).map(([key, field]) => [compact(key), field]));

/** The field one header names, or null when it names none of them. */
export function fieldForHeader(header: string): ComparableField | null {
  const key = compact(header);
  if (!key) return null;
  const exact = NADLAN.get(key) ?? EXACT.get(key);
  if (exact) return exact;
  const spaced = normalizeHeader(header);
  for (const [field, pattern] of KEYWORDS) if (pattern.test(spaced)) return field;
  return null;
}

/** True when the headers are those of a nadlan export. */
export function isNadlanHeaderRow(headers: readonly string[]): boolean {
  return headers.filter((h) => NADLAN.has(compact(h))).length >= 3;
}

/**
 * The field of every column (index-aligned with the headers). A field goes to the first column that
 * names it; a later column naming the same field is left unmapped.
 */
export function mapHeaders(headers: readonly string[]): (ComparableField | null)[] {
  const taken = new Set<ComparableField>();
  return headers.map((header) => {
    const field = fieldForHeader(header);
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}
