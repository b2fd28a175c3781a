// Keeps one JSON field of the valuation in step with the screen: local changes are saved with a
// debounce; a new stored value (another window, a pull from the server) replaces the local one only
// while there is nothing unsaved here, so nobody's typing is overwritten.
import { useEffect, useMemo, useRef, useState } from 'react';
import { createDebouncedSaver, type SaveStatus } from './debounced-saver.ts';
import { stableStringify } from './garmushka-model.ts';

export interface JsonAutosaveOptions<T> {
  /** The value on screen. */
  value: T;
  /** The stored value as the valuation holds it, in the same normal form as `value` (parsed). */
  stored: T;
  readOnly: boolean;
  save(value: T): Promise<void>;
  /** A newer stored value arrived while nothing here was unsaved: show it. */
  onRemote(value: T): void;
  delayMs?: number;
}

export function useJsonAutosave<T>({ value, stored, readOnly, save, onRemote, delayMs = 1000 }: JsonAutosaveOptions<T>) {
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [error, setError] = useState<unknown>(null);
  const synced = useRef(stableStringify(stored));
  const latest = useRef({ value, stored, save, onRemote });
  useEffect(() => {
    latest.current = { value, stored, save, onRemote };
  });

  const saver = useMemo(
    () =>
      createDebouncedSaver<T>({
        delayMs,
        save: async (next) => {
          await latest.current.save(next);
          synced.current = stableStringify(next);
          setError(null);
        },
        onStatus: setStatus,
        onError: setError,
      }),
    [delayMs],
  );

  // Local changes: save what differs from the stored value.
  useEffect(() => {
    if (readOnly) return;
    if (stableStringify(value) !== synced.current) saver.update(value);
  }, [value, readOnly, saver]);

  // A new stored value: adopt it when nothing local is unsaved.
  const storedJson = stableStringify(stored);
  useEffect(() => {
    if (storedJson === synced.current) return;
    const clean = stableStringify(latest.current.value) === synced.current && saver.status() === 'saved';
    if (!clean) return;
    synced.current = storedJson;
    latest.current.onRemote(latest.current.stored);
  }, [storedJson, saver]);

  // Leaving the step (or the window) saves what is pending.
  useEffect(() => {
    const flush = () => void saver.flush().catch(() => undefined);
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
      saver.dispose();
    };
  }, [saver]);

  return { status, error, flush: () => saver.flush() };
}
