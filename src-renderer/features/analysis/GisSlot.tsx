// One GIS slot: a map screenshot (dropped, chosen or pasted), stored as a GIS_SCREENSHOT document,
// with arrows, circles and text placed on it by clicking (or with the keyboard: the arrow keys move a
// crosshair, Space places), listed and removable.
import { useId, useRef, useState, type ClipboardEvent, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addAnnotation,
  ANNOTATION_TYPES,
  arrowHead,
  removeAnnotation,
  type Annotation,
  type AnnotationType,
  type GisSlot,
  type GisSlotKey,
  type Point,
} from '../../../src-shared/domain/geometry/index.ts';
import { api } from '../../api/index.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { ConfirmDialog } from '../wizard/ConfirmDialog.tsx';
import { DropZone } from '../wizard/DropZone.tsx';
import { SlotFeedback } from '../wizard/SlotFeedback.tsx';
import { useUploads, type Send } from '../wizard/use-uploads.ts';
import { annotationFromClicks, annotationMetrics, CLICKS, screenshotName, textDirection, toImagePoint, type ImageSize } from './gis-model.ts';
import { loadImage, PLAN_IMAGE_TYPES, SCREENSHOT_ACCEPT } from './plan-files.ts';
import { rememberUpload, useStoredImage } from './use-stored-image.ts';

export interface GisSlotViewProps {
  slotKey: GisSlotKey;
  slot: GisSlot | null;
  valuationId: string;
  readOnly: boolean;
  maxBytes: number;
  /** Documents other slots show: never removed from here. */
  sharedDocumentIds: readonly string[];
  onChange(slot: GisSlot | null): void;
}

const DEFAULT_COLOUR = '#d92d20';

export function GisSlotView({ slotKey, slot, valuationId, readOnly, maxBytes, sharedDocumentIds, onChange }: GisSlotViewProps) {
  const { t } = useTranslation();
  const id = useId();
  const { uploads, notices, problems, errors, upload } = useUploads(maxBytes);
  const image = useStoredImage(slot?.sha256 ?? null);
  const [tool, setTool] = useState<AnnotationType | null>(null);
  const [clicks, setClicks] = useState<Point[]>([]);
  const [text, setText] = useState('');
  const [colour, setColour] = useState(DEFAULT_COLOUR);
  const [cursor, setCursor] = useState<Point | null>(null);
  const [notice, setNotice] = useState('');
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const overlay = useRef<SVGSVGElement>(null);
  const textInput = useRef<HTMLInputElement>(null);
  const title = t(`analysis.gis.slots.${slotKey}.title`);

  const size: ImageSize | null =
    image.status === 'ready' ? { width: image.width, height: image.height } : slot?.width && slot.height ? { width: slot.width, height: slot.height } : null;

  const removeDocument = async (documentId: string | undefined) => {
    if (documentId && !sharedDocumentIds.includes(documentId)) await api.call('documents.remove', { id: documentId }).catch(() => undefined);
  };

  const send: Send = async (file, bytesBase64) => {
    if (!PLAN_IMAGE_TYPES.includes(file.type)) throw new Error(t('analysis.gis.unsupportedType'));
    const loaded = await loadImage(file).catch(() => {
      throw new Error(t('analysis.gis.imageInvalid'));
    });
    URL.revokeObjectURL(loaded.url);
    const result = await api.call('documents.add', { valuationId, docType: 'GIS_SCREENSHOT', fileName: file.name, source: { bytesBase64 } });
    rememberUpload(result.document.sha256, file);
    const previous = slot?.documentId;
    onChange({ sha256: result.document.sha256, documentId: result.document.id, fileName: result.document.fileName, width: loaded.width, height: loaded.height, annotations: [] });
    if (previous && previous !== result.document.id) await removeDocument(previous);
    setTool(null);
    setClicks([]);
    return { duplicateName: result.duplicateOf ? result.document.fileName : null };
  };

  const onPaste = (event: ClipboardEvent<HTMLElement>) => {
    if (readOnly || uploads.length > 0) return;
    const target = event.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') return; // pasting text into the label field
    const files = Array.from(event.clipboardData.files).filter((f) => f.type.startsWith('image/'));
    const first = files[0];
    if (!first) return;
    event.preventDefault();
    const named = new File([first], screenshotName(slotKey, first.type, new Date()), { type: first.type });
    void upload([named], send);
  };

  const place = (point: Point) => {
    if (!slot || !tool || !size || readOnly) return;
    const nextClicks = [...clicks, point];
    if (tool === 'text' && !text.trim()) {
      setNotice(t('analysis.gis.typeTextFirst'));
      textInput.current?.focus();
      return;
    }
    if (nextClicks.length < CLICKS[tool]) {
      setClicks(nextClicks);
      setNotice(t(`analysis.gis.help.${tool}Second`));
      return;
    }
    const annotation = annotationFromClicks(tool, nextClicks, { id: crypto.randomUUID(), colour, text, image: size });
    setClicks([]);
    if (!annotation) {
      setNotice(t('analysis.gis.tooShort'));
      return;
    }
    onChange(addAnnotation(slot, annotation));
    if (tool === 'text') setText('');
    setNotice(t('analysis.gis.added', { what: t(`analysis.gis.tools.${annotation.type}`) }));
  };

  const clientToImage = (event: { clientX: number; clientY: number }): Point | null => {
    const rect = overlay.current?.getBoundingClientRect();
    return rect && size ? toImagePoint({ x: event.clientX, y: event.clientY }, rect, size) : null;
  };

  const onPointerUp = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    const point = clientToImage(event);
    if (point) place(point);
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    if (!size || !tool) return;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const arrow = arrows[event.key];
    const start = cursor ?? { x: size.width / 2, y: size.height / 2 };
    if (arrow) {
      const step = (event.shiftKey ? 0.05 : 0.01) * Math.max(size.width, size.height);
      setCursor({ x: Math.min(size.width, Math.max(0, start.x + arrow[0] * step)), y: Math.min(size.height, Math.max(0, start.y + arrow[1] * step)) });
    } else if (event.key === ' ' || event.key === 'Enter') {
      setCursor(start);
      place(start);
    } else if (event.key === 'Escape') {
      if (clicks.length > 0) setClicks([]);
      else setTool(null);
    } else return;
    event.preventDefault();
  };

  const chooseTool = (next: AnnotationType) => {
    setClicks([]);
    setTool((current) => (current === next ? null : next));
    setNotice(tool === next ? '' : t(`analysis.gis.help.${next}`));
    if (next === 'text') textInput.current?.focus();
  };

  const describe = (annotation: Annotation) =>
    annotation.type === 'text' ? t('analysis.gis.textItem', { text: annotation.text }) : t(`analysis.gis.tools.${annotation.type}`);

  const metrics = size ? annotationMetrics(size) : null;
  const pending = clicks[0] && cursor && tool !== 'text' ? { from: clicks[0], to: cursor } : null;

  return (
    <section
      className="gis-slot"
      aria-labelledby={`${id}-title`}
      data-testid={`gis-slot-${slotKey}`}
      data-sha256={slot?.sha256 ?? ''}
      data-annotations={slot?.annotations.length ?? 0}
      tabIndex={readOnly ? undefined : 0}
      onPaste={onPaste}
    >
      <h4 id={`${id}-title`}>{title}</h4>
      <p className="hint">{t(`analysis.gis.slots.${slotKey}.hint`)}</p>

      {slot && (
        <div className="gis-image" dir="ltr">
          {image.status === 'ready' && <img src={image.url} alt={t('analysis.gis.imageAlt', { slot: title })} draggable={false} />}
          {image.status === 'loading' && <p className="hint">{t('analysis.garmushka.planLoading')}</p>}
          {image.status === 'error' && <ErrorText error={image.error} />}
          {size && metrics && image.status === 'ready' && (
            <svg
              ref={overlay}
              className={`gis-overlay${tool ? ' placing' : ''}`}
              viewBox={`0 0 ${size.width} ${size.height}`}
              preserveAspectRatio="none"
              role="application"
              aria-label={t('analysis.gis.overlayLabel', { slot: title })}
              aria-describedby={`${id}-help`}
              tabIndex={readOnly ? -1 : 0}
              data-testid={`gis-overlay-${slotKey}`}
              data-image-width={size.width}
              data-image-height={size.height}
              onPointerUp={onPointerUp}
              onPointerMove={(e) => tool && setCursor(clientToImage(e))}
              onKeyDown={onKeyDown}
            >
              {slot.annotations.map((annotation) => (
                <AnnotationShape key={annotation.id} annotation={annotation} metrics={metrics} />
              ))}
              {pending && <line x1={pending.from.x} y1={pending.from.y} x2={pending.to.x} y2={pending.to.y} stroke={colour} strokeWidth={metrics.stroke} strokeDasharray="6 4" />}
              {tool && cursor && (
                <g className="gis-crosshair" pointerEvents="none">
                  <line x1={cursor.x - metrics.head} y1={cursor.y} x2={cursor.x + metrics.head} y2={cursor.y} strokeWidth={metrics.stroke / 2} />
                  <line x1={cursor.x} y1={cursor.y - metrics.head} x2={cursor.x} y2={cursor.y + metrics.head} strokeWidth={metrics.stroke / 2} />
                </g>
              )}
            </svg>
          )}
        </div>
      )}

      {slot && !readOnly && (
        <div className="gis-tools" role="toolbar" aria-label={t('analysis.gis.toolsLabel', { slot: title })}>
          {ANNOTATION_TYPES.map((type) => (
            <button key={type} type="button" aria-pressed={tool === type} onClick={() => chooseTool(type)} data-testid={`gis-tool-${type}-${slotKey}`}>
              {t(`analysis.gis.tools.${type}`)}
            </button>
          ))}
          <label className="inline-label">
            {t('analysis.gis.text')}
            <input ref={textInput} type="text" dir="auto" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} data-testid={`gis-text-${slotKey}`} />
          </label>
          <label className="inline-label">
            {t('analysis.gis.colour')}
            <input type="color" value={colour} onChange={(e) => setColour(e.target.value)} />
          </label>
        </div>
      )}
      {slot && !readOnly && (
        <p id={`${id}-help`} className="hint">
          {tool ? t(`analysis.gis.help.${clicks.length > 0 && tool !== 'text' ? `${tool}Second` : tool}`) : t('analysis.gis.help.none')}
        </p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {notice}
      </p>

      {slot && slot.annotations.length > 0 && (
        <ol className="gis-annotations" aria-label={t('analysis.gis.annotationsLabel', { slot: title })}>
          {slot.annotations.map((annotation) => (
            <li key={annotation.id} data-testid="gis-annotation-row" data-type={annotation.type}>
              <span className="swatch" aria-hidden="true" data-colour={annotation.colour}>
                <svg width="12" height="12" viewBox="0 0 12 12">
                  <rect width="12" height="12" rx="2" fill={annotation.colour} />
                </svg>
              </span>
              <span dir="auto">{describe(annotation)}</span>
              {!readOnly && (
                <button type="button" className="danger-link" onClick={() => onChange(removeAnnotation(slot, annotation.id))} data-testid="gis-annotation-remove">
                  {t('analysis.remove')}
                  <span className="visually-hidden"> — {describe(annotation)}</span>
                </button>
              )}
            </li>
          ))}
        </ol>
      )}

      {!readOnly && (
        <>
          <DropZone
            label={title}
            accept={SCREENSHOT_ACCEPT}
            multiple={false}
            disabled={uploads.length > 0}
            onFiles={(files) => void upload(files, send)}
            testId={`gis-drop-${slotKey}`}
          />
          <p className="hint">{t('analysis.gis.pasteHint')}</p>
        </>
      )}
      {!slot && readOnly && <p className="hint">{t('analysis.gis.empty')}</p>}
      {slot && !readOnly && (
        <button type="button" className="danger-link" onClick={() => setConfirmRemove(true)} data-testid={`gis-remove-${slotKey}`}>
          {t('analysis.gis.removeImage')}
          <span className="visually-hidden"> — {title}</span>
        </button>
      )}
      <SlotFeedback uploads={uploads} notices={notices} problems={problems} errors={errors} />
      <ConfirmDialog
        open={confirmRemove}
        title={t('analysis.gis.removeTitle', { slot: title })}
        message={t('analysis.gis.removeMessage')}
        confirmLabel={t('analysis.remove')}
        danger
        error={removeError}
        onConfirm={() => {
          const documentId = slot?.documentId;
          onChange(null);
          setConfirmRemove(false);
          setRemoveError(null);
          setTool(null);
          void removeDocument(documentId).catch(setRemoveError);
        }}
        onCancel={() => setConfirmRemove(false)}
      />
    </section>
  );
}

function AnnotationShape({ annotation, metrics }: { annotation: Annotation; metrics: ReturnType<typeof annotationMetrics> }) {
  switch (annotation.type) {
    case 'arrow': {
      const [left, right] = arrowHead(annotation.from, annotation.to, metrics.head);
      return (
        <g stroke={annotation.colour} strokeWidth={metrics.stroke} strokeLinecap="round" fill="none" data-annotation-id={annotation.id}>
          <line x1={annotation.from.x} y1={annotation.from.y} x2={annotation.to.x} y2={annotation.to.y} />
          <polyline points={`${left.x},${left.y} ${annotation.to.x},${annotation.to.y} ${right.x},${right.y}`} strokeLinejoin="round" />
        </g>
      );
    }
    case 'circle':
      return <circle cx={annotation.center.x} cy={annotation.center.y} r={annotation.radius} stroke={annotation.colour} strokeWidth={metrics.stroke} fill="none" data-annotation-id={annotation.id} />;
    case 'text':
      return (
        <text
          x={annotation.at.x}
          y={annotation.at.y}
          fill={annotation.colour}
          fontSize={metrics.fontSize}
          direction={textDirection(annotation.text)}
          textAnchor="start"
          className="gis-text"
          strokeWidth={metrics.fontSize / 6}
          data-annotation-id={annotation.id}
        >
          {annotation.text}
        </text>
      );
  }
}
