// Exports: the report as a (draft) PDF or DOCX and the data as CSV or JSON, one at a time with progress
// (printing a PDF takes seconds), each kept as a new version in the generated files below.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetEntity } from '../../../src-shared/contract/entities.ts';
import type { MethodInput } from '../../../src-shared/contract/methods.ts';
import { api } from '../../api/index.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { isolate } from '../wizard/upload.ts';
import { GeneratedFiles } from './GeneratedFiles.tsx';

type Format = MethodInput<'report.export'>['format'];
const FORMATS: readonly Format[] = ['PDF', 'DOCX', 'CSV', 'JSON'];

export interface ExportPanelProps {
  valuationId: string;
  /** False for a client viewer or an archived valuation: only the list is shown. */
  mayExport: boolean;
  assets: AssetEntity[] | null;
  assetsError: unknown;
  sealedId: string | null;
}

export function ExportPanel({ valuationId, mayExport, assets, assetsError, sealedId }: ExportPanelProps) {
  const { t } = useTranslation();
  const id = useId();
  const [running, setRunning] = useState<Format | null>(null);
  const [made, setMade] = useState<AssetEntity | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (format: Format) => {
    setRunning(format);
    setMade(null);
    setError(null);
    try {
      setMade((await api.call('report.export', { valuationId, format })).asset);
    } catch (e) {
      setError(e);
    } finally {
      setRunning(null);
    }
  };

  return (
    <section className="report-card" aria-labelledby={`${id}-title`} data-testid="report-exports">
      <h3 id={`${id}-title`}>{t('report.exports.title')}</h3>
      {mayExport && (
        <>
          <p className="hint">{t('report.exports.intro')}</p>
          <div className="actions" role="group" aria-labelledby={`${id}-title`}>
            {FORMATS.map((format) => (
              <button key={format} type="button" disabled={running !== null} aria-busy={running === format} onClick={() => void run(format)} data-testid={`export-${format}`}>
                {t(`report.exports.formats.${format}`)}
              </button>
            ))}
          </div>
          {running && (
            <p className="report-progress" role="status">
              <progress aria-labelledby={`${id}-running`} />
              <span id={`${id}-running`}>{running === 'PDF' ? t('report.exports.printing') : t('report.exports.working', { format: t(`report.exports.formats.${running}`) })}</span>
            </p>
          )}
          {made && (
            <p role="status" data-testid="export-done">
              {t('report.exports.done', { name: isolate(made.fileName), version: made.version })}
            </p>
          )}
          <ErrorText error={error} messages={{ UNAVAILABLE: t('report.errors.printUnavailable') }} />
        </>
      )}
      <GeneratedFiles assets={assets} error={assetsError} sealedId={sealedId} />
    </section>
  );
}
