// GIS map screenshots of step 4, stored in valuations.gis_screenshots (synced as JSON): three slots
// (the wide area, the parcel sheet, the aerial photo), each an image (a GIS_SCREENSHOT document of the
// valuation, by sha256) with simple annotations drawn on top. Annotation coordinates are pixels of the
// image (its natural size is stored beside them), so they stay put at any display size.
import { z } from 'zod';
import { colourSchema, pointSchema } from './measurement.ts';
import type { Point } from './plane.ts';

export const GIS_SLOTS = ['wide', 'parcel', 'aerial'] as const;
export type GisSlotKey = (typeof GIS_SLOTS)[number];

export const ANNOTATION_TYPES = ['arrow', 'circle', 'text'] as const;
export type AnnotationType = (typeof ANNOTATION_TYPES)[number];

export const MAX_ANNOTATIONS = 200;
const annotationId = z.string().min(1).max(100);

export const annotationSchema = z.discriminatedUnion('type', [
  /** An arrow from `from` to the head at `to`. */
  z.object({ id: annotationId, type: z.literal('arrow'), from: pointSchema, to: pointSchema, colour: colourSchema }),
  z.object({ id: annotationId, type: z.literal('circle'), center: pointSchema, radius: z.number().positive(), colour: colourSchema }),
  /** Text whose start (in its own direction) is at `at`. */
  z.object({ id: annotationId, type: z.literal('text'), at: pointSchema, text: z.string().trim().min(1).max(200), colour: colourSchema }),
]);
export type Annotation = z.infer<typeof annotationSchema>;

export const gisSlotSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'not a sha256 hex digest'),
  documentId: z.string().min(1).max(100).optional(),
  fileName: z.string().max(1024).optional(),
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
  annotations: z.array(annotationSchema).max(MAX_ANNOTATIONS),
});
export type GisSlot = z.infer<typeof gisSlotSchema>;

export const gisScreenshotsSchema = z.object({
  version: z.literal(1).optional(),
  wide: gisSlotSchema.nullable().optional(),
  parcel: gisSlotSchema.nullable().optional(),
  aerial: gisSlotSchema.nullable().optional(),
});
export type GisScreenshots = z.infer<typeof gisScreenshotsSchema>;

/** The stored JSON with every slot that parses; a damaged slot reads as empty, the others survive. */
export function readGisScreenshots(value: unknown): GisScreenshots {
  const result: GisScreenshots = { version: 1 };
  if (typeof value !== 'object' || value === null) return result;
  const record = value as Record<string, unknown>;
  for (const key of GIS_SLOTS) {
    const parsed = gisSlotSchema.safeParse(record[key]);
    result[key] = parsed.success ? parsed.data : null;
  }
  return result;
}

export function setGisSlot(screenshots: GisScreenshots, key: GisSlotKey, slot: GisSlot | null): GisScreenshots {
  return { ...screenshots, version: 1, [key]: slot };
}

export function addAnnotation(slot: GisSlot, annotation: Annotation): GisSlot {
  if (slot.annotations.length >= MAX_ANNOTATIONS || slot.annotations.some((a) => a.id === annotation.id)) return slot;
  return { ...slot, annotations: [...slot.annotations, annotation] };
}

export function removeAnnotation(slot: GisSlot, id: string): GisSlot {
  return slot.annotations.some((a) => a.id === id) ? { ...slot, annotations: slot.annotations.filter((a) => a.id !== id) } : slot;
}

/** The two lines of an arrow's head at `to`, `size` long, 30 degrees off the shaft. */
export function arrowHead(from: Point, to: Point, size: number): [Point, Point] {
  const angle = Math.atan2(to.y - from.y, to.x - from.x);
  const spread = Math.PI / 6;
  const end = (a: number): Point => ({ x: to.x - size * Math.cos(a), y: to.y - size * Math.sin(a) });
  return [end(angle - spread), end(angle + spread)];
}
