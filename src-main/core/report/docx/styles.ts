// The DOCX report's look, after the HTML stylesheet (html/styles.ts): an A4 page with the same margins,
// Noto Sans Hebrew for every character set (the complex-script slot, w:cs, is the one Word draws
// Hebrew with), Hebrew proofing, and Word's own heading styles so the navigation pane and a table of
// contents find the sections. Sizes are in half-points, as Word counts them.
import { AlignmentType, BorderStyle, type IStylesOptions } from 'docx';
import { REPORT_FONT_FAMILY } from '../html/fonts.ts';
import { PAGE_MARGINS_MM } from '../html/page.ts';

export const COLORS = {
  ink: '1D2329',
  navy: '17324D',
  grey: '4A5561',
  rule: 'C5CCD4',
  headerFill: 'E8EEF4',
  quietFill: 'F2F5F8',
  muted: '7A8591',
  missing: 'A23B3B',
  empty: '8A949E',
} as const;

export const SIZES = { body: 21, table: 19, compact: 16, caption: 18, footer: 16, coverLine: 26, coverAddress: 30, digits: 44, words: 24 } as const;

/** Whole twips, rounded (A4 is 11906 by 16838): Word 2007 reads no other unit in a page's size and margins. */
const twips = (mm: number) => Math.round((mm / 25.4) * 1440);

const A4_MM = { width: 210, height: 297 } as const;
/** The width the text runs in: what images and tables are fitted to. */
export const CONTENT_WIDTH_MM = A4_MM.width - PAGE_MARGINS_MM.left - PAGE_MARGINS_MM.right;
export const CONTENT_WIDTH_TWIPS = twips(CONTENT_WIDTH_MM);

export const PAGE = {
  size: { width: twips(A4_MM.width), height: twips(A4_MM.height) },
  margin: {
    top: twips(PAGE_MARGINS_MM.top),
    right: twips(PAGE_MARGINS_MM.right),
    bottom: twips(PAGE_MARGINS_MM.bottom),
    left: twips(PAGE_MARGINS_MM.left),
    header: twips(8),
    footer: twips(8),
  },
};

/** Space after a paragraph (2.5 mm, as the HTML's p) and line spacing (1.25 lines), in twips. */
const BODY_SPACING = { after: 140, line: 300 } as const;

export const reportStyles: IStylesOptions = {
  default: {
    document: {
      run: { font: REPORT_FONT_FAMILY, size: SIZES.body, color: COLORS.ink, language: { value: 'he-IL', bidirectional: 'he-IL' } },
      paragraph: { spacing: BODY_SPACING },
    },
    // The cover's title (the HTML's h1).
    title: {
      run: { size: 42, bold: true, color: COLORS.navy },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 800, after: 340 } },
    },
    // A section of Standard 1 (the HTML's h2), ruled beneath like it.
    heading1: {
      run: { size: 30, bold: true, color: COLORS.navy },
      paragraph: {
        keepNext: true,
        outlineLevel: 0,
        spacing: { before: 0, after: 280 },
        border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: COLORS.navy, space: 4 } },
      },
    },
    // A part of a section (the HTML's h3).
    heading2: {
      run: { size: 23, bold: true, color: COLORS.navy },
      paragraph: { keepNext: true, outlineLevel: 1, spacing: { before: 340, after: 110 } },
    },
  },
};
