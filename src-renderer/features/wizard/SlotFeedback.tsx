import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../ui/error-text.tsx';
import type { UploadProgress } from './use-uploads.ts';

/** A slot's uploads in progress, duplicate notices and refusals. */
export function SlotFeedback({ uploads, notices, problems, errors }: { uploads: UploadProgress[]; notices: string[]; problems: string[]; errors: unknown[] }) {
  const { t } = useTranslation();
  return (
    <>
      <ul className="uploads" aria-live="polite">
        {uploads.map((u) => {
          const percent = Math.round(u.fraction * 100);
          const text = u.phase === 'reading' ? t('step2.reading', { percent }) : t('step2.sending');
          return (
            <li key={u.key} data-testid="upload-progress">
              <span className="file-name" dir="auto">
                {u.fileName}
              </span>
              <progress max={1} value={u.phase === 'reading' ? u.fraction : undefined} aria-label={`${u.fileName}: ${text}`} />
              <span className="hint">{text}</span>
            </li>
          );
        })}
      </ul>
      {notices.map((notice, i) => (
        <p key={`n${i}`} role="status" className="notice" data-testid="duplicate-notice">
          {notice}
        </p>
      ))}
      {problems.map((problem, i) => (
        <p key={`p${i}`} role="alert" className="error-text">
          {problem}
        </p>
      ))}
      {errors.map((error, i) => (
        <ErrorText key={`e${i}`} error={error} />
      ))}
    </>
  );
}
