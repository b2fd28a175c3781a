// What the GIS slots decide without a browser: placing an annotation from one or two clicks, sizes
// that read at any image size, the direction of a text label and the name of a pasted screenshot.
import type { Annotation, AnnotationType, GisSlotKey, Point } from '../../../src-shared/domain/geometry/index.ts';

export interface ImageSize {
  width: number;
  height: number;
}

/** A click on the displayed image (client coordinates in `rect`) as a point in image pixels. */
export function toImagePoint(client: Point, rect: { left: number; top: number; width: number; height: number }, image: ImageSize): Point {
  const x = ((client.x - rect.left) / (rect.width || 1)) * image.width;
  const y = ((client.y - rect.top) / (rect.height || 1)) * image.height;
  return { x: Math.round(Math.min(image.width, Math.max(0, x)) * 100) / 100, y: Math.round(Math.min(image.height, Math.max(0, y)) * 100) / 100 };
}

/** Stroke width, font size, arrow-head size and default circle radius in image pixels. */
export function annotationMetrics(image: ImageSize) {
  const side = Math.max(image.width, image.height);
  return {
    stroke: Math.max(2, side / 300),
    fontSize: Math.max(14, side / 40),
    head: Math.max(10, side / 50),
    radius: Math.max(10, side / 25),
  };
}

/** How many clicks each annotation takes: an arrow and a circle two (start/centre, then end/edge), text one. */
export const CLICKS: Record<AnnotationType, 1 | 2> = { arrow: 2, circle: 2, text: 1 };

/**
 * The annotation made by the clicks so far, or null while it needs another click. A circle whose
 * edge click repeats its centre gets the default radius; an arrow of zero length is not made.
 */
export function annotationFromClicks(
  type: AnnotationType,
  clicks: readonly Point[],
  options: { id: string; colour: string; text: string; image: ImageSize },
): Annotation | null {
  const [first, second] = clicks;
  if (!first) return null;
  switch (type) {
    case 'text': {
      const text = options.text.trim();
      return text ? { id: options.id, type: 'text', at: first, text, colour: options.colour } : null;
    }
    case 'arrow':
      if (!second || (second.x === first.x && second.y === first.y)) return null;
      return { id: options.id, type: 'arrow', from: first, to: second, colour: options.colour };
    case 'circle': {
      if (!second) return null;
      const radius = Math.hypot(second.x - first.x, second.y - first.y);
      const r = radius >= 1 ? Math.round(radius * 100) / 100 : annotationMetrics(options.image).radius;
      return { id: options.id, type: 'circle', center: first, radius: r, colour: options.colour };
    }
  }
}

const STRONG_RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const STRONG_LTR = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/;

/** The direction of a label by its first strong character (Hebrew or Arabic: rtl), like dir="auto". */
export function textDirection(text: string): 'rtl' | 'ltr' {
  for (const char of text) {
    if (STRONG_RTL.test(char)) return 'rtl';
    if (STRONG_LTR.test(char)) return 'ltr';
  }
  return 'ltr';
}

/** A pasted screenshot has no useful name ("image.png"): gis-parcel-20240310-142501.png. */
export function screenshotName(slot: GisSlotKey, mimeType: string, date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const extension = mimeType === 'image/jpeg' ? 'jpg' : mimeType === 'image/webp' ? 'webp' : 'png';
  return `gis-${slot}-${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}.${extension}`;
}
