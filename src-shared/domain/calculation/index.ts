// The calculation's public API: computeValuation is the one function the screen, the report and the
// exports call; the rest is exposed for the UI (kinds, defaults, ranges, schema) and for tests.
export * from './coefficients.ts';
export * from './comparables.ts';
export * from './dates.ts';
export * from './decimal.ts';
export * from './input.ts';
export * from './issues.ts';
export * from './valuation.ts';
