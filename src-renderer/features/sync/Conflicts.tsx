import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../src-shared/contract/methods.ts';
import { api } from '../../api/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { fieldLabel, valueText } from '../activity/change-words.ts';
import { SubjectTitle } from './SubjectTitle.tsx';

type Conflict = MethodOutput<'sync.conflicts.list'>[number];

export function Conflicts() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Conflict[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const load = useCallback(async () => setItems(await api.call('sync.conflicts.list', {})), []);
  useEffect(() => {
    void load();
    return api.on('data.changed', () => void load());
  }, [load]);

  const resolve = async (conflict: Conflict, choice: 'LOCAL' | 'SERVER' | 'CUSTOM', value?: unknown) => {
    try {
      setError(null);
      await api.call('sync.conflicts.resolve', { id: conflict.id, choice, ...(choice === 'CUSTOM' ? { value } : {}) });
      setEditing(null);
      await load();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="panel" aria-labelledby="conflicts-title">
      <h1 id="conflicts-title">{t('conflicts.title')}</h1>
      <ErrorText error={error} />
      {items?.length === 0 && <p>{t('conflicts.empty')}</p>}
      <ul className="cards">
        {items?.map((conflict) => (
          <li key={conflict.id} className="card" data-testid="conflict">
            <h2>
              <SubjectTitle subject={conflict.subject} />: {fieldLabel(t, conflict.field)}
            </h2>
            <dl>
              <dt>{t('conflicts.mine')}</dt>
              <dd data-testid="conflict-mine" dir="auto">
                {valueText(t, conflict.field, conflict.localValue)}
              </dd>
              <dt>{t('conflicts.theirs')}</dt>
              <dd data-testid="conflict-theirs" dir="auto">
                {valueText(t, conflict.field, conflict.serverValue)}
              </dd>
            </dl>
            {conflict.serverChangedAt && (
              <p className="hint">
                {conflict.serverActorName
                  ? t('conflicts.changedBy', { name: conflict.serverActorName, when: formatDateTime(conflict.serverChangedAt) })
                  : t('conflicts.changedAt', { when: formatDateTime(conflict.serverChangedAt) })}
              </p>
            )}
            {editing?.id === conflict.id ? (
              <div className="actions">
                <input aria-label={fieldLabel(t, conflict.field)} value={editing.text} onChange={(e) => setEditing({ id: conflict.id, text: e.target.value })} />
                <button type="button" className="primary" onClick={() => void resolve(conflict, 'CUSTOM', editing.text)}>
                  {t('conflicts.save')}
                </button>
              </div>
            ) : (
              <div className="actions">
                <button type="button" className="primary" onClick={() => void resolve(conflict, 'LOCAL')}>
                  {t('conflicts.keepMine')}
                </button>
                <button type="button" onClick={() => void resolve(conflict, 'SERVER')}>
                  {t('conflicts.keepTheirs')}
                </button>
                {typeof conflict.localValue === 'string' && (
                  <button type="button" onClick={() => setEditing({ id: conflict.id, text: String(conflict.localValue) })}>
                    {t('conflicts.edit')}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
