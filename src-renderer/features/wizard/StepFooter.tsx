import { useTranslation } from 'react-i18next';
import { hrefOf } from '../../app/router.ts';

export interface StepFooterProps {
  /** Null for a valuation not created yet: there is no other step to go to, only back to the list. */
  valuationId: string | null;
  step: number;
  /** Shows "complete step"; a submit button when the step is a form. */
  complete?: { busy: boolean; submit?: boolean; onClick?: () => void } | null;
}

/** Previous / complete / next, at the end of every step. */
export function StepFooter({ valuationId, step, complete }: StepFooterProps) {
  const { t } = useTranslation();
  return (
    <div className="wizard-footer">
      {valuationId === null && (
        <a className="button-link" href={hrefOf({ name: 'dashboard' })}>
          {t('wizard.cancel')}
        </a>
      )}
      {valuationId !== null && step > 1 && (
        <a className="button-link" href={hrefOf({ name: 'valuation', id: valuationId, step: step - 1 })} rel="prev">
          {t('wizard.previous')}
        </a>
      )}
      <span className="spacer" />
      {complete && (
        <button type={complete.submit ? 'submit' : 'button'} className="primary" disabled={complete.busy} aria-busy={complete.busy} onClick={complete.onClick} data-testid="complete-step">
          {complete.busy ? t('wizard.completing') : t('wizard.complete')}
        </button>
      )}
      {valuationId !== null && step < 5 && (
        <a className="button-link" href={hrefOf({ name: 'valuation', id: valuationId, step: step + 1 })} rel="next">
          {t('wizard.next')}
        </a>
      )}
    </div>
  );
}
