import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefOf } from '../../app/router.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useSync } from '../../stores/sync.ts';

export function SyncPanel() {
  const { t } = useTranslation();
  const { status, load, pause, start } = useSync();
  useEffect(() => void load(), [load]);
  if (!status) return <p>{t('app.loading')}</p>;
  const progress = status.progress;
  return (
    <section className="panel" aria-labelledby="sync-title">
      <h1 id="sync-title">{t('sync.title')}</h1>
      <p className={`phase phase-${status.phase}`} data-testid="sync-phase">
        {t(`sync.phase.${status.phase}`)}
      </p>
      {progress && progress.rowsTotal ? (
        <div>
          <progress max={progress.rowsTotal} value={progress.rowsDone} aria-label={t('sync.title')} />
          <span>{t('sync.progressRows', { done: progress.rowsDone, total: progress.rowsTotal })}</span>
        </div>
      ) : null}
      <ul className="facts">
        <li data-testid="sync-pending">{t('sync.pending', { count: status.pending })}</li>
        <li>
          <a href={hrefOf({ name: 'conflicts' })}>{t('sync.conflicts', { count: status.conflicts })}</a>
        </li>
        <li>
          <a href={hrefOf({ name: 'rejected' })}>{t('sync.rejected', { count: status.rejected })}</a>
        </li>
        <li>{status.lastSyncAt ? t('sync.lastSync', { when: formatDateTime(status.lastSyncAt) }) : t('sync.never')}</li>
      </ul>
      {status.lastError && (
        <p role="alert" className="error-text">
          {status.lastError}
        </p>
      )}
      <div className="actions">
        {status.paused ? (
          <button type="button" className="primary" onClick={() => void start()}>
            {t('sync.resume')}
          </button>
        ) : (
          <>
            <button type="button" className="primary" onClick={() => void start()}>
              {t('sync.syncNow')}
            </button>
            <button type="button" onClick={() => void pause()}>
              {t('sync.pause')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
