// Step 5's preflight: what still blocks READY / SIGNED (hard stops) and what the appraiser should look
// at (warnings), as the core's valuations.preflight reports them, each linked to the step that edits
// its field. usePreflight asks again whenever the core says data changed (an edit in another window,
// a pull); step 5 shares its answer with the signing panel.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../src-shared/contract/methods.ts';
import { api } from '../../api/index.ts';
import { hrefOf } from '../../app/router.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { fieldLabelKey, rowNumberOf, targetOf } from '../preflight/targets.ts';

export type PreflightResult = MethodOutput<'valuations.preflight'>;
type PreflightIssue = PreflightResult['hardStops'][number];

/** The valuation's preflight, asked again whenever the core says the valuation changed. */
export function usePreflight(valuationId: string): { result: PreflightResult | null; error: unknown } {
  const [result, setResult] = useState<PreflightResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    let asked = 0;
    setResult(null);
    setError(null);
    const load = () => {
      const mine = ++asked;
      api.call('valuations.preflight', { id: valuationId }).then(
        (next) => {
          if (!live || mine !== asked) return;
          setResult(next);
          setError(null);
        },
        (e: unknown) => live && mine === asked && setError(e),
      );
    };
    load();
    const off = api.on('data.changed', (event) => {
      if (!event.ids || event.ids.includes(valuationId) || !event.tables.includes('valuations')) load();
    });
    return () => {
      live = false;
      off();
    };
  }, [valuationId]);

  return { result, error };
}

/** An issue as a sentence in the user's words: the field by its label, calculation codes by their text. */
export function useIssueText(): (issue: PreflightIssue) => { message: string; field: string } {
  const { t } = useTranslation();
  return (issue) => {
    const field = t(fieldLabelKey(issue.field), { number: rowNumberOf(issue.field) ?? '' });
    const params = issue.params ?? {};
    const code = typeof params.code === 'string' ? params.code : null;
    if ((issue.code === 'CALCULATION_ERROR' || issue.code === 'CALCULATION_WARNING') && code) {
      return { message: t(`calculation.codes.${code}`, { ...params, number: rowNumberOf(issue.field) ?? '', defaultValue: t(issue.messageKey) }), field };
    }
    const reference = typeof params.reference === 'string' ? t(`preflight.areaReference.${params.reference}`) : '';
    return { message: t(issue.messageKey, { ...params, field, reference }), field };
  };
}

export function Preflight({ valuationId, result, error }: { valuationId: string; result: PreflightResult | null; error: unknown }) {
  const { t } = useTranslation();
  const id = useId();

  const issueText = useIssueText();
  const item = (issue: PreflightIssue, index: number, testId: string) => {
    const target = targetOf(issue.field);
    const { message, field } = issueText(issue);
    return (
      <li key={`${issue.code}:${issue.field}:${index}`} data-testid={testId} data-code={issue.code} data-field={issue.field} data-step={target?.step ?? ''}>
        <span>{message}</span>{' '}
        {target && (
          <a href={hrefOf({ name: 'valuation', id: valuationId, step: target.step, focus: target.elementId })} data-testid="preflight-link">
            {t('preflightList.goToField', { field })}
            <span className="visually-hidden"> ({t('preflightList.goToStep', { step: target.step, name: t(`wizard.steps.${target.step}`) })})</span>
          </a>
        )}
      </li>
    );
  };

  return (
    <section className="preflight" aria-labelledby={`${id}-title`} data-testid="preflight">
      <h3 id={`${id}-title`}>{t('preflightList.title')}</h3>
      <ErrorText error={error} />
      {!result && !error && <p className="hint">{t('app.loading')}</p>}
      {result && (
        <div aria-live="polite">
          {result.hardStops.length === 0 ? (
            <p data-testid="preflight-ready">{t('preflightList.ready')}</p>
          ) : (
            <>
              <h4 id={`${id}-stops`}>{t('preflightList.hardStops', { count: result.hardStops.length })}</h4>
              <ul aria-labelledby={`${id}-stops`}>{result.hardStops.map((issue, i) => item(issue, i, 'preflight-hard-stop'))}</ul>
            </>
          )}
          {result.warnings.length > 0 && (
            <>
              <h4 id={`${id}-warnings`}>{t('preflightList.warnings', { count: result.warnings.length })}</h4>
              <ul aria-labelledby={`${id}-warnings`}>{result.warnings.map((issue, i) => item(issue, i, 'preflight-warning'))}</ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
