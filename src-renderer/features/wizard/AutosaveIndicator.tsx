import { useTranslation } from 'react-i18next';
import type { AutosaveStatus } from '../../wizard/autosaver.ts';

const LABELS: Record<AutosaveStatus, string> = {
  saved: 'wizard.saved',
  saving: 'wizard.saving',
  pending: 'wizard.pending',
  error: 'wizard.saveError',
};

/** Saved / saving / unsaved / error, announced politely as it changes. */
export function AutosaveIndicator({ status }: { status: AutosaveStatus }) {
  const { t } = useTranslation();
  return (
    <span role="status" className={`autosave autosave-${status}`} data-testid="autosave-status" data-status={status}>
      <span aria-hidden="true" className="autosave-dot" />
      {t(LABELS[status])}
    </span>
  );
}
