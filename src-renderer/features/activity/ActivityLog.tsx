// A valuation's activity as a person would tell it: who did what, to what, when, and for an edit each
// field by its label with its old and new value. The wizard's autosaves of its own session are
// folded away (they are bookkeeping, not work).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityEntry } from '../../../src-shared/contract/entities.ts';
import { api } from '../../api/index.ts';
import { hrefOf } from '../../app/router.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { shownChanges } from './change-words.ts';

const isAutosave = (entry: ActivityEntry) => entry.subjectType === 'session' && entry.action === 'updated';

export function ActivityLog({ valuationId }: { valuationId: string }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<ActivityEntry[] | null>(null);
  const [title, setTitle] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.call('activity.query', { valuationId, limit: 200 }).then(setItems, setError);
    api.call('valuations.get', { id: valuationId }).then((v) => setTitle(v.title), setError);
  }, [valuationId]);
  const shown = items?.filter((entry) => !isAutosave(entry)) ?? null;
  const folded = (items?.length ?? 0) - (shown?.length ?? 0);
  return (
    <section className="panel" aria-labelledby="activity-title">
      <a href={hrefOf({ name: 'valuation', id: valuationId, step: 1 })}>{t('valuation.back')}</a>
      <h1 id="activity-title">{t('activity.title')}</h1>
      {title && (
        <p className="hint" dir="auto">
          {title}
        </p>
      )}
      <ErrorText error={error} />
      {shown?.length === 0 && <p>{t('activity.empty')}</p>}
      <ol className="activity" data-testid="activity-list">
        {shown?.map((entry) => {
          // A wizard step's own bookkeeping (its session row) is not the valuation's data.
          const changes = entry.subjectType === 'session' ? [] : shownChanges(t, entry.payload.changes);
          const name = typeof entry.payload.fileName === 'string' ? entry.payload.fileName : null;
          return (
            <li key={entry.id} data-testid="activity-entry">
              <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time> · <span dir="auto">{entry.actorName ?? t('activity.someone')}</span> ·{' '}
              {t(`activity.actions.${entry.action}`, { subject: t(`activity.subjects.${entry.subjectType}`) })}
              {name && (
                <>
                  {' '}
                  <span dir="auto">{name}</span>
                </>
              )}
              {entry.action === 'status_changed' && typeof entry.payload.to === 'string' && (
                <> — {t('activity.statusTo', { status: t(`status.${entry.payload.to}`, { defaultValue: entry.payload.to }) })}</>
              )}
              {changes.length > 0 && (
                <ul className="activity-changes">
                  {changes.map((change) => (
                    <li key={change.path}>
                      {change.label}
                      {change.from !== null && (
                        <>
                          : <bdi>{change.from}</bdi> {t('activity.arrow')} <bdi>{change.to}</bdi>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      {folded > 0 && <p className="hint">{t('activity.autosavesFolded', { count: folded })}</p>}
    </section>
  );
}
