// The frame of every page of an extract: the page header the registry repeats (date, Hebrew date,
// time, "נסח מס'", the office, the register, "גוש: … חלקה: … תת חלקה: …") and the footer "עמוד x
// מתוך y", taken off so that only the body is left to read as tables, and read for the identification
// and for the checks that the pages belong together. The body ends at "סוף נתונים"; what follows it
// (and the fee line wherever it is) is never data.
import type { TextCell, TextLine } from './lines.ts';
import type { PdfPage } from './pdf-text.ts';

export interface BodyLine {
  page: number;
  y: number;
  size: number;
  items: TextCell[];
  text: string;
}

/** A value of the page header: its text and where it was printed. */
export interface HeaderValue {
  text: string;
  page: number;
  line: TextLine;
  cell: TextCell;
}

export interface PageHeader {
  page: number;
  register: 'CONDO' | 'PARCEL' | null;
  /** The register's title as printed ("העתק רישום מפנקס …"). */
  registerTitle: HeaderValue | null;
  registryOffice: HeaderValue | null;
  issueDate: HeaderValue | null;
  extractNumber: HeaderValue | null;
  block: HeaderValue | null;
  parcel: HeaderValue | null;
  subparcel: HeaderValue | null;
  /** "עמוד x מתוך y" as printed at the foot. */
  pageOf: { x: number; y: number } | null;
}

export interface ExtractFrame {
  headers: PageHeader[];
  body: BodyLine[];
  /** "סוף נתונים" was found. */
  ended: boolean;
}

/** Lines only the page header prints; the header reaches down to the last of them near the page's top. */
const HEADER_LINE = /גוש\s*:?\s*\d|נסח\s+מס|לשכת\s+רישום|מפנקס\s+(?:בתים\s+משותפים|(?:ה)?זכויות)/;
const FOOTER = /^(?:עמוד|דף)\s*(\d+)\s*מתוך\s*(\d+)$/;
const END = /^\**\s*סוף\s+(?:ה)?נתונים\s*\**$/;
/** The fee line ("שולמה אגרה בסך …"): never data, wherever it is printed. */
const FEE = /שולמה\s+אגרה|אגרה\s+בסך/;
/** The header is at most this many lines: a page without a block line in them has no header. */
const MAX_HEADER_LINES = 10;

function find(line: TextLine, pattern: RegExp): HeaderValue | null {
  for (const cell of line.cells) {
    const match = pattern.exec(cell.text);
    if (match?.[1]) return { text: match[1].trim(), page: line.page, line, cell };
  }
  return null;
}

function readHeader(page: number, lines: readonly TextLine[]): PageHeader {
  const header: PageHeader = {
    page,
    register: null,
    registerTitle: null,
    registryOffice: null,
    issueDate: null,
    extractNumber: null,
    block: null,
    parcel: null,
    subparcel: null,
    pageOf: null,
  };
  for (const line of lines) {
    const register = /מפנקס\s+בתים\s+משותפים/.test(line.text) ? 'CONDO' : /מפנקס\s+(?:ה)?זכויות/.test(line.text) ? 'PARCEL' : null;
    if (register && !header.register) {
      header.register = register;
      header.registerTitle = find(line, /(.*מפנקס.*)/);
    }
    header.registryOffice ??= find(line, /לשכת\s+רישום\s+(?:ה)?מקרקעין\s*:?\s*(.+)$/);
    // pdfjs may move the geresh of "מס'" past the colon ("מס:'"): any run of punctuation is allowed.
    header.extractNumber ??= find(line, /נסח\s+מס[^\p{L}\p{N}]*\s*(\d{4,})/u);
    header.issueDate ??= find(line, /^(\d{1,2}\/\d{1,2}\/\d{4})$/);
    header.block ??= find(line, /גוש\s*:?\s*(\d+)/);
    header.subparcel ??= find(line, /תת\s*-?\s*חלקה\s*:?\s*(\d+)/);
    header.parcel ??= find(line, /(?<!תת\s*-?\s*)חלקה\s*:?\s*(\d+)/);
  }
  return header;
}

/** Splits each page into its header, body and footer; the body lines of all pages in order. */
export function readFrame(pages: readonly PdfPage[]): ExtractFrame {
  const headers: PageHeader[] = [];
  const body: BodyLine[] = [];
  let ended = false;
  for (const page of pages) {
    const lines = page.lines;
    const headerEnd = lines.slice(0, MAX_HEADER_LINES).findLastIndex((line) => HEADER_LINE.test(line.text));
    const header = readHeader(page.page, lines.slice(0, headerEnd + 1));
    for (const [index, line] of lines.entries()) {
      const footer = FOOTER.exec(line.text);
      if (footer) {
        header.pageOf = { x: Number(footer[1]), y: Number(footer[2]) };
        continue;
      }
      if (index <= headerEnd || ended || FEE.test(line.text)) continue;
      if (END.test(line.text)) {
        ended = true;
        continue;
      }
      body.push({ page: page.page, y: line.y, size: line.size, items: line.items, text: line.text });
    }
    headers.push(header);
  }
  return { headers, body, ended };
}
