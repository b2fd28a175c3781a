// The report as it will print: the core's self-contained HTML (A4, RTL, fonts and images embedded) in a
// sandboxed frame — no scripts, no same-origin access — shrunk to the pane's width. Building it takes a
// moment, so the previous page stays visible (dimmed) while a new one is made; an edit elsewhere marks
// the preview as outdated instead of rebuilding it on every keystroke.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { A4_WIDTH_PX, previewScale } from './report-model.ts';
import { useElementSize } from './use-element-size.ts';

/** sealed: the valuation is signed and cannot change, so its preview is never out of date. */
export function ReportPreview({ valuationId, sealed = false }: { valuationId: string; sealed?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [html, setHtml] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [outdated, setOutdated] = useState(false);
  const [asked, setAsked] = useState(0);
  const [pane, size] = useElementSize<HTMLDivElement>();

  // Another valuation: forget the old page, and follow this one's changes.
  useEffect(() => {
    setHtml(null);
    if (sealed) return;
    return api.on('data.changed', (event) => {
      if (event.tables.includes('valuations') && (!event.ids || event.ids.includes(valuationId))) setOutdated(true);
    });
  }, [valuationId, sealed]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    api.call('report.preview', { valuationId }).then(
      (answer) => {
        if (!live) return;
        setHtml(answer.html);
        setOutdated(false);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [valuationId, asked]);

  const scale = previewScale(size.width);
  return (
    <section className="report-card report-preview" aria-labelledby={`${id}-title`} aria-busy={loading} data-testid="report-preview">
      <div className="report-card-head">
        <h3 id={`${id}-title`}>{t('report.preview.title')}</h3>
        {!sealed && (
          <button type="button" onClick={() => setAsked((n) => n + 1)} disabled={loading} data-testid="report-preview-refresh">
            {t('report.preview.refresh')}
          </button>
        )}
      </div>
      {loading && (
        <p className="report-progress" role="status">
          <progress aria-labelledby={`${id}-loading`} />
          <span id={`${id}-loading`}>{t('report.preview.loading')}</span>
        </p>
      )}
      {outdated && !loading && (
        <p className="hint" role="status" data-testid="report-preview-outdated">
          {t('report.preview.outdated')}
        </p>
      )}
      <ErrorText error={error} />
      <div className={`report-preview-pane${loading ? ' is-loading' : ''}`} ref={pane}>
        {html !== null && (
          <iframe
            title={t('report.preview.frameTitle')}
            sandbox=""
            srcDoc={html}
            className="report-preview-frame"
            data-testid="report-preview-frame"
            style={{ inlineSize: A4_WIDTH_PX, blockSize: size.height / scale, transform: `scale(${scale})` }}
          />
        )}
      </div>
    </section>
  );
}
