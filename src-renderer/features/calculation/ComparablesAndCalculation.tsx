// Step 4's comparables and calculation, for the wizard to render:
//   <ComparablesAndCalculation valuationId={valuationId} readOnly={readOnly} />
// It reads the valuation itself (again whenever the core says it changed) and saves, a second after
// the last edit: comparableData, step4Data.calculation, and — while the calculation is ok —
// finalValuationAgorot and pricePerSqmAgorot.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Valuation } from '../../../src-shared/contract/entities.ts';
import { monthOf, isIsoDate } from '../../../src-shared/domain/calculation/index.ts';
import { areaLines, readMeasurementDocument } from '../../../src-shared/domain/geometry/index.ts';
import { api } from '../../api/index.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import type { SaveStatus } from '../analysis/debounced-saver.ts';
import { SaveIndicator } from '../analysis/SaveIndicator.tsx';
import { useJsonAutosave } from '../analysis/use-json-autosave.ts';
import { useValuation } from '../wizard/use-valuation.ts';
import { analyzeSelection, calculate, finalFigures, readCalculationSettings, readComparableData, resolveValuationDate, type CalculationSettings, type ComparableData } from './calculation-model.ts';
import { CalculationPanel } from './CalculationPanel.tsx';
import { ComparablesPanel } from './ComparablesPanel.tsx';
import './calculation.css';

export function ComparablesAndCalculation({ valuationId, readOnly }: { valuationId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const { valuation, error } = useValuation(valuationId);
  if (error) return <ErrorText error={error} />;
  if (!valuation) return <p className="hint">{t('app.loading')}</p>;
  return <Loaded key={valuationId} valuation={valuation} readOnly={readOnly} />;
}

const STATUS_ORDER: SaveStatus[] = ['error', 'saving', 'pending', 'saved'];
const worst = (...statuses: SaveStatus[]): SaveStatus => STATUS_ORDER.find((s) => statuses.includes(s)) ?? 'saved';

function step1DateOf(valuation: Valuation): string | null {
  const date = valuation.step1Data?.valuationDate;
  return typeof date === 'string' && isIsoDate(date) ? date : null;
}

interface Finals {
  finalValuationAgorot: number | null;
  pricePerSqmAgorot: number | null;
}

function Loaded({ valuation, readOnly }: { valuation: Valuation; readOnly: boolean }) {
  const { t } = useTranslation();
  const latest = useRef(valuation);
  useEffect(() => {
    latest.current = valuation;
  });
  const valuationId = valuation.id;

  const storedData = useMemo(() => readComparableData(valuation.comparableData), [valuation.comparableData]);
  const storedSettings = useMemo(() => readCalculationSettings(valuation.step4Data), [valuation.step4Data]);
  const [data, setData] = useState<ComparableData>(storedData);
  const [settings, setSettings] = useState<CalculationSettings>(storedSettings);

  const step1Date = step1DateOf(valuation);
  const garmushkaLines = useMemo(() => {
    const doc = readMeasurementDocument(valuation.garmushkaMeasurements);
    return doc ? areaLines(doc) : [];
  }, [valuation.garmushkaMeasurements]);
  const valuationDate = resolveValuationDate(step1Date, data);
  const outcome = useMemo(() => calculate({ data, settings, garmushkaLines, valuationDate }), [data, settings, garmushkaLines, valuationDate]);
  const analysis = useMemo(() => (outcome.ok ? { lines: outcome.result.comparables, statistics: outcome.result.statistics } : analyzeSelection(data, valuationDate)), [outcome, data, valuationDate]);

  const dataSave = useJsonAutosave<ComparableData>({
    value: data,
    stored: storedData,
    readOnly,
    save: async (next) => {
      const date = step1DateOf(latest.current);
      const comparableData = date ? { ...next, valuationMonth: monthOf(date) } : next;
      await api.call('valuations.update', { id: valuationId, fields: { comparableData } });
    },
    onRemote: setData,
  });
  const settingsSave = useJsonAutosave<CalculationSettings>({
    value: settings,
    stored: storedSettings,
    readOnly,
    save: async (next) => {
      const step4Data = { ...(latest.current.step4Data ?? {}), calculation: next };
      await api.call('valuations.update', { id: valuationId, fields: { step4Data } });
    },
    onRemote: setSettings,
  });
  const storedFinals: Finals = { finalValuationAgorot: valuation.finalValuationAgorot, pricePerSqmAgorot: valuation.pricePerSqmAgorot };
  const finals: Finals = finalFigures(outcome) ?? storedFinals;
  const finalsSave = useJsonAutosave<Finals>({
    value: finals,
    stored: storedFinals,
    readOnly,
    save: async (next) => {
      await api.call('valuations.update', { id: valuationId, fields: { ...next } });
    },
    onRemote: () => undefined,
  });
  const status = worst(dataSave.status, settingsSave.status, finalsSave.status);
  const saveError = dataSave.error ?? settingsSave.error ?? finalsSave.error;

  return (
    <div className="calc" data-testid="comparables-and-calculation">
      <div className="calc-header">
        <h3 className="visually-hidden">{t('calculation.title')}</h3>
        {!readOnly && <SaveIndicator status={status} error={saveError} testId="calculation-save-status" />}
      </div>
      <ComparablesPanel data={data} onChange={setData} analysis={analysis} readOnly={readOnly} step1Date={step1Date} />
      <CalculationPanel settings={settings} onChange={setSettings} garmushkaLines={garmushkaLines} outcome={outcome} readOnly={readOnly} />
    </div>
  );
}
