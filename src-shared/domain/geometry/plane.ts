// Plane geometry of the Garmushka (permit drawing) measurement, in plan pixels.
//
// Precision: a coordinate is read at 1/100 px (COORDINATE_SCALE). The UI stores points already
// quantized (quantizeCoordinate), so reading them is exact; anything finer is rounded half away from
// zero to the nearest 1/100 px. At that precision every area and squared length below is an exact
// BigInt, so areas do not drift under translation and no rounding happens before the final figure.
import type { Rational } from '../calculation/decimal.ts';
import { rational } from '../calculation/decimal.ts';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Coordinates are kept in hundredths of a plan pixel. */
export const COORDINATE_SCALE = 100;
const SCALE = BigInt(COORDINATE_SCALE);
const SCALE_SQ = SCALE * SCALE;

/** Rounds half away from zero to an integer (Math.round rounds -2.5 to -2). */
export function roundHalfAwayFromZero(value: number): number {
  const rounded = Math.round(Math.abs(value));
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** The coordinate at the stored precision (1/100 px), half away from zero. */
export function quantizeCoordinate(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError('a coordinate must be a finite number');
  return roundHalfAwayFromZero(value * COORDINATE_SCALE) / COORDINATE_SCALE;
}

export function quantizePoint(point: Point): Point {
  return { x: quantizeCoordinate(point.x), y: quantizeCoordinate(point.y) };
}

/** The coordinate as an integer count of 1/100 px. */
function units(value: number): bigint {
  if (!Number.isFinite(value)) throw new RangeError('a coordinate must be a finite number');
  return BigInt(roundHalfAwayFromZero(value * COORDINATE_SCALE));
}

interface UnitPoint {
  x: bigint;
  y: bigint;
}
const toUnits = (points: readonly Point[]): UnitPoint[] => points.map((p) => ({ x: units(p.x), y: units(p.y) }));

/**
 * Twice the polygon's area in (1/100 px)^2, exact and non-negative (the shoelace formula; the polygon
 * closes by itself, a repeated first point is harmless). Fewer than 3 points enclose nothing.
 */
export function twicePolygonAreaUnits(points: readonly Point[]): bigint {
  if (points.length < 3) return 0n;
  const p = toUnits(points);
  let sum = 0n;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = p[(i + 1) % p.length]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum < 0n ? -sum : sum;
}

/** The polygon's area in square plan pixels (shoelace, absolute). */
export function polygonAreaPx(points: readonly Point[]): number {
  return Number(twicePolygonAreaUnits(points)) / (2 * COORDINATE_SCALE * COORDINATE_SCALE);
}

/** The squared distance between two points in (1/100 px)^2, exact. */
export function squaredDistanceUnits(a: Point, b: Point): bigint {
  const dx = units(b.x) - units(a.x);
  const dy = units(b.y) - units(a.y);
  return dx * dx + dy * dy;
}

/** The squared distance in px^2 as an exact rational. */
export function squaredDistancePx(a: Point, b: Point): Rational {
  return rational(squaredDistanceUnits(a, b), SCALE_SQ);
}

/** The segments of a path: consecutive pairs, plus last-to-first when closed. */
export function segments(points: readonly Point[], closed = false): [Point, Point][] {
  const list: [Point, Point][] = [];
  for (let i = 0; i + 1 < points.length; i++) list.push([points[i]!, points[i + 1]!]);
  if (closed && points.length > 2) list.push([points[points.length - 1]!, points[0]!]);
  return list;
}

/** The length of the path in plan pixels (closed: the perimeter). Binary floating point. */
export function polylineLengthPx(points: readonly Point[], closed = false): number {
  let length = 0;
  for (const [a, b] of segments(points, closed)) length += Math.sqrt(Number(squaredDistanceUnits(a, b)));
  return length / COORDINATE_SCALE;
}

/** The smallest axis-aligned box around the points, or null for none. */
export function boundingBox(points: readonly Point[]): { minX: number; minY: number; maxX: number; maxY: number } | null {
  if (points.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return { minX, minY, maxX, maxY };
}

/** The area centroid of a polygon (where its label goes); the vertices' mean when it has no area. */
export function polygonCentroid(points: readonly Point[]): Point | null {
  if (points.length === 0) return null;
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % points.length]!;
    const cross = a.x * b.y - b.x * a.y;
    twiceArea += cross;
    cx += (a.x + b.x) * cross;
    cy += (a.y + b.y) * cross;
  }
  if (Math.abs(twiceArea) < 1e-9) {
    const n = points.length;
    return { x: points.reduce((s, p) => s + p.x, 0) / n, y: points.reduce((s, p) => s + p.y, 0) / n };
  }
  return { x: cx / (3 * twiceArea), y: cy / (3 * twiceArea) };
}

function orientation(a: UnitPoint, b: UnitPoint, c: UnitPoint): -1 | 0 | 1 {
  const value = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  return value > 0n ? 1 : value < 0n ? -1 : 0;
}

const between = (p: bigint, q: bigint, r: bigint) => (p < r ? q >= p && q <= r : q >= r && q <= p);
const onSegment = (a: UnitPoint, b: UnitPoint, c: UnitPoint) => between(a.x, c.x, b.x) && between(a.y, c.y, b.y);

function segmentsIntersect(a: UnitPoint, b: UnitPoint, c: UnitPoint, d: UnitPoint): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}

/**
 * Whether the polygon's outline does not cross itself (exact, at the stored precision). The shoelace
 * area of a self-crossing outline is a net of lobes, not an area, so the UI warns about it.
 */
export function isSimplePolygon(points: readonly Point[]): boolean {
  const p = toUnits(points);
  const n = p.length;
  if (n < 3) return false;
  for (let i = 0; i < n; i++) {
    const a = p[i]!;
    const b = p[(i + 1) % n]!;
    if (a.x === b.x && a.y === b.y) return false;
    for (let j = i + 1; j < n; j++) {
      // Neighbouring edges share a vertex; they only cross when they fold back on each other.
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      const c = p[j]!;
      const d = p[(j + 1) % n]!;
      if (adjacent) {
        const shared = j === i + 1 ? b : a;
        const other1 = j === i + 1 ? a : b;
        const other2 = j === i + 1 ? d : c;
        if (orientation(other1, shared, other2) === 0 && (onSegment(shared, other1, other2) || onSegment(shared, other2, other1))) return false;
        continue;
      }
      if (segmentsIntersect(a, b, c, d)) return false;
    }
  }
  return true;
}
