// Section 6, the valuation: the value in digits and in words in a framed box, its conditions, the
// appraiser's declaration, signature and licence.
import { AlignmentType, type Paragraph, type Table } from 'docx';
import type { ValuationSection } from '../../../../../src-shared/domain/report/model.ts';
import { fromDataUrl, imageRun } from '../images.ts';
import { COLORS, SIZES } from '../styles.ts';
import { framed } from '../tables.ts';
import { bulletList, paragraph, rtlRun, sectionHeading, subheading, textParagraph, textParagraphs, valueRuns } from '../text.ts';

const SIGNATURE_BOX = { widthMm: 60, heightMm: 24 };

async function signature(section: ValuationSection): Promise<Paragraph[]> {
  const image = await fromDataUrl(section.appraiser.signatureDataUrl);
  const mark = image
    ? paragraph([imageRun(image, SIGNATURE_BOX, { enlarge: false, description: 'חתימת השמאי' })], { spacing: { before: 120, after: 120 } })
    : textParagraph('________________', { spacing: { before: 240, after: 120 } });
  return [
    paragraph([rtlRun('ולראיה באתי על החתום, '), ...valueRuns(section.date)], { spacing: { before: 480 }, keepNext: true }),
    mark,
    paragraph(valueRuns(section.appraiser.name, false, { bold: true }), { spacing: { after: 0 }, keepNext: true }),
    paragraph([rtlRun('שמאי מקרקעין, מס׳ רישיון '), ...valueRuns(section.appraiser.licence, true)]),
  ];
}

export async function valuation(section: ValuationSection): Promise<(Paragraph | Table)[]> {
  const centred = { alignment: AlignmentType.CENTER } as const;
  const words = { size: SIZES.words };
  const value = framed([
    paragraph(valueRuns(section.valueDigits, true, { size: SIZES.digits, bold: true, color: COLORS.navy }), { ...centred, spacing: { after: 80 } }),
    paragraph([rtlRun('(', words), ...valueRuns(section.valueWords, false, words), rtlRun(')', words)], { ...centred, spacing: { after: 0 } }),
  ]);
  return [
    sectionHeading(section.heading),
    textParagraph(section.statement),
    value,
    subheading('תנאים והנחות'),
    ...bulletList(section.conditions),
    subheading('הצהרה'),
    ...textParagraphs(section.declaration),
    ...(await signature(section)),
  ];
}
