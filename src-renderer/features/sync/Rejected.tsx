import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../src-shared/contract/methods.ts';
import { api } from '../../api/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { fieldLabel, valueText } from '../activity/change-words.ts';
import { SubjectTitle } from './SubjectTitle.tsx';

type Rejection = MethodOutput<'sync.rejected.list'>[number];

export function Rejected() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Rejection[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => setItems(await api.call('sync.rejected.list', {})), []);
  useEffect(() => {
    void load();
    return api.on('data.changed', () => void load());
  }, [load]);
  const act = async (method: 'sync.rejected.retry' | 'sync.rejected.discard', id: string) => {
    try {
      setError(null);
      await api.call(method, { id });
      await load();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="panel" aria-labelledby="rejected-title">
      <h1 id="rejected-title">{t('rejected.title')}</h1>
      <ErrorText error={error} />
      {items?.length === 0 && <p>{t('rejected.empty')}</p>}
      <ul className="cards">
        {items?.map((item) => (
          <li key={item.id} className="card" data-testid="rejection">
            <h2>
              <SubjectTitle subject={item.subject} /> · {t(`rejected.operations.${item.operation}`)} · {formatDateTime(item.createdAt)}
            </h2>
            <p>
              <strong>{t('rejected.reason')}:</strong> {t(`rejectionReasons.${item.reasonCode}`, { defaultValue: t('rejectionReasons.INVALID') })}
            </p>
            {item.operation !== 'delete' && (
              <ul className="activity-changes">
                {Object.entries(item.changes)
                  .filter(([column]) => column !== 'id' && column !== 'updated_at' && column !== 'organization_id')
                  .map(([column, value]) => (
                    <li key={column}>
                      {fieldLabel(t, column)}: <bdi>{valueText(t, column, value)}</bdi>
                    </li>
                  ))}
              </ul>
            )}
            <div className="actions">
              <button type="button" className="primary" onClick={() => void act('sync.rejected.retry', item.id)}>
                {t('rejected.retry')}
              </button>
              <button type="button" onClick={() => void act('sync.rejected.discard', item.id)}>
                {t('rejected.discard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
