// Step 3: the fields extracted from each document, by the sections of DOMAIN.md, each editable and
// labelled with its source (document, page) and confidence. Edits are drafts in the wizard session
// (so they survive a restart) until saved into the document with documents.updateExtracted.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentEntity, Valuation } from '../../../src-shared/contract/entities.ts';
import type { DocumentType } from '../../../src-shared/domain/enums.ts';
import { api } from '../../api/index.ts';
import { hrefOf } from '../../app/router.ts';
import { SyncBadge } from '../../ui/badges.tsx';
import { ErrorText } from '../../ui/error-text.tsx';
import {
  addManualField,
  coerceLike,
  confidencePercent,
  countFields,
  MANUAL_SECTION,
  primitiveText,
  readBox,
  readSections,
  removeField,
  rowColumns,
  setFieldValue,
  valueKind,
  type Extracted,
  type ExtractedField,
  type Row,
} from './step3-model.ts';
import { StepFooter } from './StepFooter.tsx';
import { LegalFacts } from '../legal/LegalFacts.tsx';
import { shekelsTextToAgorot } from '../legal/legal-model.ts';
import { SourcePage, type SourceSpot } from '../extraction/SourcePage.tsx';
import type { LegalDraft } from '../legal/legal-model.ts';
import { isolate } from './upload.ts';

export type Step3Drafts = Record<string, Extracted>;

const DOC_ORDER: readonly DocumentType[] = ['TABU', 'CONDO', 'PERMIT', 'PLANNING_INFO', 'GARMUSHKA', 'GIS_SCREENSHOT', 'PROPERTY_IMAGE', 'OTHER'];
const LOW_CONFIDENCE = 70;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The drafts kept in stepData.step3, read tolerantly. */
export function step3Drafts(stored: unknown): Step3Drafts {
  if (!isRecord(stored) || !isRecord(stored.drafts)) return {};
  return Object.fromEntries(Object.entries(stored.drafts).filter((entry): entry is [string, Extracted] => isRecord(entry[1])));
}

export interface Step3Props {
  valuation: Valuation;
  readOnly: boolean;
  drafts: Step3Drafts;
  onDrafts(update: (drafts: Step3Drafts) => Step3Drafts): void;
  /** The unsaved property-and-rights form kept in the wizard session. */
  legalDraft: LegalDraft | null;
  onLegalDraft(draft: LegalDraft | null): void;
  onValuation(valuation: Valuation): void;
  onComplete(data: Record<string, unknown>): Promise<void>;
}

/** Documents whose text layer the core can read (the others are entered by hand). */
const PROCESSABLE: readonly string[] = ['TABU', 'CONDO', 'PERMIT'];

export function Step3({ valuation, readOnly, drafts, onDrafts, legalDraft, onLegalDraft, onValuation, onComplete }: Step3Props) {
  const { t } = useTranslation();
  const [documents, setDocuments] = useState<DocumentEntity[] | null>(null);
  const [saved, setSaved] = useState<Record<string, Extracted | null>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [unsavedLegal, setUnsavedLegal] = useState(false);

  const reload = useCallback(async () => {
    const list = await api.call('documents.list', { valuationId: valuation.id });
    const sorted = [...list].sort((a, b) => DOC_ORDER.indexOf(a.docType) - DOC_ORDER.indexOf(b.docType));
    const extracted = await Promise.all(sorted.map((d) => api.call('documents.getExtracted', { id: d.id }).then((r) => [d.id, r.extracted] as const)));
    setDocuments(sorted);
    setSaved(Object.fromEntries(extracted));
  }, [valuation.id]);
  const refresh = useCallback(() => void reload().catch(setError), [reload]);
  useEffect(() => {
    refresh();
    return api.on('data.changed', (event) => {
      if (event.tables.includes('documents')) refresh();
    });
  }, [refresh]);

  const current = (document: DocumentEntity): Extracted | null => drafts[document.id] ?? saved[document.id] ?? null;
  const edit = (document: DocumentEntity, next: Extracted) => onDrafts((all) => ({ ...all, [document.id]: next }));
  const dropDraft = (documentId: string) =>
    onDrafts((all) => Object.fromEntries(Object.entries(all).filter(([id]) => id !== documentId)));

  const saveDocument = async (document: DocumentEntity) => {
    const draft = drafts[document.id];
    if (!draft) return;
    const updated = await api.call('documents.updateExtracted', { id: document.id, extracted: draft });
    setSaved((all) => ({ ...all, [document.id]: updated.extracted }));
    // Only this draft goes, and only if it was not edited again while saving.
    onDrafts((all) => (all[document.id] === draft ? Object.fromEntries(Object.entries(all).filter(([id]) => id !== document.id)) : all));
  };
  const save = async (document: DocumentEntity) => {
    setSaving(document.id);
    setError(null);
    try {
      await saveDocument(document);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(null);
    }
  };

  const complete = async () => {
    if (!documents) return;
    setUnsavedLegal(legalDraft !== null);
    if (legalDraft) {
      document.getElementById('legal-save')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      for (const document of documents) if (drafts[document.id]) await saveDocument(document);
      await onComplete({
        documents: documents.map((d) => ({ id: d.id, docType: d.docType, fileName: d.fileName, fields: countFields(current(d)) })),
      });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!documents) {
    return (
      <>
        <ErrorText error={error} />
        {!error && <p className="hint">{t('app.loading')}</p>}
      </>
    );
  }

  const anyExtracted = documents.some((d) => saved[d.id] !== null && saved[d.id] !== undefined && countFields(saved[d.id] ?? null) > 0);
  const legalSources = documents.filter((d) => d.docType === 'TABU').map((d) => ({ document: d, extracted: current(d) }));
  return (
    <div className="step3">
      <p className="hint">{t('step3.intro')}</p>
      <LegalFacts valuation={valuation} readOnly={readOnly} sources={legalSources} storedDraft={legalDraft} onDraft={onLegalDraft} onSaved={onValuation} />
      {!anyExtracted && (
        <div className="empty-state" data-testid="step3-empty">
          <p>{t('step3.emptyState')}</p>
          <a href={hrefOf({ name: 'valuation', id: valuation.id, step: 2 })}>{t('step3.goToDocuments')}</a>
        </div>
      )}
      {documents.map((document) => (
        <ExtractedDocument
          key={document.id}
          document={document}
          extracted={current(document)}
          savedExtracted={saved[document.id] ?? null}
          dirty={drafts[document.id] !== undefined}
          saving={saving === document.id}
          readOnly={readOnly}
          onChange={(next) => edit(document, next)}
          onSave={() => void save(document)}
          onDiscard={() => dropDraft(document.id)}
          onProcess={
            readOnly || !PROCESSABLE.includes(document.docType)
              ? null
              : async () => {
                  const result = await api.call('documents.extract', { id: document.id });
                  await reload();
                  return result.status;
                }
          }
        />
      ))}
      <ErrorText error={error} />
      {unsavedLegal && legalDraft && (
        <p role="alert" className="error-text">
          {t('legal.saveBeforeComplete')}
        </p>
      )}
      <StepFooter valuationId={valuation.id} step={3} complete={readOnly ? null : { busy, onClick: () => void complete() }} />
    </div>
  );
}

interface ExtractedDocumentProps {
  document: DocumentEntity;
  extracted: Extracted | null;
  savedExtracted: Extracted | null;
  dirty: boolean;
  saving: boolean;
  readOnly: boolean;
  onChange(next: Extracted): void;
  onSave(): void;
  onDiscard(): void;
  onProcess: (() => Promise<string>) | null;
}

function ExtractedDocument({ document, extracted, savedExtracted, dirty, saving, readOnly, onChange, onSave, onDiscard, onProcess }: ExtractedDocumentProps) {
  const { t } = useTranslation();
  const id = useId();
  const [processing, setProcessing] = useState(false);
  const [processed, setProcessed] = useState<string | null>(null);
  const [processError, setProcessError] = useState<unknown>(null);
  const process = async () => {
    if (!onProcess) return;
    setProcessing(true);
    setProcessError(null);
    try {
      setProcessed(await onProcess());
    } catch (e) {
      setProcessError(e);
    } finally {
      setProcessing(false);
    }
  };
  const [spot, setSpot] = useState<SourceSpot | null>(null);
  const sections = readSections(extracted);
  const savedSections = readSections(savedExtracted);
  const savedField = (section: string, key: string): ExtractedField | undefined =>
    savedSections.find((s) => s.key === section)?.fields.find((f) => f.key === key)?.field;

  return (
    <section className="extracted-doc" aria-labelledby={`${id}-title`} data-testid="extracted-document">
      <header className="extracted-doc-header">
        <h3 id={`${id}-title`}>
          {t(`step3.docTypes.${document.docType}`)} — <span dir="auto">{document.fileName}</span>
        </h3>
        <SyncBadge state={document.syncState} />
        {dirty && <span className="badge unsaved">{t('step3.unsaved')}</span>}
        {onProcess && (
          <button type="button" onClick={() => void process()} disabled={processing || dirty} data-testid="process-document">
            {processing ? t('step3.processing') : t('step3.process')}
          </button>
        )}
      </header>
      {processed && (
        <p role="status" className="hint" data-testid="process-result">
          {t(`step3.processed.${processed}`)}
        </p>
      )}
      <ErrorText error={processError} />
      {sections.length === 0 && <p className="hint">{t('step3.nothingExtracted')}</p>}
      <div className={spot ? 'extracted-layout with-page' : 'extracted-layout'}>
      <div className="extracted-fields">
      {sections.map((section) => (
        <fieldset key={section.key} className="extracted-section">
          <legend>{section.known ? t(`step3.sections.${section.key}`) : t('step3.otherField')}</legend>
          {section.fields.map(({ key, field }) => (
            <FieldEditor
              key={key}
              fieldKey={key}
              field={field}
              like={savedField(section.key, key)?.value}
              documentName={document.fileName}
              readOnly={readOnly}
              onValue={(value) => onChange(setFieldValue(extracted, section.key, key, value))}
              onRemove={section.key === MANUAL_SECTION && !readOnly && extracted ? () => onChange(removeField(extracted, section.key, key)) : null}
              onShow={document.sha256 ? setSpot : null}
            />
          ))}
        </fieldset>
      ))}
      </div>
      {spot && document.sha256 && <SourcePage sha256={document.sha256} fileName={document.fileName} spot={spot} onClose={() => setSpot(null)} />}
      </div>
      {!readOnly && <ManualFieldForm onAdd={(label, value) => onChange(addManualField(extracted, label, value, document.fileName))} />}
      {!readOnly && dirty && (
        <div className="actions">
          <button type="button" className="primary" disabled={saving} aria-busy={saving} onClick={onSave}>
            {saving ? t('step3.saving') : t('step3.save')}
          </button>
          <button type="button" disabled={saving} onClick={onDiscard}>
            {t('step3.discard')}
          </button>
        </div>
      )}
    </section>
  );
}

interface FieldEditorProps {
  fieldKey: string;
  field: ExtractedField;
  /** The saved value, whose type (number, boolean) typed text keeps. */
  like: unknown;
  documentName: string;
  readOnly: boolean;
  onValue(value: unknown): void;
  onRemove: (() => void) | null;
  /** Shows the page the value was read from, its box highlighted; null without the document's file. */
  onShow: ((spot: SourceSpot) => void) | null;
}

function FieldEditor({ fieldKey, field, like, documentName, readOnly, onValue, onRemove, onShow }: FieldEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  // A field the catalog does not name yet is "another field", never its key.
  const label = field.label ?? t(`step3.fields.${fieldKey}`, { defaultValue: t('step3.otherField') });
  const kind = valueKind(field.value);
  const percent = confidencePercent(field.confidence);
  const sourceId = `${id}-source`;
  const source = field.source
    ? field.source.page !== null
      ? t('step3.source', { document: isolate(field.source.document ?? documentName), page: field.source.page })
      : t('step3.sourceNoPage', { document: isolate(field.source.document ?? documentName) })
    : t('step3.noSource');
  const columnLabel = (column: string) => t(`step3.columns.${column}`, { defaultValue: t('step3.otherField') });

  let editor;
  switch (kind) {
    case 'text': {
      const text = primitiveText(field.value);
      const onChange = (value: string) => onValue(coerceLike(like ?? field.value, value));
      const codes = CODED_FIELDS[fieldKey];
      editor = codes ? (
        <CodeSelect id={id} codes={codes} value={text} disabled={readOnly} describedBy={sourceId} onChange={onChange} />
      ) : text.length > 80 || text.includes('\n') ? (
          <textarea id={id} dir="auto" rows={3} value={text} disabled={readOnly} aria-describedby={sourceId} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input id={id} dir="auto" value={text} disabled={readOnly} aria-describedby={sourceId} onChange={(e) => onChange(e.target.value)} />
        );
      break;
    }
    case 'list': {
      const items = field.value as unknown[];
      const likeItems = Array.isArray(like) ? like : [];
      editor = (
        <textarea
          id={id}
          dir="auto"
          rows={Math.max(2, Math.min(8, items.length + 1))}
          value={items.map(primitiveText).join('\n')}
          disabled={readOnly}
          aria-describedby={`${id}-list-hint ${sourceId}`}
          onChange={(e) => onValue(e.target.value.split('\n').map((line, i) => coerceLike(likeItems[i] ?? items[i], line)))}
        />
      );
      break;
    }
    case 'rows': {
      const rows = field.value as Row[];
      const likeRows = Array.isArray(like) ? (like as unknown[]) : [];
      const columns = rowColumns(rows);
      const setCell = (index: number, column: string, text: string) => {
        const likeRow = likeRows[index];
        const original = isRecord(likeRow) ? likeRow[column] : rows[index]?.[column];
        // Money is stored in agorot and shown in shekels.
        const value = column === 'amountAgorot' ? (shekelsTextToAgorot(text) ?? null) : coerceLike(original, text);
        onValue(rows.map((row, i) => (i === index ? { ...row, [column]: typeof value === 'number' && Number.isNaN(value) ? text : value } : row)));
      };
      const cellText = (row: Row, column: string) =>
        column === 'amountAgorot' && typeof row[column] === 'number' ? String((row[column] as number) / 100) : primitiveText(row[column]);
      editor = (
        <div className="rows-table-wrap">
          <table className="rows-table" aria-labelledby={`${id}-label`} aria-describedby={sourceId}>
            <thead>
              <tr>
                <th scope="col">#</th>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {columnLabel(column)}
                  </th>
                ))}
                {!readOnly && (
                  <th scope="col">
                    <span className="visually-hidden">{t('step3.rowActions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index} className={row.needsReview === true ? 'needs-review' : undefined}>
                  <th scope="row">
                    {index + 1}
                    {row.needsReview === true && <span className="badge review">{t('step3.needsReview')}</span>}
                    {onShow && typeof row.page === 'number' && (
                      <button type="button" className="link-button" onClick={() => onShow({ page: row.page as number, bbox: readBox(row.bbox), label: `${label} ${index + 1}` })}>
                        {t('step3.showOnPage')}
                        <span className="visually-hidden">
                          {' '}
                          — {label} {index + 1}
                        </span>
                      </button>
                    )}
                  </th>
                  {columns.map((column) => (
                    <td key={column}>
                      {CODED_FIELDS[column] ? (
                        <CodeSelect
                          codes={CODED_FIELDS[column]}
                          label={`${label} ${index + 1}: ${columnLabel(column)}`}
                          value={primitiveText(row[column])}
                          disabled={readOnly}
                          onChange={(value) => setCell(index, column, value)}
                        />
                      ) : (
                        <input
                          dir="auto"
                          aria-label={`${label} ${index + 1}: ${columnLabel(column)}`}
                          value={cellText(row, column)}
                          disabled={readOnly}
                          onChange={(e) => setCell(index, column, e.target.value)}
                        />
                      )}
                    </td>
                  ))}
                  {!readOnly && (
                    <td>
                      <button type="button" className="danger-link" onClick={() => onValue(rows.filter((_, i) => i !== index))}>
                        {t('step3.removeRow')}
                        <span className="visually-hidden">
                          {' '}
                          {label} {index + 1}
                        </span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {!readOnly && (
            <button type="button" onClick={() => onValue([...rows, Object.fromEntries(columns.map((c) => [c, '']))])}>
              {t('step3.addRow')}
              <span className="visually-hidden"> — {label}</span>
            </button>
          )}
        </div>
      );
      break;
    }
    case 'record': {
      const record = field.value as Row;
      const likeRecord = isRecord(like) ? like : {};
      editor = (
        <div className="record-fields" role="group" aria-labelledby={`${id}-label`} aria-describedby={sourceId}>
          {Object.entries(record).map(([key, value]) => (
            <label key={key} className="inline-label">
              <span>{columnLabel(key)}</span>
              <input dir="auto" value={primitiveText(value)} disabled={readOnly} onChange={(e) => onValue({ ...record, [key]: coerceLike(likeRecord[key] ?? value, e.target.value) })} />
            </label>
          ))}
        </div>
      );
      break;
    }
    default:
      editor = (
        <>
          <pre className="complex-value" dir="ltr" aria-describedby={sourceId}>
            {JSON.stringify(field.value, null, 2)}
          </pre>
          <span className="hint">{t('step3.notEditable')}</span>
        </>
      );
  }

  const labelled = kind === 'text' || kind === 'list';
  return (
    <div className={`extracted-field${percent !== null && percent < LOW_CONFIDENCE ? ' low-confidence' : ''}`} data-testid="extracted-field">
      <div className="extracted-label">
        {labelled ? (
          <label id={`${id}-label`} htmlFor={id}>
            {label}
          </label>
        ) : (
          <span id={`${id}-label`} className="field-label">
            {label}
          </span>
        )}
        {field.edited && <span className="badge edited">{t('step3.edited')}</span>}
        {onRemove && (
          <button type="button" className="danger-link" onClick={onRemove}>
            {t('step3.removeField')}
            <span className="visually-hidden"> — {label}</span>
          </button>
        )}
      </div>
      {editor}
      {kind === 'list' && (
        <span id={`${id}-list-hint`} className="hint">
          {t('step3.onePerLine')}
        </span>
      )}
      <p id={sourceId} className="field-source hint">
        {onShow && field.source?.page && (
          <button type="button" className="link-button" onClick={() => onShow({ page: field.source?.page ?? 1, bbox: field.source?.bbox ?? null, label })}>
            {t('step3.showOnPage')}
            <span className="visually-hidden"> — {label}</span>
          </button>
        )}{' '}
        {source}
        {percent !== null && <> · {t('step3.confidence', { percent })}</>}
        {percent !== null && percent < LOW_CONFIDENCE && <> · {t('step3.lowConfidence')}</>}
      </p>
    </div>
  );
}

/** Fields and columns whose values are the extraction's codes: chosen from their names, never shown as codes. */
const ID_CODES = ['ID', 'COMPANY', 'PASSPORT', 'ASSOCIATION'] as const;
const CODED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  register: ['CONDO', 'PARCEL'],
  bylaws: ['AGREED', 'STANDARD'],
  idType: ID_CODES,
  lenderIdType: ID_CODES,
  beneficiaryIdType: ID_CODES,
};

interface CodeSelectProps {
  id?: string;
  label?: string;
  codes: readonly string[];
  value: string;
  disabled: boolean;
  describedBy?: string;
  onChange(value: string): void;
}

function CodeSelect({ id, label, codes, value, disabled, describedBy, onChange }: CodeSelectProps) {
  const { t } = useTranslation();
  return (
    <select id={id} aria-label={label} aria-describedby={describedBy} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      {!codes.includes(value) && <option value={value}>{value ? t('step3.otherValue', { value }) : t('legal.choose')}</option>}
      {codes.map((code) => (
        <option key={code} value={code}>
          {t(`step3.codes.${code}`)}
        </option>
      ))}
    </select>
  );
}

function ManualFieldForm({ onAdd }: { onAdd(label: string, value: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [label, setLabel] = useState('');
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const labelInput = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!label.trim()) {
      setInvalid(true);
      labelInput.current?.focus();
      return;
    }
    onAdd(label, value);
    setLabel('');
    setValue('');
    setInvalid(false);
    labelInput.current?.focus();
  };
  return (
    <form className="manual-field-form" aria-labelledby={`${id}-title`} noValidate onSubmit={submit}>
      <h4 id={`${id}-title`}>{t('step3.addManualTitle')}</h4>
      <div className="field">
        <label htmlFor={`${id}-label`}>{t('step3.manualLabel')}</label>
        <input
          id={`${id}-label`}
          ref={labelInput}
          dir="auto"
          value={label}
          required
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onChange={(e) => setLabel(e.target.value)}
        />
        {invalid && (
          <span id={`${id}-error`} className="field-error">
            {t('step1.errors.required')}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-value`}>{t('step3.manualValue')}</label>
        <input id={`${id}-value`} dir="auto" value={value} onChange={(e) => setValue(e.target.value)} />
      </div>
      <button type="submit">{t('step3.addField')}</button>
    </form>
  );
}
