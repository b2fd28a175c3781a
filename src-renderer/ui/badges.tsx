import { useTranslation } from 'react-i18next';
import type { RowSyncState } from '../../src-shared/contract/entities.ts';
import type { ValuationStatus } from '../../src-shared/domain/enums.ts';

export function StatusBadge({ status }: { status: ValuationStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status.toLowerCase()}`}>{t(`status.${status}`)}</span>;
}

export function SyncBadge({ state }: { state: RowSyncState }) {
  const { t } = useTranslation();
  return (
    // No aria-label: a plain span may not be named (ARIA), and its text already says it.
    <span className={`sync-badge sync-${state}`}>
      <span aria-hidden="true" className="sync-dot" />
      {t(`rowSync.${state}`)}
    </span>
  );
}
