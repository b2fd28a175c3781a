import { useTranslation } from 'react-i18next';
import { ApiError } from '../../src-shared/contract/client.ts';

/** A failure as a sentence: the core's message under a translated heading for its code. */
export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const heading = error instanceof ApiError ? t(`errors.${error.code}`) : t('errors.generic');
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <p role="alert" className="error-text">
      <strong>{heading}:</strong> {detail}
    </p>
  );
}
