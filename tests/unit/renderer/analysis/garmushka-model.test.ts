// The Garmushka screen's decisions without a browser: the viewport transform, drawing point by point,
// default names and colours, number formats, the report crop and stable JSON comparison.
import { describe, expect, it } from 'vitest';
import { emptyMeasurement, type MeasurementDocument, type Shape } from '../../../../src-shared/domain/geometry/index.ts';
import {
  addDraftPoint,
  canFinish,
  cropRect,
  formatMetres,
  formatSqm,
  nextColour,
  nextShapeName,
  PALETTE,
  parseLength,
  reduceMaybe,
  stableStringify,
} from '../../../../src-renderer/features/analysis/garmushka-model.ts';
import { fitViewport, MAX_SCALE, panBy, planToScreen, screenToPlan, wheelFactor, zoomAt, ZOOM_STEP } from '../../../../src-renderer/features/analysis/viewport.ts';
import { en } from '../../../../src-renderer/i18n/en.ts';
import { he } from '../../../../src-renderer/i18n/he.ts';

const PLAN = 'a'.repeat(64);

describe('viewport', () => {
  it('fits the plan centred with a margin', () => {
    const v = fitViewport({ width: 1000, height: 500 }, { width: 532, height: 532 }, 16);
    expect(v.scale).toBe(0.5);
    expect(v).toEqual({ scale: 0.5, x: 16, y: (532 - 250) / 2 });
  });

  it('converts between screen and plan both ways', () => {
    const v = { scale: 2, x: 10, y: -20 };
    expect(planToScreen(v, { x: 5, y: 5 })).toEqual({ x: 20, y: -10 });
    expect(screenToPlan(v, planToScreen(v, { x: 123.25, y: 7.5 }))).toEqual({ x: 123.25, y: 7.5 });
  });

  it('zooms about the anchor: the plan point under it stays put', () => {
    const v = { scale: 1, x: 30, y: 40 };
    const anchor = { x: 200, y: 150 };
    const before = screenToPlan(v, anchor);
    const zoomed = zoomAt(v, ZOOM_STEP, anchor);
    expect(zoomed.scale).toBe(ZOOM_STEP);
    const after = screenToPlan(zoomed, anchor);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it('clamps the zoom and pans by screen pixels', () => {
    const max = { scale: MAX_SCALE, x: 0, y: 0 };
    expect(zoomAt(max, 2, { x: 0, y: 0 })).toBe(max);
    expect(panBy({ scale: 3, x: 1, y: 2 }, 10, -5)).toEqual({ scale: 3, x: 11, y: -3 });
  });

  it('turns a wheel notch into one zoom step, up zooming in', () => {
    expect(wheelFactor(-100, 0)).toBeCloseTo(ZOOM_STEP);
    expect(wheelFactor(100, 0)).toBeCloseTo(1 / ZOOM_STEP);
    expect(wheelFactor(-3, 1)).toBeCloseTo(Math.pow(ZOOM_STEP, 0.99));
  });
});

describe('drawing', () => {
  it('ignores a click on the previous point (the second click of a double-click)', () => {
    let draft = addDraftPoint([], { x: 0, y: 0 }, 2);
    draft = addDraftPoint(draft, { x: 10, y: 0 }, 2);
    draft = addDraftPoint(draft, { x: 10.5, y: 0.5 }, 2);
    expect(draft).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
    ]);
  });

  it('finishes a polygon from 3 points, a polyline and a calibration from 2', () => {
    const two = [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
    ];
    expect(canFinish('polygon', two)).toBe(false);
    expect(canFinish('polygon', [...two, { x: 1, y: 1 }])).toBe(true);
    expect(canFinish('polyline', two)).toBe(true);
    expect(canFinish('calibrate', two)).toBe(true);
    expect(canFinish('pan', two)).toBe(false);
  });

  it('names shapes with the first free number and picks the least used colour', () => {
    const shapes = [{ name: 'שטח 1' }, { name: 'שטח 3' }, { name: 'קו 1' }];
    expect(nextShapeName(shapes, 'שטח')).toBe('שטח 2');
    expect(nextShapeName([], 'Area')).toBe('Area 1');
    expect(nextColour([])).toBe(PALETTE[0]);
    expect(nextColour([{ colour: PALETTE[0].toUpperCase() }])).toBe(PALETTE[1]);
    expect(nextColour(PALETTE.map((colour) => ({ colour })))).toBe(PALETTE[0]);
  });

  it('starts a document with the first plan, and leaves none alone otherwise', () => {
    expect(reduceMaybe(null, { type: 'setPlan', plan: { planSha256: PLAN } })).toEqual(emptyMeasurement({ planSha256: PLAN }));
    expect(reduceMaybe(null, { type: 'removeShape', id: 'x' })).toBeNull();
  });
});

describe('numbers', () => {
  it('formats areas from hundredths and lengths from centimetres', () => {
    expect(formatSqm(8000)).toBe('80.00');
    expect(formatSqm(123456)).toBe('1,234.56');
    expect(formatSqm(5)).toBe('0.05');
    expect(formatMetres(1234)).toBe('12.34');
  });

  it('reads a typed length with a decimal point or comma', () => {
    expect(parseLength('5')).toBe(5);
    expect(parseLength(' 3.45 ')).toBe(3.45);
    expect(parseLength('3,45')).toBe(3.45);
    expect(parseLength('.5')).toBe(0.5);
    for (const bad of ['', '0', '-2', 'abc', '1,000.5', '5m', '1e3']) expect(parseLength(bad), bad).toBeNull();
  });
});

describe('cropRect', () => {
  const shape = (points: { x: number; y: number }[]): Shape => ({ id: String(points.length), name: 'x', colour: '#000000', kind: 'none', type: 'polygon', points });
  const doc = (shapes: Shape[]): MeasurementDocument => ({ ...emptyMeasurement({ planSha256: PLAN }), shapes });

  it('cuts the shapes with a margin, inside the plan', () => {
    const rect = cropRect(
      doc([
        shape([
          { x: 100, y: 100 },
          { x: 500, y: 100 },
          { x: 500, y: 300 },
        ]),
      ]),
      { width: 1000, height: 800 },
    );
    expect(rect).toEqual({ x: 80, y: 80, width: 440, height: 240 });
    const edge = cropRect(doc([shape([{ x: 5, y: 5 }, { x: 990, y: 5 }, { x: 990, y: 790 }])]), { width: 1000, height: 800 });
    expect(edge).toEqual({ x: 0, y: 0, width: 1000, height: 800 });
  });

  it('takes the whole plan without shapes', () => {
    expect(cropRect(doc([]), { width: 640, height: 480 })).toEqual({ x: 0, y: 0, width: 640, height: 480 });
  });
});

describe('stableStringify', () => {
  it('ignores key order (jsonb) but not values', () => {
    expect(stableStringify({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(stableStringify({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
    expect(stableStringify({ a: 1 })).not.toBe(stableStringify({ a: 2 }));
    expect(stableStringify(undefined)).toBe('null');
  });
});

describe('translations', () => {
  it('label every area kind and unit in both languages', () => {
    for (const messages of [he, en]) {
      for (const kind of ['MAIN', 'SAFE_ROOM', 'OPEN_BALCONY', 'COVERED_BALCONY', 'SERVICE_BALCONY', 'STORAGE', 'YARD', 'none'] as const) {
        expect(messages.analysis.kinds[kind].length).toBeGreaterThan(0);
      }
      expect(messages.analysis.units.cm && messages.analysis.units.m).toBeTruthy();
      expect(Object.keys(messages.analysis.gis.slots)).toEqual(['wide', 'parcel', 'aerial']);
    }
  });
});
