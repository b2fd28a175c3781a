// Small builders of the model's fields and tables, so each section states only what it prints.
import type { ReportField, ReportTable } from './types.ts';

export interface ColumnSpec<T> {
  label: string;
  ltr?: boolean;
  cell: (item: T) => string | null;
}

/** One row per item, one cell per column. */
export function tableOf<T>(items: readonly T[], columns: readonly ColumnSpec<T>[]): ReportTable {
  return {
    columns: columns.map(({ label, ltr }) => (ltr ? { label, ltr } : { label })),
    rows: items.map((item) => ({ cells: columns.map((column) => column.cell(item)) })),
  };
}

export const field = (label: string, value: string | null, ltr = false): ReportField => (ltr ? { label, value, ltr } : { label, value });

/** The first of the values that is there. */
export const firstOf = (...values: (string | null | undefined)[]): string | null => values.find((v): v is string => typeof v === 'string' && v !== '') ?? null;

/** Parts joined with a separator, null when none is there. */
export function joined(separator: string, ...parts: (string | null | undefined)[]): string | null {
  const present = parts.filter((p): p is string => typeof p === 'string' && p !== '');
  return present.length ? present.join(separator) : null;
}
