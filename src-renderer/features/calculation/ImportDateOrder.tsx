// The date order of a comparables file in the import preview: how the file's dates were read (decided
// by a date only one order can read, or by the user), and the choice when every date reads both ways.
// Sample dates are written with the month's name, so the two readings cannot be confused.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreviewOutput } from '../../../src-shared/domain/comparables/contract.ts';
import { DATE_ORDERS, type DateOrder } from '../../../src-shared/domain/comparables/dates.ts';

type Decision = ImportPreviewOutput['dateOrder'];

export function ImportDateOrder({ decision, busy, onChoose }: { decision: Decision; busy: boolean; onChoose(order: DateOrder): void }) {
  const { t, i18n } = useTranslation();
  const undecided = decision.basis === 'ASK' || decision.basis === 'MIXED';
  const id = useId();
  if (decision.basis === 'NONE') return null;
  const spelled = (iso: string | null) =>
    iso ? new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)) : t('comparablesImport.dateOrder.impossible');
  return (
    <fieldset className={undecided ? 'calc-warning' : undefined} data-testid="import-date-order" aria-describedby={`${id}-status`}>
      <legend>{t('comparablesImport.dateOrder.legend')}</legend>
      <p id={`${id}-status`}>
        {undecided ? t(`comparablesImport.dateOrder.${decision.basis === 'ASK' ? 'ask' : 'mixed'}`) : t(`comparablesImport.dateOrder.${decision.basis === 'FILE' ? 'byFile' : 'byUser'}`, { order: t(`comparablesImport.dateOrder.${decision.order!}`) })}
      </p>
      {DATE_ORDERS.map((order) => (
        <label key={order} className="radio">
          <input type="radio" name={`${id}-order`} value={order} checked={decision.order === order} disabled={busy} onChange={() => onChoose(order)} />
          <span>{t(`comparablesImport.dateOrder.${order}`)}</span>
          {decision.samples.length > 0 && (
            <span className="hint">
              {' — '}
              {decision.samples.map((s) => t('comparablesImport.dateOrder.sample', { row: s.rowNumber, raw: s.raw, date: spelled(order === 'DMY' ? s.dmy : s.mdy) })).join('; ')}
            </span>
          )}
        </label>
      ))}
    </fieldset>
  );
}
