// The page footer of every page, as the PDF's (pdf.ts): the organization's footer text, ruled above,
// and "עמוד x מתוך y" from Word's PAGE and NUMPAGES fields, which Word fills in as it lays the pages out.
import { AlignmentType, BorderStyle, Footer, PageNumber, TextRun } from 'docx';
import { COLORS, SIZES } from './styles.ts';
import { hebrewRuns, paragraph, rtlRun } from './text.ts';

export function reportFooter(footerText: string | null): Footer {
  const style = { size: SIZES.footer, color: COLORS.grey };
  const centred = { alignment: AlignmentType.CENTER, spacing: { after: 0 } } as const;
  const ruled = { ...centred, border: { top: { style: BorderStyle.SINGLE, size: 4, color: COLORS.rule, space: 4 } } };
  const field = (kind: (typeof PageNumber)[keyof typeof PageNumber]) => new TextRun({ ...style, children: [kind] });
  const pageOf = [rtlRun('עמוד ', style), field(PageNumber.CURRENT), rtlRun(' מתוך ', style), field(PageNumber.TOTAL_PAGES)];
  return new Footer({
    children: footerText ? [paragraph(hebrewRuns(footerText, style), ruled), paragraph(pageOf, centred)] : [paragraph(pageOf, ruled)],
  });
}
