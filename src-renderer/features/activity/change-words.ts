// Changes in a person's words: a column or a key inside a JSON column ('meta.registeredAreaSqm',
// 'final_valuation_agorot', 'step1_data.street') by its label, and its values as the screens show them
// (shekels, statuses, yes/no). Shared by the activity log, the conflicts and the rejected changes.
import type { TFunction } from 'i18next';
import { formatAgorot, formatDateTime } from '../../i18n/format.ts';
import { isRecord } from '../../../src-shared/domain/collections.ts';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGEST = /^[0-9a-f]{40,}$/i;

/** A reference to another row (an id): nothing a person reads, so such a change is named only. */
export const isReference = (value: unknown): boolean => typeof value === 'string' && UUID.test(value);

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The catalog key of a changed field: the column in snake case, a JSON key after a double underscore. */
export function fieldKey(path: string): string {
  const [column = '', ...rest] = path.split('.');
  return [snake(column), ...rest].join('__');
}

export function fieldLabel(t: TFunction, path: string): string {
  const key = fieldKey(path);
  const column = key.split('__')[0] ?? key;
  return t(`activityFields.${key}`, { defaultValue: t(`activityFields.${column}`, { defaultValue: t('activityFields.other') }) });
}


export function valueText(t: TFunction, path: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('activity.emptyValue');
  const key = fieldKey(path);
  if (typeof value === 'number' && key.endsWith('_agorot')) return formatAgorot(value);
  if (key === 'status' && typeof value === 'string') return t(`status.${value}`, { defaultValue: value });
  if (typeof value === 'boolean') return value ? t('activity.yes') : t('activity.no');
  if (typeof value === 'string' && ISO_TIMESTAMP.test(value)) return formatDateTime(value);
  // A seal or file digest: its first characters are enough to recognise it.
  if (typeof value === 'string' && DIGEST.test(value)) return `${value.slice(0, 8)}…`;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (isRecord(value) && 'value' in value) return valueText(t, path, value.value);
  return t('activity.complexValue');
}

export interface ShownChange {
  /** The changed field's path, unique within an entry. */
  path: string;
  label: string;
  from: string | null;
  to: string | null;
}

/**
 * An activity entry's payload.changes as lines "label: from → to" (a large value only named). Keys the
 * catalog does not name fall back to their column's label; several of them make one line, named only.
 */
export function shownChanges(t: TFunction, changes: unknown): ShownChange[] {
  if (!isRecord(changes)) return [];
  const lines = new Map<string, ShownChange>();
  for (const [path, change] of Object.entries(changes)) {
    const label = fieldLabel(t, path);
    const plain = isRecord(change) && 'from' in change && !isReference(change.from) && !isReference(change.to);
    const line: ShownChange = plain ? { path, label, from: valueText(t, path, change.from), to: valueText(t, path, change.to) } : { path, label, from: null, to: null };
    const earlier = lines.get(label);
    lines.set(label, earlier ? { ...earlier, from: null, to: null } : line);
  }
  return [...lines.values()];
}
