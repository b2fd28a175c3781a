// Undo/redo as a pure value: the states before (past), the current one (present) and those undone
// (future). Applying an action that changes nothing records nothing; a new change drops the future.
// Consecutive changes with the same coalescing key (typing a shape's name letter by letter) make one
// step. The past is capped at `limit` entries, the oldest dropped first.

export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** The coalescing key of the last change, if it had one; undo and redo clear it. */
  readonly lastKey: string | null;
}

export const HISTORY_LIMIT = 200;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null };
}

/** Records `next` as the present. Same object as the present: nothing happens. */
export function commit<T>(history: History<T>, next: T, key: string | null = null, limit = HISTORY_LIMIT): History<T> {
  if (Object.is(next, history.present)) return history;
  if (key !== null && key === history.lastKey) return { past: history.past, present: next, future: [], lastKey: key };
  const past = [...history.past, history.present];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next, future: [], lastKey: key };
}

export const canUndo = (history: History<unknown>): boolean => history.past.length > 0;
export const canRedo = (history: History<unknown>): boolean => history.future.length > 0;

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (history.past.length === 0) return history;
  return { past: history.past.slice(0, -1), present: previous as T, future: [history.present, ...history.future], lastKey: null };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  const [next, ...future] = history.future;
  return { past: [...history.past, history.present], present: next as T, future, lastKey: null };
}

export type HistoryAction<S, A> =
  | { type: 'apply'; action: A; coalesceKey?: string | null }
  | { type: 'undo' }
  | { type: 'redo' }
  /** Starts over from `present` with no past and no future (another plan, a version from the server). */
  | { type: 'reset'; present: S };

/** A reducer over History<S> (usable with React's useReducer) from a reducer over S. */
export function historyReducer<S, A>(reduce: (state: S, action: A) => S, limit = HISTORY_LIMIT) {
  return (history: History<S>, action: HistoryAction<S, A>): History<S> => {
    switch (action.type) {
      case 'apply':
        return commit(history, reduce(history.present, action.action), action.coalesceKey ?? null, limit);
      case 'undo':
        return undo(history);
      case 'redo':
        return redo(history);
      case 'reset':
        return createHistory(action.present);
    }
  };
}
