// The measurement and the GIS slots are saved a second after the last change, never two saves at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDebouncedSaver, type SaveStatus } from '../../../../src-renderer/features/analysis/debounced-saver.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(save: (value: number) => Promise<void> = async () => undefined) {
  const saved: number[] = [];
  const statuses: SaveStatus[] = [];
  const saver = createDebouncedSaver<number>({
    delayMs: 1000,
    retryMs: 5000,
    save: async (value) => {
      await save(value);
      saved.push(value);
    },
    onStatus: (s) => statuses.push(s),
  });
  return { saver, saved, statuses };
}

describe('createDebouncedSaver', () => {
  it('saves the latest value once the changes pause for a second', async () => {
    const { saver, saved, statuses } = setup();
    saver.update(1);
    await vi.advanceTimersByTimeAsync(600);
    saver.update(2);
    await vi.advanceTimersByTimeAsync(600);
    saver.update(3);
    await vi.advanceTimersByTimeAsync(999);
    expect(saved).toEqual([]);
    expect(saver.status()).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual([3]);
    expect(statuses).toEqual(['pending', 'saving', 'saved']);
  });

  it('saves at once on flush', async () => {
    const { saver, saved } = setup();
    saver.update(7);
    await saver.flush();
    expect(saved).toEqual([7]);
    expect(saver.status()).toBe('saved');
    await vi.advanceTimersByTimeAsync(2000);
    expect(saved).toEqual([7]);
  });

  it('never overlaps saves: a change during a save is saved after it', async () => {
    let release: () => void = () => undefined;
    let calls = 0;
    const { saver, saved } = setup(() => {
      calls++;
      return calls === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    });
    saver.update(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saver.status()).toBe('saving');
    saver.update(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(1); // still waiting for the first
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual([1, 2]);
    expect(saver.status()).toBe('saved');
  });

  it('keeps a failed value and retries it', async () => {
    let fail = true;
    const { saver, saved } = setup(async () => {
      if (fail) throw new Error('offline');
    });
    saver.update(5);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saver.status()).toBe('error');
    fail = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(saved).toEqual([5]);
    expect(saver.status()).toBe('saved');
  });

  it('stops its timer on dispose and works again on the next update', async () => {
    const { saver, saved } = setup();
    saver.update(1);
    saver.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(saved).toEqual([]);
    saver.update(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual([2]);
  });
});
