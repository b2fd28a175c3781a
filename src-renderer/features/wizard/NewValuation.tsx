// "New valuation": step 1 of a valuation that does not exist yet. Nothing is created — nothing syncs to
// the office — until the appraiser completes the step; then the valuation is created with its initial
// data in one write and the wizard goes on at step 2. Until then the draft is kept on this computer
// only (localStorage), so a crash or a closed window loses nothing typed.
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.ts';
import { navigate } from '../../app/router.ts';
import { useSession } from '../../stores/session.ts';
import { Step1 } from './Step1.tsx';
import { addressOf, emptyStep1, toStep1Draft, type Step1Data, type Step1Draft } from './step1-model.ts';
import { today } from './today.ts';

const DRAFT_KEY = 'shamay.newValuationDraft';

function storedDraft(): unknown {
  try {
    return JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null') as unknown;
  } catch {
    return null;
  }
}

export function NewValuation() {
  const { t } = useTranslation();
  const user = useSession((s) => s.session?.user ?? null);
  const initial: Step1Draft = toStep1Draft(storedDraft(), emptyStep1({ appraiserName: user?.name ?? '', reportDate: today() }));

  const create = async (data: Step1Data) => {
    const address = addressOf(data);
    const valuation = await api.call('valuations.create', {
      title: t('wizard.defaultTitle', { rooms: data.rooms, address }),
      addressFull: address,
      step1Data: { ...data },
      ...(data.builtAreaSqm ? { meta: { builtAreaSqm: data.builtAreaSqm } } : {}),
    });
    localStorage.removeItem(DRAFT_KEY);
    navigate({ name: 'valuation', id: valuation.id, step: 2 });
  };

  return (
    <div className="wizard" data-testid="wizard">
      <header className="wizard-header">
        <div className="wizard-title-row">
          <h1 id="wizard-title">{t('wizard.newValuation')}</h1>
        </div>
        <p className="hint">{t('wizard.newValuationHint')}</p>
      </header>
      <section className="wizard-step" aria-labelledby="wizard-step-title">
        <h2 id="wizard-step-title" tabIndex={-1}>
          <span className="step-of">{t('wizard.stepOf', { step: 1, total: 5 })}</span> {t('wizard.steps.1')}
        </h2>
        <Step1
          valuationId={null}
          initial={initial}
          readOnly={false}
          onDraft={(draft) => localStorage.setItem(DRAFT_KEY, JSON.stringify(draft))}
          onComplete={create}
        />
      </section>
    </div>
  );
}
