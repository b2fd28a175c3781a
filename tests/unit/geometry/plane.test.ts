// Plane geometry with hand-computed shapes: the shoelace area, path lengths, exactness under
// translation and the stored precision of coordinates.
import { describe, expect, it } from 'vitest';
import {
  boundingBox,
  isSimplePolygon,
  polygonAreaPx,
  polygonCentroid,
  polylineLengthPx,
  quantizeCoordinate,
  roundHalfAwayFromZero,
  twicePolygonAreaUnits,
  type Point,
} from '../../../src-shared/domain/geometry/index.ts';

const pts = (...xy: [number, number][]): Point[] => xy.map(([x, y]) => ({ x, y }));
const translate = (points: Point[], dx: number, dy: number) => points.map((p) => ({ x: p.x + dx, y: p.y + dy }));

const unitSquare = pts([0, 0], [1, 0], [1, 1], [0, 1]);
const triangle345 = pts([0, 0], [4, 0], [0, 3]);
// An L-shaped apartment: a 10 x 8 rectangle without its 4 x 3 top-right corner -> 80 - 12 = 68.
const lShape = pts([0, 0], [10, 0], [10, 5], [6, 5], [6, 8], [0, 8]);

describe('polygonAreaPx (shoelace)', () => {
  it('measures the unit square, a 3-4-5 triangle and an L-shaped apartment', () => {
    expect(polygonAreaPx(unitSquare)).toBe(1);
    expect(polygonAreaPx(triangle345)).toBe(6);
    expect(polygonAreaPx(lShape)).toBe(68);
  });

  it('is absolute: clockwise and counter-clockwise give the same area', () => {
    expect(polygonAreaPx([...lShape].reverse())).toBe(68);
    expect(polygonAreaPx([...triangle345].reverse())).toBe(6);
  });

  it('does not care where the outline starts or whether it repeats its first point', () => {
    expect(polygonAreaPx([...lShape.slice(3), ...lShape.slice(0, 3)])).toBe(68);
    expect(polygonAreaPx([...lShape, lShape[0]!])).toBe(68);
  });

  it('is exactly the same after translation, even far from the origin', () => {
    for (const [dx, dy] of [
      [0.37, -12.5],
      [1e6, 1e6],
      [-98765.43, 12345.67],
    ] as const) {
      expect(polygonAreaPx(translate(lShape, dx, dy))).toBe(68);
      expect(twicePolygonAreaUnits(translate(triangle345, dx, dy))).toBe(twicePolygonAreaUnits(triangle345));
    }
  });

  it('encloses nothing with fewer than three points or collinear points', () => {
    expect(polygonAreaPx([])).toBe(0);
    expect(polygonAreaPx(pts([0, 0], [5, 5]))).toBe(0);
    expect(polygonAreaPx(pts([0, 0], [1, 1], [2, 2]))).toBe(0);
  });

  it('reads coordinates at 1/100 px', () => {
    expect(polygonAreaPx(pts([0, 0], [0.5, 0], [0.5, 0.5], [0, 0.5]))).toBe(0.25);
    expect(polygonAreaPx(pts([0, 0], [1.004, 0], [1.004, 1], [0, 1]))).toBe(1);
    expect(polygonAreaPx(pts([0, 0], [1.006, 0], [1.006, 1], [0, 1]))).toBe(1.01);
  });
});

describe('polylineLengthPx', () => {
  it('adds the segments; closed adds the way back', () => {
    expect(polylineLengthPx(pts([0, 0], [3, 4]))).toBe(5);
    expect(polylineLengthPx(pts([0, 0], [4, 0], [0, 3]))).toBe(9);
    expect(polylineLengthPx(triangle345, true)).toBe(12);
    expect(polylineLengthPx(unitSquare, true)).toBe(4);
    expect(polylineLengthPx(lShape, true)).toBe(36);
  });

  it('is zero for a single point and unchanged by translation', () => {
    expect(polylineLengthPx(pts([7, 7]))).toBe(0);
    expect(polylineLengthPx(translate(pts([0, 0], [3, 4], [3, 10]), 1234.56, -78.9))).toBe(11);
  });
});

describe('rounding and quantizing', () => {
  it('rounds half away from zero', () => {
    expect(roundHalfAwayFromZero(2.5)).toBe(3);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(roundHalfAwayFromZero(2.4999)).toBe(2);
    expect(Object.is(roundHalfAwayFromZero(-0.2), 0)).toBe(true);
  });

  it('keeps coordinates at 1/100 px', () => {
    expect(quantizeCoordinate(12.344)).toBe(12.34);
    expect(quantizeCoordinate(12.346)).toBe(12.35);
    expect(quantizeCoordinate(-0.125)).toBe(-0.13);
    expect(() => quantizeCoordinate(Number.NaN)).toThrow();
  });
});

describe('isSimplePolygon', () => {
  it('accepts simple outlines and refuses crossing, folded or degenerate ones', () => {
    expect(isSimplePolygon(unitSquare)).toBe(true);
    expect(isSimplePolygon(lShape)).toBe(true);
    expect(isSimplePolygon(triangle345)).toBe(true);
    expect(isSimplePolygon(pts([0, 0], [1, 1], [1, 0], [0, 1]))).toBe(false); // a bow tie
    expect(isSimplePolygon(pts([0, 0], [2, 0], [1, 0]))).toBe(false); // folds back on itself
    expect(isSimplePolygon(pts([0, 0], [1, 0], [1, 0], [0, 1]))).toBe(false); // a repeated vertex
    expect(isSimplePolygon(pts([0, 0], [1, 0]))).toBe(false);
  });
});

describe('helpers', () => {
  it('finds the bounding box and the centroid', () => {
    expect(boundingBox(lShape)).toEqual({ minX: 0, minY: 0, maxX: 10, maxY: 8 });
    expect(boundingBox([])).toBeNull();
    expect(polygonCentroid(pts([0, 0], [4, 0], [4, 2], [0, 2]))).toEqual({ x: 2, y: 1 });
    expect(polygonCentroid(pts([0, 0], [2, 2]))).toEqual({ x: 1, y: 1 });
  });
});
