// A text field for an exact decimal: the user types freely; a value that parses (at most `decimals`
// decimals, optionally not negative) is committed as a scaled integer, anything else is marked
// invalid and not committed. A new value from outside replaces the text unless it is what is typed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toDecimalText } from '../../../src-shared/domain/calculation/index.ts';
import { parseScaled } from './calculation-model.ts';

export interface DecimalInputProps {
  /** The scaled integer (value x 10^decimals), or null for empty. */
  value: number | null;
  decimals: number;
  onCommit(value: number | null): void;
  label: string;
  id?: string;
  /** Empty commits null; otherwise empty is invalid. */
  allowEmpty?: boolean;
  allowNegative?: boolean;
  /** Zero is refused too (index values, a price). */
  positive?: boolean;
  invalid?: boolean;
  className?: string;
}

const show = (value: number | null, decimals: number) => (value === null ? '' : toDecimalText(value, decimals));

export function DecimalInput({ value, decimals, onCommit, label, id, allowEmpty = false, allowNegative = false, positive = false, invalid = false, className }: DecimalInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => show(value, decimals));
  const [shown, setShown] = useState(value);
  const [bad, setBad] = useState(false);
  // A value from outside (another row removed, a remote update) replaces the text.
  if (shown !== value) {
    setShown(value);
    if (parseScaled(text, decimals) !== value) {
      setText(show(value, decimals));
      setBad(false);
    }
  }
  const change = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setBad(!allowEmpty);
      if (allowEmpty) {
        setShown(null);
        onCommit(null);
      }
      return;
    }
    const scaled = parseScaled(next, decimals);
    const ok = scaled !== null && (positive ? scaled > 0 : allowNegative || scaled >= 0);
    setBad(!ok);
    if (ok) {
      setShown(scaled);
      onCommit(scaled);
    }
  };
  return (
    <input
      id={id}
      type="text"
      inputMode="decimal"
      dir="ltr"
      className={`calc-number${className ? ` ${className}` : ''}`}
      aria-label={label}
      aria-invalid={bad || invalid}
      title={bad ? t('calculation.calc.invalidNumber') : undefined}
      value={text}
      onChange={(event) => change(event.target.value)}
      onBlur={() => {
        if (bad) {
          setText(show(value, decimals));
          setBad(false);
        }
      }}
    />
  );
}
