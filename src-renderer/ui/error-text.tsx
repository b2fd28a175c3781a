import { useTranslation } from 'react-i18next';
import { errorSentence } from './error-sentence.ts';

export interface ErrorTextProps {
  error: unknown;
  /**
   * Sentences of the screen for failures it expects, by the error's details.reason or its code
   * (the reason wins): "share links need a connection" rather than the general sentence.
   */
  messages?: Readonly<Record<string, string>>;
}

/** A failure as a sentence in the user's language, under a heading for its kind. */
export function ErrorText({ error, messages }: ErrorTextProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const { heading, detail } = errorSentence(t, error, messages);
  return (
    <p role="alert" className="error-text">
      <strong>{heading}:</strong> {detail}
    </p>
  );
}
