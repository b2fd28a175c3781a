// The measurement document: its schema, the editing reducer (with undo/redo), and the totals by area
// kind that feed the calculation.
import { describe, expect, it } from 'vitest';
import { AREA_KINDS } from '../../../src-shared/domain/calculation/coefficients.ts';
import { areaLineSchema } from '../../../src-shared/domain/calculation/input.ts';
import {
  areaLines,
  createHistory,
  emptyMeasurement,
  historyReducer,
  measurementDocumentSchema,
  measurementReducer,
  readGarmushkaImages,
  readMeasurementDocument,
  SHAPE_KINDS,
  shapeFigures,
  totalsByKind,
  calibrationOf,
  type MeasurementDocument,
  type Shape,
} from '../../../src-shared/domain/geometry/index.ts';

const PLAN = 'a'.repeat(64);
const OTHER_PLAN = 'b'.repeat(64);

const rect = (x: number, y: number, w: number, h: number) => [
  { x, y },
  { x: x + w, y },
  { x: x + w, y: y + h },
  { x, y: y + h },
];
const shape = (id: string, overrides: Partial<Shape> = {}): Shape => ({
  id,
  name: id,
  colour: '#1f5fbf',
  kind: 'MAIN',
  type: 'polygon',
  points: rect(0, 0, 500, 400),
  ...overrides,
});

/** A plan calibrated at 2 cm per pixel (a 5 m wall, 250 px). */
const calibrated = (shapes: Shape[]): MeasurementDocument => ({
  ...emptyMeasurement({ planSha256: PLAN }),
  calibration: { a: { x: 0, y: 0 }, b: { x: 250, y: 0 }, knownLength: 5, unit: 'm' },
  shapes,
});

describe('the measurement document schema', () => {
  it('accepts the documented shape', () => {
    const doc = {
      version: 1,
      planSha256: PLAN,
      page: 1,
      calibration: { a: { x: 1, y: 2 }, b: { x: 3, y: 4 }, knownLength: 500, unit: 'cm' },
      shapes: [
        { id: 's1', name: 'סלון', colour: '#ff0000', kind: 'MAIN', type: 'polygon', points: rect(0, 0, 1, 1) },
        { id: 's2', name: 'קיר', colour: '#00FF00', kind: 'none', type: 'polyline', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
      ],
    };
    expect(measurementDocumentSchema.parse(doc)).toEqual(doc);
    expect(readMeasurementDocument(doc)).toEqual(doc);
  });

  it('refuses short shapes, unknown kinds, duplicate ids, bad colours and other versions', () => {
    const base = calibrated([]);
    const bad = [
      { ...base, shapes: [shape('x', { points: rect(0, 0, 1, 1).slice(0, 2) })] },
      { ...base, shapes: [shape('x', { type: 'polyline', points: [{ x: 0, y: 0 }] })] },
      { ...base, shapes: [{ ...shape('x'), kind: 'PARKING' }] },
      { ...base, shapes: [shape('x'), shape('x')] },
      { ...base, shapes: [shape('x', { colour: 'red' })] },
      { ...base, version: 2 },
      { ...base, planSha256: 'not-a-hash' },
      { ...base, calibration: { a: { x: 0, y: 0 }, b: { x: 1, y: 0 }, knownLength: 0, unit: 'm' } },
    ];
    for (const doc of bad) expect(measurementDocumentSchema.safeParse(doc).success, JSON.stringify(doc).slice(0, 120)).toBe(false);
    expect(readMeasurementDocument(null)).toBeNull();
    expect(readMeasurementDocument({ version: 1 })).toBeNull();
  });

  it('uses the calculation’s area kind identifiers, plus none', () => {
    expect(SHAPE_KINDS).toEqual([...AREA_KINDS, 'none']);
  });
});

describe('measurementReducer', () => {
  it('adds, updates, moves and removes shapes, quantizing points to 1/100 px', () => {
    let doc = emptyMeasurement({ planSha256: PLAN });
    doc = measurementReducer(doc, { type: 'addShape', shape: shape('s1', { points: [{ x: 0.123, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10.005 }] }) });
    expect(doc.shapes[0]!.points).toEqual([{ x: 0.12, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10.01 }]);
    doc = measurementReducer(doc, { type: 'updateShape', id: 's1', changes: { name: 'מרפסת', kind: 'OPEN_BALCONY', colour: '#00aa00' } });
    expect(doc.shapes[0]).toMatchObject({ name: 'מרפסת', kind: 'OPEN_BALCONY', colour: '#00aa00' });
    doc = measurementReducer(doc, { type: 'setPoints', id: 's1', points: rect(1, 1, 2, 2) });
    expect(doc.shapes[0]!.points).toEqual(rect(1, 1, 2, 2));
    doc = measurementReducer(doc, { type: 'removeShape', id: 's1' });
    expect(doc.shapes).toEqual([]);
  });

  it('returns the same document for actions that change nothing', () => {
    const doc = calibrated([shape('s1')]);
    expect(measurementReducer(doc, { type: 'removeShape', id: 'nope' })).toBe(doc);
    expect(measurementReducer(doc, { type: 'updateShape', id: 's1', changes: { name: 's1' } })).toBe(doc);
    expect(measurementReducer(doc, { type: 'updateShape', id: 'nope', changes: { name: 'x' } })).toBe(doc);
    expect(measurementReducer(doc, { type: 'addShape', shape: shape('s1') })).toBe(doc);
    expect(measurementReducer(doc, { type: 'setPlan', plan: { planSha256: PLAN } })).toBe(doc);
    const uncalibrated = emptyMeasurement({ planSha256: PLAN });
    expect(measurementReducer(uncalibrated, { type: 'clearCalibration' })).toBe(uncalibrated);
  });

  it('starts over on another plan, and undo brings the old plan back with its shapes', () => {
    const reducer = historyReducer(measurementReducer);
    let h = createHistory(calibrated([shape('s1')]));
    h = reducer(h, { type: 'apply', action: { type: 'setPlan', plan: { planSha256: OTHER_PLAN, page: 2, sourceSha256: PLAN } } });
    expect(h.present).toEqual({ version: 1, planSha256: OTHER_PLAN, page: 2, sourceSha256: PLAN, calibration: null, shapes: [] });
    h = reducer(h, { type: 'undo' });
    expect(h.present).toEqual(calibrated([shape('s1')]));
  });

  it('undoes a calibration and a drawn shape step by step', () => {
    const reducer = historyReducer(measurementReducer);
    let h = createHistory(emptyMeasurement({ planSha256: PLAN }));
    h = reducer(h, { type: 'apply', action: { type: 'calibrate', calibration: { a: { x: 0, y: 0 }, b: { x: 250, y: 0 }, knownLength: 5, unit: 'm' } } });
    h = reducer(h, { type: 'apply', action: { type: 'addShape', shape: shape('room') } });
    expect(totalsByKind(h.present)).toEqual({ MAIN: 8000 });
    h = reducer(h, { type: 'undo' });
    expect(totalsByKind(h.present)).toEqual({});
    h = reducer(h, { type: 'undo' });
    expect(h.present.calibration).toBeNull();
    h = reducer(h, { type: 'redo' });
    h = reducer(h, { type: 'redo' });
    expect(totalsByKind(h.present)).toEqual({ MAIN: 8000 });
  });
});

describe('totalsByKind and areaLines', () => {
  const doc = calibrated([
    shape('living', { name: 'סלון', points: rect(0, 0, 500, 400) }), // 10 x 8 m = 80.00
    shape('bedroom', { name: 'חדר שינה', points: rect(0, 0, 200, 150) }), // 4 x 3 m = 12.00
    shape('mamad', { name: 'ממ"ד', kind: 'SAFE_ROOM', points: rect(0, 0, 150, 125) }), // 3 x 2.5 m = 7.50
    shape('balcony', { name: 'מרפסת', kind: 'OPEN_BALCONY', points: [{ x: 0, y: 0 }, { x: 200, y: 0 }, { x: 0, y: 150 }] }), // triangle 4 x 3 m / 2 = 6.00
    shape('wall', { kind: 'MAIN', type: 'polyline', points: [{ x: 0, y: 0 }, { x: 500, y: 0 }] }), // a polyline never counts
    shape('outline', { kind: 'none', points: rect(0, 0, 1000, 1000) }), // no kind: not counted
  ]);

  it('adds the polygons of each kind in hundredths of a sqm', () => {
    expect(totalsByKind(doc)).toEqual({ MAIN: 9200, SAFE_ROOM: 750, OPEN_BALCONY: 600 });
  });

  it('is empty without a calibration', () => {
    expect(totalsByKind({ ...doc, calibration: null })).toEqual({});
  });

  it('lists one calculation area line per counted polygon', () => {
    const lines = areaLines(doc);
    expect(lines).toEqual([
      { kind: 'MAIN', areaHundredths: 8000, label: 'סלון' },
      { kind: 'MAIN', areaHundredths: 1200, label: 'חדר שינה' },
      { kind: 'SAFE_ROOM', areaHundredths: 750, label: 'ממ"ד' },
      { kind: 'OPEN_BALCONY', areaHundredths: 600, label: 'מרפסת' },
    ]);
    for (const line of lines) expect(areaLineSchema.parse(line)).toMatchObject(line);
  });

  it('gives each shape its area and length', () => {
    const cal = calibrationOf(doc.calibration);
    expect(shapeFigures(doc.shapes[0]!, cal)).toEqual({ areaHundredths: 8000, lengthCm: 3600 });
    expect(shapeFigures(doc.shapes[4]!, cal)).toEqual({ areaHundredths: null, lengthCm: 1000 });
    expect(shapeFigures(doc.shapes[0]!, null)).toEqual({ areaHundredths: null, lengthCm: null });
  });

  it('keeps the totals whole when the shapes move together', () => {
    const moved = { ...doc, shapes: doc.shapes.map((s) => ({ ...s, points: s.points.map((p) => ({ x: p.x + 3210.55, y: p.y - 77.77 })) })) };
    expect(totalsByKind(moved)).toEqual(totalsByKind(doc));
  });
});

describe('readGarmushkaImages', () => {
  it('reads the stored list or starts an empty one', () => {
    expect(readGarmushkaImages(null)).toEqual({ version: 1, images: [] });
    const stored = {
      version: 1,
      images: [{ documentId: 'd1', sha256: 'c'.repeat(64), fileName: 'crop.png', planSha256: PLAN, crop: { x: 0, y: 0, width: 10, height: 10 }, createdAt: '2024-01-01T00:00:00.000Z' }],
    };
    expect(readGarmushkaImages(stored)).toEqual(stored);
  });
});
