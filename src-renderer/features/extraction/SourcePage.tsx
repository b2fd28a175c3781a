// The page an extracted fact was read from, beside the fields, with the fact's box highlighted: the
// appraiser checks the value against what the registry printed before confirming it. The PDF is read
// from the local store and drawn with PDF.js (the same loader as the Garmushka plans).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../ui/error-text.tsx';
import { openPdf, readStoredFile } from '../analysis/plan-files.ts';

/** Where a fact is: its page (1-based) and its box as fractions 0..1 of the page, origin top-left. */
export interface SourceSpot {
  page: number;
  bbox: readonly [number, number, number, number] | null;
  label: string;
}

export function SourcePage({ sha256, fileName, spot, onClose }: { sha256: string; fileName: string; spot: SourceSpot; onClose(): void }) {
  const { t } = useTranslation();
  const [image, setImage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    let url: string | null = null;
    setImage(null);
    setError(null);
    void (async () => {
      const pdf = await openPdf(await readStoredFile(sha256));
      try {
        const rendered = await pdf.render(Math.min(Math.max(1, spot.page), pdf.pageCount));
        url = URL.createObjectURL(rendered.blob);
        if (live) setImage(url);
      } finally {
        await pdf.close();
      }
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [sha256, spot.page]);

  const [left, top, right, bottom] = spot.bbox ?? [0, 0, 0, 0];
  return (
    <aside className="source-page" aria-labelledby="source-page-title" data-testid="source-page">
      <div className="source-page-head">
        <h4 id="source-page-title">
          {t('step3.sourcePage', { page: spot.page })} — <bdi>{spot.label}</bdi>
        </h4>
        <button type="button" onClick={onClose}>
          {t('step3.closePage')}
        </button>
      </div>
      <ErrorText error={error} />
      {!image && !error && <p className="hint">{t('app.loading')}</p>}
      {image && (
        <div className="source-page-sheet">
          <img src={image} alt={t('step3.pageImage', { page: spot.page, file: fileName })} />
          {spot.bbox && (
            <span
              className="source-box"
              data-testid="source-box"
              style={{ left: `${left * 100}%`, top: `${top * 100}%`, width: `${(right - left) * 100}%`, height: `${(bottom - top) * 100}%` }}
            />
          )}
        </div>
      )}
    </aside>
  );
}
