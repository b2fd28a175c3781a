// The Garmushka measurement document stored in valuations.garmushka_measurements (synced as JSON):
// the plan it was measured on (by sha256, a GARMUSHKA document of the valuation), the calibration and
// the shapes. Points are plan pixels of that plan image at 1/100 px (plane.ts). Polygons assigned to
// an area kind (calculation/coefficients.ts) feed the calculation through totalsByKind / areaLines.
import { z } from 'zod';
import { AREA_KINDS, type AreaKind } from '../calculation/coefficients.ts';
import { areaSqmHundredths, calibrationOf, lengthCm, LENGTH_UNITS, type Calibration } from './calibration.ts';
import { quantizePoint, type Point } from './plane.ts';

export const SHAPE_TYPES = ['polygon', 'polyline'] as const;
export type ShapeType = (typeof SHAPE_TYPES)[number];

/** A shape's area kind, or 'none' for a shape that is only drawn (a polyline, a reference outline). */
export const SHAPE_KINDS = [...AREA_KINDS, 'none'] as const;
export type ShapeKind = (typeof SHAPE_KINDS)[number];

export const MAX_SHAPES = 500;
export const MAX_POINTS_PER_SHAPE = 2000;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'not a sha256 hex digest');
export const pointSchema = z.object({ x: z.number(), y: z.number() });
export const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');

export const calibrationDataSchema = z.object({
  a: pointSchema,
  b: pointSchema,
  knownLength: z.number().positive().max(100_000),
  unit: z.enum(LENGTH_UNITS),
});

export const shapeSchema = z
  .object({
    id: z.string().min(1).max(100),
    name: z.string().max(200),
    colour: colourSchema,
    kind: z.enum(SHAPE_KINDS),
    type: z.enum(SHAPE_TYPES),
    points: z.array(pointSchema).max(MAX_POINTS_PER_SHAPE),
  })
  .superRefine((shape, ctx) => {
    const min = shape.type === 'polygon' ? 3 : 2;
    if (shape.points.length < min) ctx.addIssue({ code: 'custom', path: ['points'], message: `a ${shape.type} has at least ${min} points` });
  });
export type Shape = z.infer<typeof shapeSchema>;

export const measurementDocumentSchema = z
  .object({
    version: z.literal(1),
    /** The image measured on: a GARMUSHKA document's file (for a PDF, the page rendered to an image). */
    planSha256: sha256Schema,
    /** The PDF page the plan image was rendered from (1-based), when the plan came from a PDF. */
    page: z.number().int().min(1).optional(),
    /** The file the plan image came from (the PDF), when it is not the plan image itself. */
    sourceSha256: sha256Schema.optional(),
    /** The plan image's size in pixels. */
    planSize: z.object({ width: z.number().positive(), height: z.number().positive() }).optional(),
    calibration: calibrationDataSchema.nullable(),
    shapes: z.array(shapeSchema).max(MAX_SHAPES),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.shapes.forEach((shape, index) => {
      if (seen.has(shape.id)) ctx.addIssue({ code: 'custom', path: ['shapes', index, 'id'], message: 'shape ids are unique' });
      seen.add(shape.id);
    });
  });
export type MeasurementDocument = z.infer<typeof measurementDocumentSchema>;
export type CalibrationDataValue = z.infer<typeof calibrationDataSchema>;

/** The stored JSON as a measurement document, or null when there is none or it does not parse. */
export function readMeasurementDocument(value: unknown): MeasurementDocument | null {
  if (value === null || value === undefined) return null;
  const parsed = measurementDocumentSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export interface PlanReference {
  planSha256: string;
  page?: number;
  sourceSha256?: string;
  planSize?: { width: number; height: number };
}

export function emptyMeasurement(plan: PlanReference): MeasurementDocument {
  return { version: 1, ...planFields(plan), calibration: null, shapes: [] };
}

function planFields(plan: PlanReference): PlanReference {
  return {
    planSha256: plan.planSha256,
    ...(plan.page !== undefined ? { page: plan.page } : {}),
    ...(plan.sourceSha256 !== undefined ? { sourceSha256: plan.sourceSha256 } : {}),
    ...(plan.planSize !== undefined ? { planSize: plan.planSize } : {}),
  };
}

// ---- editing ----------------------------------------------------------------------------------

export type ShapeChanges = Partial<Pick<Shape, 'name' | 'colour' | 'kind'>>;

export type MeasurementAction =
  /** Another plan: its pixels are not the old plan's, so the calibration and the shapes go (undoable). */
  | { type: 'setPlan'; plan: PlanReference }
  | { type: 'calibrate'; calibration: CalibrationDataValue }
  | { type: 'clearCalibration' }
  | { type: 'addShape'; shape: Shape }
  | { type: 'updateShape'; id: string; changes: ShapeChanges }
  | { type: 'setPoints'; id: string; points: readonly Point[] }
  | { type: 'removeShape'; id: string };

const quantizePoints = (points: readonly Point[]) => points.map(quantizePoint);

/**
 * The document after the action. An action that changes nothing (an unknown id, the same value)
 * returns the same object, so the history records no step for it.
 */
export function measurementReducer(doc: MeasurementDocument, action: MeasurementAction): MeasurementDocument {
  switch (action.type) {
    case 'setPlan':
      if (action.plan.planSha256 === doc.planSha256 && action.plan.page === doc.page) return doc;
      return emptyMeasurement(action.plan);
    case 'calibrate': {
      const { a, b, knownLength, unit } = action.calibration;
      return { ...doc, calibration: { a: quantizePoint(a), b: quantizePoint(b), knownLength, unit } };
    }
    case 'clearCalibration':
      return doc.calibration === null ? doc : { ...doc, calibration: null };
    case 'addShape':
      if (doc.shapes.some((s) => s.id === action.shape.id) || doc.shapes.length >= MAX_SHAPES) return doc;
      return { ...doc, shapes: [...doc.shapes, { ...action.shape, points: quantizePoints(action.shape.points) }] };
    case 'updateShape': {
      const index = doc.shapes.findIndex((s) => s.id === action.id);
      const shape = doc.shapes[index];
      if (!shape) return doc;
      const changed = (Object.keys(action.changes) as (keyof ShapeChanges)[]).some((key) => action.changes[key] !== undefined && action.changes[key] !== shape[key]);
      if (!changed) return doc;
      const next: Shape = { ...shape };
      if (action.changes.name !== undefined) next.name = action.changes.name;
      if (action.changes.colour !== undefined) next.colour = action.changes.colour;
      if (action.changes.kind !== undefined) next.kind = action.changes.kind;
      return { ...doc, shapes: doc.shapes.map((s, i) => (i === index ? next : s)) };
    }
    case 'setPoints': {
      const shape = doc.shapes.find((s) => s.id === action.id);
      if (!shape) return doc;
      return { ...doc, shapes: doc.shapes.map((s) => (s.id === action.id ? { ...s, points: quantizePoints(action.points) } : s)) };
    }
    case 'removeShape':
      return doc.shapes.some((s) => s.id === action.id) ? { ...doc, shapes: doc.shapes.filter((s) => s.id !== action.id) } : doc;
  }
}

// ---- figures ----------------------------------------------------------------------------------

export interface ShapeFigures {
  /** Hundredths of a sqm (polygons with a calibration), else null. */
  areaHundredths: number | null;
  /** Whole cm: a polyline's length, a polygon's perimeter; null without a calibration. */
  lengthCm: number | null;
}

export function shapeFigures(shape: Shape, cal: Calibration | null): ShapeFigures {
  if (!cal) return { areaHundredths: null, lengthCm: null };
  const polygon = shape.type === 'polygon';
  return { areaHundredths: polygon ? areaSqmHundredths(shape.points, cal) : null, lengthCm: lengthCm(shape.points, cal, polygon) };
}

/** The polygons that count towards an area kind: a calibrated document's polygons with a kind. */
function countedPolygons(doc: MeasurementDocument): { shape: Shape & { kind: AreaKind }; hundredths: number }[] {
  const cal = calibrationOf(doc.calibration);
  if (!cal) return [];
  const list: { shape: Shape & { kind: AreaKind }; hundredths: number }[] = [];
  for (const shape of doc.shapes) {
    if (shape.type !== 'polygon' || shape.kind === 'none') continue;
    list.push({ shape: shape as Shape & { kind: AreaKind }, hundredths: areaSqmHundredths(shape.points, cal) });
  }
  return list;
}

/**
 * The measured area per kind in hundredths of a sqm, for the calculation: only kinds that have at
 * least one polygon appear. Each polygon's area is rounded once (areaSqmHundredths) and the kind's
 * total is the sum of those figures, so the totals add up exactly to the rows the list and the report
 * show. Empty without a calibration; polylines and shapes of kind 'none' do not count.
 */
export function totalsByKind(doc: MeasurementDocument): Partial<Record<AreaKind, number>> {
  const totals: Partial<Record<AreaKind, number>> = {};
  for (const { shape, hundredths } of countedPolygons(doc)) totals[shape.kind] = (totals[shape.kind] ?? 0) + hundredths;
  return totals;
}

/** One area line per counted polygon, in the calculation's areaLineSchema shape (kind, hundredths, label). */
export function areaLines(doc: MeasurementDocument): { kind: AreaKind; areaHundredths: number; label: string }[] {
  return countedPolygons(doc).map(({ shape, hundredths }) => ({ kind: shape.kind, areaHundredths: hundredths, label: shape.name }));
}

// ---- plan images for the report ------------------------------------------------------------------

/** A crop of the plan with the shapes drawn on it, saved as a GARMUSHKA document for the report. */
export const garmushkaImageSchema = z.object({
  documentId: z.string().min(1).max(100),
  sha256: sha256Schema,
  fileName: z.string().max(1024),
  /** The plan it was cut from and the rectangle, in plan pixels. */
  planSha256: sha256Schema,
  crop: z.object({ x: z.number(), y: z.number(), width: z.number().positive(), height: z.number().positive() }),
  createdAt: z.string(),
});
export type GarmushkaImage = z.infer<typeof garmushkaImageSchema>;

/** valuations.garmushka_images. */
export const garmushkaImagesSchema = z.object({ version: z.literal(1), images: z.array(garmushkaImageSchema).max(100) });
export type GarmushkaImages = z.infer<typeof garmushkaImagesSchema>;

export function readGarmushkaImages(value: unknown): GarmushkaImages {
  const parsed = garmushkaImagesSchema.safeParse(value);
  return parsed.success ? parsed.data : { version: 1, images: [] };
}
