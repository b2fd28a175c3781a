// Area kinds and their equivalent-area coefficients (DOMAIN.md "The calculation"). Coefficients are
// practice, not law: each kind has a default and an allowed range; an organization's or a valuation's
// settings override the default within the range, and the report prints the coefficient it used.
// Values are E4 integers (the coefficient times 10^4): 0.5 is 5000.
//
// Defaults and ranges chosen here:
//   MAIN             1.0   fixed (1.0-1.0): the main area is the unit the price per sqm is quoted in
//   SAFE_ROOM        1.0   0.5-1.0  (the mamad is usually counted as main area)
//   OPEN_BALCONY     0.5   0.1-1.5  (practice 0.30-0.50; the web product's default and range)
//   COVERED_BALCONY  0.5   0.3-1.0
//   SERVICE_BALCONY  0.25  0.1-0.5
//   STORAGE          0.4   0.25-0.5 (DOMAIN.md's range; 0.4 sits inside it) — or a fixed sum instead
//   YARD             0.4   0.1-1.0
// Parking is not an area kind: it is a fixed sum (see FIXED_SUM_KINDS in input.ts). A storage room is
// either an area line (coefficient) or a fixed sum, not both; computeValuation warns when both appear.

export const AREA_KINDS = ['MAIN', 'SAFE_ROOM', 'OPEN_BALCONY', 'COVERED_BALCONY', 'SERVICE_BALCONY', 'STORAGE', 'YARD'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

export interface CoefficientRule {
  /** Default coefficient, E4. */
  readonly defaultE4: number;
  /** Inclusive allowed range, E4. */
  readonly minE4: number;
  readonly maxE4: number;
}

export const COEFFICIENT_RULES: Readonly<Record<AreaKind, CoefficientRule>> = {
  MAIN: { defaultE4: 10_000, minE4: 10_000, maxE4: 10_000 },
  SAFE_ROOM: { defaultE4: 10_000, minE4: 5_000, maxE4: 10_000 },
  OPEN_BALCONY: { defaultE4: 5_000, minE4: 1_000, maxE4: 15_000 },
  COVERED_BALCONY: { defaultE4: 5_000, minE4: 3_000, maxE4: 10_000 },
  SERVICE_BALCONY: { defaultE4: 2_500, minE4: 1_000, maxE4: 5_000 },
  STORAGE: { defaultE4: 4_000, minE4: 2_500, maxE4: 5_000 },
  YARD: { defaultE4: 4_000, minE4: 1_000, maxE4: 10_000 },
};

/** Coefficient settings (E4) per kind; a kind left out takes its default. */
export type CoefficientSettings = Partial<Record<AreaKind, number>>;

export type CoefficientCheck = { ok: true; coefficientE4: number } | { ok: false; kind: AreaKind; valueE4: number; minE4: number; maxE4: number };

export const isWithinRange = (kind: AreaKind, valueE4: number): boolean => {
  const rule = COEFFICIENT_RULES[kind];
  return Number.isInteger(valueE4) && valueE4 >= rule.minE4 && valueE4 <= rule.maxE4;
};

/**
 * The coefficient a line uses: the line's own override, else the settings' value for its kind, else
 * the default. The value used must lie within the kind's range.
 */
export function resolveCoefficient(kind: AreaKind, settings: CoefficientSettings = {}, lineOverrideE4?: number): CoefficientCheck {
  const rule = COEFFICIENT_RULES[kind];
  const valueE4 = lineOverrideE4 ?? settings[kind] ?? rule.defaultE4;
  return isWithinRange(kind, valueE4) ? { ok: true, coefficientE4: valueE4 } : { ok: false, kind, valueE4, minE4: rule.minE4, maxE4: rule.maxE4 };
}

/** The full table of coefficients in effect for the settings (defaults where not set), E4. */
export function effectiveCoefficients(settings: CoefficientSettings = {}): Record<AreaKind, number> {
  const table = {} as Record<AreaKind, number>;
  for (const kind of AREA_KINDS) table[kind] = settings[kind] ?? COEFFICIENT_RULES[kind].defaultE4;
  return table;
}
