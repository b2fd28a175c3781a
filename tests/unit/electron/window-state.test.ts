import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SIZE,
  loadWindowState,
  MIN_SIZE,
  parseWindowState,
  restoreBounds,
  saveWindowState,
  trackWindowState,
  type Rect,
  type TrackedWindow,
  type WindowState,
} from '../../../src-main/electron/window-state.ts';
import { tempDir } from '../../helpers/temp.ts';

const LAPTOP: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT_MONITOR: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
const state = (bounds: Rect, extra: Partial<WindowState> = {}): WindowState => ({ bounds, isMaximized: false, isFullScreen: false, ...extra });

describe('parseWindowState', () => {
  it('accepts a saved state and fills defaults', () => {
    expect(parseWindowState({ bounds: { x: 10, y: 20, width: 1200, height: 800 } })).toEqual(state({ x: 10, y: 20, width: 1200, height: 800 }));
    expect(parseWindowState({ bounds: { x: -1900, y: 0, width: 1200, height: 800 }, isMaximized: true })).toMatchObject({ isMaximized: true });
  });

  it.each([
    null,
    'x',
    {},
    { bounds: null },
    { bounds: { x: 0, y: 0, width: 0, height: 800 } },
    { bounds: { x: 0, y: 0, width: -5, height: 800 } },
    { bounds: { x: 0.5, y: 0, width: 1000, height: 800 } },
    { bounds: { x: Number.NaN, y: 0, width: 1000, height: 800 } },
    { bounds: { x: 0, y: 0, width: 1e9, height: 800 } },
    { bounds: { x: '0', y: 0, width: 1000, height: 800 } },
    { bounds: { x: 0, y: 0, width: 1000, height: 800 }, isMaximized: 'yes' },
  ])('rejects %j', (raw) => {
    expect(parseWindowState(raw)).toBeNull();
  });
});

describe('restoreBounds', () => {
  it('centres the default size on the primary display the first time', () => {
    expect(restoreBounds(null, [LAPTOP], LAPTOP)).toEqual({ x: 320, y: 110, ...DEFAULT_SIZE });
  });

  it('keeps a window that is fully visible where it was', () => {
    const saved = { x: 100, y: 50, width: 1400, height: 900 };
    expect(restoreBounds(state(saved), [LAPTOP, RIGHT_MONITOR], LAPTOP)).toEqual(saved);
    const onMonitor = { x: 2200, y: 100, width: 1600, height: 1000 };
    expect(restoreBounds(state(onMonitor), [LAPTOP, RIGHT_MONITOR], LAPTOP)).toEqual(onMonitor);
  });

  it('re-centres a window left on a monitor that is gone', () => {
    const onMonitor = { x: 2200, y: 100, width: 1600, height: 1000 };
    expect(restoreBounds(state(onMonitor), [LAPTOP], LAPTOP)).toEqual({ x: 160, y: 20, width: 1600, height: 1000 });
  });

  it('pulls a partly off-screen window fully onto the display it overlaps most', () => {
    expect(restoreBounds(state({ x: 1500, y: -100, width: 1000, height: 700 }), [LAPTOP], LAPTOP)).toEqual({ x: 920, y: 0, width: 1000, height: 700 });
    expect(restoreBounds(state({ x: -300, y: 600, width: 1000, height: 700 }), [LAPTOP], LAPTOP)).toEqual({ x: 0, y: 340, width: 1000, height: 700 });
  });

  it('re-centres a window of which only a sliver would show', () => {
    expect(restoreBounds(state({ x: 1900, y: 100, width: 1000, height: 700 }), [LAPTOP], LAPTOP)).toEqual({ x: 460, y: 170, width: 1000, height: 700 });
  });

  it('shrinks a window larger than the display, and grows one below the minimum', () => {
    const small: Rect = { x: 0, y: 0, width: 1366, height: 728 };
    expect(restoreBounds(state({ x: 0, y: 0, width: 2500, height: 1400 }), [small], small)).toEqual(small);
    expect(restoreBounds(state({ x: 10, y: 10, width: 300, height: 200 }), [LAPTOP], LAPTOP)).toEqual({ x: 10, y: 10, ...MIN_SIZE });
  });

  it('respects work areas that do not start at 0,0 (a taskbar on top or left, a monitor left of primary)', () => {
    const left: Rect = { x: -1600, y: 40, width: 1600, height: 860 };
    expect(restoreBounds(state({ x: -1700, y: 0, width: 1200, height: 800 }), [LAPTOP, left], LAPTOP)).toEqual({ x: -1600, y: 40, width: 1200, height: 800 });
  });

  it('copes with no displays at all', () => {
    expect(restoreBounds(state({ x: 0, y: 0, width: 1200, height: 800 }), [], LAPTOP)).toEqual({ x: 360, y: 120, width: 1200, height: 800 });
  });
});

describe('load and save', () => {
  it('round-trips through the file', () => {
    const file = join(tempDir(), 'nested', 'window-state.json');
    expect(loadWindowState(file)).toBeNull();
    const saved = state({ x: 1, y: 2, width: 1300, height: 900 }, { isMaximized: true });
    saveWindowState(file, saved);
    expect(loadWindowState(file)).toEqual(saved);
  });

  it('treats a corrupt file as no state', () => {
    const file = join(tempDir(), 'window-state.json');
    writeFileSync(file, '{"bounds": {"x": 1, ');
    expect(loadWindowState(file)).toBeNull();
  });

  it('saves after moves (debounced) and on close', async () => {
    const file = join(tempDir(), 'window-state.json');
    const window = Object.assign(new EventEmitter(), {
      getNormalBounds: vi.fn(() => ({ x: 5, y: 6, width: 1200, height: 800 })),
      isMaximized: () => false,
      isFullScreen: () => false,
      isDestroyed: () => false,
    });
    trackWindowState(window as unknown as TrackedWindow, file, { debounceMs: 5 });
    window.emit('move');
    window.emit('resize');
    window.emit('move');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(window.getNormalBounds).toHaveBeenCalledTimes(1);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state({ x: 5, y: 6, width: 1200, height: 800 }));
    window.getNormalBounds.mockReturnValue({ x: 7, y: 8, width: 1000, height: 700 });
    window.emit('close');
    expect(loadWindowState(file)?.bounds).toEqual({ x: 7, y: 8, width: 1000, height: 700 });
  });
});
