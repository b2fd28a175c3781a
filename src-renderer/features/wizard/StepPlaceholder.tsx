// The parts of steps 4 (comparables, calculation) and 5 (export) that later work builds; until then
// they say what they will hold.
import { useTranslation } from 'react-i18next';
import { StepFooter } from './StepFooter.tsx';

const ITEMS = {
  4: ['comparables', 'calculation'],
  5: ['summary', 'preflight', 'documents', 'signing'],
} as const;

export function StepPlaceholder({ valuationId, step }: { valuationId: string; step: 4 | 5 }) {
  const { t } = useTranslation();
  const section = step === 4 ? 'analysis' : 'export';
  return (
    <div className="step-placeholder" data-testid={`step${step}-placeholder`}>
      <p>{t(`wizard.${section}.intro`)}</p>
      <ul className="planned">
        {ITEMS[step].map((item) => (
          <li key={item}>
            <strong>{t(`wizard.${section}.${item}.title`)}</strong> — {t(`wizard.${section}.${item}.text`)}
          </li>
        ))}
      </ul>
      <p className="hint">{t('wizard.notYet')}</p>
      <StepFooter valuationId={valuationId} step={step} />
    </div>
  );
}
