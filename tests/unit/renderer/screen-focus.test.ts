import { describe, expect, test } from 'vitest';
import { headingSelector, screenKey, type Screen } from '../../../src-renderer/app/screen-key.ts';

const step = (id: string, n: number): Screen => ({ name: 'valuation', id, step: n });

describe('where a screen change puts the focus', () => {
  test("a step of the same valuation lands on the step's heading", () => {
    expect(headingSelector(step('v1', 1), step('v1', 2))).toBe('#wizard-step-title');
  });

  test("opening a valuation, another valuation, or any other screen lands on the screen's h1", () => {
    expect(headingSelector({ name: 'dashboard' }, step('v1', 1))).toBe('main h1');
    expect(headingSelector(step('v1', 3), step('v2', 3))).toBe('main h1');
    expect(headingSelector({ name: 'signin' }, { name: 'dashboard' })).toBe('main h1');
    expect(headingSelector(step('v1', 2), { name: 'activity', id: 'v1' })).toBe('main h1');
  });

  test('each step and each valuation is a screen of its own', () => {
    const keys = [step('v1', 1), step('v1', 2), step('v2', 1), { name: 'activity', id: 'v1' } as Screen, { name: 'sync' } as Screen, { name: 'signin' } as Screen].map(screenKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
