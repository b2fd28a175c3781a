// The evidence behind an extracted fact, and the confidence computed from it. A value read from a
// table is trusted as far as (a) its table's title row was recognised in the section the registry
// prints it in, (b) its text sat inside its column, and (c) it passed its check (a date that exists, an
// ID with the right check digit, a fraction; free text has nothing to check and stays below "VALID").
// A failed check keeps the confidence under 0.8 whatever else was right.
import type { Cell } from './tabu-tables.ts';
import type { Check } from './tabu-values.ts';
import type { ReviewReason } from './types.ts';

export interface PageSize {
  width: number;
  height: number;
}

export type Box = [number, number, number, number];

const CHECK_WEIGHT: Record<Check, number> = { VALID: 1, TEXT: 0.6, FAILED: 0 };

export interface Trust {
  /** The title row matched a table of the section it is printed in (false: found outside it). */
  titled: boolean;
  /** 0..1: the least share of the value's text inside its column. */
  aligned: number;
  check: Check;
}

/** 0.25 base + 0.2 title + 0.2 alignment + 0.33 check: 0.98 at best, under 0.8 with a failed check. */
export function confidenceOf({ titled, aligned, check }: Trust): number {
  const value = 0.25 + 0.2 * (titled ? 1 : 0.5) + 0.2 * Math.max(0, Math.min(1, aligned)) + 0.33 * CHECK_WEIGHT[check];
  return Math.round(value * 100) / 100;
}

/** Values that straddle two columns by more than this are flagged: the column split may be wrong. */
export const MIN_ALIGNED = 0.9;

/** One fact: its value with where it was read and how far it is trusted. */
export interface Fact<T = unknown> {
  value: T;
  page: number | null;
  box: Box | undefined;
  text: string | undefined;
  confidence: number;
  reasons: ReviewReason[];
}

const round = (n: number) => Math.round(n * 10000) / 10000;

/** The union of the cells printed on the first of their pages, as fractions of that page. */
export function boxOf(cells: readonly Pick<Cell, 'page' | 'left' | 'right' | 'top' | 'bottom'>[], sizes: ReadonlyMap<number, PageSize>): Box | undefined {
  const first = cells[0];
  if (!first) return undefined;
  const size = sizes.get(first.page);
  if (!size) return undefined;
  const onPage = cells.filter((c) => c.page === first.page);
  return [
    round(Math.max(0, Math.min(...onPage.map((c) => c.left)) / size.width)),
    round(Math.max(0, Math.min(...onPage.map((c) => c.top)) / size.height)),
    round(Math.min(1, Math.max(...onPage.map((c) => c.right)) / size.width)),
    round(Math.min(1, Math.max(...onPage.map((c) => c.bottom)) / size.height)),
  ];
}
