import { useTranslation } from 'react-i18next';
import { hrefOf } from '../../app/router.ts';
import { useSync } from '../../stores/sync.ts';

/** The header's sync state: phase, pending count, and a way to the sync panel. */
export function SyncSummary() {
  const { t } = useTranslation();
  const status = useSync((s) => s.status);
  if (!status) return null;
  return (
    <a href={hrefOf({ name: 'sync' })} className={`sync-summary phase-${status.phase}`} data-testid="sync-summary">
      <span aria-hidden="true" className="sync-dot" />
      {t(`sync.phase.${status.phase}`)}
      {status.pending > 0 && <span className="pill">{t('sync.pending', { count: status.pending })}</span>}
      {status.conflicts > 0 && <span className="pill warn">{t('sync.conflicts', { count: status.conflicts })}</span>}
      {status.rejected > 0 && <span className="pill warn">{t('sync.rejected', { count: status.rejected })}</span>}
    </a>
  );
}
