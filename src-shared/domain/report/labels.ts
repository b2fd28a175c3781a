// The Hebrew words the report prints for the codes the data holds. The report is a Hebrew document
// whatever the UI language, so these live beside the model rather than in the renderer's i18n.
import type { RightsType } from '../legal/facts.ts';
import type { AreaKind } from '../calculation/coefficients.ts';
import type { AreaLineRoundingRule, AreaRoundingRule, FixedSumKind, PricePerSqmRoundingRule, ValueRoundingRule, VatStatement } from '../calculation/input.ts';

export const VALUATION_TYPE_LABELS: Readonly<Record<string, string>> = {
  market_value: 'אומדן שווי שוק',
  real_estate_appraisal: 'שומת מקרקעין',
  investment_value: 'אומדן שווי השקעה',
  insurance_value: 'אומדן שווי לביטוח',
  tax_value: 'אומדן שווי לצורכי מס',
  expropriation_value: 'אומדן שווי לצורכי הפקעה',
};

export const CLIENT_RELATION_LABELS: Readonly<Record<string, string>> = {
  owner: 'בעלים',
  client: 'מזמין',
  potential_buyer: 'רוכש פוטנציאלי',
  seller: 'מוכר',
  bank: 'בנק',
  court: 'בית משפט',
  other: 'אחר',
};

export const AIR_DIRECTION_LABELS: Readonly<Record<string, string>> = { N: 'צפון', S: 'דרום', E: 'מזרח', W: 'מערב' };

export const ROOM_TYPE_LABELS: Readonly<Record<string, string>> = {
  LIVING: 'סלון',
  KITCHEN: 'מטבח',
  BATH: 'חדר רחצה',
  BEDROOM: 'חדר שינה',
  EXTERIOR: 'חזית',
  OTHER: 'תמונה',
};

export const AREA_KIND_LABELS: Readonly<Record<AreaKind, string>> = {
  MAIN: 'שטח עיקרי',
  SAFE_ROOM: 'ממ"ד',
  OPEN_BALCONY: 'מרפסת לא מקורה',
  COVERED_BALCONY: 'מרפסת מקורה',
  SERVICE_BALCONY: 'מרפסת שירות',
  STORAGE: 'מחסן',
  YARD: 'חצר',
};

export const FIXED_SUM_LABELS: Readonly<Record<FixedSumKind, string>> = { PARKING: 'חניה', STORAGE: 'מחסן', OTHER: 'תוספת' };

export const VALUE_ROUNDING_LABELS: Readonly<Record<ValueRoundingRule, string>> = {
  NONE: 'ללא עיגול',
  NEAREST_1000: 'עיגול ל-1,000 ₪ הקרובים',
  NEAREST_10000: 'עיגול ל-10,000 ₪ הקרובים',
  NEAREST_100000: 'עיגול ל-100,000 ₪ הקרובים',
};

export const AREA_ROUNDING_LABELS: Readonly<Record<AreaRoundingRule, string>> = {
  HUNDREDTH_SQM: 'מעוגל למאית מ"ר',
  TENTH_SQM: 'מעוגל לעשירית מ"ר',
  WHOLE_SQM: 'מעוגל למ"ר שלם',
};

export const AREA_LINE_ROUNDING_LABELS: Readonly<Record<AreaLineRoundingRule, string>> = {
  NONE: 'לפי השטח המדוד',
  WHOLE_SQM: 'שטח כל רכיב עוגל למ"ר שלם לפני הכפלתו במקדם',
};

export const PRICE_ROUNDING_LABELS: Readonly<Record<PricePerSqmRoundingRule, string>> = {
  AGORA: 'ללא עיגול',
  NEAREST_10: 'מעוגל ל-10 ₪',
  NEAREST_100: 'מעוגל ל-100 ₪',
  NEAREST_1000: 'מעוגל ל-1,000 ₪',
};

/** The sentence the report states about VAT; null when the appraiser has not stated it. */
export const VAT_LABELS: Readonly<Record<VatStatement, string>> = {
  INCLUDED: 'השווי כולל מע"מ.',
  EXCLUDED: 'השווי אינו כולל מע"מ.',
  NOT_APPLICABLE: 'לא חל מע"מ על העסקה בנכס.',
};

/** The extraction's identifier kinds (src-main/core/extraction/israeli-id.ts). */
export const ID_TYPE_LABELS: Readonly<Record<string, string>> = {
  ID: 'ת"ז',
  ISRAELI_ID: 'ת"ז',
  COMPANY: 'ח"פ',
  PASSPORT: 'דרכון',
  ASSOCIATION: 'עמותה',
  OTHER: 'אחר',
};

export const RIGHTS_TYPE_LABELS: Readonly<Record<RightsType, string>> = {
  PRIVATE_OWNERSHIP: 'בעלות פרטית',
  CAPITALIZED_LEASE: 'חכירה מהוונת',
  ILA_LEASE: 'חכירה מרשות מקרקעי ישראל',
  HOUSING_COMPANY: 'זכויות בחברה משכנת',
  OTHER: 'אחר',
};

export const BYLAWS_LABELS: Readonly<Record<string, string>> = { AGREED: 'מוסכם', STANDARD: 'מצוי' };

/** Column and field names of extracted rows (step 3's sections), for tables the report prints as they are. */
export const EXTRACTED_KEY_LABELS: Readonly<Record<string, string>> = {
  symbol: 'סימון',
  colour: 'צבע בתשריט',
  color: 'צבע בתשריט',
  description: 'תיאור',
  area: 'שטח (מ"ר)',
  name: 'שם',
  number: 'מספר',
  status: 'סטטוס',
  date: 'תאריך',
  value: 'ערך',
  plan: 'תכנית',
  planNumber: 'מספר תכנית',
  validityDate: 'תאריך תוקף',
  purpose: 'ייעוד',
  permitNumber: 'מספר היתר',
  permitDate: 'תאריך היתר',
  permitDescription: 'תיאור ההיתר',
  buildingRights: 'זכויות בנייה',
  completionCertificate: 'תעודת גמר',
  plans: 'תכניות',
  permits: 'היתרים',
  buildingYear: 'שנת בנייה',
  floors: 'מספר קומות',
  units: 'מספר יחידות',
  boundaries: 'גבולות',
  north: 'צפון',
  south: 'דרום',
  east: 'מזרח',
  west: 'מערב',
  subparcel: 'תת חלקה',
  subparcelCount: 'מספר תתי חלקות',
  buildingCount: 'מספר מבנים',
  block: 'גוש',
  parcel: 'חלקה',
};
