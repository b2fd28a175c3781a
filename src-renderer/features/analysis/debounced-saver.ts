// Saves the latest value once the user has paused for `delayMs` (a debounce: every change restarts
// the wait). Saves never overlap; a change made while one is in flight is saved after it. A failed
// save is kept and retried after `retryMs`, or sooner on the next change or flush.
import type { AutosaveStatus } from '../../wizard/autosaver.ts';

export type SaveStatus = AutosaveStatus;

export interface DebouncedSaver<T> {
  update(value: T): void;
  /** Saves now if anything is unsaved; resolves once everything given so far is saved. */
  flush(): Promise<void>;
  status(): SaveStatus;
  dispose(): void;
}

export interface DebouncedSaverOptions<T> {
  save(value: T): Promise<void>;
  delayMs?: number;
  retryMs?: number;
  onStatus?(status: SaveStatus): void;
  onError?(error: unknown): void;
}

export function createDebouncedSaver<T>({ save, delayMs = 1000, retryMs = 5000, onStatus, onError }: DebouncedSaverOptions<T>): DebouncedSaver<T> {
  let unsaved: { value: T } | null = null;
  let inFlight: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let current: SaveStatus = 'saved';
  const setStatus = (status: SaveStatus) => {
    if (status !== current) onStatus?.((current = status));
  };
  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const wait = (ms: number) => {
    clearTimer();
    timer = setTimeout(() => void run().catch(() => undefined), ms);
  };

  async function run(): Promise<void> {
    clearTimer();
    while (inFlight) await inFlight.catch(() => undefined);
    if (!unsaved) return;
    const { value } = unsaved;
    unsaved = null;
    setStatus('saving');
    const attempt = save(value);
    inFlight = attempt;
    try {
      await attempt;
      setStatus(unsaved ? 'pending' : 'saved');
    } catch (error) {
      unsaved ??= { value };
      setStatus('error');
      onError?.(error);
      wait(retryMs);
      throw error;
    } finally {
      inFlight = null;
    }
  }

  return {
    update(value) {
      unsaved = { value };
      if (current !== 'saving') setStatus('pending');
      wait(delayMs);
    },
    async flush() {
      clearTimer();
      await run();
      if (unsaved) await run();
    },
    status: () => current,
    /** Stops the timer; an update or flush afterwards starts again (React may remount). */
    dispose() {
      clearTimer();
    },
  };
}
