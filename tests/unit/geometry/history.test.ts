// Undo/redo as a pure value.
import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, commit, createHistory, historyReducer, redo, undo } from '../../../src-shared/domain/geometry/index.ts';

type Counter = { n: number };
const reduce = (state: Counter, action: { add: number }): Counter => (action.add === 0 ? state : { n: state.n + action.add });
const reducer = historyReducer(reduce);

describe('history', () => {
  it('applies, undoes and redoes', () => {
    let h = createHistory<Counter>({ n: 0 });
    expect(canUndo(h)).toBe(false);
    h = reducer(h, { type: 'apply', action: { add: 1 } });
    h = reducer(h, { type: 'apply', action: { add: 2 } });
    expect(h.present).toEqual({ n: 3 });
    h = reducer(h, { type: 'undo' });
    expect(h.present).toEqual({ n: 1 });
    expect(canRedo(h)).toBe(true);
    h = reducer(h, { type: 'undo' });
    expect(h.present).toEqual({ n: 0 });
    expect(canUndo(h)).toBe(false);
    h = reducer(h, { type: 'redo' });
    h = reducer(h, { type: 'redo' });
    expect(h.present).toEqual({ n: 3 });
    expect(canRedo(h)).toBe(false);
  });

  it('does nothing when there is nothing to undo or redo', () => {
    const h = createHistory<Counter>({ n: 0 });
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
  });

  it('records no step for an action that changes nothing', () => {
    const h = createHistory<Counter>({ n: 0 });
    expect(reducer(h, { type: 'apply', action: { add: 0 } })).toBe(h);
  });

  it('drops the future on a new change', () => {
    let h = reducer(createHistory<Counter>({ n: 0 }), { type: 'apply', action: { add: 1 } });
    h = reducer(h, { type: 'undo' });
    h = reducer(h, { type: 'apply', action: { add: 5 } });
    expect(h.present).toEqual({ n: 5 });
    expect(canRedo(h)).toBe(false);
    expect(h.past).toEqual([{ n: 0 }]);
  });

  it('coalesces consecutive changes with the same key into one step', () => {
    let h = createHistory<Counter>({ n: 0 });
    for (let i = 0; i < 5; i++) h = reducer(h, { type: 'apply', action: { add: 1 }, coalesceKey: 'name:a' });
    expect(h.present).toEqual({ n: 5 });
    expect(h.past).toHaveLength(1);
    h = reducer(h, { type: 'apply', action: { add: 1 }, coalesceKey: 'name:b' });
    expect(h.past).toHaveLength(2);
    h = reducer(h, { type: 'undo' });
    h = reducer(h, { type: 'undo' });
    expect(h.present).toEqual({ n: 0 });
    // After an undo the same key starts a new step.
    h = reducer(h, { type: 'apply', action: { add: 1 }, coalesceKey: 'name:a' });
    h = reducer(h, { type: 'undo' });
    h = reducer(h, { type: 'redo' });
    h = reducer(h, { type: 'apply', action: { add: 1 }, coalesceKey: 'name:a' });
    expect(h.past).toHaveLength(2);
  });

  it('keeps at most `limit` past states', () => {
    let h = createHistory<Counter>({ n: 0 });
    for (let i = 0; i < 10; i++) h = commit(h, { n: i + 1 }, null, 3);
    expect(h.past.map((s) => s.n)).toEqual([7, 8, 9]);
    expect(h.present.n).toBe(10);
  });

  it('resets to a new present without past or future', () => {
    let h = reducer(createHistory<Counter>({ n: 0 }), { type: 'apply', action: { add: 1 } });
    h = reducer(h, { type: 'reset', present: { n: 42 } });
    expect(h).toEqual({ past: [], present: { n: 42 }, future: [], lastKey: null });
  });
});
