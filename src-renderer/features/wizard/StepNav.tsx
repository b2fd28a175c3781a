import { useTranslation } from 'react-i18next';
import type { Valuation } from '../../../src-shared/contract/entities.ts';
import { hrefOf } from '../../app/router.ts';

export const STEPS = [1, 2, 3, 4, 5] as const;

const STEP_DATA = ['step1Data', 'step2Data', 'step3Data', 'step4Data', 'step5Data'] as const;

/** Whether the valuation holds the completed data of a step. */
export const isStepCompleted = (valuation: Valuation, step: number): boolean => {
  const key = STEP_DATA[step - 1];
  return key !== undefined && valuation[key] !== null;
};

/** The five steps as an ordered list of links; every step is reachable, the current one is marked. */
export function StepNav({ valuation, step }: { valuation: Valuation; step: number }) {
  const { t } = useTranslation();
  return (
    <nav className="wizard-steps" aria-label={t('wizard.nav.label')}>
      <ol>
        {STEPS.map((n) => {
          const done = isStepCompleted(valuation, n);
          const current = n === step;
          return (
            <li key={n} className={`${current ? 'current' : ''}${done ? ' done' : ''}`.trim() || undefined}>
              <a href={hrefOf({ name: 'valuation', id: valuation.id, step: n })} aria-current={current ? 'step' : undefined} data-testid={`wizard-step-${n}`}>
                <span className="step-number" aria-hidden="true">
                  {done ? '✓' : n}
                </span>
                <span className="step-name">{t(`wizard.steps.${n}`)}</span>
                {done && <span className="visually-hidden"> ({t('wizard.nav.completed')})</span>}
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
