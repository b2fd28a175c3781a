// The plan on screen: an SVG with the plan image, the calibration line, the shapes and the shape being
// drawn, in plan pixels under one transform (viewport.ts). Mouse: click adds a point, double-click
// finishes, drag pans, the wheel zooms about the pointer. Keyboard: the arrow keys pan, or move a
// crosshair while a tool is active (Space adds a point there, Enter finishes, Escape cancels,
// Backspace removes the last point); + and - zoom, 0 fits; Delete removes the selected shape.
import { useEffect, useRef, useState, type Dispatch, type KeyboardEvent, type PointerEvent, type SetStateAction } from 'react';
import { polygonCentroid, type CalibrationDataValue, type MeasurementDocument, type Point, type Shape } from '../../../src-shared/domain/geometry/index.ts';
import type { Tool } from './garmushka-model.ts';
import { panBy, planToScreen, screenToPlan, wheelFactor, zoomAt, ZOOM_STEP, type Size, type Viewport } from './viewport.ts';

/** A press that moves further than this (screen px) is a drag, not a click. */
const DRAG_THRESHOLD = 4;
const PAN_STEP = 40;
const CURSOR_STEP = 2;

export interface PlanViewportProps {
  imageUrl: string | null;
  planSize: Size;
  doc: MeasurementDocument;
  tool: Tool;
  readOnly: boolean;
  draft: readonly Point[];
  /** Reference points clicked for a calibration that waits for its length. */
  pendingCalibration: { a: Point; b: Point } | null;
  selectedId: string | null;
  viewport: Viewport;
  setViewport: Dispatch<SetStateAction<Viewport>>;
  onViewSize(size: Size): void;
  onFit(): void;
  /** The text drawn beside each shape (its name and area). */
  labelOf(shape: Shape): string;
  ariaLabel: string;
  describedBy: string;
  onPoint(point: Point): void;
  onFinish(): void;
  onCancel(): void;
  onRemoveLastPoint(): void;
  onSelect(id: string | null): void;
  onDeleteSelected(): void;
}

const pointsAttr = (points: readonly Point[]) => points.map((p) => `${p.x},${p.y}`).join(' ');

export function PlanViewport(props: PlanViewportProps) {
  const { imageUrl, planSize, doc, tool, readOnly, draft, pendingCalibration, selectedId, viewport, setViewport, onViewSize, labelOf } = props;
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<{ pointerId: number; start: Point; last: Point; moved: boolean; button: number; shapeId: string | null } | null>(null);
  const [cursor, setCursor] = useState<Point | null>(null);
  const [keyboardCursor, setKeyboardCursor] = useState(false);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  const drawing = tool !== 'pan' && !readOnly;

  // The view's size, for fitting and for zooming about its centre.
  const onViewSizeRef = useRef(onViewSize);
  useEffect(() => {
    onViewSizeRef.current = onViewSize;
  });
  useEffect(() => {
    const element = svg.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      const rect = element.getBoundingClientRect();
      const next = { width: rect.width, height: rect.height };
      setSize(next);
      onViewSizeRef.current(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // The wheel zooms about the pointer; React's wheel listener is passive and could not stop the page scrolling.
  useEffect(() => {
    const element = svg.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const anchor = { x: event.clientX - rect.left, y: event.clientY - rect.top };
      setViewport((v) => zoomAt(v, wheelFactor(event.deltaY, event.deltaMode), anchor));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [setViewport]);

  // A tool chosen with the keyboard starts its crosshair in the middle of the view.
  useEffect(() => {
    if (!drawing) setKeyboardCursor(false);
  }, [drawing]);

  const local = (event: { clientX: number; clientY: number }): Point => {
    const rect = svg.current?.getBoundingClientRect();
    return rect ? { x: event.clientX - rect.left, y: event.clientY - rect.top } : { x: 0, y: 0 };
  };
  const centre = (): Point => ({ x: size.width / 2, y: size.height / 2 });

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    svg.current?.focus({ preventScroll: true });
    if (event.button !== 0 && event.button !== 1) return;
    if (event.button === 1) event.preventDefault(); // no auto-scroll
    event.currentTarget.setPointerCapture(event.pointerId);
    const target = event.target as Element;
    const shapeId = target.closest('[data-shape-id]')?.getAttribute('data-shape-id') ?? null;
    const at = local(event);
    drag.current = { pointerId: event.pointerId, start: at, last: at, moved: false, button: event.button, shapeId };
  };

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const at = local(event);
    setCursor(screenToPlan(viewport, at));
    setKeyboardCursor(false);
    const d = drag.current;
    if (!d || d.pointerId !== event.pointerId) return;
    if (!d.moved && Math.hypot(at.x - d.start.x, at.y - d.start.y) > DRAG_THRESHOLD) d.moved = true;
    if (d.moved) {
      const dx = at.x - d.last.x;
      const dy = at.y - d.last.y;
      d.last = at;
      setViewport((v) => panBy(v, dx, dy));
    }
  };

  const onPointerUp = (event: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.pointerId !== event.pointerId || d.moved || d.button !== 0) return;
    if (drawing) props.onPoint(screenToPlan(viewport, local(event)));
    else props.onSelect(d.shapeId);
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const arrow = arrows[event.key];
    let handled = true;
    if (arrow) {
      if (drawing) {
        const step = ((event.shiftKey ? 10 : 1) * CURSOR_STEP) / viewport.scale;
        const from = keyboardCursor && cursor ? cursor : screenToPlan(viewport, centre());
        setCursor({ x: from.x + arrow[0] * step, y: from.y + arrow[1] * step });
        setKeyboardCursor(true);
      } else {
        const step = (event.shiftKey ? 5 : 1) * PAN_STEP;
        setViewport((v) => panBy(v, -arrow[0] * step, -arrow[1] * step));
      }
    } else if (event.key === ' ' && drawing) {
      const at = keyboardCursor && cursor ? cursor : screenToPlan(viewport, centre());
      setCursor(at);
      setKeyboardCursor(true);
      props.onPoint(at);
    } else if (event.key === 'Enter' && drawing) {
      props.onFinish();
    } else if (event.key === 'Escape') {
      if (tool === 'pan' && !selectedId) handled = false;
      else if (tool === 'pan') props.onSelect(null);
      else props.onCancel();
    } else if ((event.key === 'Backspace' || event.key === 'Delete') && drawing && draft.length > 0) {
      props.onRemoveLastPoint();
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && !drawing && selectedId && !readOnly) {
      props.onDeleteSelected();
    } else if (event.key === '+' || event.key === '=') {
      setViewport((v) => zoomAt(v, ZOOM_STEP, centre()));
    } else if (event.key === '-' || event.key === '_') {
      setViewport((v) => zoomAt(v, 1 / ZOOM_STEP, centre()));
    } else if (event.key === '0') {
      props.onFit();
    } else {
      handled = false;
    }
    if (handled) event.preventDefault();
  };

  const handle = 4 / viewport.scale;
  const calibration: CalibrationDataValue | null = doc.calibration;
  const transform = `translate(${viewport.x} ${viewport.y}) scale(${viewport.scale})`;
  const draftColour = '#ff6a00';
  const rubber = drawing && cursor && draft.length > 0 ? [...draft, cursor] : draft;
  const screenCursor = cursor && drawing ? planToScreen(viewport, cursor) : null;

  return (
    <svg
      ref={svg}
      className={`plan-canvas tool-${tool}${readOnly ? ' read-only' : ''}`}
      role="application"
      aria-roledescription="plan"
      aria-label={props.ariaLabel}
      aria-describedby={props.describedBy}
      tabIndex={0}
      data-testid="garmushka-canvas"
      data-plan-width={planSize.width}
      data-plan-height={planSize.height}
      data-scale={viewport.scale}
      data-offset-x={viewport.x}
      data-offset-y={viewport.y}
      data-tool={tool}
      data-draft-points={draft.length}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => (drag.current = null)}
      onPointerLeave={() => {
        if (!keyboardCursor) setCursor(null);
      }}
      onDoubleClick={(event) => {
        event.preventDefault();
        if (drawing) props.onFinish();
      }}
      onKeyDown={onKeyDown}
    >
      <g transform={transform}>
        {imageUrl && <image href={imageUrl} x={0} y={0} width={planSize.width} height={planSize.height} data-testid="garmushka-plan-image" preserveAspectRatio="none" />}
        {doc.shapes.map((shape) => {
          const selected = shape.id === selectedId;
          const common = {
            'data-shape-id': shape.id,
            stroke: shape.colour,
            strokeWidth: selected ? 4 : 2,
            vectorEffect: 'non-scaling-stroke' as const,
            className: `plan-shape${selected ? ' selected' : ''}`,
          };
          return shape.type === 'polygon' ? (
            <polygon key={shape.id} points={pointsAttr(shape.points)} fill={shape.colour} fillOpacity={selected ? 0.35 : 0.2} {...common} />
          ) : (
            <polyline key={shape.id} points={pointsAttr(shape.points)} fill="none" strokeLinecap="round" strokeLinejoin="round" {...common} />
          );
        })}
        {selectedId &&
          doc.shapes
            .find((s) => s.id === selectedId)
            ?.points.map((p, i) => <circle key={i} cx={p.x} cy={p.y} r={handle} className="plan-vertex" vectorEffect="non-scaling-stroke" />)}
        {calibration && !pendingCalibration && <ReferenceLine a={calibration.a} b={calibration.b} handle={handle} />}
        {pendingCalibration && <ReferenceLine a={pendingCalibration.a} b={pendingCalibration.b} handle={handle} pending />}
        {rubber.length > 0 && (
          <g className="plan-draft" pointerEvents="none">
            <polyline points={pointsAttr(rubber)} fill="none" stroke={draftColour} strokeWidth={2} strokeDasharray="6 4" vectorEffect="non-scaling-stroke" />
            {tool === 'polygon' && rubber.length > 2 && (
              <line x1={rubber.at(-1)!.x} y1={rubber.at(-1)!.y} x2={rubber[0]!.x} y2={rubber[0]!.y} stroke={draftColour} strokeWidth={1} strokeDasharray="2 4" vectorEffect="non-scaling-stroke" />
            )}
            {draft.map((p, i) => (
              <circle key={i} cx={p.x} cy={p.y} r={handle} fill={draftColour} />
            ))}
          </g>
        )}
      </g>
      <g className="plan-labels" pointerEvents="none">
        {doc.shapes.map((shape) => {
          const anchor = shape.type === 'polygon' ? polygonCentroid(shape.points) : midpoint(shape.points);
          if (!anchor) return null;
          const at = planToScreen(viewport, anchor);
          // A line's label sits above the line, not on it.
          const dy = shape.type === 'polyline' ? -12 : 0;
          return (
            <text key={shape.id} x={at.x} y={at.y + dy} textAnchor="middle" dominantBaseline="middle" className="plan-label" fill={shape.colour}>
              {labelOf(shape)}
            </text>
          );
        })}
      </g>
      {screenCursor && (
        <g className={`plan-crosshair${keyboardCursor ? ' keyboard' : ''}`} pointerEvents="none">
          <line x1={screenCursor.x - 12} y1={screenCursor.y} x2={screenCursor.x + 12} y2={screenCursor.y} />
          <line x1={screenCursor.x} y1={screenCursor.y - 12} x2={screenCursor.x} y2={screenCursor.y + 12} />
        </g>
      )}
    </svg>
  );
}

function midpoint(points: readonly Point[]): Point | null {
  const a = points[0];
  const b = points[1];
  if (!a) return null;
  return b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : a;
}

function ReferenceLine({ a, b, handle, pending = false }: { a: Point; b: Point; handle: number; pending?: boolean }) {
  return (
    <g className={`plan-reference${pending ? ' pending' : ''}`} pointerEvents="none">
      <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} strokeWidth={2} strokeDasharray="8 4" vectorEffect="non-scaling-stroke" />
      <circle cx={a.x} cy={a.y} r={handle * 1.25} />
      <circle cx={b.x} cy={b.y} r={handle * 1.25} />
    </g>
  );
}
