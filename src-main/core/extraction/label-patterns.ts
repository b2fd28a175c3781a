// The labels a condominium order and a building permit print beside their values ("גוש: 9905"), and
// the attachments table of an order. (A land-registry extract prints tables instead: tabu-schemas.ts.)

export const VALUE = {
  digits: /(\d{1,9})/,
  date: /(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})/,
};

export const LABEL = {
  block: /גוש/,
  parcel: /(?<!תת[\s-]?)(?<!תת)חלקה/,
  subparcelCount: /מספר\s+תתי[\s-]?(?:ה)?חלקות|מס'\s+תתי[\s-]?חלקות/,
};

export const ATTACHMENT_HEADER = {
  columns: {
    symbol: /סימון(?:\s+ב?תשריט)?|סימן(?:\s+ב?תשריט)?/,
    colour: /צבע(?:\s+ב?תשריט)?/,
    description: /תיאור(?:\s+(?:ה)?הצמדה)?|(?:ה)?הצמדה|מהות/,
    area: /שטח(?:\s+(?:ב)?מ"ר)?/,
  },
  required: ['symbol', 'description'],
} as const;
