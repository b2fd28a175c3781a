import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosaver, type AutosaveStatus } from '../../../src-renderer/wizard/autosaver.ts';

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

describe('wizard autosave', () => {
  it('saves at most once a second while the user types, always the latest state', async () => {
    const saved: number[] = [];
    const saver = createAutosaver<number>({ save: async (s) => void saved.push(s) });
    for (let i = 1; i <= 25; i++) {
      saver.update(i);
      await vi.advanceTimersByTimeAsync(100); // typing for 2.5 s
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved.length).toBeLessThanOrEqual(4);
    expect(saved.at(-1)).toBe(25);
    expect(saver.status()).toBe('saved');
  });

  it('saves at once on flush (step completion) and never overlaps saves', async () => {
    let active = 0;
    let maxActive = 0;
    const saved: string[] = [];
    const saver = createAutosaver<string>({
      save: async (s) => {
        maxActive = Math.max(maxActive, ++active);
        await new Promise((r) => setTimeout(r, 300));
        saved.push(s);
        active--;
      },
    });
    saver.update('a');
    await vi.advanceTimersByTimeAsync(0);
    saver.update('b'); // while 'a' is in flight
    const flushed = saver.flush();
    await vi.advanceTimersByTimeAsync(1000);
    await flushed;
    expect(saved).toEqual(['a', 'b']);
    expect(maxActive).toBe(1);
  });

  it('keeps unsaved state after a failed save and reports the error', async () => {
    const statuses: AutosaveStatus[] = [];
    let fail = true;
    const saved: number[] = [];
    const saver = createAutosaver<number>({
      save: async (s) => {
        if (fail) throw new Error('disk full');
        saved.push(s);
      },
      onStatus: (s) => statuses.push(s),
    });
    saver.update(1);
    await expect(saver.flush()).rejects.toThrow('disk full');
    expect(saver.status()).toBe('error');
    fail = false;
    await saver.flush();
    expect(saved).toEqual([1]);
    expect(statuses).toEqual(['pending', 'saving', 'error', 'saving', 'saved']);
  });
});
