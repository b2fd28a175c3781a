// Garmushka measurement (step 4): load the permit drawing (an image, or a PDF page rendered in the
// browser), calibrate it by one known length, draw polygons and polylines, name and colour them and
// assign polygons to area kinds whose totals feed the calculation. Every edit is undoable; the
// measurement document is saved to valuations.garmushka_measurements a second after the last edit.
import { useCallback, useEffect, useId, useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  calibrationOf,
  canRedo,
  canUndo,
  createHistory,
  historyReducer,
  LENGTH_UNITS,
  readMeasurementDocument,
  shapeFigures,
  type LengthUnit,
  type MeasurementAction,
  type MeasurementDocument,
  type PlanReference,
  type Point,
  type Shape,
  type ShapeChanges,
} from '../../../src-shared/domain/geometry/index.ts';
import { api } from '../../api/index.ts';
import { useSession } from '../../stores/session.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { DropZone } from '../wizard/DropZone.tsx';
import { SlotFeedback } from '../wizard/SlotFeedback.tsx';
import { isolate, readAsBase64 } from '../wizard/upload.ts';
import { useUploads, type Send } from '../wizard/use-uploads.ts';
import { AreaTotals } from './AreaTotals.tsx';
import {
  addDraftPoint,
  canFinish,
  formatMetres,
  formatNumber,
  formatSqm,
  nextColour,
  nextShapeName,
  parseLength,
  reduceMaybe,
  SAME_POINT_SCREEN_PX,
  type Tool,
} from './garmushka-model.ts';
import { derivedName, isPdf, loadImage, openPdf, PdfOpenError, PLAN_ACCEPT, PLAN_IMAGE_TYPES, READ_BACK_MAX_BYTES, shrinkImage } from './plan-files.ts';
import { PlanViewport } from './PlanViewport.tsx';
import { ReportImages } from './ReportImages.tsx';
import { SaveIndicator } from './SaveIndicator.tsx';
import { ShapeList } from './ShapeList.tsx';
import { rememberUpload, useStoredImage } from './use-stored-image.ts';
import { useJsonAutosave } from './use-json-autosave.ts';
import { fitViewport, zoomAt, ZOOM_STEP, type Size, type Viewport } from './viewport.ts';

const MB = 1024 * 1024;
const reducer = historyReducer(reduceMaybe);

export interface GarmushkaProps {
  valuationId: string;
  readOnly: boolean;
  /** valuation.garmushkaMeasurements as stored. */
  stored: unknown;
  /** valuation.garmushkaImages as stored. */
  storedImages: unknown;
}

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || (target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'button'));

export function Garmushka({ valuationId, readOnly, stored, storedImages }: GarmushkaProps) {
  const { t } = useTranslation();
  const id = useId();
  const settings = useSession((s) => s.settings);
  const storedDoc = useMemo(() => readMeasurementDocument(stored), [stored]);
  const [history, dispatchHistory] = useReducer(reducer, storedDoc, createHistory<MeasurementDocument | null>);
  const doc = history.present;
  const cal = useMemo(() => calibrationOf(doc?.calibration), [doc?.calibration]);

  const [tool, setTool] = useState<Tool>('pan');
  const [draft, setDraft] = useState<Point[]>([]);
  const [pendingCalibration, setPendingCalibration] = useState<{ a: Point; b: Point } | null>(null);
  const [editingLength, setEditingLength] = useState(false);
  const [lengthText, setLengthText] = useState('');
  const [lengthUnit, setLengthUnit] = useState<LengthUnit>('m');
  const [lengthError, setLengthError] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [viewport, setViewport] = useState<Viewport>({ scale: 1, x: 0, y: 0 });
  const viewSize = useRef<Size>({ width: 0, height: 0 });
  const fittedFor = useRef<string | null>(null);
  const lengthInput = useRef<HTMLInputElement>(null);
  const [pagePrompt, setPagePrompt] = useState<{ count: number; resolve(page: number | null): void } | null>(null);
  const [page, setPage] = useState(1);
  const { uploads, notices, problems, errors, upload } = useUploads(settings?.documentMaxBytes ?? 50 * MB);

  const autosave = useJsonAutosave<MeasurementDocument | null>({
    value: doc,
    stored: storedDoc,
    readOnly,
    save: async (next) => {
      await api.call('valuations.update', { id: valuationId, fields: { garmushkaMeasurements: next } });
    },
    onRemote: (next) => dispatchHistory({ type: 'reset', present: next }),
  });

  const apply = useCallback((action: MeasurementAction, coalesceKey?: string) => dispatchHistory({ type: 'apply', action, coalesceKey: coalesceKey ?? null }), []);

  const plan = useStoredImage(doc?.planSha256 ?? null);
  const planSize: Size = plan.status === 'ready' ? { width: plan.width, height: plan.height } : (doc?.planSize ?? { width: 1000, height: 1000 });

  const fit = useCallback(() => setViewport(fitViewport(planSize, viewSize.current)), [planSize]);
  // A newly shown plan is fitted to the view once it is decoded and the view has a size.
  useEffect(() => {
    if (plan.status !== 'ready' || fittedFor.current === plan.sha256 || viewSize.current.width === 0) return;
    fittedFor.current = plan.sha256;
    setViewport(fitViewport({ width: plan.width, height: plan.height }, viewSize.current));
  }, [plan]);
  const onViewSize = useCallback(
    (size: Size) => {
      const first = viewSize.current.width === 0;
      viewSize.current = size;
      if (first && plan.status === 'ready' && fittedFor.current !== plan.sha256) {
        fittedFor.current = plan.sha256;
        setViewport(fitViewport({ width: plan.width, height: plan.height }, size));
      }
    },
    [plan],
  );
  const zoomBy = (factor: number) => setViewport((v) => zoomAt(v, factor, { x: viewSize.current.width / 2, y: viewSize.current.height / 2 }));

  // Another plan, an undo past a plan change or a version from elsewhere: drop what was being drawn.
  const planSha = doc?.planSha256 ?? null;
  useEffect(() => {
    setDraft([]);
    setPendingCalibration(null);
    setTool('pan');
  }, [planSha]);
  // A selected shape that an undo removed is no longer selected.
  useEffect(() => {
    if (selectedId && !doc?.shapes.some((s) => s.id === selectedId)) setSelectedId(null);
  }, [doc, selectedId]);
  useEffect(() => {
    if (pendingCalibration || editingLength) lengthInput.current?.focus();
  }, [pendingCalibration, editingLength]);

  // ---- tools --------------------------------------------------------------------------------------

  const chooseTool = (next: Tool) => {
    setDraft([]);
    setPendingCalibration(null);
    setEditingLength(false);
    setTool((current) => (current === next ? 'pan' : next));
    setAnnouncement(next === tool ? '' : t(`analysis.garmushka.help.${next}`));
  };

  const tolerance = SAME_POINT_SCREEN_PX / viewport.scale;
  const onPoint = (point: Point) => {
    if (tool === 'pan' || readOnly) return;
    const next = addDraftPoint(draft, point, tolerance);
    if (tool === 'calibrate' && next.length === 2) {
      setPendingCalibration({ a: next[0]!, b: next[1]! });
      setDraft([]);
      setTool('pan');
      setLengthText(doc?.calibration ? String(doc.calibration.knownLength) : '');
      setLengthUnit(doc?.calibration?.unit ?? 'm');
      setLengthError(false);
      setAnnouncement(t('analysis.garmushka.help.calibrateLength'));
      return;
    }
    setDraft(next);
    setAnnouncement(t('analysis.garmushka.pointAdded', { count: next.length }));
  };

  const finish = () => {
    if (tool !== 'polygon' && tool !== 'polyline') return;
    if (!canFinish(tool, draft)) {
      setAnnouncement(t(tool === 'polygon' ? 'analysis.garmushka.needPolygonPoints' : 'analysis.garmushka.needPolylinePoints'));
      return;
    }
    const shapes = doc?.shapes ?? [];
    const shape: Shape = {
      id: crypto.randomUUID(),
      name: nextShapeName(shapes, t(tool === 'polygon' ? 'analysis.garmushka.polygonName' : 'analysis.garmushka.polylineName')),
      colour: nextColour(shapes),
      kind: 'none',
      type: tool,
      points: draft,
    };
    apply({ type: 'addShape', shape });
    setDraft([]);
    setSelectedId(shape.id);
    const figures = shapeFigures(shape, cal);
    setAnnouncement(
      t('analysis.garmushka.shapeAdded', {
        name: isolate(shape.name),
        value:
          figures.areaHundredths !== null
            ? t('analysis.garmushka.areaValue', { value: formatSqm(figures.areaHundredths) })
            : figures.lengthCm !== null
              ? t('analysis.garmushka.lengthValue', { value: formatMetres(figures.lengthCm) })
              : t('analysis.garmushka.notCalibratedShort'),
      }),
    );
  };

  const cancel = () => {
    if (draft.length > 0) setDraft([]);
    else setTool('pan');
    setAnnouncement(t('analysis.garmushka.cancelled'));
  };

  const applyLength = () => {
    const length = parseLength(lengthText);
    const points = pendingCalibration ?? (doc?.calibration ? { a: doc.calibration.a, b: doc.calibration.b } : null);
    if (length === null || !points) {
      setLengthError(true);
      return;
    }
    apply({ type: 'calibrate', calibration: { a: points.a, b: points.b, knownLength: length, unit: lengthUnit } });
    setPendingCalibration(null);
    setEditingLength(false);
    setLengthError(false);
    setAnnouncement(t('analysis.garmushka.calibrated'));
  };

  const undo = () => dispatchHistory({ type: 'undo' });
  const redo = () => dispatchHistory({ type: 'redo' });
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (readOnly || isTextField(event.target) || !(event.ctrlKey || event.metaKey) || event.altKey) return;
    // By physical key, so that Ctrl+Z works with the Hebrew layout too.
    const z = event.code === 'KeyZ' || event.key.toLowerCase() === 'z';
    const y = event.code === 'KeyY' || event.key.toLowerCase() === 'y';
    if (z && !event.shiftKey) undo();
    else if (y || (z && event.shiftKey)) redo();
    else return;
    event.preventDefault();
  };

  // ---- loading a plan ---------------------------------------------------------------------------------

  const askPage = (count: number) =>
    new Promise<number | null>((resolve) => {
      setPage(1);
      setPagePrompt({ count, resolve });
    });
  const answerPage = (answer: number | null) => {
    pagePrompt?.resolve(answer);
    setPagePrompt(null);
  };

  const addDocument = async (fileName: string, blob: Blob, bytesBase64?: string) => {
    const result = await api.call('documents.add', {
      valuationId,
      docType: 'GARMUSHKA',
      fileName,
      source: { bytesBase64: bytesBase64 ?? (await readAsBase64(blob)) },
    });
    rememberUpload(result.document.sha256, blob);
    return result;
  };

  const send: Send = async (file, bytesBase64) => {
    let reference: PlanReference;
    let original;
    if (isPdf(file)) {
      const pdf = await openPdf(file).catch((error: unknown) => {
        throw new Error(error instanceof PdfOpenError && error.reason === 'ENCRYPTED' ? t('analysis.garmushka.pdfEncrypted') : t('analysis.garmushka.pdfInvalid'));
      });
      try {
        const chosen = pdf.pageCount > 1 ? await askPage(pdf.pageCount) : 1;
        if (chosen === null) return { duplicateName: null };
        const rendered = await pdf.render(chosen);
        original = await addDocument(file.name, file, bytesBase64);
        const raster = await addDocument(derivedName(file.name, `p${chosen}`, rendered.extension), rendered.blob);
        reference = { planSha256: raster.document.sha256, page: chosen, sourceSha256: original.document.sha256, planSize: { width: rendered.width, height: rendered.height } };
      } finally {
        void pdf.close();
      }
    } else {
      if (!PLAN_IMAGE_TYPES.includes(file.type)) throw new Error(t('analysis.garmushka.unsupportedType'));
      if (file.size > READ_BACK_MAX_BYTES) {
        const shrunk = await shrinkImage(file).catch(() => {
          throw new Error(t('analysis.garmushka.imageInvalid'));
        });
        original = await addDocument(file.name, file, bytesBase64);
        const copy = await addDocument(derivedName(file.name, 'plan', shrunk.extension), shrunk.blob);
        reference = { planSha256: copy.document.sha256, sourceSha256: original.document.sha256, planSize: { width: shrunk.width, height: shrunk.height } };
      } else {
        const loaded = await loadImage(file).catch(() => {
          throw new Error(t('analysis.garmushka.imageInvalid'));
        });
        URL.revokeObjectURL(loaded.url);
        original = await addDocument(file.name, file, bytesBase64);
        reference = { planSha256: original.document.sha256, planSize: { width: loaded.width, height: loaded.height } };
      }
    }
    apply({ type: 'setPlan', plan: reference });
    setAnnouncement(t('analysis.garmushka.planLoaded'));
    return { duplicateName: original.duplicateOf ? original.document.fileName : null };
  };

  // ---- rendering --------------------------------------------------------------------------------------

  // The name is isolated so that a Hebrew name keeps its place beside the figure in English, and back.
  const labelOf = (shape: Shape) => {
    const figures = shapeFigures(shape, cal);
    if (figures.areaHundredths !== null) return `${isolate(shape.name)} · ${t('analysis.garmushka.areaValue', { value: formatSqm(figures.areaHundredths) })}`;
    if (figures.lengthCm !== null) return `${isolate(shape.name)} · ${t('analysis.garmushka.lengthValue', { value: formatMetres(figures.lengthCm) })}`;
    return shape.name;
  };

  const drawing = tool !== 'pan';
  const helpKey = pendingCalibration ? 'calibrateLength' : tool;
  const showLengthForm = !readOnly && (pendingCalibration !== null || editingLength);
  const zoomPercent = Math.round(viewport.scale * 100);

  return (
    <section className="analysis-part garmushka" aria-labelledby={`${id}-title`} data-testid="garmushka" onKeyDown={onKeyDown}>
      <div className="analysis-part-header">
        <h3 id={`${id}-title`}>{t('analysis.garmushka.title')}</h3>
        {!readOnly && <SaveIndicator status={autosave.status} error={autosave.error} testId="garmushka-save-status" />}
      </div>
      <p className="hint">{t('analysis.garmushka.intro')}</p>

      {!readOnly && (
        <div className="plan-load">
          <DropZone
            label={doc ? t('analysis.garmushka.replacePlan') : t('analysis.garmushka.loadPlan')}
            accept={PLAN_ACCEPT}
            multiple={false}
            disabled={uploads.length > 0 || pagePrompt !== null}
            onFiles={(files) => void upload(files, send)}
            testId="garmushka-drop"
          />
          <p className="hint">{doc ? t('analysis.garmushka.replaceHint') : t('analysis.garmushka.loadHint')}</p>
          {pagePrompt && (
            <form
              className="page-prompt"
              data-testid="garmushka-page-prompt"
              onSubmit={(e) => {
                e.preventDefault();
                answerPage(page);
              }}
            >
              <label>
                {t('analysis.garmushka.choosePage', { count: pagePrompt.count })}{' '}
                <select value={page} autoFocus onChange={(e) => setPage(Number(e.target.value))}>
                  {Array.from({ length: pagePrompt.count }, (_, i) => (
                    <option key={i + 1} value={i + 1}>
                      {i + 1}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="primary">
                {t('analysis.garmushka.openPage')}
              </button>
              <button type="button" onClick={() => answerPage(null)}>
                {t('analysis.cancel')}
              </button>
            </form>
          )}
          <SlotFeedback uploads={uploads} notices={notices} problems={problems} errors={errors} />
        </div>
      )}

      {!doc && readOnly && <p className="hint">{t('analysis.garmushka.noPlan')}</p>}

      {doc && (
        <>
          <div className="analysis-toolbar" role="toolbar" aria-label={t('analysis.garmushka.toolbar')} aria-controls={`${id}-canvas`}>
            {!readOnly && (
              <div className="tool-group" role="group" aria-label={t('analysis.garmushka.tools')}>
                <button type="button" aria-pressed={tool === 'calibrate'} onClick={() => chooseTool('calibrate')} data-testid="garmushka-calibrate">
                  {t('analysis.garmushka.calibrate')}
                </button>
                <button type="button" aria-pressed={tool === 'polygon'} onClick={() => chooseTool('polygon')} data-testid="garmushka-tool-polygon">
                  {t('analysis.garmushka.polygon')}
                </button>
                <button type="button" aria-pressed={tool === 'polyline'} onClick={() => chooseTool('polyline')} data-testid="garmushka-tool-polyline">
                  {t('analysis.garmushka.polyline')}
                </button>
                {(tool === 'polygon' || tool === 'polyline') && (
                  <button type="button" className="primary" disabled={!canFinish(tool, draft)} onClick={finish} data-testid="garmushka-finish">
                    {t('analysis.garmushka.finish')}
                  </button>
                )}
                {drawing && (
                  <button type="button" onClick={cancel} data-testid="garmushka-cancel">
                    {t('analysis.cancel')}
                  </button>
                )}
              </div>
            )}
            {!readOnly && (
              <div className="tool-group" role="group" aria-label={t('analysis.garmushka.history')}>
                <button type="button" disabled={!canUndo(history)} onClick={undo} data-testid="garmushka-undo" aria-keyshortcuts="Control+Z">
                  {t('analysis.undo')}
                </button>
                <button type="button" disabled={!canRedo(history)} onClick={redo} data-testid="garmushka-redo" aria-keyshortcuts="Control+Y Control+Shift+Z">
                  {t('analysis.redo')}
                </button>
              </div>
            )}
            <div className="tool-group" role="group" aria-label={t('analysis.garmushka.zoom')}>
              <button type="button" onClick={() => zoomBy(1 / ZOOM_STEP)} aria-label={t('analysis.garmushka.zoomOut')} data-testid="garmushka-zoom-out">
                −
              </button>
              <output className="zoom-level" aria-live="off" data-testid="garmushka-zoom-level">
                {zoomPercent}%
              </output>
              <button type="button" onClick={() => zoomBy(ZOOM_STEP)} aria-label={t('analysis.garmushka.zoomIn')} data-testid="garmushka-zoom-in">
                +
              </button>
              <button type="button" onClick={fit} data-testid="garmushka-zoom-fit">
                {t('analysis.garmushka.fit')}
              </button>
            </div>
          </div>

          <CalibrationStatus
            doc={doc}
            readOnly={readOnly}
            onEdit={() => {
              setEditingLength(true);
              setPendingCalibration(null);
              setLengthText(doc.calibration ? String(doc.calibration.knownLength) : '');
              setLengthUnit(doc.calibration?.unit ?? 'm');
              setLengthError(false);
            }}
          />
          {showLengthForm && (
            <form
              className="calibration-form"
              data-testid="garmushka-calibration-form"
              onSubmit={(e) => {
                e.preventDefault();
                applyLength();
              }}
            >
              <label htmlFor={`${id}-length`}>{t('analysis.garmushka.knownLength')}</label>
              <input
                ref={lengthInput}
                id={`${id}-length`}
                type="text"
                inputMode="decimal"
                dir="ltr"
                size={8}
                value={lengthText}
                aria-invalid={lengthError}
                aria-describedby={lengthError ? `${id}-length-error` : undefined}
                onChange={(e) => setLengthText(e.target.value)}
                data-testid="garmushka-known-length"
              />
              <select aria-label={t('analysis.garmushka.unit')} value={lengthUnit} onChange={(e) => setLengthUnit(e.target.value as LengthUnit)} data-testid="garmushka-known-unit">
                {LENGTH_UNITS.map((unit) => (
                  <option key={unit} value={unit}>
                    {t(`analysis.units.${unit}`)}
                  </option>
                ))}
              </select>
              <button type="submit" className="primary" data-testid="garmushka-calibration-apply">
                {t('analysis.garmushka.applyCalibration')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setPendingCalibration(null);
                  setEditingLength(false);
                }}
              >
                {t('analysis.cancel')}
              </button>
              {lengthError && (
                <span id={`${id}-length-error`} className="field-error" role="alert">
                  {t('analysis.garmushka.lengthInvalid')}
                </span>
              )}
            </form>
          )}

          <p id={`${id}-help`} className="hint canvas-help">
            {t(`analysis.garmushka.help.${readOnly ? 'readOnly' : helpKey}`)} {t(readOnly ? 'analysis.garmushka.help.keysReadOnly' : 'analysis.garmushka.help.keys')}
          </p>
          <p className="visually-hidden" aria-live="polite">
            {announcement}
          </p>

          <div className="plan-area" id={`${id}-canvas`}>
            {plan.status === 'loading' && <p className="plan-status hint">{t('analysis.garmushka.planLoading')}</p>}
            {plan.status === 'error' && (
              <div className="plan-status" data-testid="garmushka-plan-error">
                <p>{t('analysis.garmushka.planUnavailable')}</p>
                <ErrorText error={plan.error} />
              </div>
            )}
            <PlanViewport
              imageUrl={plan.status === 'ready' ? plan.url : null}
              planSize={planSize}
              doc={doc}
              tool={readOnly ? 'pan' : tool}
              readOnly={readOnly}
              draft={draft}
              pendingCalibration={pendingCalibration}
              selectedId={selectedId}
              viewport={viewport}
              setViewport={setViewport}
              onViewSize={onViewSize}
              onFit={fit}
              labelOf={labelOf}
              ariaLabel={t('analysis.garmushka.canvasLabel')}
              describedBy={`${id}-help`}
              onPoint={onPoint}
              onFinish={finish}
              onCancel={cancel}
              onRemoveLastPoint={() => setDraft((d) => d.slice(0, -1))}
              onSelect={setSelectedId}
              onDeleteSelected={() => {
                if (selectedId) apply({ type: 'removeShape', id: selectedId });
              }}
            />
          </div>

          <div className="analysis-columns">
            <section className="analysis-shapes" aria-labelledby={`${id}-shapes`}>
              <h4 id={`${id}-shapes`}>{t('analysis.garmushka.shapesTitle')}</h4>
              <ShapeList
                shapes={doc.shapes}
                calibration={cal}
                selectedId={selectedId}
                readOnly={readOnly}
                onSelect={setSelectedId}
                onChange={(shapeId: string, changes: ShapeChanges, coalesceKey?: string) => apply({ type: 'updateShape', id: shapeId, changes }, coalesceKey)}
                onRemove={(shapeId) => apply({ type: 'removeShape', id: shapeId })}
              />
            </section>
            <AreaTotals doc={doc} titleId={`${id}-totals`} />
          </div>

          <ReportImages valuationId={valuationId} readOnly={readOnly} stored={storedImages} doc={doc} plan={plan.status === 'ready' ? plan : null} calibration={cal} />
        </>
      )}
    </section>
  );
}

function CalibrationStatus({ doc, readOnly, onEdit }: { doc: MeasurementDocument; readOnly: boolean; onEdit(): void }) {
  const { t } = useTranslation();
  const cal = calibrationOf(doc.calibration);
  if (!doc.calibration || !cal) {
    return (
      <p className="calibration-status not-calibrated" data-testid="garmushka-calibration-status" data-calibrated="false">
        {t('analysis.garmushka.notCalibrated')}
      </p>
    );
  }
  return (
    <p className="calibration-status" data-testid="garmushka-calibration-status" data-calibrated="true" data-metres-per-pixel={cal.metresPerPixel}>
      {t('analysis.garmushka.scale', {
        cm: formatNumber(Number(cal.cmPerPixel.toPrecision(4))),
        length: formatNumber(doc.calibration.knownLength),
        unit: t(`analysis.units.${doc.calibration.unit}`),
      })}
      {!readOnly && (
        <>
          {' '}
          <button type="button" className="link-button" onClick={onEdit} data-testid="garmushka-edit-length">
            {t('analysis.garmushka.editLength')}
          </button>
        </>
      )}
    </p>
  );
}
