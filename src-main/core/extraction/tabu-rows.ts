// Facts from table cells: a scalar field, or a row of a list, each with its evidence (page, box,
// printed text), a confidence computed from it, and the reasons it needs review.
import { boxOf, confidenceOf, MIN_ALIGNED, type Fact, type PageSize } from './evidence.ts';
import type { Cell, Table } from './tabu-tables.ts';
import type { Reader } from './tabu-values.ts';
import type { Field, Primitive, ReviewReason, Row } from './types.ts';

/** Whether the table was printed under the section title it belongs to. */
export const isTitled = (table: Table) => table.schema.section === null || table.schema.section === table.section;

export function factOf(cell: Cell | undefined, read: Reader, titled: boolean, sizes: ReadonlyMap<number, PageSize>): Fact<Primitive> | null {
  if (!cell) return null;
  const result = read(cell.text);
  const reasons: ReviewReason[] = [];
  if (result.check === 'FAILED' && result.reason) reasons.push(result.reason);
  if (cell.aligned < MIN_ALIGNED) reasons.push('COLUMN_OVERLAP');
  return {
    value: result.value,
    page: cell.page,
    box: boxOf([cell], sizes),
    text: cell.text,
    confidence: confidenceOf({ titled, aligned: cell.aligned, check: result.check }),
    reasons,
  };
}

export function fieldOf(fact: Fact, document: string | null): Field {
  const field: Field = {
    value: fact.value,
    source: { document, page: fact.page, ...(fact.box ? { bbox: fact.box } : {}), ...(fact.text !== undefined ? { text: fact.text } : {}) },
    confidence: fact.confidence,
    edited: false,
  };
  if (fact.reasons.length) Object.assign(field, { needsReview: true, reviewReasons: [...new Set(fact.reasons)] });
  return field;
}

/** A row of a list being put together from one or more tables (an owner and its share, a mortgage's parts). */
export class RowBuilder {
  readonly values: Record<string, Primitive> = {};
  private readonly cells: Cell[] = [];
  private readonly confidences: number[] = [];
  readonly reasons = new Set<ReviewReason>();
  private readonly sizes: ReadonlyMap<number, PageSize>;

  constructor(keys: readonly string[], sizes: ReadonlyMap<number, PageSize>) {
    for (const key of keys) this.values[key] = null;
    this.sizes = sizes;
  }

  /** Reads the cell into `key` (null when the column was empty). */
  set(key: string, cell: Cell | undefined, read: Reader, titled: boolean): void {
    const fact = factOf(cell, read, titled, this.sizes);
    if (!fact || !cell) return;
    this.values[key] = fact.value;
    this.cells.push(cell);
    this.confidences.push(fact.confidence);
    for (const reason of fact.reasons) this.reasons.add(reason);
  }

  has(key: string): boolean {
    return this.values[key] !== null && this.values[key] !== undefined;
  }

  get page(): number | null {
    return this.cells[0]?.page ?? null;
  }

  /** The row as stored: its values, then its evidence (bbox as "left,top,right,bottom" fractions of its first page). */
  toRow(): Row {
    const box = boxOf(this.cells, this.sizes);
    const confidence = this.confidences.length ? Math.min(...this.confidences) : 0;
    const reasons = [...this.reasons];
    return {
      ...this.values,
      page: this.page,
      bbox: box ? box.join(',') : null,
      confidence: reasons.length ? Math.min(confidence, 0.6) : confidence,
      needsReview: reasons.length > 0,
      reviewReasons: reasons.length ? reasons.join(',') : null,
    };
  }
}
