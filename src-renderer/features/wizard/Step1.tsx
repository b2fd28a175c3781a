// Step 1: the initial data of the valuation (DOMAIN.md "The 5-step wizard"). Messages appear beside a
// field once it was left or once the user tried to complete the step; completing refuses while
// anything is invalid and moves the focus to the first invalid field.
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../ui/error-text.tsx';
import {
  AIR_DIRECTIONS,
  fieldId,
  CLIENT_RELATIONS,
  firstInvalidField,
  formatIsoDate,
  toStep1Data,
  validateStep1,
  VALUATION_TYPES,
  type AirDirection,
  type Step1Data,
  type Step1Draft,
  type Step1Field,
} from './step1-model.ts';
import { StepFooter } from './StepFooter.tsx';

/** Forms of address the reports use; the field takes any text. */
const CLIENT_TITLES = ['מר', 'גב׳', 'עו"ד', 'רו"ח', 'ד"ר', 'לכבוד'];

export interface Step1Props {
  /** Null while the valuation is not created yet (NewValuation). */
  valuationId: string | null;
  initial: Step1Draft;
  readOnly: boolean;
  onDraft(draft: Step1Draft): void;
  onComplete(data: Step1Data): Promise<void>;
}

export function Step1({ valuationId, initial, readOnly, onDraft, onComplete }: Step1Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<Step1Field>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const summary = useRef<HTMLParagraphElement>(null);
  const errors = useMemo(() => validateStep1(draft), [draft]);
  const errorCount = Object.keys(errors).length;

  const update = (next: Step1Draft) => {
    setDraft(next);
    onDraft(next);
  };
  const set = <K extends keyof Step1Draft>(key: K, value: Step1Draft[K]) => update({ ...draft, [key]: value });
  const setClient = <K extends keyof Step1Draft['client']>(key: K, value: Step1Draft['client'][K]) => update({ ...draft, client: { ...draft.client, [key]: value } });
  const touch = (field: Step1Field) => setTouched((current) => (current.has(field) ? current : new Set(current).add(field)));

  /** Props every control shares: id, validity, its message, leaving marks it touched. */
  const control = (field: Step1Field) => {
    const id = fieldId(field);
    const message = submitted || touched.has(field) ? errors[field] : undefined;
    return {
      id,
      disabled: readOnly,
      'aria-invalid': message ? true : undefined,
      'aria-describedby': message ? `${id}-error` : undefined,
      onBlur: () => touch(field),
    };
  };
  const messageOf = (field: Step1Field): ReactNode => {
    const message = submitted || touched.has(field) ? errors[field] : undefined;
    return message ? (
      <span id={`${fieldId(field)}-error`} className="field-error">
        {t(message)}
      </span>
    ) : null;
  };
  const label = (field: Step1Field, text: string, required = false) => (
    <label htmlFor={fieldId(field)} className="field-label">
      {text}
      {required && (
        <>
          <span aria-hidden="true" className="required-mark">
            {' '}
            *
          </span>
          <span className="visually-hidden"> ({t('step1.required')})</span>
        </>
      )}
    </label>
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly || busy) return;
    setSubmitted(true);
    setError(null);
    const first = firstInvalidField(errors);
    if (first) {
      const element = document.getElementById(fieldId(first));
      element?.focus();
      if (!element) summary.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await onComplete(toStep1Data(draft));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const toggleDirection = (direction: AirDirection, on: boolean) =>
    set('airDirections', on ? AIR_DIRECTIONS.filter((d) => d === direction || draft.airDirections.includes(d)) : draft.airDirections.filter((d) => d !== direction));

  return (
    <form className="step1" noValidate onSubmit={(e) => void submit(e)} aria-describedby="step1-intro">
      <p id="step1-intro" className="hint">
        {t('step1.intro')}
      </p>
      {submitted && errorCount > 0 && (
        <p ref={summary} tabIndex={-1} role="alert" className="form-summary">
          {t('step1.errorSummary', { count: errorCount })}
        </p>
      )}

      <fieldset className="form-section">
        <legend>{t('step1.sections.valuation')}</legend>
        <div className="form-grid">
          <div className="field">
            {label('valuationType', t('step1.valuationType'), true)}
            <select {...control('valuationType')} required value={draft.valuationType} onChange={(e) => set('valuationType', e.target.value as Step1Draft['valuationType'])}>
              <option value="">{t('step1.choose')}</option>
              {VALUATION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`step1.valuationTypes.${type}`)}
                </option>
              ))}
            </select>
            {messageOf('valuationType')}
          </div>
          <div className="field">
            {label('reportDate', t('step1.reportDate'), true)}
            <span className="date-field">
              <input {...control('reportDate')} type="date" required value={draft.reportDate} onChange={(e) => set('reportDate', e.target.value)} />
              <span className="hint" dir="ltr">
                {formatIsoDate(draft.reportDate)}
              </span>
            </span>
            {messageOf('reportDate')}
          </div>
          <div className="field">
            {label('valuationDate', t('step1.valuationDate'), true)}
            <span className="date-field">
              <input
                {...control('valuationDate')}
                type="date"
                required
                value={draft.valuationDate}
                onChange={(e) => set('valuationDate', e.target.value)}
                aria-describedby={[control('valuationDate')['aria-describedby'], 'step1-valuationDate-hint'].filter(Boolean).join(' ')}
              />
              <span className="hint" dir="ltr">
                {formatIsoDate(draft.valuationDate)}
              </span>
            </span>
            <span id="step1-valuationDate-hint" className="hint">
              {t('step1.valuationDateHint')}
            </span>
            {messageOf('valuationDate')}
          </div>
          <div className="field">
            {label('visitDate', t('step1.visitDate'), true)}
            <span className="date-field">
              <input {...control('visitDate')} type="date" required value={draft.visitDate} onChange={(e) => set('visitDate', e.target.value)} />
              <span className="hint" dir="ltr">
                {formatIsoDate(draft.visitDate)}
              </span>
            </span>
            {messageOf('visitDate')}
          </div>
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('step1.sections.client')}</legend>
        <div className="form-grid">
          <div className="field">
            {label('client.title', t('step1.clientTitle'))}
            <input {...control('client.title')} list="step1-client-titles" value={draft.client.title} onChange={(e) => setClient('title', e.target.value)} />
            <datalist id="step1-client-titles">
              {CLIENT_TITLES.map((title) => (
                <option key={title} value={title} />
              ))}
            </datalist>
            {messageOf('client.title')}
          </div>
          <div className="field">
            {label('client.name', t('step1.clientName'), true)}
            <input {...control('client.name')} required autoComplete="off" value={draft.client.name} onChange={(e) => setClient('name', e.target.value)} />
            {messageOf('client.name')}
          </div>
          <div className="field">
            {label('client.relation', t('step1.clientRelation'))}
            <select {...control('client.relation')} value={draft.client.relation} onChange={(e) => setClient('relation', e.target.value as Step1Draft['client']['relation'])}>
              {CLIENT_RELATIONS.map((relation) => (
                <option key={relation} value={relation}>
                  {t(`step1.relations.${relation}`)}
                </option>
              ))}
            </select>
            {messageOf('client.relation')}
          </div>
          <div className="field wide">
            {label('client.note', t('step1.clientNote'))}
            <textarea {...control('client.note')} rows={2} value={draft.client.note} onChange={(e) => setClient('note', e.target.value)} />
            {messageOf('client.note')}
          </div>
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('step1.sections.property')}</legend>
        <div className="form-grid">
          <div className="field">
            {label('street', t('step1.street'), true)}
            <input {...control('street')} required value={draft.street} onChange={(e) => set('street', e.target.value)} />
            {messageOf('street')}
          </div>
          <div className="field">
            {label('buildingNumber', t('step1.buildingNumber'), true)}
            <input {...control('buildingNumber')} required className="short" value={draft.buildingNumber} onChange={(e) => set('buildingNumber', e.target.value)} />
            {messageOf('buildingNumber')}
          </div>
          <div className="field">
            {label('neighborhood', t('step1.neighborhood'))}
            <input {...control('neighborhood')} value={draft.neighborhood} onChange={(e) => set('neighborhood', e.target.value)} />
            {messageOf('neighborhood')}
          </div>
          <div className="field">
            {label('city', t('step1.city'), true)}
            <input {...control('city')} required value={draft.city} onChange={(e) => set('city', e.target.value)} />
            {messageOf('city')}
          </div>
          <div className="field">
            {label('rooms', t('step1.rooms'), true)}
            <input {...control('rooms')} required className="short" inputMode="decimal" dir="ltr" value={draft.rooms} onChange={(e) => set('rooms', e.target.value)} />
            {messageOf('rooms')}
          </div>
          <div className="field">
            {label('floor', t('step1.floor'), true)}
            <input {...control('floor')} required className="short" value={draft.floor} onChange={(e) => set('floor', e.target.value)} aria-describedby={[control('floor')['aria-describedby'], 'step1-floor-hint'].filter(Boolean).join(' ')} />
            <span id="step1-floor-hint" className="hint">
              {t('step1.floorHint')}
            </span>
            {messageOf('floor')}
          </div>
          <div className="field">
            {label('builtAreaSqm', t('step1.builtAreaSqm'), false)}
            <input {...control('builtAreaSqm')} className="short" inputMode="decimal" dir="ltr" value={draft.builtAreaSqm} onChange={(e) => set('builtAreaSqm', e.target.value)} />
            {messageOf('builtAreaSqm')}
          </div>
        </div>
        <fieldset className="checkbox-group" aria-describedby={errors.airDirections && submitted ? `${fieldId('airDirections')}-error` : undefined}>
          <legend>{t('step1.airDirections')}</legend>
          {AIR_DIRECTIONS.map((direction, index) => (
            <label key={direction} className="checkbox">
              <input
                type="checkbox"
                id={index === 0 ? fieldId('airDirections') : undefined}
                disabled={readOnly}
                checked={draft.airDirections.includes(direction)}
                onChange={(e) => toggleDirection(direction, e.target.checked)}
              />
              {t(`step1.directions.${direction}`)}
            </label>
          ))}
          {messageOf('airDirections')}
        </fieldset>
        <div className="contamination">
          <label className="checkbox" htmlFor={fieldId('landContamination')}>
            <input
              type="checkbox"
              id={fieldId('landContamination')}
              disabled={readOnly}
              checked={draft.landContamination}
              aria-controls={draft.landContamination ? fieldId('landContaminationNote') : undefined}
              onChange={(e) => set('landContamination', e.target.checked)}
            />
            {t('step1.landContamination')}
          </label>
          {draft.landContamination && (
            <div className="field wide">
              {label('landContaminationNote', t('step1.landContaminationNote'), true)}
              <textarea {...control('landContaminationNote')} required rows={2} value={draft.landContaminationNote} onChange={(e) => set('landContaminationNote', e.target.value)} />
              {messageOf('landContaminationNote')}
            </div>
          )}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('step1.sections.appraiser')}</legend>
        <div className="form-grid">
          <div className="field">
            {label('appraiserName', t('step1.appraiserName'), true)}
            <input {...control('appraiserName')} required value={draft.appraiserName} onChange={(e) => set('appraiserName', e.target.value)} />
            {messageOf('appraiserName')}
          </div>
          <div className="field">
            {label('appraiserLicense', t('step1.appraiserLicense'), true)}
            <input {...control('appraiserLicense')} required dir="ltr" className="short" value={draft.appraiserLicense} onChange={(e) => set('appraiserLicense', e.target.value)} />
            {messageOf('appraiserLicense')}
          </div>
        </div>
      </fieldset>

      <ErrorText error={error} />
      <StepFooter valuationId={valuationId} step={1} complete={readOnly ? null : { busy, submit: true }} />
    </form>
  );
}
