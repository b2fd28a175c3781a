// Saved / saving / unsaved / error for one part of step 4, announced politely as it changes.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../ui/error-text.tsx';
import type { SaveStatus } from './debounced-saver.ts';

const LABELS: Record<SaveStatus, string> = {
  saved: 'analysis.saved',
  saving: 'analysis.saving',
  pending: 'analysis.pending',
  error: 'analysis.saveError',
};

export function SaveIndicator({ status, error, testId }: { status: SaveStatus; error: unknown; testId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span role="status" className={`analysis-save save-${status}`} data-testid={testId} data-status={status}>
        <span aria-hidden="true" className="save-dot" />
        {t(LABELS[status])}
      </span>
      {status === 'error' && <ErrorText error={error} />}
    </>
  );
}

/** Dropping a file outside a drop zone must not open it in the window (Electron would navigate away). */
export function useWindowDropGuard() {
  useEffect(() => {
    const guard = (event: DragEvent) => {
      if (event.defaultPrevented) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);
}
