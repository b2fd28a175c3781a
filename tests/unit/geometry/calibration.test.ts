// Calibration by one known length and exact areas: a 5 m wall drawn 250 px long is 2 cm per pixel,
// and a 10 x 8 m room drawn at that scale is 80.00 sqm exactly.
import { describe, expect, it } from 'vitest';
import {
  areaSqmHundredths,
  calibration,
  decimalRational,
  hundredthsText,
  knownLengthMetres,
  lengthCm,
  type Point,
} from '../../../src-shared/domain/geometry/index.ts';

const pts = (...xy: [number, number][]): Point[] => xy.map(([x, y]) => ({ x, y }));
const wall = calibration({ x: 100, y: 100 }, { x: 350, y: 100 }, 5, 'm')!;

describe('calibration', () => {
  it('makes a 5 m wall 250 px long 2 cm per pixel', () => {
    expect(wall).not.toBeNull();
    expect(wall.metresPerPixel).toBe(0.02);
    expect(wall.cmPerPixel).toBe(2);
    expect(wall.sqmPerSquarePixel).toEqual({ num: 1n, den: 2500n });
  });

  it('gives the same scale for the length in centimetres, in any direction', () => {
    const cm = calibration({ x: 350, y: 100 }, { x: 100, y: 100 }, 500, 'cm')!;
    expect(cm.sqmPerSquarePixel).toEqual(wall.sqmPerSquarePixel);
    expect(cm.metresPerPixel).toBe(0.02);
    // A diagonal reference: a 3-4-5 triangle's hypotenuse of 250 px.
    const diagonal = calibration({ x: 0, y: 0 }, { x: 150, y: 200 }, 5, 'm')!;
    expect(diagonal.sqmPerSquarePixel).toEqual({ num: 1n, den: 2500n });
  });

  it('refuses coincident points and lengths that are not positive', () => {
    expect(calibration({ x: 1, y: 1 }, { x: 1, y: 1 }, 5, 'm')).toBeNull();
    expect(calibration({ x: 1, y: 1 }, { x: 1.001, y: 1 }, 5, 'm')).toBeNull(); // the same point at 1/100 px
    expect(calibration({ x: 0, y: 0 }, { x: 10, y: 0 }, 0, 'm')).toBeNull();
    expect(calibration({ x: 0, y: 0 }, { x: 10, y: 0 }, -3, 'm')).toBeNull();
    expect(calibration({ x: 0, y: 0 }, { x: 10, y: 0 }, Number.NaN, 'm')).toBeNull();
    expect(calibration({ x: 0, y: 0 }, { x: 10, y: 0 }, Number.POSITIVE_INFINITY, 'm')).toBeNull();
  });

  it('takes the known length as the decimal typed, not its binary neighbour', () => {
    expect(decimalRational(3.455)).toEqual({ num: 691n, den: 200n });
    expect(decimalRational(0.1)).toEqual({ num: 1n, den: 10n });
    expect(decimalRational(1e-7)).toEqual({ num: 1n, den: 10_000_000n });
    expect(decimalRational(1.5e21)).toEqual({ num: 1_500_000_000_000_000_000_000n, den: 1n });
    expect(knownLengthMetres(345.5, 'cm')).toEqual({ num: 691n, den: 200n });
    expect(knownLengthMetres(0, 'm')).toBeNull();
  });
});

describe('areaSqmHundredths', () => {
  it('measures a 10 x 8 m room drawn at 2 cm per pixel as 80.00 sqm exactly', () => {
    const room = pts([100, 100], [600, 100], [600, 500], [100, 500]);
    expect(areaSqmHundredths(room, wall)).toBe(8000);
    expect(hundredthsText(areaSqmHundredths(room, wall))).toBe('80.00');
  });

  it('measures the L-shaped apartment (68 px^2 at 1 m per 10 px -> 0.68 sqm; at 1 m per px -> 68 sqm)', () => {
    const lShape = pts([0, 0], [10, 0], [10, 5], [6, 5], [6, 8], [0, 8]);
    expect(areaSqmHundredths(lShape, calibration({ x: 0, y: 0 }, { x: 10, y: 0 }, 1, 'm')!)).toBe(68);
    expect(areaSqmHundredths(lShape, calibration({ x: 0, y: 0 }, { x: 1, y: 0 }, 1, 'm')!)).toBe(6800);
  });

  it('measures the 3-4-5 triangle: 6 sqm when 1 px is 1 m', () => {
    expect(areaSqmHundredths(pts([0, 0], [4, 0], [0, 3]), calibration({ x: 0, y: 0 }, { x: 3, y: 4 }, 5, 'm')!)).toBe(600);
  });

  it('is unchanged by moving the shape or the reference segment', () => {
    const room = pts([100, 100], [600, 100], [600, 500], [100, 500]);
    const moved = room.map((p) => ({ x: p.x + 12_345.67, y: p.y - 9_876.54 }));
    const movedWall = calibration({ x: -700.25, y: 33.5 }, { x: -450.25, y: 33.5 }, 5, 'm')!;
    expect(areaSqmHundredths(moved, movedWall)).toBe(8000);
  });

  it('rounds once, at the end, half away from zero', () => {
    // 1 px = 1 cm (100 px = 1 m), so an a x b px rectangle is a*b/10000 sqm = a*b/100 hundredths.
    const cmPerPx = calibration({ x: 0, y: 0 }, { x: 100, y: 0 }, 1, 'm')!;
    const rect = (w: number, h: number) => pts([0, 0], [w, 0], [w, h], [0, h]);
    expect(areaSqmHundredths(rect(50, 1), cmPerPx)).toBe(1); // 0.5 hundredths -> 1
    expect(areaSqmHundredths(rect(49, 1), cmPerPx)).toBe(0); // 0.49 -> 0
    expect(areaSqmHundredths(rect(150, 1), cmPerPx)).toBe(2); // 1.5 -> 2
    // Summing rounded pieces could drift; the whole is rounded once: three thirds of a sqm.
    const third = calibration({ x: 0, y: 0 }, { x: 3, y: 0 }, 1, 'm')!; // 1 px = 1/3 m
    expect(areaSqmHundredths(rect(3, 3), third)).toBe(100); // exactly 1 sqm
    expect(areaSqmHundredths(rect(1, 1), third)).toBe(11); // 0.111... sqm
  });

  it('is 0 for a polygon without area', () => {
    expect(areaSqmHundredths(pts([0, 0], [10, 0]), wall)).toBe(0);
  });
});

describe('lengthCm', () => {
  it('measures a polyline and a perimeter in whole centimetres', () => {
    expect(lengthCm(pts([0, 0], [150, 0], [150, 200]), wall)).toBe(700); // 3 m + 4 m
    expect(lengthCm(pts([0, 0], [150, 200]), wall)).toBe(500); // the 5 m hypotenuse
    expect(lengthCm(pts([0, 0], [500, 0], [500, 400], [0, 400]), wall, true)).toBe(3600); // 10 x 8 room
    expect(lengthCm(pts([0, 0], [0.25, 0]), wall)).toBe(1); // 0.5 cm -> 1
  });
});
