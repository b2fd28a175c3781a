// The 5-step valuation wizard (DOMAIN.md "The 5-step wizard"): a header with the valuation's status
// and actions, the step navigator, and the current step. The route's step is shown (a step is a
// link); when the saved session stood elsewhere, a banner offers to continue there.
import { useTranslation } from 'react-i18next';
import type { ValuationEditable } from '../../../src-shared/contract/entities.ts';
import { api } from '../../api/index.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { en } from '../../i18n/en.ts';
import { he } from '../../i18n/he.ts';
import { useSession } from '../../stores/session.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { useFocusTarget } from '../../ui/use-focus-target.ts';
import { today } from './today.ts';
import { Step1 } from './Step1.tsx';
import { addressOf, emptyStep1, toStep1Draft, type Step1Data, type Step1Draft } from './step1-model.ts';
import { Step2 } from './Step2.tsx';
import { Step3, step3Drafts, type Step3Drafts } from './Step3.tsx';
import { StepNav } from './StepNav.tsx';
import { readStoredDraft, type LegalDraft } from '../legal/legal-model.ts';
import { AnalysisGarmushkaGis } from '../analysis/index.ts';
import { ComparablesAndCalculation } from '../calculation/index.ts';
import { ExportStep, RevisionOf, SignedBanner } from '../report/index.ts';
import { StepFooter } from './StepFooter.tsx';
import { readOnlyReason, useValuation } from './use-valuation.ts';
import { useWizardSession } from './use-wizard-session.ts';
import { WizardHeader } from './WizardHeader.tsx';
import './wizard.css';

/** Titles a new valuation gets from the dashboard; such a title is replaced once the address is known. */
const DEFAULT_TITLES = new Set([he.dashboard.newTitle, en.dashboard.newTitle]);

export function Wizard({ valuationId, step, focus }: { valuationId: string; step: number; focus?: string }) {
  const { t } = useTranslation();
  const user = useSession((s) => s.session?.user ?? null);
  const role = useSession((s) => s.session?.role ?? null);
  const { valuation, error: loadError, replace } = useValuation(valuationId);
  const reason = valuation ? readOnlyReason(valuation.status, role) : null;
  const readOnly = valuation ? reason !== null : null;
  const wizard = useWizardSession({ valuationId, readOnly, step });
  // A link that names the field to fix (a preflight item) gets that field focused once the step shows
  // it, after the shell focused the step's heading (app/screen-focus.ts).
  useFocusTarget(valuation && wizard.ready ? focus : undefined, () =>
    // The focus was given: the address goes back to the plain step, so a reload does not repeat it.
    window.history.replaceState(null, '', hrefOf({ name: 'valuation', id: valuationId, step })),
  );

  // Step 1's form reads this when it mounts and owns its state afterwards: the session's draft first,
  // then what the valuation holds (read-only users, or a session started after the step was completed).
  // Defaults (today, the user as appraiser) only for someone who is about to fill the form in.
  const step1Defaults = readOnly === false ? emptyStep1({ appraiserName: user?.name ?? '', reportDate: today() }) : emptyStep1();
  const step1Initial: Step1Draft = toStep1Draft(wizard.stepData.step1 ?? valuation?.step1Data ?? null, step1Defaults);

  if (loadError) {
    return (
      <section className="panel" aria-labelledby="wizard-error-title">
        <h1 id="wizard-error-title">{t('wizard.loadFailed')}</h1>
        <ErrorText error={loadError} />
        <a href={hrefOf({ name: 'dashboard' })}>{t('valuation.back')}</a>
      </section>
    );
  }
  if (!valuation || !wizard.ready || readOnly === null) return <p className="loading">{t('app.loading')}</p>;

  const completeAndGo = async (completed: number, data: Record<string, unknown>) => {
    await wizard.completeStep(completed, data);
    navigate({ name: 'valuation', id: valuationId, step: Math.min(completed + 1, 5) });
  };

  const completeStep1 = async (data: Step1Data) => {
    await wizard.completeStep(1, { ...data });
    const address = addressOf(data);
    const fields: Partial<ValuationEditable> = { addressFull: address };
    if (DEFAULT_TITLES.has(valuation.title.trim())) fields.title = t('wizard.defaultTitle', { rooms: data.rooms, address });
    replace(await api.call('valuations.update', { id: valuation.id, fields }));
    navigate({ name: 'valuation', id: valuationId, step: 2 });
  };

  // stepData.step3 holds the extraction edits per document and the unsaved property-and-rights form.
  const step3Of = (previous: unknown) => (typeof previous === 'object' && previous !== null ? (previous as Record<string, unknown>) : {});
  const setStep3Drafts = (update: (drafts: Step3Drafts) => Step3Drafts) =>
    wizard.setStepDraft('step3', (previous: unknown) => ({ ...step3Of(previous), drafts: update(step3Drafts(previous)) }));
  const setLegalDraft = (draft: LegalDraft | null) => wizard.setStepDraft('step3', (previous: unknown) => ({ ...step3Of(previous), legal: draft }));

  let content;
  switch (step) {
    case 1:
      content = (
        <Step1
          key={`${valuationId}:${readOnly ? 'read-only' : 'edit'}`}
          valuationId={valuationId}
          initial={step1Initial}
          readOnly={readOnly}
          onDraft={(draft) => wizard.setStepDraft('step1', draft)}
          onComplete={completeStep1}
        />
      );
      break;
    case 2:
      content = <Step2 valuation={valuation} readOnly={readOnly} onComplete={(data) => completeAndGo(2, data)} />;
      break;
    case 3:
      content = (
        <Step3
          valuation={valuation}
          readOnly={readOnly}
          drafts={step3Drafts(wizard.stepData.step3)}
          onDrafts={setStep3Drafts}
          legalDraft={readStoredDraft(step3Of(wizard.stepData.step3).legal)}
          onLegalDraft={setLegalDraft}
          onValuation={replace}
          onComplete={(data) => completeAndGo(3, data)}
        />
      );
      break;
    case 4:
      content = (
        <>
          <AnalysisGarmushkaGis valuationId={valuationId} readOnly={readOnly} />
          <ComparablesAndCalculation valuationId={valuationId} readOnly={readOnly} />
          <StepFooter valuationId={valuationId} step={4} />
        </>
      );
      break;
    default:
      content = <ExportStep valuation={valuation} role={role} userId={user?.id ?? null} onValuation={replace} />;
  }

  return (
    <div className="wizard" data-testid="wizard">
      <WizardHeader
        valuation={valuation}
        role={role}
        userId={user?.id ?? null}
        readOnly={readOnly}
        saveStatus={wizard.session ? wizard.saveStatus : null}
        onValuation={replace}
        beforeLeave={wizard.flush}
      />
      {valuation.revisionOfId && <RevisionOf originalId={valuation.revisionOfId} />}
      {valuation.status === 'SIGNED' ? (
        <SignedBanner valuation={valuation} role={role} />
      ) : (
        reason && (
          <p className="wizard-readonly" role="note" data-testid="wizard-read-only">
            {t(reason)}
          </p>
        )
      )}
      <StepNav valuation={valuation} step={step} />
      {wizard.resumeFrom !== null && (
        <div className="resume-banner" role="region" aria-label={t('wizard.resume')} data-testid="resume-banner">
          <p>{t('wizard.resumeAt', { step: wizard.resumeFrom, name: t(`wizard.steps.${wizard.resumeFrom}`) })}</p>
          <a className="button-link primary" href={hrefOf({ name: 'valuation', id: valuationId, step: wizard.resumeFrom })}>
            {t('wizard.resume')}
          </a>
          <button type="button" onClick={wizard.dismissResume}>
            {t('wizard.dismiss')}
          </button>
        </div>
      )}
      <ErrorText error={wizard.error} />
      <section className="wizard-step" aria-labelledby="wizard-step-title">
        {/* The app shell focuses this heading when the step changes (app/screen-focus.ts). */}
        <h2 id="wizard-step-title" tabIndex={-1}>
          <span className="step-of">{t('wizard.stepOf', { step, total: 5 })}</span> {t(`wizard.steps.${step}`)}
        </h2>
        {content}
      </section>
    </div>
  );
}
