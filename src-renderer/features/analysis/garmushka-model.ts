// What the Garmushka screen decides without a browser: drawing a shape point by point, default names
// and colours, number formats, the rectangle cut out for the report, and comparing stored JSON.
import {
  boundingBox,
  emptyMeasurement,
  measurementReducer,
  type MeasurementAction,
  type MeasurementDocument,
  type Point,
  type Shape,
  type ShapeType,
} from '../../../src-shared/domain/geometry/index.ts';

export type Tool = 'pan' | 'calibrate' | ShapeType;

/** Points closer than this many screen pixels to the previous one are the same click (a double-click). */
export const SAME_POINT_SCREEN_PX = 4;

/** The fewest points that finish a drawing with each tool. */
export const MIN_POINTS: Record<Exclude<Tool, 'pan'>, number> = { calibrate: 2, polygon: 3, polyline: 2 };

/** The draft with `point` added, unless it repeats the last point (within `tolerance` plan pixels). */
export function addDraftPoint(draft: readonly Point[], point: Point, tolerance: number): Point[] {
  const last = draft.at(-1);
  if (last && Math.hypot(point.x - last.x, point.y - last.y) < tolerance) return [...draft];
  return [...draft, point];
}

export const canFinish = (tool: Tool, draft: readonly Point[]): boolean => tool !== 'pan' && draft.length >= MIN_POINTS[tool];

/** Lowercase #rrggbb colours that read on white paper and on grey plans, distinct in hue. */
export const PALETTE = ['#1f5fbf', '#d92d20', '#1a7f37', '#b45309', '#7a2e9e', '#0e7490', '#c11574', '#4d5b1f'] as const;

/** The palette colour used least so far (first in order on a tie). */
export function nextColour(shapes: readonly Pick<Shape, 'colour'>[]): string {
  const counts = new Map<string, number>(PALETTE.map((c) => [c, 0]));
  for (const shape of shapes) {
    const key = shape.colour.toLowerCase();
    if (counts.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: string = PALETTE[0];
  for (const colour of PALETTE) if ((counts.get(colour) ?? 0) < (counts.get(best) ?? 0)) best = colour;
  return best;
}

/** "<base> n" with the smallest n from 1 that no shape's name uses yet. */
export function nextShapeName(shapes: readonly Pick<Shape, 'name'>[], base: string): string {
  const names = new Set(shapes.map((s) => s.name.trim()));
  for (let n = 1; ; n++) if (!names.has(`${base} ${n}`)) return `${base} ${n}`;
}

/** The document after an action, starting one when the first plan is loaded (null means no plan yet). */
export function reduceMaybe(doc: MeasurementDocument | null, action: MeasurementAction): MeasurementDocument | null {
  if (doc) return measurementReducer(doc, action);
  return action.type === 'setPlan' ? emptyMeasurement(action.plan) : doc;
}

// ---- numbers ------------------------------------------------------------------------------------

const sqm = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const metres = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** 8000 -> "80.00"; 123456 -> "1,234.56" (digits as used in Israel: comma groups, point decimals). */
export const formatSqm = (hundredths: number): string => sqm.format(hundredths / 100);
/** 1234 (cm) -> "12.34" (metres). */
export const formatMetres = (cm: number): string => metres.format(cm / 100);
export const formatNumber = (value: number): string => plain.format(value);

/**
 * A length the user typed: digits with one decimal separator (point, or comma as a decimal comma),
 * no grouping; positive. Null for anything else.
 */
export function parseLength(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value > 0 && value <= 100_000 ? value : null;
}

// ---- the report image -------------------------------------------------------------------------------

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The part of the plan cut out for the report: the shapes with a margin of 5% of their size (at
 * least 20 px), kept inside the plan; the whole plan when there are no shapes.
 */
export function cropRect(doc: MeasurementDocument, plan: { width: number; height: number }): Rect {
  const box = boundingBox(doc.shapes.flatMap((s) => s.points));
  if (!box) return { x: 0, y: 0, width: plan.width, height: plan.height };
  const margin = Math.max(20, 0.05 * Math.max(box.maxX - box.minX, box.maxY - box.minY));
  const x = Math.max(0, Math.floor(box.minX - margin));
  const y = Math.max(0, Math.floor(box.minY - margin));
  const right = Math.min(plan.width, Math.ceil(box.maxX + margin));
  const bottom = Math.min(plan.height, Math.ceil(box.maxY + margin));
  if (right <= x || bottom <= y) return { x: 0, y: 0, width: plan.width, height: plan.height };
  return { x, y, width: right - x, height: bottom - y };
}

// ---- stored JSON ----------------------------------------------------------------------------------

/** JSON with object keys sorted, so that values that differ only in key order (jsonb) compare equal. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
      return sorted;
    }
    return v;
  });
}
