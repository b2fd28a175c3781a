// Reading the body of an extract as the registry lays it out: section titles on their own line, and
// tables whose column titles sit on one row with the values on the following lines, each under its
// title. A table is recognised by its titles (tabu-schemas.ts); each column's x-range comes from the
// titles' positions, and every text item of a value line goes to the column it overlaps most. The
// registry aligns a cell to its right (the start of a right-to-left line), so a column reaches from
// its title's right edge to just short of the right edge of the next title to its left.
// A line that opens no row and only continues wrapping columns (names, descriptions) is a wrapped
// line of the row above; a table continues across a page break (the page header is already gone).
import type { TextCell } from './lines.ts';
import type { BodyLine } from './tabu-pages.ts';
import { sectionOf, TABLES, titleKey, type ColumnSchema, type SectionKey, type TableSchema } from './tabu-schemas.ts';

/** A value read from one column: its text, and where it was printed (points, top-left origin). */
export interface Cell {
  text: string;
  page: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** The least share, 0..1, of any of its items that lies inside its column. */
  aligned: number;
  /** How many printed lines it was wrapped over. */
  lines: number;
}

export interface TableRow {
  cells: Record<string, Cell>;
  page: number;
}

export interface Table {
  schema: TableSchema;
  /** The section whose title was printed last before the table. */
  section: SectionKey | null;
  page: number;
  rows: TableRow[];
}

export type BodyEvent =
  | { type: 'section'; section: SectionKey; page: number }
  | { type: 'table'; table: Table }
  | { type: 'free'; line: BodyLine; section: SectionKey | null };

interface Column {
  schema: ColumnSchema;
  /** The x-range the column's values are read from. */
  from: number;
  to: number;
}

/** Words further apart than this many font sizes are separated by a space when joined. */
const SPACE_GAP = 0.15;
/** A value line more than this many font sizes below the previous line of its table ends the table. */
const TABLE_GAP = 2.5;
/** Longest title, in text items (words and punctuation as the PDF draws them). */
const MAX_TITLE_ITEMS = 8;

function joinItems(items: readonly TextCell[], size: number): string {
  let text = '';
  let previous: TextCell | null = null;
  for (const item of items) {
    const gap = previous ? Math.min(Math.abs(previous.left - item.right), Math.abs(item.left - previous.right)) : 0;
    text += previous && gap > SPACE_GAP * size ? ` ${item.text}` : item.text;
    previous = item;
  }
  return text.trim();
}

interface TitleMatch {
  schema: TableSchema;
  columns: { schema: ColumnSchema; left: number; right: number }[];
}

/** The columns of `schema` whose titles make up the whole line, or null. */
function matchTitles(line: BodyLine, schema: TableSchema): TitleMatch | null {
  const columns: TitleMatch['columns'] = [];
  const used = new Set<string>();
  let i = 0;
  while (i < line.items.length) {
    let matched = false;
    for (let k = Math.min(MAX_TITLE_ITEMS, line.items.length - i); k >= 1 && !matched; k--) {
      const items = line.items.slice(i, i + k);
      const key = titleKey(items.map((item) => item.text).join(''));
      if (key === '') break;
      const column = schema.columns.find((c) => !used.has(c.key) && c.titles.some((title) => titleKey(title) === key));
      if (column) {
        used.add(column.key);
        columns.push({ schema: column, left: Math.min(...items.map((it) => it.left)), right: Math.max(...items.map((it) => it.right)) });
        i += k;
        matched = true;
      }
    }
    if (!matched) {
      if (titleKey(line.items[i]?.text ?? '') !== '') return null; // a word that is no title: not a title row
      i++;
    }
  }
  const needed = Math.min(2, schema.columns.length);
  return columns.length >= needed ? { schema, columns } : null;
}

/** The table a title row opens: the schema matching most of its columns (all of them, at best). */
function titleRow(line: BodyLine): TitleMatch | null {
  let best: TitleMatch | null = null;
  for (const schema of TABLES) {
    const match = matchTitles(line, schema);
    if (!match) continue;
    const score = match.columns.length + (match.columns.length === schema.columns.length ? 0.5 : 0);
    const bestScore = best ? best.columns.length + (best.columns.length === best.schema.columns.length ? 0.5 : 0) : -1;
    if (score > bestScore) best = match;
  }
  return best;
}

function columnRanges(match: TitleMatch, size: number): Column[] {
  const sorted = [...match.columns].sort((a, b) => b.right - a.right);
  const tolerance = 0.3 * size;
  return sorted.map((column, index) => {
    const next = sorted[index + 1];
    const previous = sorted[index - 1];
    return {
      schema: column.schema,
      from: next ? next.right + tolerance : -Infinity,
      to: previous ? column.right + tolerance : Infinity,
    };
  });
}

/** Overlap of [a, b] with [from, to]. */
const overlap = (a: number, b: number, from: number, to: number) => Math.max(0, Math.min(b, to) - Math.max(a, from));

function assign(line: BodyLine, columns: readonly Column[]): Map<string, Cell> {
  const parts = new Map<string, { items: TextCell[]; aligned: number }>();
  for (const item of line.items) {
    const width = Math.max(item.right - item.left, 0.1);
    let best: Column | null = null;
    let bestOverlap = -1;
    for (const column of columns) {
      const o = overlap(item.left, item.right, column.from, column.to);
      if (o > bestOverlap) {
        best = column;
        bestOverlap = o;
      }
    }
    if (!best) continue;
    const part = parts.get(best.schema.key) ?? { items: [], aligned: 1 };
    part.items.push(item);
    part.aligned = Math.min(part.aligned, Math.min(1, bestOverlap / width));
    parts.set(best.schema.key, part);
  }
  const cells = new Map<string, Cell>();
  for (const [key, part] of parts) {
    const text = joinItems(part.items, line.size);
    if (titleKey(text) === '' && !/\d/.test(text)) continue;
    cells.set(key, {
      text,
      page: line.page,
      left: Math.min(...part.items.map((i) => i.left)),
      right: Math.max(...part.items.map((i) => i.right)),
      top: line.y - 0.85 * line.size,
      bottom: line.y + 0.25 * line.size,
      aligned: part.aligned,
      lines: 1,
    });
  }
  return cells;
}

class OpenTable {
  readonly table: Table;
  readonly columns: Column[];
  last: BodyLine;

  constructor(match: TitleMatch, section: SectionKey | null, line: BodyLine) {
    this.table = { schema: match.schema, section, page: line.page, rows: [] };
    this.columns = columnRanges(match, line.size);
    this.last = line;
  }

  /** Adds the line as a new row or as the wrapped continuation of the last one; false when it fits neither. */
  take(line: BodyLine): boolean {
    const samePage = line.page === this.last.page;
    if (samePage && line.y - this.last.y > TABLE_GAP * line.size) return false;
    const cells = assign(line, this.columns);
    if (cells.size === 0) return false;
    const schema = (key: string) => this.columns.find((c) => c.schema.key === key)?.schema;
    const opens = [...cells].some(([key, cell]) => {
      const column = schema(key);
      return column?.startsRow && (!column.pattern || column.pattern.test(cell.text));
    });
    const wrapsOnly = [...cells.keys()].every((key) => schema(key)?.wraps);
    const rows = this.table.rows;
    const last = rows.at(-1);
    if (!last) {
      if (!opens && !this.table.schema.single) return false;
    } else if (!(opens && !this.table.schema.single)) {
      if (!wrapsOnly || (samePage && line.y - this.last.y > 1.8 * line.size)) return false;
      for (const [key, cell] of cells) {
        const above = last.cells[key];
        last.cells[key] = above
          ? { ...above, text: `${above.text} ${cell.text}`, left: Math.min(above.left, cell.left), right: Math.max(above.right, cell.right), bottom: above.page === cell.page ? cell.bottom : above.bottom, aligned: Math.min(above.aligned, cell.aligned), lines: above.lines + 1 }
          : cell;
      }
      this.last = line;
      return true;
    }
    rows.push({ cells: Object.fromEntries(cells), page: line.page });
    this.last = line;
    return true;
  }
}

/** The body as a sequence of section titles, tables and lines that belong to neither. */
export function readBody(body: readonly BodyLine[]): BodyEvent[] {
  const events: BodyEvent[] = [];
  let section: SectionKey | null = null;
  let open: OpenTable | null = null;
  const close = () => {
    if (open) events.push({ type: 'table', table: open.table });
    open = null;
  };
  for (const line of body) {
    const title = sectionOf(line.text);
    if (title) {
      close();
      section = title;
      events.push({ type: 'section', section, page: line.page });
      continue;
    }
    const titles = titleRow(line);
    if (titles) {
      close();
      open = new OpenTable(titles, section, line);
      // A table of another section means that section's title was not seen (on a page that was lost):
      // the table keeps the section it was found in (and is trusted less); what follows belongs to its own.
      if (titles.schema.section && titles.schema.section !== section && titles.schema.kind !== 'share') section = titles.schema.section;
      continue;
    }
    if (open && (open as OpenTable).take(line)) continue;
    close();
    events.push({ type: 'free', line, section });
  }
  close();
  return events;
}
