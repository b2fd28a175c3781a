import { describe, expect, it } from 'vitest';
import {
  AREA_KINDS,
  COEFFICIENT_RULES,
  effectiveCoefficients,
  resolveCoefficient,
} from '../../../src-shared/domain/calculation/coefficients.ts';

describe('area coefficients', () => {
  it('has the DOMAIN.md defaults (E4: 0.5 = 5000)', () => {
    expect(effectiveCoefficients()).toEqual({
      MAIN: 10_000,
      SAFE_ROOM: 10_000,
      OPEN_BALCONY: 5_000,
      COVERED_BALCONY: 5_000,
      SERVICE_BALCONY: 2_500,
      STORAGE: 4_000,
      YARD: 4_000,
    });
  });

  it('keeps every default inside its own range', () => {
    for (const kind of AREA_KINDS) {
      const rule = COEFFICIENT_RULES[kind];
      expect(rule.defaultE4).toBeGreaterThanOrEqual(rule.minE4);
      expect(rule.defaultE4).toBeLessThanOrEqual(rule.maxE4);
    }
  });

  it('allows the open balcony 0.1-1.5 inclusive and nothing outside', () => {
    expect(resolveCoefficient('OPEN_BALCONY', { OPEN_BALCONY: 1_000 })).toEqual({ ok: true, coefficientE4: 1_000 });
    expect(resolveCoefficient('OPEN_BALCONY', { OPEN_BALCONY: 15_000 })).toEqual({ ok: true, coefficientE4: 15_000 });
    expect(resolveCoefficient('OPEN_BALCONY', { OPEN_BALCONY: 999 })).toMatchObject({ ok: false, minE4: 1_000, maxE4: 15_000 });
    expect(resolveCoefficient('OPEN_BALCONY', { OPEN_BALCONY: 15_001 })).toMatchObject({ ok: false });
  });

  it('allows storage 0.25-0.5 and fixes the main area at 1.0', () => {
    expect(resolveCoefficient('STORAGE', { STORAGE: 2_500 }).ok).toBe(true);
    expect(resolveCoefficient('STORAGE', { STORAGE: 5_000 }).ok).toBe(true);
    expect(resolveCoefficient('STORAGE', { STORAGE: 2_000 }).ok).toBe(false);
    expect(resolveCoefficient('MAIN', { MAIN: 9_000 }).ok).toBe(false);
  });

  it('takes the line override first, then the settings, then the default', () => {
    expect(resolveCoefficient('OPEN_BALCONY')).toEqual({ ok: true, coefficientE4: 5_000 });
    expect(resolveCoefficient('OPEN_BALCONY', { OPEN_BALCONY: 3_000 })).toEqual({ ok: true, coefficientE4: 3_000 });
    expect(resolveCoefficient('OPEN_BALCONY', { OPEN_BALCONY: 3_000 }, 4_900)).toEqual({ ok: true, coefficientE4: 4_900 });
    expect(effectiveCoefficients({ YARD: 2_000 }).YARD).toBe(2_000);
  });
});
