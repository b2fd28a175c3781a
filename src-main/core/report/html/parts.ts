// The small building blocks of the report's template, as React components (createElement, not JSX:
// the core runs under Node's type stripping, which does not read .tsx). Text that is not stated is
// printed as a visible placeholder; numbers, dates and sums are isolated LTR runs, so "6109/396/118"
// and "-40,000" read correctly inside Hebrew lines; a sum's ₪ stays in the Hebrew line, after the number.
import { createElement as h, Fragment, type ReactNode } from 'react';
import { splitShekelSign } from '../../../../src-shared/domain/report/format.ts';
import { WHOLE_TABLE_MAX_ROWS } from './page.ts';
import type { ReportField, ReportImage, ReportTable } from '../../../../src-shared/domain/report/model.ts';
import { EMPTY_CELL_TEXT, MISSING_TEXT } from '../../../../src-shared/domain/report/texts.ts';


/** A value as printed: an LTR-isolated run, a direction-neutral isolate (dir=auto), or the placeholder. */
export function Value({ text, ltr = false }: { text: string | null; ltr?: boolean }) {
  if (text === null) return h('span', { className: 'missing' }, MISSING_TEXT);
  if (!ltr) return h('bdi', null, text);
  const sum = splitShekelSign(text);
  if (sum) return h(Fragment, null, h('bdi', { className: 'ltr', dir: 'ltr' }, sum.amount), sum.sign);
  return h('bdi', { className: 'ltr', dir: 'ltr' }, text);
}

/** A table cell's value: as Value, with a quiet dash for an empty cell. */
function Cell({ text, ltr }: { text: string | null; ltr: boolean }) {
  return text === null ? h('span', { className: 'empty' }, EMPTY_CELL_TEXT) : h(Value, { text, ltr });
}

/** Label/value pairs as a two-column table. */
export function Fields({ fields }: { fields: readonly ReportField[] }) {
  if (fields.length === 0) return null;
  return h(
    'table',
    { className: 'fields' },
    h(
      'tbody',
      null,
      fields.map((f, i) => h('tr', { key: i }, h('th', null, f.label), h('td', null, h(Value, { text: f.value, ltr: f.ltr ?? false })))),
    ),
  );
}

/** A table of the model; an empty one says so in a single row. */
export function Table({ table, compact = false }: { table: ReportTable; compact?: boolean }) {
  const classes = [compact ? 'compact' : null, table.rows.length <= WHOLE_TABLE_MAX_ROWS ? 'whole' : null].filter(Boolean).join(' ');
  const body =
    table.rows.length === 0
      ? [h('tr', { key: 'none' }, h('td', { colSpan: table.columns.length }, h(Value, { text: null })))]
      : table.rows.map((row, i) =>
          h(
            'tr',
            { key: i, className: row.total ? 'total' : row.muted ? 'muted' : undefined },
            row.cells.map((cell, j) => h('td', { key: j }, h(Cell, { text: cell, ltr: table.columns[j]?.ltr ?? false }))),
          ),
        );
  return h(
    'table',
    { className: classes || undefined },
    h('thead', null, h('tr', null, table.columns.map((c, i) => h('th', { key: i }, c.label)))),
    h('tbody', null, body),
  );
}

/** Images with captions, two to a row (or one, full width, for maps and plans). */
export function Gallery({ images, wide = false }: { images: readonly ReportImage[]; wide?: boolean }) {
  if (images.length === 0) return null;
  return h(
    'div',
    { className: wide ? 'gallery wide' : 'gallery' },
    images.map((image, i) =>
      h(
        'figure',
        { key: i },
        h('img', { src: image.dataUrl, width: image.width, height: image.height, alt: image.caption ?? '' }),
        image.caption ? h('figcaption', null, image.caption) : null,
      ),
    ),
  );
}

export function Paragraphs({ texts }: { texts: readonly string[] }) {
  return texts.map((text, i) => h('p', { key: i }, text));
}

export function List({ items }: { items: readonly string[] }) {
  return h(
    'ul',
    null,
    items.map((item, i) => h('li', { key: i }, item)),
  );
}

/** A section with its heading: it opens a page when asked, else starts where it fits. */
export function Section({ heading, pageStart = false, children }: { heading: string; pageStart?: boolean; children?: ReactNode }) {
  return h('section', pageStart ? { className: 'page-start' } : null, h('h2', null, heading), children);
}
