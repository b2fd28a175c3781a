// Hebrew vocabulary for believable seed data (DOMAIN.md "Believable test data"). Real street names per
// city; strings deliberately carry geresh (U+05F3: רח׳), gershayim (ח"ן, מ"ר) and final letters, which break
// naive RTL handling, search and file-name code.

export interface Street {
  /** 'רח׳' (street) or 'שד׳' (boulevard). */
  prefix: string;
  name: string;
}

export interface City {
  name: string;
  streets: readonly Street[];
  neighborhoods: readonly string[];
  /** Price per sqm in NIS, [min, max]. */
  pricePerSqm: readonly [number, number];
  /** Land-registry block (gush) numbers used in the city, [min, max]. */
  blocks: readonly [number, number];
}

const streets = (...names: string[]): Street[] =>
  names.map((entry) => {
    const [prefix, ...rest] = entry.split(' ');
    return { prefix: prefix ?? '', name: rest.join(' ') };
  });

export const CITIES: readonly City[] = [
  {
    name: 'תל אביב-יפו',
    streets: streets('רח׳ דיזנגוף', 'שד׳ רוטשילד', 'רח׳ אבן גבירול', 'רח׳ בן יהודה', 'רח׳ אלנבי', 'שד׳ ח"ן', 'רח׳ שלמה המלך'),
    neighborhoods: ['הצפון הישן', 'לב העיר', 'פלורנטין', 'נווה צדק', 'רמת אביב'],
    pricePerSqm: [45_000, 75_000],
    blocks: [6100, 7700],
  },
  {
    name: 'ירושלים',
    streets: streets('רח׳ יפו', 'רח׳ עזה', 'רח׳ עמק רפאים', 'רח׳ הפלמ"ח', 'רח׳ בצלאל', 'שד׳ הרצל', 'רח׳ קרן היסוד'),
    neighborhoods: ['רחביה', 'המושבה הגרמנית', 'קטמון', 'בית הכרם', 'תלפיות'],
    pricePerSqm: [30_000, 52_000],
    blocks: [30_000, 30_200],
  },
  {
    name: 'חיפה',
    streets: streets('שד׳ מוריה', 'שד׳ הנשיא', 'רח׳ חורב', 'רח׳ הרצל', 'רח׳ מסדה', 'שד׳ בן גוריון'),
    neighborhoods: ['הדר', 'כרמל מרכזי', 'נווה שאנן', 'אחוזה'],
    pricePerSqm: [12_000, 26_000],
    blocks: [10_800, 12_400],
  },
  {
    name: 'רמת גן',
    streets: streets('רח׳ ביאליק', 'רח׳ ז׳בוטינסקי', 'רח׳ הרא"ה', 'רח׳ קריניצי', 'רח׳ אבא הלל'),
    neighborhoods: ['הבורסה', 'רמת חן', 'נחלת גנים', 'מרכז העיר'],
    pricePerSqm: [30_000, 46_000],
    blocks: [6120, 6210],
  },
  {
    name: 'פתח תקווה',
    streets: streets('רח׳ רוטשילד', 'רח׳ ז׳בוטינסקי', 'רח׳ חיים עוזר', 'רח׳ הרצל', 'רח׳ ברנר'),
    neighborhoods: ['כפר גנים', 'אם המושבות', 'הדר גנים', 'מרכז העיר'],
    pricePerSqm: [24_000, 36_000],
    blocks: [6350, 6420],
  },
  {
    name: 'ראשון לציון',
    streets: streets('רח׳ רוטשילד', 'רח׳ הרצל', 'רח׳ ז׳בוטינסקי', 'רח׳ אחד העם', 'שד׳ משה דיין'),
    neighborhoods: ['נחלת יהודה', 'רמז', 'נווה חוף', 'מרכז העיר'],
    pricePerSqm: [23_000, 34_000],
    blocks: [3920, 4250],
  },
  {
    name: 'נתניה',
    streets: streets('שד׳ בנימין', 'רח׳ הרצל', 'רח׳ סמילנסקי', 'רח׳ ויצמן', 'שד׳ ניצה'),
    neighborhoods: ['עיר ימים', 'קרית השרון', 'נאות גולדה', 'מרכז העיר'],
    pricePerSqm: [20_000, 33_000],
    blocks: [8230, 8280],
  },
  {
    name: 'חולון',
    streets: streets('רח׳ סוקולוב', 'רח׳ אילת', 'שד׳ קוגל', 'רח׳ גולדה מאיר', 'רח׳ ויצמן'),
    neighborhoods: ['קרית שרת', 'ג׳סי כהן', 'נאות רחל', 'מרכז העיר'],
    pricePerSqm: [24_000, 33_000],
    blocks: [7150, 7190],
  },
  {
    name: 'באר שבע',
    streets: streets('שד׳ רגר', 'רח׳ הרצל', 'שד׳ שז"ר', 'רח׳ יהודה הלוי', 'רח׳ טשרניחובסקי'),
    neighborhoods: ['רמות', 'נווה זאב', 'העיר העתיקה', 'שכונה ד׳'],
    pricePerSqm: [12_000, 19_000],
    blocks: [38_000, 38_290],
  },
  {
    name: 'כפר סבא',
    streets: streets('רח׳ ויצמן', 'רח׳ רוטשילד', 'רח׳ תל חי', 'רח׳ ירושלים', 'רח׳ התע"ש'),
    neighborhoods: ['הירוקה', 'הזמרים', 'כפר סבא הצעירה', 'מרכז העיר'],
    pricePerSqm: [26_000, 37_000],
    blocks: [6425, 6450],
  },
];

export const MALE_FIRST_NAMES = ['אברהם', 'יוסף', 'דוד', 'משה', 'איתן', 'אורן', 'עמית', 'נועם', 'יונתן', 'רון', 'אלון', 'גיא'];
export const FEMALE_FIRST_NAMES = ['מיכל', 'רחל', 'נועה', 'תמר', 'שירה', 'יעל', 'אורית', 'ליאת', 'רותם', 'הדס', 'ענבל', 'מירב'];
export const LAST_NAMES = [
  'לוי',
  'כהן',
  'מזרחי',
  'פרץ',
  'ביטון',
  'אברהם',
  'פרידמן',
  'שפירא',
  'אזולאי',
  'דהן',
  'רוזנברג',
  'גולדשטיין',
  'ברק',
  'שטרן',
  'בן דוד',
];

export const MALE_TITLES = ['מר', 'עו"ד', 'ד"ר'];
export const FEMALE_TITLES = ['גב׳', 'עו"ד', 'ד"ר'];

export const BANKS = ['בנק לאומי לישראל בע"מ', 'בנק הפועלים בע"מ', 'בנק מזרחי טפחות בע"מ', 'בנק דיסקונט לישראל בע"מ'];

export const CONTAMINATION_NOTES = [
  'סמיכות לתחנת דלק לשעבר — נדרש סקר קרקע',
  'החלקה שימשה בעבר כמוסך; ראו חוות דעת סביבתית מצ"ב',
];

/** File-name stems of uploaded documents, by doc_type. */
export const DOCUMENT_NAMES = { TABU: 'נסח טאבו', PERMIT: 'היתר בנייה', CONDO: 'צו בית משותף' } as const;

export const FLOOR_GROUND = 'קרקע';
