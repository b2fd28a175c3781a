// The organization's comparables library: search by block, street, city, deal dates, rooms and area;
// import a CSV/XLSX file (preview with the column mapping and each row's errors, then import the
// valid rows); add deals to this valuation's selection.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComparableEntity, ComparableSearch, ImportPreviewOutput } from '../../../src-shared/domain/comparables/contract.ts';
import { api } from '../../api/index.ts';
import { formatAgorot, formatDate } from '../../i18n/format.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { isolate, readAsBase64 } from '../wizard/upload.ts';
import { toDecimalText } from '../../../src-shared/domain/calculation/index.ts';
import type { DateOrder } from '../../../src-shared/domain/comparables/dates.ts';
import { ImportDateOrder } from './ImportDateOrder.tsx';
import { ImportColumns } from './ImportColumns.tsx';
import { remapped } from '../../../src-shared/domain/comparables/columns.ts';
import type { ComparableField } from '../../../src-shared/domain/comparables/headers.ts';

const FILTERS = ['block', 'street', 'city', 'from', 'to', 'roomsMin', 'roomsMax', 'areaMin', 'areaMax'] as const;
type Filter = (typeof FILTERS)[number];
const NUMBER_FILTERS = new Set<Filter>(['roomsMin', 'roomsMax', 'areaMin', 'areaMax']);
const DATE_FILTERS = new Set<Filter>(['from', 'to']);
const PREVIEW_ROWS = 30;

/** The filled-in filters as the contract's search input. */
export function searchQuery(filters: Partial<Record<Filter, string>>): Partial<ComparableSearch> {
  const query: Record<string, string | number> = { limit: 100 };
  for (const key of FILTERS) {
    const value = (filters[key] ?? '').trim();
    if (!value) continue;
    if (NUMBER_FILTERS.has(key)) {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) query[key] = n;
    } else query[key] = value;
  }
  return query as Partial<ComparableSearch>;
}

export interface LibrarySearchProps {
  selectedLibraryIds: ReadonlySet<string>;
  onAdd(items: ComparableEntity[]): void;
}

export function LibrarySearch({ selectedLibraryIds, onAdd }: LibrarySearchProps) {
  const { t } = useTranslation();
  const id = useId();
  const [filters, setFilters] = useState<Partial<Record<Filter, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [results, setResults] = useState<{ items: ComparableEntity[]; total: number } | null>(null);
  const [file, setFile] = useState<{ name: string; bytesBase64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreviewOutput | null>(null);
  /** The date order the user chose for this file (undefined: the file decides, or the preview asks). */
  const [dateOrder, setDateOrder] = useState<DateOrder | undefined>(undefined);
  const [importMessage, setImportMessage] = useState<string | null>(null);

  const search = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResults(await api.call('comparables.search', searchQuery(filters) as ComparableSearch));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    setImportMessage(null);
    setPreview(null);
    setDateOrder(undefined);
    try {
      const bytesBase64 = await readAsBase64(chosen);
      setFile({ name: chosen.name, bytesBase64 });
      setPreview(await api.call('comparables.previewImport', { fileName: chosen.name, source: { bytesBase64 } }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  /** Reads the file again with the user's mapping and date order. */
  const rePreview = async (mapping: readonly (ComparableField | null)[], order: DateOrder | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setPreview(await api.call('comparables.previewImport', { fileName: file.name, source: { bytesBase64: file.bytesBase64 }, mapping: [...mapping], ...(order ? { dateOrder: order } : {}) }));
      setDateOrder(order);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const confirmImport = async () => {
    if (!file || !preview) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('comparables.import', { fileName: file.name, source: { bytesBase64: file.bytesBase64 }, mapping: preview.mapping, ...(dateOrder ? { dateOrder } : {}), skipInvalid: true });
      setImportMessage(t('calculation.import.done', { imported: result.imported, duplicates: result.duplicates, invalid: result.invalid }));
      setPreview(null);
      setFile(null);
      setResults(await api.call('comparables.search', searchQuery(filters) as ComparableSearch));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const addable = (results?.items ?? []).filter((c) => !selectedLibraryIds.has(c.id) && (c.areaHundredths ?? 0) > 0);

  return (
    <div className="calc-library" data-testid="comparables-library">
      <form className="calc-search" onSubmit={(e) => void search(e)} aria-label={t('calculation.comparables.search')}>
        {FILTERS.map((key) => (
          <label key={key} htmlFor={`${id}-${key}`}>
            <span>{t(`calculation.comparables.${key}`)}</span>
            <input
              id={`${id}-${key}`}
              type={DATE_FILTERS.has(key) ? 'date' : 'text'}
              inputMode={NUMBER_FILTERS.has(key) || key === 'block' ? 'decimal' : undefined}
              value={filters[key] ?? ''}
              onChange={(e) => setFilters((f) => ({ ...f, [key]: e.target.value }))}
            />
          </label>
        ))}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {busy ? t('calculation.comparables.searching') : t('calculation.comparables.searchButton')}
          </button>
          <label className="calc-file button-like">
            <span>{t('calculation.comparables.importFile')}</span>
            <input
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={busy}
              onChange={(e) => {
                const chosen = e.target.files?.[0];
                e.target.value = '';
                void choose(chosen);
              }}
            />
          </label>
        </div>
      </form>
      <ErrorText error={error} />
      {importMessage && (
        <p role="status" className="calc-note">
          {importMessage}
        </p>
      )}
      {preview && (
        <ImportPreview
          preview={preview}
          busy={busy}
          onChooseDateOrder={(order) => void rePreview(preview.mapping, order)}
          onRemap={(index, field) => void rePreview(remapped(preview.mapping, index, field), dateOrder)}
          onConfirm={() => void confirmImport()}
          onCancel={() => {
            setPreview(null);
            setFile(null);
          }}
        />
      )}
      {results && (
        <div className="calc-results">
          <p role="status" className="hint">
            {results.items.length === 0 ? t('calculation.comparables.noResults') : t('calculation.comparables.results', { count: results.items.length, total: results.total })}
          </p>
          {results.items.length > 0 && (
            <div className="calc-table-wrap">
              <table className="calc-table">
                <thead>
                  <tr>
                    <th scope="col">{t('calculation.comparables.dealDate')}</th>
                    <th scope="col">{t('calculation.comparables.address')}</th>
                    <th scope="col">{t('calculation.comparables.blockParcel')}</th>
                    <th scope="col">{t('calculation.comparables.rooms')}</th>
                    <th scope="col">{t('calculation.comparables.area')}</th>
                    <th scope="col">{t('calculation.comparables.price')}</th>
                    <th scope="col">{t('calculation.comparables.pricePerSqm')}</th>
                    <th scope="col">
                      <button type="button" disabled={addable.length === 0} onClick={() => onAdd(addable)}>
                        {t('calculation.comparables.addAll')}
                      </button>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {results.items.map((c) => {
                    const added = selectedLibraryIds.has(c.id);
                    const noArea = (c.areaHundredths ?? 0) <= 0;
                    return (
                      <tr key={c.id}>
                        <td>{formatDate(c.dealDate)}</td>
                        <td dir="auto">{c.address ?? [c.street, c.houseNumber, c.city].filter(Boolean).join(' ')}</td>
                        <td dir="ltr">{[c.block, c.parcel, c.subparcel].filter(Boolean).join('/')}</td>
                        <td>{c.roomsTenths === null ? '' : toDecimalText(c.roomsTenths, 1)}</td>
                        <td>{c.areaHundredths === null ? '' : toDecimalText(c.areaHundredths, 2)}</td>
                        <td>{formatAgorot(c.priceAgorot)}</td>
                        <td>{formatAgorot(c.pricePerSqmAgorot)}</td>
                        <td>
                          <button type="button" disabled={added || noArea} onClick={() => onAdd([c])}>
                            {added ? t('calculation.comparables.added') : noArea ? t('calculation.comparables.noArea') : t('calculation.comparables.add')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function ImportPreview({
  preview,
  busy,
  onChooseDateOrder,
  onRemap,
  onConfirm,
  onCancel,
}: {
  preview: ImportPreviewOutput;
  busy: boolean;
  onChooseDateOrder(order: DateOrder): void;
  onRemap(index: number, field: ComparableField | null): void;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const shownRows = preview.rows.filter((r) => r.errors.length > 0 || r.duplicate).concat(preview.rows.filter((r) => r.errors.length === 0 && !r.duplicate)).slice(0, PREVIEW_ROWS);
  return (
    <section className="calc-import" aria-labelledby={`${id}-title`} data-testid="comparables-import-preview">
      <h4 id={`${id}-title`}>{t('calculation.import.title', { file: isolate(preview.fileName) })}</h4>
      <p className="hint">
        {t('calculation.import.format', { format: preview.format.toUpperCase() })}
        {preview.encoding ? ` · ${t('calculation.import.encoding', { encoding: preview.encoding })}` : ''}
      </p>
      <p>{t('calculation.import.counts', { valid: preview.validCount, invalid: preview.invalidCount, duplicates: preview.duplicateCount })}</p>
      {preview.missingFields.length > 0 && <p className="calc-warning">{t('calculation.import.missing', { fields: preview.missingFields.map((f) => t(`comparablesImport.fields.${f}`)).join(', ') })}</p>}
      {preview.lostText && (
        <p className="calc-warning" role="alert" data-testid="import-lost-text">
          {t('comparablesImport.lostText', { columns: preview.lostText.columns.join(', '), example: preview.lostText.example })}
        </p>
      )}
      <ImportDateOrder decision={preview.dateOrder} busy={busy} onChoose={onChooseDateOrder} />
      <details open>
        <summary>{t('calculation.import.mapping')}</summary>
        <ImportColumns columns={preview.columns} busy={busy} onRemap={onRemap} />
      </details>
      <div className="calc-table-wrap">
        <table className="calc-table compact">
          <thead>
            <tr>
              <th scope="col">{t('calculation.import.rowNumber')}</th>
              <th scope="col">{t('calculation.comparables.dealDate')}</th>
              <th scope="col">{t('calculation.comparables.address')}</th>
              <th scope="col">{t('calculation.comparables.area')}</th>
              <th scope="col">{t('calculation.comparables.price')}</th>
              <th scope="col">{t('calculation.import.errors')}</th>
            </tr>
          </thead>
          <tbody>
            {shownRows.map((row) => (
              <tr key={row.rowNumber} className={row.errors.length > 0 ? 'row-error' : row.duplicate ? 'row-duplicate' : undefined}>
                <td>{row.rowNumber}</td>
                <td>{formatDate(row.values.dealDate)}</td>
                <td dir="auto">{row.values.address ?? [row.values.street, row.values.houseNumber, row.values.city].filter(Boolean).join(' ')}</td>
                <td>{row.values.areaHundredths === null ? '' : toDecimalText(row.values.areaHundredths, 2)}</td>
                <td>{formatAgorot(row.values.priceAgorot)}</td>
                <td>
                  {[...row.errors, ...row.warnings].map((e) => `${e.column ? `${e.column}: ` : ''}${t(`comparableIssues.${e.code}`, e.params)}`).join('; ')}
                  {row.duplicate ? t('calculation.import.duplicate') : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.rows.length > shownRows.length && <p className="hint">{t('calculation.import.moreRows', { count: preview.rows.length - shownRows.length })}</p>}
      <div className="actions">
        <button type="button" className="primary" disabled={busy || preview.validCount === 0 || preview.dateOrder.order === null && (preview.dateOrder.basis === 'ASK' || preview.dateOrder.basis === 'MIXED')} onClick={onConfirm}>
          {t('calculation.import.confirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('calculation.import.cancel')}
        </button>
      </div>
    </section>
  );
}
