// GIS (step 4): map screenshots in three slots — the wide area, the parcel sheet, the aerial photo —
// each with simple annotations, stored as JSON in valuations.gis_screenshots a second after the last edit.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GIS_SLOTS, readGisScreenshots, setGisSlot, type GisScreenshots } from '../../../src-shared/domain/geometry/index.ts';
import { api } from '../../api/index.ts';
import { useSession } from '../../stores/session.ts';
import { GisSlotView } from './GisSlot.tsx';
import { SaveIndicator } from './SaveIndicator.tsx';
import { useJsonAutosave } from './use-json-autosave.ts';

const MB = 1024 * 1024;

export interface GisProps {
  valuationId: string;
  readOnly: boolean;
  /** valuation.gisScreenshots as stored. */
  stored: unknown;
}

export function Gis({ valuationId, readOnly, stored }: GisProps) {
  const { t } = useTranslation();
  const id = useId();
  const settings = useSession((s) => s.settings);
  const storedValue = useMemo(() => readGisScreenshots(stored), [stored]);
  const [value, setValue] = useState<GisScreenshots>(storedValue);
  const autosave = useJsonAutosave<GisScreenshots>({
    value,
    stored: storedValue,
    readOnly,
    save: async (next) => {
      await api.call('valuations.update', { id: valuationId, fields: { gisScreenshots: next } });
    },
    onRemote: setValue,
  });
  const documentIds = GIS_SLOTS.map((key) => value[key]?.documentId ?? null);

  return (
    <section className="analysis-part gis" aria-labelledby={`${id}-title`} data-testid="gis">
      <div className="analysis-part-header">
        <h3 id={`${id}-title`}>{t('analysis.gis.title')}</h3>
        {!readOnly && <SaveIndicator status={autosave.status} error={autosave.error} testId="gis-save-status" />}
      </div>
      <p className="hint">{t('analysis.gis.intro')}</p>
      <div className="gis-slots">
        {GIS_SLOTS.map((key, index) => (
          <GisSlotView
            key={key}
            slotKey={key}
            slot={value[key] ?? null}
            valuationId={valuationId}
            readOnly={readOnly}
            maxBytes={settings?.imageMaxBytes ?? 25 * MB}
            sharedDocumentIds={documentIds.filter((d, i): d is string => d !== null && i !== index)}
            onChange={(slot) => setValue((current) => setGisSlot(current, key, slot))}
          />
        ))}
      </div>
    </section>
  );
}
