// The opening letter: the addressee beside the date and reference, the subject, the introduction, the
// valuation's particulars and the limitation of liability.
import type { Paragraph, Table } from 'docx';
import type { LetterSection } from '../../../../../src-shared/domain/report/model.ts';
import { fieldsTable, layoutTable } from '../tables.ts';
import { hebrewRuns, paragraph, rtlRun, subheading, textParagraph, textParagraphs, valueRuns } from '../text.ts';

export function letter(section: LetterSection): (Paragraph | Table)[] {
  const addressee = [textParagraph('לכבוד', { spacing: { after: 0 } }), paragraph(valueRuns(section.addressee, false, { bold: true }))];
  const meta = [
    paragraph([rtlRun('תאריך: '), ...valueRuns(section.date)], { spacing: { after: 0 } }),
    paragraph([rtlRun('סימוכין: '), ...valueRuns(section.reference)]),
  ];
  const underlined = { bold: true, underline: {} };
  return [
    layoutTable([[addressee, meta]], 2),
    paragraph([rtlRun('הנדון: ', underlined), ...hebrewRuns(section.subject, underlined)], { spacing: { before: 240, after: 280 } }),
    textParagraph(section.introduction),
    subheading('פרטי חוות הדעת'),
    ...fieldsTable(section.fields),
    subheading('הגבלת אחריות'),
    ...textParagraphs(section.liability),
  ];
}
