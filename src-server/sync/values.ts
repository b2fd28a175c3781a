// A pushed mutation's values checked against the columns' types and the contract's value rules
// before the database sees them: a value of the wrong type, too long, not valid Unicode or not finite
// is that mutation's INVALID, never a database error that would stop the batch.
import { columnValueProblem, jsonValueProblem } from '../../src-shared/sync/values.ts';
import type { Mutation } from '../../src-shared/sync/protocol.ts';
import type { ServerColumn } from './tables.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT4_MAX = 2 ** 31 - 1;

function typeProblem(column: ServerColumn, value: unknown): string | null {
  if (value === null || column.json) return null;
  switch (column.sqlType) {
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? null : 'must be an id';
    case 'integer':
      return Number.isInteger(value) && Math.abs(value as number) <= INT4_MAX ? null : 'must be a whole number';
    case 'bigint':
      return Number.isSafeInteger(value) ? null : 'must be a whole number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'text':
      return typeof value === 'string' ? null : 'must be text';
    default:
      if (column.sqlType.startsWith('timestamp')) {
        return typeof value === 'string' && value.length <= 40 && Number.isFinite(Date.parse(value)) ? null : 'must be a date and time';
      }
      return typeof value === 'string' || typeof value === 'number' ? null : 'has a type this column does not take';
  }
}

export interface ValueProblem {
  reason: string;
  /** A text over its length limit (TOO_LONG rather than INVALID). */
  tooLong: boolean;
}

/** The first problem of a mutation's values (its changes and its activity row), worded for people; null when none. */
export function mutationValueProblem(m: Mutation, columns: ReadonlyMap<string, ServerColumn>): ValueProblem | null {
  for (const [name, value] of Object.entries(m.changes)) {
    const column = columns.get(name);
    if (!column) continue; // unknown columns are refused as SCHEMA before this
    const typed = typeProblem(column, value);
    if (typed) return { reason: `${name} ${typed}.`, tooLong: false };
    const problem = columnValueProblem(m.table, name, value, column.json);
    if (problem) return { reason: `${name} ${problem.message}.`, tooLong: problem.tooLong };
  }
  if (m.activity) {
    const problem = jsonValueProblem(m.activity.payload);
    if (problem) return { reason: `The activity record ${problem}.`, tooLong: false };
    if (!Number.isFinite(Date.parse(m.activity.createdAt))) return { reason: 'The activity record has no valid time.', tooLong: false };
  }
  return null;
}
