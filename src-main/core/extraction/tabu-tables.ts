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
/** A wrapped line of a cell is at most this many font sizes below the line above. */
const WRAP_GAP = 1.8;
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

interface TitleColumn {
  schema: ColumnSchema;
  left: number;
  right: number;
  /** Only part of the title is on this line (a title wrapped onto the line above or below): the rest, by letters. */
  missing?: string;
}

interface TitleMatch {
  schema: TableSchema;
  columns: TitleColumn[];
}

/** A column whose title's letters are `key`, or (fragment) whose title starts or ends with them. */
function columnFor(schema: TableSchema, used: ReadonlySet<string>, key: string, fragment: boolean): { column: ColumnSchema; missing?: string } | null {
  for (const column of schema.columns) {
    if (used.has(column.key)) continue;
    for (const title of column.titles.map(titleKey)) {
      if (!fragment && title === key) return { column };
      if (fragment && key.length >= 2 && title !== key && title.startsWith(key)) return { column, missing: title.slice(key.length) };
      if (fragment && key.length >= 2 && title !== key && title.endsWith(key)) return { column, missing: title.slice(0, title.length - key.length) };
    }
  }
  return null;
}

/**
 * The columns of `schema` whose titles make up the whole line, or null. A title may be wrapped, its
 * other part on the line above or below (a narrow column): at most one such fragment per two titles.
 */
function matchTitles(line: BodyLine, schema: TableSchema): TitleMatch | null {
  const columns: TitleColumn[] = [];
  const used = new Set<string>();
  let i = 0;
  while (i < line.items.length) {
    let found: { column: ColumnSchema; missing?: string; k: number } | null = null;
    for (const fragment of [false, true]) {
      for (let k = Math.min(MAX_TITLE_ITEMS, line.items.length - i); k >= 1 && !found; k--) {
        const key = titleKey(line.items.slice(i, i + k).map((item) => item.text).join(''));
        if (key === '') break;
        const match = columnFor(schema, used, key, fragment);
        if (match) found = { ...match, k };
      }
      if (found) break;
    }
    if (found) {
      const run = line.items.slice(i, i + found.k);
      used.add(found.column.key);
      columns.push({ schema: found.column, left: Math.min(...run.map((it) => it.left)), right: Math.max(...run.map((it) => it.right)), ...(found.missing ? { missing: found.missing } : {}) });
      i += found.k;
    } else {
      if (titleKey(line.items[i]?.text ?? '') !== '') return null; // a word that is no title: not a title row
      i++;
    }
  }
  const whole = columns.filter((c) => !c.missing).length;
  const needed = Math.min(2, schema.columns.length);
  return whole >= needed && columns.length - whole <= whole / 2 ? { schema, columns } : null;
}

/**
 * A one-row table printed inline, "title: value  title: value" (as some extracts print the parcel or
 * the deed that created the property): at least two titles of `schema`, each followed by its value.
 */
function matchInline(line: BodyLine, schema: TableSchema): TableRow | null {
  if (!schema.single) return null;
  const parts: { column: ColumnSchema; items: TextCell[] }[] = [];
  const used = new Set<string>();
  let i = 0;
  while (i < line.items.length) {
    let found: { column: ColumnSchema; k: number } | null = null;
    for (let k = Math.min(MAX_TITLE_ITEMS, line.items.length - i); k >= 1 && !found; k--) {
      const key = titleKey(line.items.slice(i, i + k).map((item) => item.text).join(''));
      const match = key ? columnFor(schema, used, key, false) : null;
      if (match) found = { column: match.column, k };
    }
    if (found) {
      used.add(found.column.key);
      parts.push({ column: found.column, items: [] });
      i += found.k;
      continue;
    }
    const part = parts.at(-1);
    if (!part) return null; // a value before any title
    const item = line.items[i] as TextCell;
    if (!(part.items.length === 0 && titleKey(item.text) === '')) part.items.push(item); // the title's colon
    i++;
  }
  if (parts.length < 2 || parts.some((p) => p.items.length === 0)) return null;
  const cells: Record<string, Cell> = {};
  for (const { column, items } of parts) cells[column.key] = cellFrom(items, line);
  return { cells, page: line.page };
}

/** Whether `line` holds nothing but the missing parts of the wrapped titles, each under its column. */
function isTitleTail(line: BodyLine, match: TitleMatch): boolean {
  const fragments = match.columns.filter((c) => c.missing);
  if (!fragments.length || !line.items.length) return false;
  const tolerance = line.size;
  const keys = new Map<TitleColumn, string>();
  for (const item of line.items) {
    const column = fragments.find((c) => item.right <= c.right + tolerance && item.left >= c.left - 4 * tolerance);
    if (!column) return false;
    keys.set(column, (keys.get(column) ?? '') + titleKey(item.text));
  }
  return [...keys].every(([column, key]) => key === column.missing);
}

/** The table a title row opens: the schema matching most of its columns (all of them, at best). */
function titleRow(line: BodyLine): TitleMatch | null {
  const score = (m: TitleMatch) => m.columns.filter((c) => !c.missing).length + (m.columns.length === m.schema.columns.length ? 0.5 : 0);
  let best: TitleMatch | null = null;
  for (const schema of TABLES) {
    const match = matchTitles(line, schema);
    if (match && (!best || score(match) > score(best))) best = match;
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

/** A cell of the given items of a line: their text joined, their box (a line's height about its baseline). */
export function cellFrom(items: readonly TextCell[], line: BodyLine, aligned = 1): Cell {
  return {
    text: joinItems(items, line.size),
    page: line.page,
    left: Math.min(...items.map((it) => it.left)),
    right: Math.max(...items.map((it) => it.right)),
    top: line.y - 0.85 * line.size,
    bottom: line.y + 0.25 * line.size,
    aligned,
    lines: 1,
  };
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
    const cell = cellFrom(part.items, line, part.aligned);
    if (titleKey(cell.text) !== '' || /\d/.test(cell.text)) cells.set(key, cell);
  }
  return cells;
}

class OpenTable {
  readonly table: Table;
  readonly titles: TitleMatch;
  readonly columns: Column[];
  last: BodyLine;

  constructor(match: TitleMatch, section: SectionKey | null, line: BodyLine) {
    this.table = { schema: match.schema, section, page: line.page, rows: [] };
    this.titles = match;
    this.columns = columnRanges(match, line.size);
    this.last = line;
  }

  /** Adds the line as a new row or as the wrapped continuation of the last one; false when it fits neither. */
  take(line: BodyLine): boolean {
    const samePage = line.page === this.last.page;
    const gap = samePage ? line.y - this.last.y : 0; // a page break: the page header came between
    if (gap > TABLE_GAP * line.size) return false;
    const cells = assign(line, this.columns);
    if (cells.size === 0) return false;
    const columnOf = (key: string) => this.columns.find((c) => c.schema.key === key)?.schema;
    const opensRow = [...cells].some(([key, cell]) => {
      const column = columnOf(key);
      return column?.startsRow && (!column.pattern || column.pattern.test(cell.text));
    });
    const last = this.table.rows.at(-1);
    const single = this.table.schema.single === true;
    if (last && !(opensRow && !single)) {
      const wrapsOnly = [...cells.keys()].every((key) => columnOf(key)?.wraps);
      if (!wrapsOnly || gap > WRAP_GAP * line.size) return false;
      continueRow(last, cells);
    } else {
      if (!last && !opensRow && !single) return false;
      this.table.rows.push({ cells: Object.fromEntries(cells), page: line.page });
    }
    this.last = line;
    return true;
  }
}

/** A wrapped line's cells appended to the row above, each to its column. */
function continueRow(row: TableRow, cells: ReadonlyMap<string, Cell>): void {
  for (const [key, cell] of cells) {
    const above = row.cells[key];
    row.cells[key] = above
      ? {
          ...above,
          text: `${above.text} ${cell.text}`,
          left: Math.min(above.left, cell.left),
          right: Math.max(above.right, cell.right),
          bottom: above.page === cell.page ? cell.bottom : above.bottom,
          aligned: Math.min(above.aligned, cell.aligned),
          lines: above.lines + 1,
        }
      : cell;
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
    if (open && open.table.rows.length === 0 && isTitleTail(line, open.titles)) continue;
    const titles = titleRow(line);
    if (titles) {
      close();
      // The other part of a wrapped title printed on the line above (titles sit on their cells' bottom).
      const above = events.at(-1);
      if (above?.type === 'free' && above.line.page === line.page && line.y - above.line.y <= WRAP_GAP * line.size && isTitleTail(above.line, titles)) events.pop();
      open = new OpenTable(titles, section, line);
      // A table of another section means that section's title was not seen (on a page that was lost):
      // the table keeps the section it was found in (and is trusted less); what follows belongs to its own.
      if (titles.schema.section && titles.schema.section !== section && titles.schema.kind !== 'share') section = titles.schema.section;
      continue;
    }
    if (open && open.take(line)) continue;
    close();
    const inline = TABLES.map((schema) => ({ schema, row: matchInline(line, schema) })).find((m) => m.row);
    if (inline?.row) {
      events.push({ type: 'table', table: { schema: inline.schema, section, page: line.page, rows: [inline.row] } });
      if (inline.schema.section && inline.schema.section !== section) section = inline.schema.section;
      continue;
    }
    events.push({ type: 'free', line, section });
  }
  close();
  return events;
}
