// Saves the wizard's in-memory state through the contract at most once per interval while the user
// types, and immediately on flush (step completion, leaving the wizard). Saves never overlap: a change
// made while a save is in flight is saved right after it.

export interface Autosaver<T> {
  /** The latest state; it will be saved within `intervalMs`. */
  update(state: T): void;
  /** Saves now if anything is unsaved; resolves once everything given so far is saved. */
  flush(): Promise<void>;
  /** 'saved' | 'pending' | 'saving' | 'error' — for the autosave indicator. */
  status(): AutosaveStatus;
  dispose(): void;
}

export type AutosaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export interface AutosaverOptions<T> {
  save(state: T): Promise<void>;
  intervalMs?: number;
  onStatus?(status: AutosaveStatus): void;
}

export function createAutosaver<T>({ save, intervalMs = 1000, onStatus }: AutosaverOptions<T>): Autosaver<T> {
  let unsaved: { state: T } | null = null;
  let inFlight: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastSaveStarted = -Infinity;
  let current: AutosaveStatus = 'saved';
  const setStatus = (status: AutosaveStatus) => {
    if (status !== current) onStatus?.((current = status));
  };

  async function run(): Promise<void> {
    timer = null;
    if (inFlight) await inFlight.catch(() => undefined);
    if (!unsaved) return;
    const { state } = unsaved;
    unsaved = null;
    lastSaveStarted = Date.now();
    setStatus('saving');
    inFlight = save(state);
    try {
      await inFlight;
      setStatus(unsaved ? 'pending' : 'saved');
    } catch (error) {
      unsaved ??= { state }; // keep it: the next update or flush tries again
      setStatus('error');
      throw error;
    } finally {
      inFlight = null;
    }
  }

  function schedule() {
    if (timer) return;
    const wait = Math.max(0, lastSaveStarted + intervalMs - Date.now());
    timer = setTimeout(() => void run().catch(() => undefined), wait);
  }

  return {
    update(state) {
      unsaved = { state };
      if (current !== 'saving') setStatus('pending');
      schedule();
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      await run();
      if (unsaved) await run();
    },
    status: () => current,
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
