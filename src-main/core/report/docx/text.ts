// Right-to-left text in Word. Every paragraph is bidirectional (w:bidi: it starts at the right) and
// Hebrew runs are marked right to left (w:rtl). In an RTL run Word gives the separators between digits
// and the signs around them the run's direction, so "03-5551234" or "+5%" inside a Hebrew run can come
// out as "5551234-03" or "5%+". So numbers and Latin text go in runs of their own, not marked RTL, as
// Hebrew Word users type them:
//  - a value the model marks `ltr` (numbers, dates, shares, sums: "6109/396/118", "-40,000"; a sum's ₪ follows as an RTL run) is one
//    LTR run, between two LEFT-TO-RIGHT MARKs so that readers that follow the Unicode bidi algorithm
//    rather than w:rtl (LibreOffice, Google Docs, copied text) keep its leading and trailing signs
//    with it too, as the HTML's <bdi dir="ltr"> does;
//  - any other value takes the direction of its first letter, as the HTML's <bdi> (dir=auto) does;
//  - within Hebrew text, each stretch that starts and ends with a Latin letter or a digit ("35,000",
//    "03-5551234", "Ltd.") is an LTR run.
// Alignment is left to the paragraph's start (the right edge of a bidi paragraph) or centred: Word and
// other readers disagree on whether jc="right" in a bidi paragraph means the right edge or the end.
import { HeadingLevel, Paragraph, TextRun, type IParagraphOptions, type IRunOptions, type ParagraphChild } from 'docx';
import { splitShekelSign } from '../../../../src-shared/domain/report/format.ts';
import { MISSING_TEXT } from '../../../../src-shared/domain/report/texts.ts';
import { COLORS } from './styles.ts';

/** What the HTML prints (html/parts.ts) for a value that is not stated, and in an empty table cell. */

/** U+200E LEFT-TO-RIGHT MARK: invisible, and strong left to right. */
const LRM = '\u200E';

export type RunStyle = Omit<IRunOptions, 'text' | 'children' | 'rightToLeft'>;
export type ParagraphOptions = Omit<IParagraphOptions, 'children' | 'text' | 'bidirectional'>;

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const FIRST_STRONG = /[\p{L}\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const LTR_CHAR = String.raw`(?![\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF])[\p{L}\p{N}]`;
/** A stretch without RTL letters that starts (after an optional ₪) and ends with a Latin letter or a digit (or %). */
const LTR_STRETCH = new RegExp(String.raw`(?:₪\s?)?${LTR_CHAR}(?:[^\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]*(?:${LTR_CHAR}|%))?`, 'gu');

/** The base direction a value takes on its own, as dir=auto decides: its first letter's, LTR when it has none. */
function startsRightToLeft(text: string): boolean {
  const first = FIRST_STRONG.exec(text);
  return first !== null && RTL_LETTER.test(first[0]);
}

export const rtlRun = (text: string, style: RunStyle = {}) => new TextRun({ ...style, text, rightToLeft: true });

/** An isolated left-to-right value: its own run, between two LRMs. */
const ltrRun = (text: string, style: RunStyle = {}) => new TextRun({ ...style, text: `${LRM}${text}${LRM}`, rightToLeft: false });

/** Hebrew text as RTL runs, with its numbers and Latin words as LTR runs between them. */
export function hebrewRuns(text: string, style: RunStyle = {}): TextRun[] {
  const runs: TextRun[] = [];
  let at = 0;
  for (const match of text.matchAll(LTR_STRETCH)) {
    if (match.index > at) runs.push(rtlRun(text.slice(at, match.index), style));
    runs.push(new TextRun({ ...style, text: match[0], rightToLeft: false }));
    at = match.index + match[0].length;
  }
  if (at < text.length) runs.push(rtlRun(text.slice(at), style));
  return runs;
}

/** The visible placeholder for a value that is not stated. */
export const placeholderRun = (style: RunStyle = {}) => rtlRun(MISSING_TEXT, { ...style, color: COLORS.missing });

/** A value as printed: an isolated LTR run when marked or when it starts left to right, Hebrew runs otherwise, or the placeholder. */
export function valueRuns(text: string | null, ltr = false, style: RunStyle = {}): TextRun[] {
  if (text === null) return [placeholderRun(style)];
  if (!ltr && startsRightToLeft(text)) return hebrewRuns(text, style);
  // A sum's sign stays in the Hebrew line, after (left of) its number, as the HTML prints it.
  const sum = splitShekelSign(text);
  return sum ? [ltrRun(sum.amount, style), rtlRun(sum.sign, style)] : [ltrRun(text, style)];
}

/** A right-to-left paragraph. */
export const paragraph = (children: readonly ParagraphChild[], options: ParagraphOptions = {}) => new Paragraph({ ...options, bidirectional: true, children: [...children] });

/** A paragraph of Hebrew text. */
export const textParagraph = (text: string, options: ParagraphOptions = {}, style: RunStyle = {}) => paragraph(hebrewRuns(text, style), options);

/** A section's heading (Word's Heading 1). */
export const sectionHeading = (text: string) => textParagraph(text, { heading: HeadingLevel.HEADING_1 });

/** A heading within a section (Word's Heading 2). */
export const subheading = (text: string) => textParagraph(text, { heading: HeadingLevel.HEADING_2 });

/** A bulleted list (docx's default bullets, which a bidi paragraph puts at the right). */
export const bulletList = (items: readonly string[]) => items.map((item) => textParagraph(item, { bullet: { level: 0 } }));

/** Paragraphs of text. */
export const textParagraphs = (texts: readonly string[]) => texts.map((text) => textParagraph(text));
