// The plan viewport's transform: screen = plan * scale + offset. Pure, so zooming about the pointer,
// panning and fitting can be tested without a browser.
import type { Point } from '../../../src-shared/domain/geometry/index.ts';

export interface Viewport {
  /** Screen pixels per plan pixel. */
  scale: number;
  /** Where the plan's origin is on screen (screen pixels from the viewport's top-left corner). */
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export const MIN_SCALE = 0.01;
export const MAX_SCALE = 32;
/** One zoom step (a button, a key, a wheel notch). */
export const ZOOM_STEP = 1.25;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export const planToScreen = (v: Viewport, p: Point): Point => ({ x: p.x * v.scale + v.x, y: p.y * v.scale + v.y });
export const screenToPlan = (v: Viewport, p: Point): Point => ({ x: (p.x - v.x) / v.scale, y: (p.y - v.y) / v.scale });

/** The whole plan centred in the view with `margin` screen pixels around it. */
export function fitViewport(plan: Size, view: Size, margin = 16): Viewport {
  if (plan.width <= 0 || plan.height <= 0 || view.width <= 0 || view.height <= 0) return { scale: 1, x: 0, y: 0 };
  const scale = clamp(Math.min((view.width - 2 * margin) / plan.width, (view.height - 2 * margin) / plan.height), MIN_SCALE, MAX_SCALE);
  return { scale, x: (view.width - plan.width * scale) / 2, y: (view.height - plan.height * scale) / 2 };
}

/** Zooms by `factor` keeping the plan point under `anchor` (a screen point) where it is. */
export function zoomAt(v: Viewport, factor: number, anchor: Point): Viewport {
  const scale = clamp(v.scale * factor, MIN_SCALE, MAX_SCALE);
  if (scale === v.scale) return v;
  const under = screenToPlan(v, anchor);
  return { scale, x: anchor.x - under.x * scale, y: anchor.y - under.y * scale };
}

export const panBy = (v: Viewport, dx: number, dy: number): Viewport => ({ ...v, x: v.x + dx, y: v.y + dy });

/** The zoom factor of a wheel event: one step per notch (about 100 px of delta), smooth for trackpads. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.pow(ZOOM_STEP, clamp(-pixels / 100, -4, 4));
}
