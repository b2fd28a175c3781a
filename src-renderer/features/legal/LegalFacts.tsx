// Step 3's "property and rights": the valuation's own block, parcel, sub-parcel, registered area,
// rights type, owners, mortgages, attachments, notes and easements — the facts the preflight checks
// and the report prints. Filled from a land-registry extraction with one click, then reviewed and
// corrected, or typed by hand when there is no extract. Saving writes them into the valuation in one
// local transaction (valuations.update: the row, its outbox entry and its activity entry together).
// The draft lives in the wizard session, so a crash or a restart loses nothing typed.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentEntity, Valuation } from '../../../src-shared/contract/entities.ts';
import { api } from '../../api/index.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { FactRows } from './FactRows.tsx';
import {
  draftDiffers,
  draftFromExtraction,
  draftFromValuation,
  EMPTY_ATTACHMENT,
  EMPTY_MORTGAGE,
  EMPTY_OWNER,
  extractionOffersFacts,
  LEGAL_ID_TYPES,
  legalFieldId,
  RIGHTS_TYPES,
  toValuationFields,
  validateLegalDraft,
  type LegalDraft,
} from './legal-model.ts';
import './legal.css';

export interface LegalSource {
  document: DocumentEntity;
  extracted: unknown;
}

export interface LegalFactsProps {
  valuation: Valuation;
  readOnly: boolean;
  /** Land-registry extracts of the valuation with their (possibly edited) extractions. */
  sources: readonly LegalSource[];
  /** The unsaved draft kept in the wizard session, or null. */
  storedDraft: LegalDraft | null;
  onDraft(draft: LegalDraft | null): void;
  onSaved(valuation: Valuation): void;
}

const ID_TYPE_OPTIONS = LEGAL_ID_TYPES.map((type) => [type, `legal.idTypes.${type}`] as const);

export function LegalFacts({ valuation, readOnly, sources, storedDraft, onDraft, onSaved }: LegalFactsProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<LegalDraft>(() => storedDraft ?? draftFromValuation(valuation));
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const base = useRef(valuation);

  // A colleague's change (a pull) shows at once while nothing here is being edited.
  useEffect(() => {
    if (!draftDiffers(base.current, draft)) setDraft(draftFromValuation(valuation));
    base.current = valuation;
    // Only a new valuation row re-bases the form, not the draft changing.
  }, [valuation]);

  const errors = validateLegalDraft(draft);
  const shownErrors = showErrors ? errors : {};
  const dirty = draftDiffers(valuation, draft);
  const update = (next: LegalDraft) => {
    setDraft(next);
    setSaved(false);
    onDraft(draftDiffers(valuation, next) ? next : null);
  };
  const set = <K extends keyof LegalDraft>(key: K, value: LegalDraft[K]) => update({ ...draft, [key]: value });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly || saving) return;
    const first = Object.keys(errors)[0];
    if (first) {
      setShowErrors(true);
      document.getElementById(first)?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const updated = await api.call('valuations.update', { id: valuation.id, fields: toValuationFields(valuation, draft) });
      base.current = updated;
      setDraft(draftFromValuation(updated));
      onDraft(null);
      setShowErrors(false);
      setSaved(true);
      onSaved(updated);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const textField = (key: 'block' | 'parcel' | 'subparcel' | 'registeredAreaSqm', id: string, label: string) => (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      <input
        id={id}
        dir="ltr"
        inputMode={key === 'registeredAreaSqm' ? 'decimal' : 'numeric'}
        className="short"
        value={draft[key]}
        disabled={readOnly}
        aria-invalid={shownErrors[id] ? true : undefined}
        aria-describedby={shownErrors[id] ? `${id}-error` : undefined}
        onChange={(e) => set(key, e.target.value)}
      />
      {shownErrors[id] && (
        <span id={`${id}-error`} className="field-error">
          {t(shownErrors[id])}
        </span>
      )}
    </div>
  );

  const offered = sources.filter((source) => extractionOffersFacts(source.extracted));
  return (
    <form className="legal-facts panel" aria-labelledby="legal-facts-title" noValidate onSubmit={(e) => void save(e)} data-testid="legal-facts">
      <h3 id="legal-facts-title">{t('legal.title')}</h3>
      <p className="hint">{t('legal.intro')}</p>
      {!readOnly && offered.length > 0 && (
        <div className="legal-sources" role="group" aria-label={t('legal.fromExtractGroup')}>
          {offered.map((source) => (
            <button key={source.document.id} type="button" onClick={() => update(draftFromExtraction(source.extracted, source.document.id, draft))}>
              {t('legal.fillFromExtract')} <bdi>{source.document.fileName}</bdi>
            </button>
          ))}
          <span className="hint">{t('legal.fillHint')}</span>
        </div>
      )}
      {!readOnly && offered.length === 0 && <p className="hint">{t('legal.typeByHand')}</p>}

      <fieldset className="form-section">
        <legend>{t('legal.sections.parcel')}</legend>
        <div className="form-grid">
          {textField('block', legalFieldId.block, 'legal.block')}
          {textField('parcel', legalFieldId.parcel, 'legal.parcel')}
          {textField('subparcel', legalFieldId.subparcel, 'legal.subparcel')}
          {textField('registeredAreaSqm', legalFieldId.registeredAreaSqm, 'legal.registeredArea')}
          <div className="field">
            <label htmlFor={legalFieldId.rightsType}>{t('legal.rightsType')}</label>
            <select id={legalFieldId.rightsType} value={draft.rightsType} disabled={readOnly} onChange={(e) => set('rightsType', e.target.value as LegalDraft['rightsType'])}>
              <option value="">{t('legal.choose')}</option>
              {RIGHTS_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`legal.rightsTypes.${type}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>

      <FactRows
        caption="legal.owners"
        rows={draft.owners}
        columns={[
          { key: 'name', label: 'legal.columns.name' },
          { key: 'idType', label: 'legal.columns.idType', options: ID_TYPE_OPTIONS },
          { key: 'idNumber', label: 'legal.columns.idNumber', ltr: true, inputMode: 'numeric' },
          { key: 'share', label: 'legal.columns.share', ltr: true },
        ]}
        empty={EMPTY_OWNER}
        readOnly={readOnly}
        cellId={legalFieldId.owner}
        addId={legalFieldId.ownersAdd}
        errors={shownErrors}
        onChange={(owners) => set('owners', owners)}
      />
      <FactRows
        caption="legal.mortgages"
        rows={draft.mortgages}
        columns={[
          { key: 'rank', label: 'legal.columns.rank' },
          { key: 'amountShekels', label: 'legal.columns.amount', ltr: true, inputMode: 'decimal' },
          { key: 'lenders', label: 'legal.columns.lenders' },
          { key: 'borrowers', label: 'legal.columns.borrowers' },
          { key: 'share', label: 'legal.columns.share', ltr: true },
        ]}
        empty={EMPTY_MORTGAGE}
        readOnly={readOnly}
        cellId={legalFieldId.mortgage}
        addId="legal-mortgages-add"
        errors={shownErrors}
        onChange={(mortgages) => set('mortgages', mortgages)}
      />
      <FactRows
        caption="legal.attachments"
        rows={draft.attachments}
        columns={[
          { key: 'symbol', label: 'legal.columns.symbol' },
          { key: 'colour', label: 'legal.columns.colour' },
          { key: 'description', label: 'legal.columns.description' },
          { key: 'areaSqm', label: 'legal.columns.area', ltr: true, inputMode: 'decimal' },
        ]}
        empty={EMPTY_ATTACHMENT}
        readOnly={readOnly}
        cellId={legalFieldId.attachment}
        addId="legal-attachments-add"
        errors={shownErrors}
        onChange={(attachments) => set('attachments', attachments)}
      />
      <div className="form-grid">
        {(['notes', 'easements'] as const).map((key) => (
          <div className="field wide" key={key}>
            <label htmlFor={`legal-${key}`}>{t(`legal.${key}`)}</label>
            <textarea id={`legal-${key}`} dir="auto" rows={3} value={draft[key]} disabled={readOnly} aria-describedby={`legal-${key}-hint`} onChange={(e) => set(key, e.target.value)} />
            <span id={`legal-${key}-hint`} className="hint">
              {t('legal.onePerLine')}
            </span>
          </div>
        ))}
      </div>

      <ErrorText error={error} />
      {!readOnly && (
        <div className="actions">
          <button type="submit" id="legal-save" className="primary" disabled={saving || !dirty} aria-busy={saving}>
            {saving ? t('legal.saving') : t('legal.save')}
          </button>
          {dirty && (
            <button type="button" disabled={saving} onClick={() => update(draftFromValuation(valuation))}>
              {t('legal.discard')}
            </button>
          )}
          <span role="status" className="hint" data-testid="legal-status">
            {dirty ? t('legal.unsaved') : saved ? t('legal.saved') : ''}
          </span>
        </div>
      )}
    </form>
  );
}
