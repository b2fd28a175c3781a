import { useTranslation } from 'react-i18next';
import { ApiError } from '../../src-shared/contract/client.ts';

export interface ErrorTextProps {
  error: unknown;
  /**
   * Sentences of the screen for failures it expects, by the error's details.reason or its code
   * (the reason wins): "share links need a connection" rather than the core's own words.
   */
  messages?: Readonly<Record<string, string>>;
}

/** A failure as a sentence: the core's message under a translated heading for its code. */
export function ErrorText({ error, messages }: ErrorTextProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const heading = error instanceof ApiError ? t(`errors.${error.code}`) : t('errors.generic');
  const detail = error instanceof Error ? error.message : String(error);
  const reason = error instanceof ApiError && typeof error.details?.reason === 'string' ? error.details.reason : null;
  const known = error instanceof ApiError && messages ? ((reason !== null ? messages[reason] : undefined) ?? messages[error.code]) : undefined;
  return (
    <p role="alert" className="error-text">
      <strong>{heading}:</strong> {known ?? detail}
    </p>
  );
}
