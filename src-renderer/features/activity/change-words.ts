// Changes in a person's words: a column or a key inside a JSON column ('meta.registeredAreaSqm',
// 'final_valuation_agorot', 'step1_data.street') by its label, and its values as the screens show them
// (shekels, statuses, yes/no). Shared by the activity log, the conflicts and the rejected changes.
import type { TFunction } from 'i18next';
import { formatAgorot } from '../../i18n/format.ts';

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

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function valueText(t: TFunction, path: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('activity.emptyValue');
  const key = fieldKey(path);
  if (typeof value === 'number' && key.endsWith('_agorot')) return formatAgorot(value);
  if (key === 'status' && typeof value === 'string') return t(`status.${value}`, { defaultValue: value });
  if (typeof value === 'boolean') return value ? t('activity.yes') : t('activity.no');
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
    const line: ShownChange =
      isRecord(change) && 'from' in change ? { path, label, from: valueText(t, path, change.from), to: valueText(t, path, change.to) } : { path, label, from: null, to: null };
    const earlier = lines.get(label);
    lines.set(label, earlier ? { ...earlier, from: null, to: null } : line);
  }
  return [...lines.values()];
}
