// The cover: the organization's logo and name, the report's title, the property and its address, the
// facade photo and the date, centred as the HTML's.
import { AlignmentType, HeadingLevel, type Paragraph } from 'docx';
import type { CoverSection } from '../../../../../src-shared/domain/report/model.ts';
import { fromDataUrl, fromSourceImage, imageRun, pictureParagraph } from '../images.ts';
import { COLORS, SIZES } from '../styles.ts';
import { paragraph, rtlRun, textParagraph, valueRuns } from '../text.ts';

const LOGO_BOX = { widthMm: 70, heightMm: 26 };
const PHOTO_BOX = { widthMm: 150, heightMm: 120 };
const CENTRED = { alignment: AlignmentType.CENTER } as const;

export async function cover(section: CoverSection): Promise<Paragraph[]> {
  const logo = await fromDataUrl(section.logoDataUrl);
  const photo = section.photo ? fromSourceImage(section.photo) : null;
  const grey = { color: COLORS.grey };
  return [
    ...(logo ? [pictureParagraph(imageRun(logo, LOGO_BOX, { enlarge: false, description: section.organizationName ?? '' }), 240)] : []),
    ...(section.organizationName ? [textParagraph(section.organizationName, CENTRED, { size: 24, ...grey })] : []),
    textParagraph(section.title, { heading: HeadingLevel.TITLE }),
    paragraph(valueRuns(section.propertyType, false, { size: SIZES.coverLine }), CENTRED),
    paragraph(valueRuns(section.address, false, { size: SIZES.coverAddress, bold: true }), { ...CENTRED, spacing: { after: 320 } }),
    ...(photo ? [pictureParagraph(imageRun(photo, PHOTO_BOX, { enlarge: true, description: 'חזית הבניין' }))] : []),
    paragraph([rtlRun('תאריך: ', grey), ...valueRuns(section.reportDate, false, grey)], { ...CENTRED, spacing: { before: 600 } }),
  ];
}
