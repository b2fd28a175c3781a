// Lines from positioned text items. Registry PDFs carry Hebrew in logical order interleaved with bidi
// controls, with numbers (9905, 104/5975, 1,305,000) as LTR runs inside RTL lines; depending on the
// producer a run arrives as one item or one item per glyph. Here: controls are stripped, items are
// grouped by baseline, ordered by position (right to left when the line is Hebrew), and joined into
// cells where a wide gap separates them. An item's own text is never reordered, so LTR runs stay
// intact. Pure: no PDF library here.

export interface TextItem {
  text: string;
  /** Left and right edges and baseline, in points, y growing downwards. */
  left: number;
  right: number;
  y: number;
  /** Font size in points (the item's height). */
  size: number;
}

export interface TextCell {
  text: string;
  left: number;
  right: number;
}

export interface TextLine {
  page: number;
  /** The mean baseline, in points from the top of the page. */
  y: number;
  /** The largest font size on the line, in points. */
  size: number;
  rtl: boolean;
  /** The line's text items in reading order (an LTR run split by its producer joined into one). */
  items: TextCell[];
  /** The cells in reading order (right to left for a Hebrew line), joined by single spaces. */
  text: string;
  cells: TextCell[];
}

/** Explicit bidi formatting characters (embeddings, overrides, isolates, marks), zero-width joiners, BOM. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200C-\u200F\u061C\uFEFF]/g;

/** Strips bidi controls and unifies quotes, geresh/gershayim and spaces; collapses whitespace. */
export function normaliseText(text: string): string {
  return text
    .replaceAll('\u0000', '') // a glyph without a Unicode mapping
    .replace(BIDI_CONTROLS, '')
    .normalize('NFC')
    .replace(/[\u05F4\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u05F3\u2018\u2019\u201A\u2032\u00B4`]/g, "'")
    .replace(/''/g, '"')
    .replace(/[\u2010-\u2015\u2212\u05BE]/g, '-')
    .replace(/[\s\u00A0\u2000-\u200B\u202F\u205F\u3000]+/g, ' ')
    .trim();
}

const HEBREW = /[\u0590-\u05FF\uFB1D-\uFB4F]/g;
const HEBREW_TEST = /[\u0590-\u05FF\uFB1D-\uFB4F]/;
const LATIN = /[A-Za-z]/g;

function isRtl(text: string): boolean {
  const hebrew = text.match(HEBREW)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  return hebrew > 0 && hebrew >= latin;
}

/** Gaps wider than this many font sizes start a new cell; wider than SPACE_GAP insert a space. */
const CELL_GAP = 1.0;
const SPACE_GAP = 0.15;
/** Items whose baselines differ by less than this many font sizes share a line. */
const SAME_LINE = 0.4;

const STRONG_OR_NUMBER = /[\p{L}\p{N}]/u;
const touching = (a: TextItem, b: TextItem) => a.left - b.right <= SPACE_GAP * Math.max(a.size, b.size, 1);
const latinWords = (a: TextItem, b: TextItem) =>
  /[A-Za-z]$/.test(a.text) && /^[A-Za-z]/.test(b.text) && a.left - b.right <= 0.6 * Math.max(a.size, b.size, 1);

/** Items joined left to right, a space where they do not touch. */
function joinLtr(items: readonly TextItem[]): TextItem {
  const sorted = [...items].sort((a, b) => a.left - b.left);
  let text = '';
  let previous: TextItem | null = null;
  for (const item of sorted) {
    text += previous && item.left - previous.right > SPACE_GAP * Math.max(item.size, 1) ? ` ${item.text}` : item.text;
    previous = item;
  }
  return {
    text,
    left: Math.min(...items.map((i) => i.left)),
    right: Math.max(...items.map((i) => i.right)),
    y: items[0]?.y ?? 0,
    size: Math.max(...items.map((i) => i.size)),
  };
}

/**
 * In an RTL line sorted right to left, an LTR run that the producer wrote as several items (a number
 * split by a font change, digits drawn one by one, Latin words) would come out reversed: such items
 * (no Hebrew, touching, the run starting and ending with a letter or digit — as the bidi algorithm
 * joins 2019-0456 or 1,305,000 into one run) become one unit read left to right. A colon or a space
 * next to a number stays where it is.
 */
function rtlUnits(items: readonly TextItem[]): TextItem[] {
  const out: TextItem[] = [];
  let i = 0;
  while (i < items.length) {
    const start = items[i] as TextItem;
    let end = i;
    if (!HEBREW_TEST.test(start.text) && STRONG_OR_NUMBER.test(start.text)) {
      while (end + 1 < items.length) {
        const a = items[end] as TextItem;
        const b = items[end + 1] as TextItem;
        if (HEBREW_TEST.test(b.text) || !(touching(a, b) || latinWords(a, b))) break;
        end++;
      }
      while (end > i && !STRONG_OR_NUMBER.test((items[end] as TextItem).text)) end--; // a trailing neutral stays RTL
    }
    out.push(end === i ? start : joinLtr(items.slice(i, end + 1)));
    i = end + 1;
  }
  return out;
}

/** Groups the items of one page into lines, top to bottom. */
export function buildLines(items: readonly TextItem[], page: number): TextLine[] {
  const clean = items
    .map((item, index) => ({ ...item, text: normaliseText(item.text), index }))
    .filter((item) => item.text !== '' && Number.isFinite(item.left) && Number.isFinite(item.y));
  clean.sort((a, b) => a.y - b.y || a.index - b.index);

  const groups: (typeof clean)[] = [];
  for (const item of clean) {
    const current = groups.at(-1);
    const first = current?.[0];
    if (current && first && Math.abs(item.y - first.y) <= SAME_LINE * Math.max(item.size, first.size, 1)) current.push(item);
    else groups.push([item]);
  }

  return groups.map((group) => {
    const rtl = isRtl(group.map((item) => item.text).join(''));
    const sorted = [...group].sort((a, b) =>
      rtl ? b.right - a.right || b.left - a.left || a.index - b.index : a.left - b.left || a.index - b.index,
    );
    const ordered = rtl ? rtlUnits(sorted) : sorted;
    const cells: TextCell[] = [];
    let previous: TextItem | null = null;
    for (const item of ordered) {
      const size = Math.max(item.size, 1);
      const gap = previous ? (rtl ? previous.left - item.right : item.left - previous.right) : Infinity;
      const cell = cells.at(-1);
      if (!cell || gap > CELL_GAP * size) {
        cells.push({ text: item.text, left: item.left, right: item.right });
      } else {
        cell.text = gap > SPACE_GAP * size ? `${cell.text} ${item.text}` : `${cell.text}${item.text}`;
        cell.left = Math.min(cell.left, item.left);
        cell.right = Math.max(cell.right, item.right);
      }
      previous = item;
    }
    for (const cell of cells) cell.text = normaliseText(cell.text);
    const y = group.reduce((sum, item) => sum + item.y, 0) / group.length;
    const size = Math.max(...group.map((item) => item.size));
    const units = ordered.map((item) => ({ text: normaliseText(item.text), left: item.left, right: item.right }));
    return { page, y, size, rtl, items: units, cells, text: cells.map((cell) => cell.text).join(' ') };
  });
}
