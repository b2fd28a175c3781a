// Copies a text (a share link, a file's location) and says so; where the clipboard refuses (no
// permission, an unfocused window) it says how to copy by hand instead.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Outcome = 'copied' | 'failed' | null;
const SHOWN_MS = 2500;

export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>(null);
  useEffect(() => {
    if (outcome !== 'copied') return;
    const timer = setTimeout(() => setOutcome(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()} data-testid={testId}>
        {label}
      </button>
      <span role="status" className={outcome === 'failed' ? 'error-text' : 'hint'}>
        {outcome === 'copied' ? t('copy.copied') : outcome === 'failed' ? t('copy.failed') : ''}
      </span>
    </>
  );
}
