// renderReportDocx: the report model as a Word document with the same content, in the same order, as
// the HTML template (html/document.ts): the cover, the opening letter and the six sections of
// Standard 1, each starting a page (a Word section of its own), right to left throughout, on A4 with
// "page x of y" in every page's footer.
import { Document, Packer, type ISectionOptions, type Paragraph, type Table } from 'docx';
import type { ReportModel } from '../../../../src-shared/domain/report/model.ts';
import { REPORT_FONT_FAMILY } from '../html/fonts.ts';
import { fontTablePart } from './fonts.ts';
import { reportFooter } from './footer.ts';
import { calculations } from './sections/calculations.ts';
import { cover } from './sections/cover.ts';
import { factors } from './sections/factors.ts';
import { legal } from './sections/legal.ts';
import { letter } from './sections/letter.ts';
import { planning } from './sections/planning.ts';
import { property } from './sections/property.ts';
import { valuation } from './sections/valuation.ts';
import { PAGE, reportStyles } from './styles.ts';
import { reportTrueTypeFaces } from './truetype.ts';

export async function renderReportDocx(model: ReportModel): Promise<Uint8Array> {
  const parts: (Paragraph | Table)[][] = [
    await cover(model.cover),
    letter(model.letter),
    property(model.property),
    legal(model.legal),
    planning(model.planning),
    factors(model.factors),
    calculations(model.calculations),
    await valuation(model.valuation),
  ];
  // Each section names its footer: one that named none would take the previous one's in Word, but
  // not in every reader.
  const sections: ISectionOptions[] = parts.map((children) => ({
    properties: { page: PAGE },
    footers: { default: reportFooter(model.footerText) },
    children,
  }));
  const title = [model.cover.title, model.cover.address].filter(Boolean).join(' — ');
  const faces = await reportTrueTypeFaces();
  const doc = new Document({
    title,
    creator: model.valuation.appraiser.name ?? model.cover.organizationName ?? '',
    styles: reportStyles,
    // Embedded so that Word draws the PDF's type, not a substitute.
    fonts: [{ name: REPORT_FONT_FAMILY, data: faces.regular, bold: faces.bold }],
    sections,
  });
  return new Uint8Array(await Packer.toBuffer(doc, false, [fontTablePart(doc.FontTable.files)]));
}
