import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityEntry } from '../../../src-shared/contract/entities.ts';
import { api } from '../../api/index.ts';
import { hrefOf } from '../../app/router.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { ErrorText } from '../../ui/error-text.tsx';

export function ActivityLog({ valuationId }: { valuationId: string }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<ActivityEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.call('activity.query', { valuationId, limit: 200 }).then(setItems, setError);
  }, [valuationId]);
  return (
    <section className="panel" aria-labelledby="activity-title">
      <a href={hrefOf({ name: 'valuation', id: valuationId, step: 1 })}>{t('valuation.back')}</a>
      <h1 id="activity-title">{t('activity.title')}</h1>
      <ErrorText error={error} />
      {items?.length === 0 && <p>{t('activity.empty')}</p>}
      <ol className="activity" data-testid="activity-list">
        {items?.map((entry) => (
          <li key={entry.id}>
            <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time> · {entry.actorName ?? ''} · {entry.subjectType} · {entry.action}
            {Array.isArray(entry.payload.fields) && <span className="hint"> ({(entry.payload.fields as string[]).join(', ')})</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
