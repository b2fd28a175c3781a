// The calculation: the areas (Garmushka's or typed), the coefficients, the price per sqm set by hand,
// fixed sums and deductions, the rounding rule and the VAT statement; then what computeValuation
// returns, step by step, with its errors and warnings.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { STEP4_TARGETS } from '../preflight/targets.ts';
import {
  AREA_KINDS,
  AREA_LINE_ROUNDING_RULES,
  COEFFICIENT_RULES,
  FIXED_SUM_KINDS,
  isWithinRange,
  toDecimalText,
  VALUE_ROUNDING_RULES,
  VAT_STATEMENTS,
  type AreaKind,
  type AreaLineRoundingRule,
  type CalculationStep,
  type FixedSumKind,
  type ValueRoundingRule,
  type VatStatement,
} from '../../../src-shared/domain/calculation/index.ts';
import { formatAgorot } from '../../i18n/format.ts';
import { effectiveAreaLines, numberToScaled, scaledToNumber, type AreaLine, type CalculationSettings, type ScreenOutcome } from './calculation-model.ts';
import { DecimalInput } from './DecimalInput.tsx';

export interface CalculationPanelProps {
  settings: CalculationSettings;
  onChange(update: (s: CalculationSettings) => CalculationSettings): void;
  garmushkaLines: readonly AreaLine[];
  outcome: ScreenOutcome;
  readOnly: boolean;
}

type Translate = ReturnType<typeof useTranslation>['t'];

/**
 * A calculation code (error or warning) as a sentence. A comparable is named by its place in the list
 * ("comparable 3"), never by its id; a code without a text reads as the calculation's general refusal.
 */
export function issueText(t: Translate, issue: { code: string; path: string; params: Readonly<Record<string, unknown>> }): string {
  const row = /^comparables\.(\d+)/.exec(issue.path);
  return t(`calculation.codes.${issue.code}`, { ...issue.params, number: row ? Number(row[1]) + 1 : '', defaultValue: t('preflight.calculationError') });
}

function stepRow(t: Translate, step: CalculationStep): { label: string; value: string; total?: boolean } {
  const sqm = (hundredths: number) => toDecimalText(hundredths, 2);
  switch (step.kind) {
    case 'AREA_LINE':
      return {
        label: t('calculation.steps.AREA_LINE', { kind: t(`calculation.kinds.${step.areaKind}`), label: step.label ?? '', area: sqm(step.areaHundredths), coefficient: toDecimalText(step.coefficientE4, 4) }),
        value: toDecimalText(step.weightedAreaMicroSqm, 6),
      };
    case 'EQUIVALENT_AREA':
      return { label: t('calculation.steps.EQUIVALENT_AREA'), value: sqm(step.areaHundredths), total: true };
    case 'PRICE_PER_SQM':
      return {
        label: t('calculation.steps.PRICE_PER_SQM', { source: step.source === 'MANUAL' ? t('calculation.steps.PRICE_MANUAL') : t('calculation.steps.PRICE_COMPARABLES', { count: step.includedComparables }) }),
        value: formatAgorot(step.agorot),
      };
    case 'AREA_VALUE':
      return { label: t('calculation.steps.AREA_VALUE', { price: formatAgorot(step.pricePerSqmAgorot), area: sqm(step.areaHundredths) }), value: formatAgorot(step.agorot) };
    case 'FIXED_SUM':
      return { label: t('calculation.steps.FIXED_SUM', { kind: t(`calculation.fixedKinds.${step.fixedSumKind}`), label: step.label ?? '' }), value: formatAgorot(step.agorot) };
    case 'DEDUCTION':
      return { label: t('calculation.steps.DEDUCTION', { label: step.label }), value: formatAgorot(step.agorot) };
    case 'VALUE_BEFORE_ROUNDING':
      return { label: t('calculation.steps.VALUE_BEFORE_ROUNDING'), value: formatAgorot(step.agorot) };
    case 'ROUNDING':
      return { label: t('calculation.steps.ROUNDING', { rule: t(`calculation.roundingRules.${step.rule}`) }), value: formatAgorot(step.agorot), total: true };
    case 'VAT':
      return { label: t('calculation.steps.VAT'), value: step.statement ? t(`calculation.vatStatements.${step.statement}`) : t('calculation.calc.vatNotStated') };
  }
}

export function CalculationPanel({ settings, onChange, garmushkaLines, outcome, readOnly }: CalculationPanelProps) {
  const { t } = useTranslation();
  const id = useId();
  const areas = effectiveAreaLines(settings, garmushkaLines);
  const set = <K extends keyof CalculationSettings>(key: K, value: CalculationSettings[K]) => onChange((s) => ({ ...s, [key]: value }));
  const kindOptions = AREA_KINDS.map((kind) => (
    <option key={kind} value={kind}>
      {t(`calculation.kinds.${kind}`)}
    </option>
  ));

  return (
    <section className="calc-part" aria-labelledby={`${id}-title`} data-testid="calculation">
      <h3 id={`${id}-title`}>
        <span id={STEP4_TARGETS.calculation} tabIndex={-1}>
          {t('calculation.calc.title')}
        </span>
      </h3>

      <fieldset className="calc-fieldset">
        <legend>{t('calculation.calc.areas')}</legend>
        {!readOnly && (
          <div className="calc-radios" role="radiogroup" aria-label={t('calculation.calc.areaSource')}>
            {(['GARMUSHKA', 'MANUAL'] as const).map((source) => (
              <label key={source} className="inline-label">
                <input type="radio" name={`${id}-source`} value={source} checked={settings.areaSource === source} onChange={() => set('areaSource', source)} />
                {t(source === 'GARMUSHKA' ? 'calculation.calc.sourceGarmushka' : 'calculation.calc.sourceManual')}
              </label>
            ))}
          </div>
        )}
        {settings.areaSource === 'GARMUSHKA' && garmushkaLines.length === 0 && <p className="hint">{t('calculation.calc.noGarmushka')}</p>}
        {areas.source === 'GARMUSHKA' || readOnly ? (
          <table className="calc-table compact" data-testid="area-lines">
            <thead>
              <tr>
                <th scope="col">{t('calculation.calc.kind')}</th>
                <th scope="col">{t('calculation.calc.label')}</th>
                <th scope="col">{t('calculation.calc.sqm')}</th>
              </tr>
            </thead>
            <tbody>
              {areas.lines.map((line, i) => (
                <tr key={i}>
                  <td>{t(`calculation.kinds.${line.kind}`)}</td>
                  <td>{line.label ?? ''}</td>
                  <td>{toDecimalText(line.areaHundredths, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <>
            <table className="calc-table compact" data-testid="area-lines">
              <thead>
                <tr>
                  <th scope="col">{t('calculation.calc.kind')}</th>
                  <th scope="col">{t('calculation.calc.label')}</th>
                  <th scope="col">{t('calculation.calc.sqm')}</th>
                  <th scope="col"><span className="visually-hidden">{t('calculation.comparables.remove')}</span></th>
                </tr>
              </thead>
              <tbody>
                {settings.manualAreas.map((line, i) => {
                  const patch = (p: Partial<typeof line>) => onChange((s) => ({ ...s, manualAreas: s.manualAreas.map((l, j) => (j === i ? { ...l, ...p } : l)) }));
                  return (
                    <tr key={i}>
                      <td>
                        <select aria-label={`${t('calculation.calc.kind')} ${i + 1}`} value={line.kind} onChange={(e) => patch({ kind: e.target.value as AreaKind })}>
                          {kindOptions}
                        </select>
                      </td>
                      <td>
                        <input type="text" maxLength={300} aria-label={`${t('calculation.calc.label')} ${i + 1}`} value={line.label ?? ''} onChange={(e) => patch({ label: e.target.value })} />
                      </td>
                      <td>
                        <DecimalInput label={`${t('calculation.calc.sqm')} ${i + 1}`} decimals={2} value={line.areaHundredths} onCommit={(v) => patch({ areaHundredths: v ?? 0 })} />
                      </td>
                      <td>
                        <button type="button" className="danger-link" aria-label={t('calculation.calc.removeArea', { n: i + 1 })} onClick={() => onChange((s) => ({ ...s, manualAreas: s.manualAreas.filter((_l, j) => j !== i) }))}>
                          ×
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="actions">
              <button type="button" onClick={() => onChange((s) => ({ ...s, manualAreas: [...s.manualAreas, { kind: s.manualAreas.length === 0 ? 'MAIN' : 'OPEN_BALCONY', areaHundredths: 0 }] }))}>
                {t('calculation.calc.addArea')}
              </button>
            </div>
          </>
        )}
      </fieldset>

      <fieldset className="calc-fieldset">
        <legend>{t('calculation.calc.coefficients')}</legend>
        <div className="calc-grid">
          {AREA_KINDS.map((kind) => {
            const rule = COEFFICIENT_RULES[kind];
            const setting = settings.coefficients[kind];
            const valueE4 = setting === undefined ? rule.defaultE4 : numberToScaled(setting, 4);
            const range = t('calculation.calc.coefficientRange', { min: toDecimalText(rule.minE4, 4), max: toDecimalText(rule.maxE4, 4) });
            const fixed = rule.minE4 === rule.maxE4;
            return (
              <label key={kind} className="calc-coefficient">
                <span>{t(`calculation.kinds.${kind}`)}</span>
                {readOnly || fixed ? (
                  <span className="calc-value" dir="ltr">{toDecimalText(valueE4, 4)}</span>
                ) : (
                  <DecimalInput
                    label={`${t(`calculation.kinds.${kind}`)} (${range})`}
                    decimals={4}
                    value={valueE4}
                    invalid={!isWithinRange(kind, valueE4)}
                    onCommit={(v) =>
                      onChange((s) => {
                        const coefficients = { ...s.coefficients };
                        if (v === null || v === rule.defaultE4) delete coefficients[kind];
                        else coefficients[kind] = scaledToNumber(v, 4);
                        return { ...s, coefficients };
                      })
                    }
                  />
                )}
                <span className="hint" dir="ltr">{range}</span>
              </label>
            );
          })}
        </div>
      </fieldset>

      <fieldset className="calc-fieldset">
        <legend>{t('calculation.calc.pricePerSqm')}</legend>
        <label htmlFor={`${id}-override`}>{t('calculation.calc.priceOverride')}</label>
        {readOnly ? (
          <p id={`${id}-override`}>{settings.pricePerSqmOverrideAgorot === null ? t('calculation.none') : formatAgorot(settings.pricePerSqmOverrideAgorot)}</p>
        ) : (
          <DecimalInput id={`${id}-override`} label={t('calculation.calc.priceOverride')} decimals={2} allowEmpty positive value={settings.pricePerSqmOverrideAgorot} onCommit={(v) => set('pricePerSqmOverrideAgorot', v)} />
        )}
      </fieldset>

      <fieldset className="calc-fieldset">
        <legend>{t('calculation.calc.fixedSums')}</legend>
        <AmountRows
          rows={settings.fixedSums}
          readOnly={readOnly}
          kindOf={(row) => row.kind}
          onKind={(i, kind) => onChange((s) => ({ ...s, fixedSums: s.fixedSums.map((r, j) => (j === i ? { ...r, kind } : r)) }))}
          onPatch={(i, p) => onChange((s) => ({ ...s, fixedSums: s.fixedSums.map((r, j) => (j === i ? { ...r, ...p } : r)) }))}
          onRemove={(i) => onChange((s) => ({ ...s, fixedSums: s.fixedSums.filter((_r, j) => j !== i) }))}
          removeKey="calculation.calc.removeFixedSum"
        />
        {!readOnly && (
          <div className="actions">
            <button type="button" onClick={() => onChange((s) => ({ ...s, fixedSums: [...s.fixedSums, { kind: 'PARKING', label: '', amountAgorot: 0 }] }))}>
              {t('calculation.calc.addFixedSum')}
            </button>
          </div>
        )}
      </fieldset>

      <fieldset className="calc-fieldset">
        <legend>{t('calculation.calc.deductions')}</legend>
        <AmountRows
          rows={settings.deductions}
          readOnly={readOnly}
          onPatch={(i, p) => onChange((s) => ({ ...s, deductions: s.deductions.map((r, j) => (j === i ? { ...r, ...p } : r)) }))}
          onRemove={(i) => onChange((s) => ({ ...s, deductions: s.deductions.filter((_r, j) => j !== i) }))}
          removeKey="calculation.calc.removeDeduction"
        />
        {!readOnly && (
          <div className="actions">
            <button type="button" onClick={() => onChange((s) => ({ ...s, deductions: [...s.deductions, { label: '', amountAgorot: 0 }] }))}>
              {t('calculation.calc.addDeduction')}
            </button>
          </div>
        )}
      </fieldset>

      <div className="calc-grid">
        <label htmlFor={`${id}-area-line-rounding`}>
          <span>{t('calculation.calc.areaLineRounding')}</span>
          {readOnly ? (
            <span id={`${id}-area-line-rounding`}>{t(`calculation.areaLineRoundingRules.${settings.areaLineRounding}`)}</span>
          ) : (
            <select
              id={`${id}-area-line-rounding`}
              value={settings.areaLineRounding}
              onChange={(e) => set('areaLineRounding', e.target.value as AreaLineRoundingRule)}
            >
              {AREA_LINE_ROUNDING_RULES.map((rule) => (
                <option key={rule} value={rule}>
                  {t(`calculation.areaLineRoundingRules.${rule}`)}
                </option>
              ))}
            </select>
          )}
        </label>
        <label htmlFor={`${id}-rounding`}>
          <span>{t('calculation.calc.rounding')}</span>
          {readOnly ? (
            <span id={`${id}-rounding`}>{t(`calculation.roundingRules.${settings.rounding}`)}</span>
          ) : (
            <select id={`${id}-rounding`} value={settings.rounding} onChange={(e) => set('rounding', e.target.value as ValueRoundingRule)}>
              {VALUE_ROUNDING_RULES.map((rule) => (
                <option key={rule} value={rule}>
                  {t(`calculation.roundingRules.${rule}`)}
                </option>
              ))}
            </select>
          )}
        </label>
        <label htmlFor={STEP4_TARGETS.vat}>
          <span>{t('calculation.calc.vat')}</span>
          {readOnly ? (
            <span id={STEP4_TARGETS.vat}>{settings.vat ? t(`calculation.vatStatements.${settings.vat}`) : t('calculation.calc.vatNotStated')}</span>
          ) : (
            <select id={STEP4_TARGETS.vat} value={settings.vat ?? ''} onChange={(e) => set('vat', e.target.value === '' ? null : (e.target.value as VatStatement))}>
              <option value="">{t('calculation.calc.vatNotStated')}</option>
              {VAT_STATEMENTS.map((vat) => (
                <option key={vat} value={vat}>
                  {t(`calculation.vatStatements.${vat}`)}
                </option>
              ))}
            </select>
          )}
        </label>
      </div>

      <Result outcome={outcome} />
    </section>
  );
}

interface AmountRow {
  label: string;
  amountAgorot: number;
  kind?: FixedSumKind;
}

function AmountRows<R extends AmountRow>({ rows, readOnly, kindOf, onKind, onPatch, onRemove, removeKey }: { rows: R[]; readOnly: boolean; kindOf?: (row: R) => FixedSumKind; onKind?: (i: number, kind: FixedSumKind) => void; onPatch(i: number, patch: Partial<AmountRow>): void; onRemove(i: number): void; removeKey: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <table className="calc-table compact">
      <thead>
        <tr>
          {kindOf && <th scope="col">{t('calculation.calc.fixedKind')}</th>}
          <th scope="col">{t('calculation.calc.label')}</th>
          <th scope="col">{t('calculation.calc.amount')}</th>
          {!readOnly && <th scope="col"><span className="visually-hidden">{t('calculation.comparables.remove')}</span></th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {kindOf && (
              <td>
                {readOnly || !onKind ? (
                  t(`calculation.fixedKinds.${kindOf(row)}`)
                ) : (
                  <select aria-label={`${t('calculation.calc.fixedKind')} ${i + 1}`} value={kindOf(row)} onChange={(e) => onKind(i, e.target.value as FixedSumKind)}>
                    {FIXED_SUM_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`calculation.fixedKinds.${kind}`)}
                      </option>
                    ))}
                  </select>
                )}
              </td>
            )}
            <td>{readOnly ? row.label : <input type="text" maxLength={300} aria-label={`${t('calculation.calc.label')} ${i + 1}`} value={row.label} onChange={(e) => onPatch(i, { label: e.target.value })} />}</td>
            <td>{readOnly ? formatAgorot(row.amountAgorot) : <DecimalInput label={`${t('calculation.calc.amount')} ${i + 1}`} decimals={2} value={row.amountAgorot} onCommit={(v) => onPatch(i, { amountAgorot: v ?? 0 })} />}</td>
            {!readOnly && (
              <td>
                <button type="button" className="danger-link" aria-label={t(removeKey, { n: i + 1 })} onClick={() => onRemove(i)}>
                  ×
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Result({ outcome }: { outcome: ScreenOutcome }) {
  const { t } = useTranslation();
  const id = useId();
  if (!outcome.ok) {
    return (
      <div className="calc-errors" role="alert" data-testid="calculation-errors">
        <h4>{t('calculation.calc.errors')}</h4>
        <ul>
          {outcome.errors.map((e, i) => (
            <li key={i}>{issueText(t, e)}</li>
          ))}
        </ul>
      </div>
    );
  }
  const { result } = outcome;
  return (
    <div className="calc-result" aria-labelledby={`${id}-title`} data-testid="calculation-result">
      <h4 id={`${id}-title`}>{t('calculation.calc.result')}</h4>
      <table className="calc-table calc-steps">
        <thead>
          <tr>
            <th scope="col">{t('calculation.calc.step')}</th>
            <th scope="col">{t('calculation.calc.value')}</th>
          </tr>
        </thead>
        <tbody>
          {result.steps.map((step, i) => {
            const row = stepRow(t, step);
            return (
              <tr key={i} className={row.total ? 'total' : undefined}>
                <td>{row.label}</td>
                <td className="num">{row.value}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className="calc-final">
        <div>
          <dt>{t('calculation.calc.pricePerSqm')}</dt>
          <dd data-testid="calculation-price-per-sqm">{formatAgorot(result.pricePerSqm.usedAgorot)}</dd>
        </div>
        <div>
          <dt>{t('calculation.calc.finalValue')}</dt>
          <dd data-testid="calculation-final-value">{formatAgorot(result.roundedValueAgorot)}</dd>
        </div>
      </dl>
      {result.warnings.length > 0 && (
        <div className="calc-warnings" data-testid="calculation-warnings">
          <h4>{t('calculation.calc.warnings')}</h4>
          <ul>
            {result.warnings.map((w, i) => (
              <li key={i}>{issueText(t, w)}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
