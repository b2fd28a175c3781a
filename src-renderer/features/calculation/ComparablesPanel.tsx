// This valuation's comparables: the library search and import, the chosen deals (include, weight,
// adjustments, the prices and the outlier flag the calculation gives each), the index table, the
// statistics and the under-3 warning with its stated reason.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STEP4_TARGETS } from '../preflight/targets.ts';
import type { ComparableEntity } from '../../../src-shared/domain/comparables/contract.ts';
import { MIN_COMPARABLES, MONTH_KEY, toDecimalText, type ComparableLine, type ComparablesAnalysis } from '../../../src-shared/domain/calculation/index.ts';
import { formatAgorot, formatDate } from '../../i18n/format.ts';
import { fromLibrary, newComparableId, numberToScaled, scaledToNumber, type ComparableData, type StoredComparable } from './calculation-model.ts';
import { DecimalInput } from './DecimalInput.tsx';
import { LibrarySearch } from './LibrarySearch.tsx';

export interface ComparablesPanelProps {
  data: ComparableData;
  onChange(update: (data: ComparableData) => ComparableData): void;
  analysis: Pick<ComparablesAnalysis, 'lines' | 'statistics'> | null;
  readOnly: boolean;
  /** Step 1's determining date, when there is one. */
  step1Date: string | null;
}

export function ComparablesPanel({ data, onChange, analysis, readOnly, step1Date }: ComparablesPanelProps) {
  const { t } = useTranslation();
  const id = useId();
  const lines = useMemo(() => new Map((analysis?.lines ?? []).map((l) => [l.id, l])), [analysis]);
  const selectedLibraryIds = useMemo(() => new Set(data.comparables.flatMap((c) => (c.libraryId ? [c.libraryId] : []))), [data.comparables]);
  const setComparable = (cid: string, update: (c: StoredComparable) => StoredComparable) =>
    onChange((d) => ({ ...d, comparables: d.comparables.map((c) => (c.id === cid ? update(c) : c)) }));
  const add = (items: ComparableEntity[]) =>
    onChange((d) => {
      const have = new Set(d.comparables.map((c) => c.libraryId ?? c.id));
      const fresh = items.filter((i) => !have.has(i.id)).map(fromLibrary);
      return { ...d, comparables: [...d.comparables, ...fresh] };
    });
  const statistics = analysis?.statistics ?? null;
  const included = statistics?.count ?? data.comparables.filter((c) => c.included).length;

  return (
    <section className="calc-part" aria-labelledby={`${id}-title`} data-testid="comparables">
      <h3 id={`${id}-title`}>
        <span id={STEP4_TARGETS.comparables} tabIndex={-1}>
          {t('calculation.comparables.title')}
        </span>
      </h3>
      {!readOnly && (
        <>
          <p className="hint">{t('calculation.comparables.intro')}</p>
          <LibrarySearch selectedLibraryIds={selectedLibraryIds} onAdd={add} />
        </>
      )}

      <h4>{t('calculation.comparables.selection')}</h4>
      {data.comparables.length === 0 ? (
        <p className="hint">{t('calculation.comparables.empty')}</p>
      ) : (
        <div className="calc-table-wrap">
          <table className="calc-table" data-testid="comparables-selection">
            <thead>
              <tr>
                <th scope="col">{t('calculation.comparables.include')}</th>
                <th scope="col">#</th>
                <th scope="col">{t('calculation.comparables.dealDate')}</th>
                <th scope="col">{t('calculation.comparables.address')}</th>
                <th scope="col">{t('calculation.comparables.blockParcel')}</th>
                <th scope="col">{t('calculation.comparables.rooms')}</th>
                <th scope="col">{t('calculation.comparables.area')}</th>
                <th scope="col">{t('calculation.comparables.price')}</th>
                <th scope="col">{t('calculation.comparables.pricePerSqm')}</th>
                <th scope="col">{t('calculation.comparables.timeAdjusted')}</th>
                <th scope="col">{t('calculation.comparables.adjustments')}</th>
                <th scope="col">{t('calculation.comparables.adjusted')}</th>
                <th scope="col">{t('calculation.comparables.weight')}</th>
                <th scope="col">{t('calculation.comparables.outlier')}</th>
                {!readOnly && <th scope="col"><span className="visually-hidden">{t('calculation.comparables.remove')}</span></th>}
              </tr>
            </thead>
            <tbody>
              {data.comparables.map((c, index) => (
                <ComparableRow
                  key={c.id}
                  n={index + 1}
                  comparable={c}
                  line={lines.get(c.id) ?? null}
                  readOnly={readOnly}
                  onChange={(update) => setComparable(c.id, update)}
                  onRemove={() => onChange((d) => ({ ...d, comparables: d.comparables.filter((x) => x.id !== c.id) }))}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!readOnly && (
        <div className="actions">
          <button
            type="button"
            onClick={() =>
              onChange((d) => ({
                ...d,
                comparables: [...d.comparables, { id: newComparableId(d.comparables), dealDate: '', address: '', blockParcel: '', rooms: null, areaHundredths: 0, priceAgorot: 0, included: true, weight: 1, adjustments: [] }],
              }))
            }
          >
            {t('calculation.comparables.addManual')}
          </button>
        </div>
      )}

      <Statistics analysis={analysis} />
      {included < MIN_COMPARABLES && (
        <div className="calc-few" data-testid="few-comparables">
          <p className="calc-warning" role="note">
            {t('calculation.statistics.fewWarning')}
          </p>
          <label htmlFor={STEP4_TARGETS.fewComparablesReason}>{t('calculation.statistics.fewReason')}</label>
          {readOnly ? (
            <p id={`${id}-reason`}>{data.fewComparablesReason || t('calculation.none')}</p>
          ) : (
            <textarea
              id={STEP4_TARGETS.fewComparablesReason}
              rows={2}
              maxLength={2000}
              value={data.fewComparablesReason ?? ''}
              onChange={(e) => {
                const reason = e.target.value;
                onChange((d) => {
                  const { fewComparablesReason: _old, ...rest } = d;
                  return reason ? { ...rest, fewComparablesReason: reason } : rest;
                });
              }}
            />
          )}
        </div>
      )}

      <IndexTable data={data} onChange={onChange} readOnly={readOnly} step1Date={step1Date} />
    </section>
  );
}

function ComparableRow({ n, comparable: c, line, readOnly, onChange, onRemove }: { n: number; comparable: StoredComparable; line: ComparableLine | null; readOnly: boolean; onChange(update: (c: StoredComparable) => StoredComparable): void; onRemove(): void }) {
  const { t } = useTranslation();
  const row = t('calculation.comparables.row', { n });
  const manual = !c.libraryId && !readOnly;
  const field = (key: string) => `${t(`calculation.comparables.${key}`)} — ${row}`;
  return (
    <tr className={`${c.included ? '' : 'excluded'}${line?.outlier ? ' outlier' : ''}`.trim() || undefined}>
      <td>
        <input type="checkbox" id={STEP4_TARGETS.comparable(n - 1)} checked={c.included} disabled={readOnly} aria-label={t('calculation.comparables.includeLabel', { n })} onChange={(e) => onChange((x) => ({ ...x, included: e.target.checked }))} />
      </td>
      <th scope="row">{n}</th>
      <td>
        {manual ? (
          <input type="date" aria-label={field('dealDate')} value={c.dealDate} onChange={(e) => onChange((x) => ({ ...x, dealDate: e.target.value }))} />
        ) : (
          formatDate(c.dealDate)
        )}
      </td>
      <td dir="auto">{manual ? <input type="text" aria-label={field('address')} value={c.address} onChange={(e) => onChange((x) => ({ ...x, address: e.target.value }))} /> : c.address}</td>
      <td dir="ltr">{manual ? <input type="text" aria-label={field('blockParcel')} value={c.blockParcel} onChange={(e) => onChange((x) => ({ ...x, blockParcel: e.target.value }))} /> : c.blockParcel}</td>
      <td>
        {manual ? (
          <DecimalInput label={field('rooms')} decimals={1} allowEmpty value={c.rooms === null ? null : numberToScaled(c.rooms, 1)} onCommit={(v) => onChange((x) => ({ ...x, rooms: v === null ? null : scaledToNumber(v, 1) }))} />
        ) : c.rooms === null ? (
          ''
        ) : (
          String(c.rooms)
        )}
      </td>
      <td>
        {manual ? (
          <DecimalInput label={field('area')} decimals={2} positive value={c.areaHundredths} onCommit={(v) => onChange((x) => ({ ...x, areaHundredths: v ?? 0 }))} />
        ) : (
          toDecimalText(c.areaHundredths, 2)
        )}
      </td>
      <td>
        {manual ? (
          <DecimalInput label={field('price')} decimals={2} positive value={c.priceAgorot} onCommit={(v) => onChange((x) => ({ ...x, priceAgorot: v ?? 0 }))} />
        ) : (
          formatAgorot(c.priceAgorot)
        )}
      </td>
      <td>{line ? formatAgorot(line.rawPerSqmAgorot) : ''}</td>
      <td>{line?.timeAdjustedPerSqmAgorot != null ? formatAgorot(line.timeAdjustedPerSqmAgorot) : ''}</td>
      <td>
        <Adjustments comparable={c} row={row} readOnly={readOnly} onChange={onChange} />
      </td>
      <td>{line?.adjustedPerSqmAgorot != null ? formatAgorot(line.adjustedPerSqmAgorot) : ''}</td>
      <td>
        {readOnly ? (
          String(c.weight)
        ) : (
          <DecimalInput label={field('weight')} decimals={4} value={numberToScaled(c.weight, 4)} onCommit={(v) => onChange((x) => ({ ...x, weight: scaledToNumber(v ?? 0, 4) }))} />
        )}
      </td>
      <td>
        {line?.outlier && (
          <span className="calc-flag" title={t('calculation.comparables.outlierTitle', { percent: line.deviationBp === null ? '' : toDecimalText(line.deviationBp, 2) })}>
            ⚠ {t('calculation.comparables.outlier')}
            {line.deviationBp !== null && <span className="visually-hidden"> {t('calculation.comparables.outlierTitle', { percent: toDecimalText(line.deviationBp, 2) })}</span>}
          </span>
        )}
      </td>
      {!readOnly && (
        <td>
          <button type="button" className="danger-link" aria-label={t('calculation.comparables.removeComparable', { n })} onClick={onRemove}>
            {t('calculation.comparables.remove')}
          </button>
        </td>
      )}
    </tr>
  );
}

function Adjustments({ comparable: c, row, readOnly, onChange }: { comparable: StoredComparable; row: string; readOnly: boolean; onChange(update: (c: StoredComparable) => StoredComparable): void }) {
  const { t } = useTranslation();
  if (readOnly) {
    return c.adjustments.length === 0 ? null : (
      <ul className="calc-adjustments">
        {c.adjustments.map((a, i) => (
          <li key={i}>
            {a.label} <span dir="ltr">{a.basisPoints > 0 ? '+' : ''}{toDecimalText(a.basisPoints, 2)}%</span>
          </li>
        ))}
      </ul>
    );
  }
  const setAdjustment = (i: number, patch: Partial<StoredComparable['adjustments'][number]>) =>
    onChange((x) => ({ ...x, adjustments: x.adjustments.map((a, j) => (j === i ? { ...a, ...patch } : a)) }));
  return (
    <div className="calc-adjustments">
      <ul>
        {c.adjustments.map((a, i) => (
          <li key={i}>
            <input type="text" className="calc-adj-label" maxLength={100} aria-label={`${t('calculation.comparables.adjustmentLabel')} ${i + 1} — ${row}`} value={a.label} onChange={(e) => setAdjustment(i, { label: e.target.value })} />
            <DecimalInput label={`${t('calculation.comparables.adjustmentPercent')} ${i + 1} — ${row}`} decimals={2} allowNegative value={a.basisPoints} onCommit={(v) => setAdjustment(i, { basisPoints: v ?? 0 })} className="calc-adj-percent" />
            <span aria-hidden="true">%</span>
            <button type="button" className="danger-link" aria-label={t('calculation.comparables.removeAdjustment', { label: a.label || i + 1 })} onClick={() => onChange((x) => ({ ...x, adjustments: x.adjustments.filter((_a, j) => j !== i) }))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={() => onChange((x) => ({ ...x, adjustments: [...x.adjustments, { label: '', basisPoints: 0 }] }))}>
        {t('calculation.comparables.addAdjustment')}
      </button>
    </div>
  );
}

function Statistics({ analysis }: { analysis: Pick<ComparablesAnalysis, 'statistics'> | null }) {
  const { t } = useTranslation();
  const s = analysis?.statistics ?? null;
  const items: [string, string][] = [
    ['count', String(s?.count ?? 0)],
    ['mean', s ? formatAgorot(s.meanAgorot) : t('calculation.none')],
    ['median', s ? formatAgorot(s.medianAgorot) : t('calculation.none')],
    ['min', s ? formatAgorot(s.minAgorot) : t('calculation.none')],
    ['max', s ? formatAgorot(s.maxAgorot) : t('calculation.none')],
    ['weightedMean', s?.weightedMeanAgorot != null ? formatAgorot(s.weightedMeanAgorot) : t('calculation.none')],
  ];
  return (
    <div className="calc-stats" data-testid="comparables-statistics">
      <h4>{t('calculation.statistics.title')}</h4>
      <dl>
        {items.map(([key, value]) => (
          <div key={key}>
            <dt>{t(`calculation.statistics.${key}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function IndexTable({ data, onChange, readOnly, step1Date }: { data: ComparableData; onChange(update: (d: ComparableData) => ComparableData): void; readOnly: boolean; step1Date: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const [month, setMonth] = useState('');
  const months = Object.keys(data.indexTable).sort();
  const setValue = (key: string, value: number | null) =>
    onChange((d) => {
      const indexTable = { ...d.indexTable };
      if (value === null) delete indexTable[key];
      else indexTable[key] = value;
      return { ...d, indexTable };
    });
  return (
    <div className="calc-index" data-testid="index-table">
      <h4>{t('calculation.index.title')}</h4>
      <p className="hint">{t('calculation.index.intro')}</p>
      {step1Date ? (
        <p>{t('calculation.index.fromStep1', { date: formatDate(step1Date) })}</p>
      ) : (
        <label htmlFor={`${id}-vm`} className="inline-label">
          {t('calculation.index.valuationMonth')}
          {readOnly ? (
            <span id={`${id}-vm`}>{data.valuationMonth || t('calculation.none')}</span>
          ) : (
            <input id={`${id}-vm`} type="month" value={data.valuationMonth} onChange={(e) => onChange((d) => ({ ...d, valuationMonth: MONTH_KEY.test(e.target.value) ? e.target.value : '' }))} />
          )}
        </label>
      )}
      {months.length > 0 && (
        <table className="calc-table compact">
          <thead>
            <tr>
              <th scope="col">{t('calculation.index.month')}</th>
              <th scope="col">{t('calculation.index.value')}</th>
              {!readOnly && <th scope="col"><span className="visually-hidden">{t('calculation.comparables.remove')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {months.map((key) => (
              <tr key={key}>
                <th scope="row" dir="ltr">{key}</th>
                <td>
                  {readOnly ? (
                    String(data.indexTable[key])
                  ) : (
                    <DecimalInput label={`${t('calculation.index.value')} ${key}`} decimals={4} positive value={numberToScaled(data.indexTable[key] ?? 0, 4)} onCommit={(v) => v !== null && setValue(key, scaledToNumber(v, 4))} />
                  )}
                </td>
                {!readOnly && (
                  <td>
                    <button type="button" className="danger-link" aria-label={t('calculation.index.remove', { month: key })} onClick={() => setValue(key, null)}>
                      ×
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!readOnly && (
        <div className="actions">
          <label htmlFor={`${id}-new`} className="inline-label">
            {t('calculation.index.month')}
            <input id={`${id}-new`} type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
          </label>
          <button
            type="button"
            disabled={!MONTH_KEY.test(month) || month in data.indexTable}
            onClick={() => {
              setValue(month, 100);
              setMonth('');
            }}
          >
            {t('calculation.index.add')}
          </button>
        </div>
      )}
    </div>
  );
}
