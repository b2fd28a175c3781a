// The window's size and place, kept in userData/window-state.json between runs. Pure helpers to
// validate what was saved and to fit it onto the displays present now (a laptop undocked from its
// second monitor must not open its window off-screen), plus a small file load/save.
import { readFileSync } from 'node:fs';
import type { BrowserWindow } from 'electron';
import { z } from 'zod';
import { saveFileAtomically } from './files.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  isMaximized: boolean;
  isFullScreen: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 960, height: 640 } as const;
/** At least this much of the title bar region must be on a display, or the window is re-centred. */
const MIN_VISIBLE = { width: 160, height: 80 } as const;

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(1).max(100_000);
const windowStateSchema = z.object({
  bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }),
  isMaximized: z.boolean().default(false),
  isFullScreen: z.boolean().default(false),
});

/** A saved state, or null when it is missing or not valid. */
export function parseWindowState(raw: unknown): WindowState | null {
  const parsed = windowStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function intersection(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), Math.max(min, max));

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * The bounds to open the window with. `workAreas` are the displays' work areas now, `primary` the
 * primary display's. The saved window goes to the display it overlaps most, shrunk to fit and moved
 * fully inside it; if too little of it would be visible anywhere, it is centred on the primary display.
 */
export function restoreBounds(state: WindowState | null, workAreas: readonly Rect[], primary: Rect): Rect {
  if (!state) return centred(DEFAULT_SIZE, primary);
  const saved = state.bounds;
  let best: { area: Rect; overlap: number; width: number; height: number } | null = null;
  for (const area of workAreas) {
    const overlap = intersection(saved, area);
    const size = overlap.width * overlap.height;
    if (!best || size > best.overlap) best = { area, overlap: size, ...overlap };
  }
  if (!best || best.width < Math.min(MIN_VISIBLE.width, saved.width) || best.height < Math.min(MIN_VISIBLE.height, saved.height)) {
    return centred(saved, primary);
  }
  const { area } = best;
  const width = Math.min(Math.max(saved.width, Math.min(MIN_SIZE.width, area.width)), area.width);
  const height = Math.min(Math.max(saved.height, Math.min(MIN_SIZE.height, area.height)), area.height);
  return {
    x: clamp(saved.x, area.x, area.x + area.width - width),
    y: clamp(saved.y, area.y, area.y + area.height - height),
    width,
    height,
  };
}

export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Written to a temporary file and renamed, so a crash mid-write leaves the old state. */
export function saveWindowState(file: string, state: WindowState): void {
  saveFileAtomically(file, `${JSON.stringify(state)}\n`, 0o644);
}

export type TrackedWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isFullScreen' | 'isDestroyed'>;

/** Saves the window's state shortly after it moves or resizes, and when it closes. */
export function trackWindowState(window: TrackedWindow, file: string, options: { debounceMs?: number; onError?: (error: unknown) => void } = {}): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (window.isDestroyed()) return;
    try {
      saveWindowState(file, { bounds: window.getNormalBounds(), isMaximized: window.isMaximized(), isFullScreen: window.isFullScreen() });
    } catch (error) {
      options.onError?.(error);
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, options.debounceMs ?? 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('enter-full-screen', later);
  window.on('leave-full-screen', later);
  window.on('close', save);
}
