// Tables in the DOCX report, after the HTML's: the model's tables (a shaded header row repeated on
// every page, rows that never split across pages, a short table kept whole and a long one never
// leaving a lone row, totals in bold, excluded comparables in grey),
// label/value fields, a ruled box, and borderless grids for layout. All of them read right to left
// (w:bidiVisual: the first column is at the right).
import { BorderStyle, Paragraph, ShadingType, Table, TableCell, TableRow, WidthType, type ITableBordersOptions } from 'docx';
import type { ReportField, ReportRow, ReportTable } from '../../../../src-shared/domain/report/model.ts';
import { WHOLE_TABLE_MAX_ROWS } from '../html/page.ts';
import { COLORS, CONTENT_WIDTH_TWIPS, SIZES } from './styles.ts';
import { paragraph, placeholderRun, rtlRun, valueRuns, type RunStyle } from './text.ts';
import { EMPTY_CELL_TEXT } from '../../../../src-shared/domain/report/texts.ts';

type CellContent = readonly (Paragraph | Table)[];

const LINE = { style: BorderStyle.SINGLE, size: 4, color: COLORS.rule } as const;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const RULED: ITableBordersOptions = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
const BORDERLESS: ITableBordersOptions = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

/** Cell padding in twips: about the HTML's 1.2 mm by 2 mm, and 0.8 mm by 1.2 mm when compact. */
const PADDING = { top: 60, bottom: 60, left: 110, right: 110 } as const;
const COMPACT_PADDING = { top: 40, bottom: 40, left: 70, right: 70 } as const;

/** Paragraphs in a cell: no space after, single spacing. */
const CELL_PARAGRAPH = { spacing: { after: 0, line: 252 } } as const;

/**
 * Whether body row `index` of `count` stays on the page of the row after it (Word's keepNext on its
 * paragraphs), as the HTML's breaks: a short table all together, a long one never leaving its first
 * or last row alone.
 */
const keepsWithNext = (index: number, count: number) => (count <= WHOLE_TABLE_MAX_ROWS ? index < count - 1 : index === 0 || index === count - 2);

const fill = (color: string) => ({ type: ShadingType.CLEAR, color: 'auto', fill: color });

/** Widths that add up to the text width, in the given proportions. */
function spread(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => Math.floor((w / total) * CONTENT_WIDTH_TWIPS));
}

/**
 * A rough autofit: each column as wide as its longest text (a header no narrower than its longest
 * word), within bounds. Word lays an autofit table out again; LibreOffice keeps these widths.
 */
function columnWidths(table: ReportTable): number[] {
  return spread(
    table.columns.map((column, j) => {
      const longestWord = Math.max(...column.label.split(/\s+/).map((word) => word.length));
      const longestCell = Math.max(0, ...table.rows.map((row) => row.cells[j]?.length ?? 0));
      return Math.min(28, Math.max(4, longestWord, longestCell));
    }),
  );
}

function grid(rows: TableRow[], widths: readonly number[], borders: ITableBordersOptions): Table {
  return new Table({ rows, columnWidths: [...widths], width: { size: 100, type: WidthType.PERCENTAGE }, borders, visuallyRightToLeft: true });
}

/** Word wants a cell to end with a paragraph (an empty figure or a nested table would not). */
const closed = (children: CellContent) => (children.at(-1) instanceof Paragraph ? [...children] : [...children, paragraph([], CELL_PARAGRAPH)]);

const cell = (children: CellContent, width: number, options: { shading?: string; compact?: boolean; columnSpan?: number } = {}) =>
  new TableCell({
    children: closed(children),
    width: { size: width, type: WidthType.DXA },
    margins: options.compact ? COMPACT_PADDING : PADDING,
    ...(options.shading ? { shading: fill(options.shading) } : {}),
    ...(options.columnSpan ? { columnSpan: options.columnSpan } : {}),
  });

/** A cell's text: the value, or a quiet dash when the cell is empty. */
function cellParagraph(text: string | null, ltr: boolean, style: RunStyle, keepNext = false): Paragraph {
  return paragraph(text === null ? [rtlRun(EMPTY_CELL_TEXT, { ...style, color: COLORS.empty })] : valueRuns(text, ltr, style), keepNext ? { ...CELL_PARAGRAPH, keepNext } : CELL_PARAGRAPH);
}

const rowStyle = (row: ReportRow, size: number): RunStyle => ({ size, ...(row.total ? { bold: true } : {}), ...(row.muted ? { color: COLORS.muted } : {}) });

/** A table of the model; an empty one says so in a single row. */
export function reportTable(table: ReportTable, { compact = false } = {}): Table {
  const size = compact ? SIZES.compact : SIZES.table;
  const widths = columnWidths(table);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map((column, j) =>
      cell([paragraph([rtlRun(column.label, { size, bold: true })], { ...CELL_PARAGRAPH, keepNext: true })], widths[j] ?? 0, { shading: COLORS.headerFill, compact }),
    ),
  });
  const row = (r: ReportRow, index: number) =>
    new TableRow({
      cantSplit: true,
      children: table.columns.map((column, j) =>
        cell([cellParagraph(r.cells[j] ?? null, column.ltr ?? false, rowStyle(r, size), keepsWithNext(index, table.rows.length))], widths[j] ?? 0, {
          compact,
          ...(r.total ? { shading: COLORS.quietFill } : {}),
        }),
      ),
    });
  const none = new TableRow({
    cantSplit: true,
    children: [cell([paragraph([placeholderRun({ size })], CELL_PARAGRAPH)], CONTENT_WIDTH_TWIPS, { compact, columnSpan: table.columns.length })],
  });
  return grid([header, ...(table.rows.length === 0 ? [none] : table.rows.map(row))], widths, RULED);
}

const FIELD_WIDTHS = spread([38, 62]);

/** Label/value pairs as a two-column table (none when there are no fields). */
export function fieldsTable(fields: readonly ReportField[]): Table[] {
  if (fields.length === 0) return [];
  const style = { size: SIZES.table };
  const rows = fields.map(
    (f) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([paragraph([rtlRun(f.label, { ...style, bold: true })], CELL_PARAGRAPH)], FIELD_WIDTHS[0] ?? 0, { shading: COLORS.quietFill }),
          cell([paragraph(valueRuns(f.value, f.ltr ?? false, style), CELL_PARAGRAPH)], FIELD_WIDTHS[1] ?? 0),
        ],
      }),
  );
  return [grid(rows, FIELD_WIDTHS, RULED)];
}

/** A borderless grid of equal columns, for laying things side by side (the letter's head, photos). */
export function layoutTable(rows: readonly (readonly CellContent[])[], columns: number): Table {
  const widths = spread(Array.from({ length: columns }, () => 1));
  const tableRows = rows.map(
    (cells) => new TableRow({ cantSplit: true, children: widths.map((width, j) => cell(cells[j] ?? [], width)) }),
  );
  return grid(tableRows, widths, BORDERLESS);
}

const FRAME = { style: BorderStyle.SINGLE, size: 12, color: COLORS.navy } as const;

/** Content in a ruled frame across the text width (the value's box). */
export function framed(children: CellContent): Table {
  const frame: ITableBordersOptions = { top: FRAME, bottom: FRAME, left: FRAME, right: FRAME, insideHorizontal: NONE, insideVertical: NONE };
  const padding = { top: 200, bottom: 200, left: 280, right: 280 };
  const content = new TableCell({ children: closed(children), width: { size: CONTENT_WIDTH_TWIPS, type: WidthType.DXA }, margins: padding });
  return grid([new TableRow({ cantSplit: true, children: [content] })], [CONTENT_WIDTH_TWIPS], frame);
}
