// Scale of a plan from one known length: the user clicks the two ends of a dimension line (a 5 m
// wall) and types its length. Areas then come out exact:
//
//   area [sqm] = area [px^2] * (L / d)^2 = area [px^2] * L^2 / d^2
//
// where L is the known length in metres and d the clicked distance in pixels. d itself is usually
// irrational, but d^2 is exact at the stored precision (plane.ts) and L is the decimal the user typed,
// so the scale squared is an exact rational and an area needs no square root at all. It is rounded
// once, at the end, half away from zero, to hundredths of a sqm (the unit areas are stored in,
// db/conventions.ts). Lengths need square roots; they are computed in binary floating point (relative
// error far below 1e-9) and rounded half away from zero to whole centimetres.
import { divRound, rational, type Rational } from '../calculation/decimal.ts';
import { COORDINATE_SCALE, quantizePoint, roundHalfAwayFromZero, segments, squaredDistanceUnits, twicePolygonAreaUnits, type Point } from './plane.ts';

export const LENGTH_UNITS = ['cm', 'm'] as const;
export type LengthUnit = (typeof LENGTH_UNITS)[number];

export interface Calibration {
  /** The squared length of the reference segment in (1/100 px)^2; positive. */
  readonly referenceSquaredUnits: bigint;
  /** The known length in metres, exactly as typed. */
  readonly lengthMetres: Rational;
  /** Metres per plan pixel (binary floating point: for lengths and display). */
  readonly metresPerPixel: number;
  /** Centimetres per plan pixel (binary floating point). */
  readonly cmPerPixel: number;
  /** Square metres per square pixel: (L / d)^2, exact. */
  readonly sqmPerSquarePixel: Rational;
}

const EXPONENT_DECIMAL = /^(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * A positive finite number as the exact decimal it prints as (shortest round-trip form): 3.455 is
 * 3455/1000, not the binary fraction nearest to it. Null for anything else.
 */
export function decimalRational(value: number): Rational | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const match = EXPONENT_DECIMAL.exec(String(value));
  if (!match) return null;
  const [, whole = '0', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fraction.length;
  const digits = BigInt(whole + fraction);
  return exponent >= 0 ? rational(digits * 10n ** BigInt(exponent)) : rational(digits, 10n ** BigInt(-exponent));
}

/** The known length in metres as an exact rational, or null when it is not a positive number. */
export function knownLengthMetres(knownLength: number, unit: LengthUnit): Rational | null {
  const value = decimalRational(knownLength);
  if (!value || value.num === 0n) return null;
  return unit === 'm' ? value : rational(value.num, value.den * 100n);
}

/**
 * The plan's scale from the reference segment a-b whose real length is knownLength (in unit). Null
 * when the points coincide (at 1/100 px) or the length is not a positive number.
 *
 * calibration({x:0,y:0}, {x:250,y:0}, 5, 'm') -> metresPerPixel 0.02 (2 cm per pixel).
 */
export function calibration(a: Point, b: Point, knownLength: number, unit: LengthUnit): Calibration | null {
  const lengthMetres = knownLengthMetres(knownLength, unit);
  const referenceSquaredUnits = squaredDistanceUnits(a, b);
  if (!lengthMetres || referenceSquaredUnits === 0n) return null;
  const pixels = Math.sqrt(Number(referenceSquaredUnits)) / COORDINATE_SCALE;
  const num = Number(lengthMetres.num);
  const den = Number(lengthMetres.den);
  const scaleSq = BigInt(COORDINATE_SCALE * COORDINATE_SCALE);
  return {
    referenceSquaredUnits,
    lengthMetres,
    metresPerPixel: num / (den * pixels),
    cmPerPixel: (num * 100) / (den * pixels),
    // (L / d)^2 with d^2 = referenceSquaredUnits / 100^2.
    sqmPerSquarePixel: rational(lengthMetres.num * lengthMetres.num * scaleSq, lengthMetres.den * lengthMetres.den * referenceSquaredUnits),
  };
}

/** The calibration as stored in the measurement document. */
export interface CalibrationData {
  a: Point;
  b: Point;
  knownLength: number;
  unit: LengthUnit;
}

export const calibrationOf = (data: CalibrationData | null | undefined): Calibration | null =>
  data ? calibration(data.a, data.b, data.knownLength, data.unit) : null;

/**
 * The polygon's area in integer hundredths of a sqm: shoelace area times the scale squared, exact,
 * rounded once, half away from zero. 0 for fewer than 3 points.
 */
export function areaSqmHundredths(points: readonly Point[], cal: Calibration): number {
  const twiceArea = twicePolygonAreaUnits(points);
  // hundredths = 100 * (twiceArea / 2 / 100^2) * L^2 / (d2 / 100^2) = 100 * twiceArea * L^2 / (2 * d2)
  const { num, den } = cal.lengthMetres;
  const hundredths = divRound(100n * twiceArea * num * num, 2n * den * den * cal.referenceSquaredUnits);
  return Number(hundredths);
}

/** The length of a path in whole centimetres (closed: the perimeter), rounded half away from zero. */
export function lengthCm(points: readonly Point[], cal: Calibration, closed = false): number {
  let sumOfRoots = 0;
  for (const [a, b] of segments(points, closed)) sumOfRoots += Math.sqrt(Number(squaredDistanceUnits(a, b)));
  const lengthCmExactIfRational = (sumOfRoots * Number(cal.lengthMetres.num) * 100) / (Number(cal.lengthMetres.den) * Math.sqrt(Number(cal.referenceSquaredUnits)));
  return roundHalfAwayFromZero(lengthCmExactIfRational);
}

/** Hundredths of a sqm as decimal text with two places: 8000 -> '80.00' (no grouping, no locale). */
export function hundredthsText(hundredths: number): string {
  const negative = hundredths < 0;
  const digits = String(Math.abs(hundredths)).padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** A calibration point pair at the stored precision. */
export const quantizeCalibration = (data: CalibrationData): CalibrationData => ({ ...data, a: quantizePoint(data.a), b: quantizePoint(data.b) });
