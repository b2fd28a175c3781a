// A building permit (היתר בנייה) with a text layer: its number, date and description, and the block
// and parcel when printed. Permits are often scans; the rest is the user's to enter.
import { SectionsBuilder } from './fields.ts';
import { LABEL, VALUE } from './label-patterns.ts';
import { contentLines, findText, findValue } from './text-scan.ts';
import type { PdfPage } from './pdf-text.ts';
import type { ParsedDocument } from './types.ts';
import { parseDate } from './values.ts';

const PERMIT_NUMBER = /מספר\s+(?:ה)?היתר|היתר\s+(?:בנייה|בניה)\s+(?:מס'|מספר)|מס'\s+(?:ה)?היתר/;
const PERMIT_DATE = /תאריך(?:\s+(?:מתן|הוצאת))?\s+(?:ה)?היתר|תאריך\s+(?:ה)?הפקה|תאריך/;
const DESCRIPTION = /(?:תיאור|מהות)(?:\s+(?:ה)?(?:בקשה|עבודות?|היתר|הבנייה|הבניה))?/;

export function parsePermit(pages: readonly PdfPage[], document: string | null = null): ParsedDocument {
  const out = new SectionsBuilder(document);
  for (const line of contentLines(pages)) {
    const number = findValue(line, PERMIT_NUMBER, /(\d[\d/-]*\d|\d)/);
    if (number) out.set('planning', 'permitNumber', number.text, number.page, number.confidence);
    const date = findValue(line, PERMIT_DATE, VALUE.date);
    const iso = date ? parseDate(date.text) : null;
    if (date && iso) out.set('planning', 'permitDate', iso, date.page, date.confidence - (/היתר/.test(line.text) ? 0 : 0.15));
    const description = findText(line, DESCRIPTION, { requireColon: true });
    if (description) out.set('planning', 'permitDescription', description.text, description.page, description.confidence - 0.1);
    for (const [key, label] of [['block', LABEL.block], ['parcel', LABEL.parcel]] as const) {
      const found = findValue(line, label, VALUE.digits);
      if (found) out.set('identification', key, found.text, found.page, found.confidence);
    }
  }
  return { sections: out.sections, warnings: [] };
}
