// Plan images for the report: the measured part of the plan with the shapes drawn on it, cut out and
// saved as a GARMUSHKA document; the list is kept in valuations.garmushka_images.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  polygonCentroid,
  readGarmushkaImages,
  shapeFigures,
  type Calibration,
  type GarmushkaImage,
  type GarmushkaImages,
  type MeasurementDocument,
} from '../../../src-shared/domain/geometry/index.ts';
import { api } from '../../api/index.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { ConfirmDialog } from '../wizard/ConfirmDialog.tsx';
import { Thumbnail } from '../wizard/Thumbnail.tsx';
import { isolate, readAsBase64 } from '../wizard/upload.ts';
import { cropRect, formatSqm, stableStringify, type Rect } from './garmushka-model.ts';
import { encodeCanvas } from './plan-files.ts';

/** The longest side of a saved plan image. */
const OUTPUT_MAX_SIDE = 2400;

export interface ReportImagesProps {
  valuationId: string;
  readOnly: boolean;
  stored: unknown;
  doc: MeasurementDocument;
  plan: { image: HTMLImageElement; width: number; height: number; sha256: string } | null;
  calibration: Calibration | null;
}

function stamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
}

/** Draws the crop of the plan with the shapes and their labels; the canvas is at most OUTPUT_MAX_SIDE. */
function drawCrop(image: HTMLImageElement, doc: MeasurementDocument, crop: Rect, label: (hundredths: number) => string, cal: Calibration | null): HTMLCanvasElement {
  const ratio = Math.min(1, OUTPUT_MAX_SIDE / Math.max(crop.width, crop.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(crop.width * ratio));
  canvas.height = Math.max(1, Math.round(crop.height * ratio));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw images.');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, crop.x, crop.y, crop.width, crop.height, 0, 0, canvas.width, canvas.height);
  const to = (p: { x: number; y: number }) => ({ x: (p.x - crop.x) * ratio, y: (p.y - crop.y) * ratio });
  const line = Math.max(2, Math.round(Math.max(canvas.width, canvas.height) / 600));
  const fontSize = Math.max(14, Math.round(Math.max(canvas.width, canvas.height) / 70));
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  for (const shape of doc.shapes) {
    ctx.beginPath();
    shape.points.forEach((p, i) => {
      const q = to(p);
      if (i === 0) ctx.moveTo(q.x, q.y);
      else ctx.lineTo(q.x, q.y);
    });
    if (shape.type === 'polygon') {
      ctx.closePath();
      ctx.globalAlpha = 0.2;
      ctx.fillStyle = shape.colour;
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = shape.colour;
    ctx.lineWidth = line;
    ctx.stroke();
  }
  ctx.font = `600 ${fontSize}px "Noto Sans Hebrew", "Segoe UI", Arial, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.direction = document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr';
  for (const shape of doc.shapes) {
    const anchor = shape.type === 'polygon' ? polygonCentroid(shape.points) : shape.points[0];
    if (!anchor) continue;
    const at = to(anchor);
    const area = shapeFigures(shape, cal).areaHundredths;
    const text = area !== null ? `${isolate(shape.name)} · ${label(area)}` : shape.name;
    ctx.lineWidth = Math.max(3, fontSize / 4);
    ctx.strokeStyle = '#ffffff';
    ctx.strokeText(text, at.x, at.y);
    ctx.fillStyle = shape.colour;
    ctx.fillText(text, at.x, at.y);
  }
  return canvas;
}

export function ReportImages({ valuationId, readOnly, stored, doc, plan, calibration }: ReportImagesProps) {
  const { t } = useTranslation();
  const id = useId();
  const storedList = readGarmushkaImages(stored);
  const storedJson = stableStringify(storedList);
  const [list, setList] = useState<GarmushkaImages>(storedList);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [removal, setRemoval] = useState<GarmushkaImage | null>(null);

  // The stored list is the truth between actions (another window may add an image too).
  useEffect(() => {
    if (!busy) setList(JSON.parse(storedJson) as GarmushkaImages);
  }, [storedJson, busy]);

  const saveList = async (next: GarmushkaImages) => {
    await api.call('valuations.update', { id: valuationId, fields: { garmushkaImages: next } });
    setList(next);
  };

  const create = async () => {
    if (!plan) return;
    setBusy(true);
    setError(null);
    try {
      const crop = cropRect(doc, plan);
      const canvas = drawCrop(plan.image, doc, crop, (h) => t('analysis.garmushka.areaValue', { value: formatSqm(h) }), calibration);
      const { blob, extension } = await encodeCanvas(canvas);
      const fileName = `garmushka-${stamp(new Date())}.${extension}`;
      const result = await api.call('documents.add', { valuationId, docType: 'GARMUSHKA', fileName, source: { bytesBase64: await readAsBase64(blob) } });
      const entry: GarmushkaImage = {
        documentId: result.document.id,
        sha256: result.document.sha256,
        fileName: result.document.fileName,
        planSha256: plan.sha256,
        crop,
        createdAt: new Date().toISOString(),
      };
      if (!list.images.some((image) => image.sha256 === entry.sha256)) await saveList({ version: 1, images: [...list.images, entry] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    const image = removal;
    if (!image) return;
    setBusy(true);
    setError(null);
    try {
      await saveList({ version: 1, images: list.images.filter((i) => i.documentId !== image.documentId) });
      await api.call('documents.remove', { id: image.documentId }).catch(() => undefined); // already gone is fine
      setRemoval(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="report-images" aria-labelledby={`${id}-title`} data-testid="garmushka-report-images">
      <h4 id={`${id}-title`}>{t('analysis.garmushka.reportImagesTitle')}</h4>
      <p className="hint">{t('analysis.garmushka.reportImagesHint')}</p>
      {!readOnly && (
        <div className="actions">
          <button type="button" onClick={() => void create()} disabled={!plan || busy} aria-busy={busy} data-testid="garmushka-save-image">
            {busy ? t('analysis.saving') : t('analysis.garmushka.saveImage')}
          </button>
        </div>
      )}
      <ErrorText error={error} />
      {list.images.length > 0 && (
        <ul className="report-image-list">
          {list.images.map((image) => (
            <li key={image.documentId} className="report-image" data-testid="garmushka-report-image">
              <Thumbnail sha256={image.sha256} alt={image.fileName} />
              <span className="file-name" dir="auto">
                {image.fileName}
              </span>
              {!readOnly && (
                <button type="button" className="danger-link" onClick={() => setRemoval(image)}>
                  {t('analysis.remove')}
                  <span className="visually-hidden"> — {image.fileName}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={removal !== null}
        title={t('analysis.garmushka.removeImageTitle')}
        message={t('analysis.garmushka.removeImageMessage', { name: removal?.fileName ?? '' })}
        confirmLabel={t('analysis.remove')}
        danger
        busy={busy}
        error={error}
        onConfirm={() => void remove()}
        onCancel={() => setRemoval(null)}
      />
    </section>
  );
}
