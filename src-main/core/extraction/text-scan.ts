// Reading labelled values and tables out of reconstructed lines. Labels are Hebrew regular
// expressions matched at a cell's start (JS \b does not know Hebrew letters, so boundaries are
// spaces or cell edges). Table columns are matched by the horizontal overlap of a value's cell with
// its header cell, which survives empty cells and cells split or merged by the PDF producer.
import type { TextCell, TextLine } from './lines.ts';
import type { PdfPage } from './pdf-text.ts';

/** A value found after a label, and how sure the match is. */
export interface Found {
  text: string;
  page: number;
  confidence: number;
}

const CONFIDENCE = { colonSameCell: 0.95, colonNextCell: 0.9, noColon: 0.8 } as const;

/**
 * `label` then optional colon then a value of the form `value`, anywhere in the line's text
 * (works whatever the cell split). The first capture group of `value`, if any, is the text.
 */
export function findValue(line: TextLine, label: RegExp, value: RegExp): Found | null {
  const pattern = new RegExp(`(?:^|[\\s|])(?:${label.source})\\s*(:)?\\s*(${value.source})`, 'u');
  const match = pattern.exec(line.text);
  if (!match) return null;
  const text = (match.length > 3 && match[3] !== undefined ? match[3] : match[2]) ?? '';
  return { text: text.trim(), page: line.page, confidence: match[1] ? CONFIDENCE.colonSameCell : CONFIDENCE.noColon };
}

/**
 * Free text after a label at the start of a cell: the rest of that cell, or the next cell when the
 * label's cell ends with the label (the producer separated them with a wide gap). Failing that, a
 * label with a colon after a space inside a cell (two labelled values in one cell): the rest of the
 * cell, which the caller cuts at the next label.
 */
export function findText(line: TextLine, label: RegExp, options: { requireColon?: boolean } = {}): Found | null {
  const found = findTextAtCellStart(line, label, options);
  if (found) return found;
  const inside = new RegExp(`\\s(?:${label.source})\\s*:\\s*(.+)$`, 'u');
  for (const cell of line.cells) {
    const match = inside.exec(cell.text);
    if (match?.[1]) return { text: match[1].trim(), page: line.page, confidence: CONFIDENCE.colonSameCell - 0.1 };
  }
  return null;
}

function findTextAtCellStart(line: TextLine, label: RegExp, options: { requireColon?: boolean }): Found | null {
  const pattern = new RegExp(`^(?:${label.source})\\s*(:)?\\s*(.*)$`, 'u');
  for (let i = 0; i < line.cells.length; i++) {
    const match = pattern.exec((line.cells[i] as TextCell).text);
    if (!match) continue;
    const colon = Boolean(match[1]);
    if (options.requireColon && !colon) continue;
    const rest = (match[2] ?? '').trim();
    if (rest) return { text: rest, page: line.page, confidence: colon ? CONFIDENCE.colonSameCell : CONFIDENCE.noColon };
    const next = line.cells[i + 1];
    if (next && !next.text.includes(':')) return { text: next.text, page: line.page, confidence: colon ? CONFIDENCE.colonNextCell : CONFIDENCE.noColon - 0.1 };
  }
  return null;
}

export interface Column {
  key: string;
  left: number;
  right: number;
}

export interface Header {
  columns: Column[];
  page: number;
}

/** The line as a table header when its cells name every `required` column (others are optional). */
export function matchHeader(line: TextLine, columns: Record<string, RegExp>, required: readonly string[]): Header | null {
  const found: Column[] = [];
  for (const cell of line.cells) {
    const text = cell.text.replace(/\s*:$/, '');
    for (const [key, pattern] of Object.entries(columns)) {
      if (found.some((c) => c.key === key)) continue;
      if (new RegExp(`^(?:${pattern.source})$`, 'u').test(text)) {
        found.push({ key, left: cell.left, right: cell.right });
        break;
      }
    }
  }
  if (!required.every((key) => found.some((c) => c.key === key))) return null;
  return found.length >= 2 ? { columns: found, page: line.page } : null;
}

export interface TableRow {
  values: Record<string, string>;
  page: number;
  /** 0.9 when every cell sat under a header cell, 0.7 when one had to go to the nearest column. */
  confidence: number;
}

/** The line's cells assigned to the header's columns by horizontal overlap (nearest column if none). */
export function readRow(line: TextLine, header: Header): TableRow {
  const values: Record<string, string> = {};
  let confidence = 0.9;
  for (const cell of line.cells) {
    let best: Column | null = null;
    let bestOverlap = 0;
    for (const column of header.columns) {
      const overlap = Math.min(cell.right, column.right) - Math.max(cell.left, column.left);
      if (overlap > bestOverlap) {
        best = column;
        bestOverlap = overlap;
      }
    }
    if (!best) {
      // Right-aligned (RTL) columns: the nearest right edge; left edges for LTR lines.
      const distance = (c: Column) => (line.rtl ? Math.abs(c.right - cell.right) : Math.abs(c.left - cell.left));
      best = [...header.columns].sort((a, b) => distance(a) - distance(b))[0] ?? null;
      confidence = 0.7;
    }
    if (!best) continue;
    values[best.key] = values[best.key] ? `${values[best.key]} ${cell.text}` : cell.text;
  }
  return { values, page: line.page, confidence };
}

const FOOTER = /^(?:עמוד|דף)\s+\d+\s+(?:מתוך|מ-?)\s*\d+$|^\d+\s+(?:מתוך)\s+\d+$/u;

/**
 * Every line of every page in reading order, without page furniture: "page x of y" footers, and on
 * pages after the first the lines that repeat the first page's opening lines (running headers).
 */
export function contentLines(pages: readonly PdfPage[]): TextLine[] {
  const depth = 8;
  const first = pages[0]?.lines ?? [];
  const opening = new Set(first.slice(0, depth).map((line) => line.text));
  const lines: TextLine[] = [];
  for (const page of pages) {
    const later = page.page !== pages[0]?.page;
    page.lines.forEach((line, index) => {
      if (FOOTER.test(line.text)) return;
      if (later && index < depth && opening.has(line.text)) return;
      lines.push(line);
    });
  }
  return lines;
}
