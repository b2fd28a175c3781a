// Placing GIS annotations from clicks, their sizes, label direction and pasted screenshot names.
import { describe, expect, it } from 'vitest';
import { annotationSchema } from '../../../../src-shared/domain/geometry/index.ts';
import { annotationFromClicks, annotationMetrics, screenshotName, textDirection, toImagePoint } from '../../../../src-renderer/features/analysis/gis-model.ts';

const image = { width: 1600, height: 900 };
const options = { id: 'a1', colour: '#d92d20', text: '', image };

describe('toImagePoint', () => {
  it('maps a click on the displayed image to image pixels, inside the image', () => {
    const rect = { left: 100, top: 50, width: 800, height: 450 }; // shown at half size
    expect(toImagePoint({ x: 500, y: 275 }, rect, image)).toEqual({ x: 800, y: 450 });
    expect(toImagePoint({ x: 0, y: 9999 }, rect, image)).toEqual({ x: 0, y: 900 });
  });
});

describe('annotationFromClicks', () => {
  it('makes an arrow from two clicks, not from one or from a single point', () => {
    expect(annotationFromClicks('arrow', [{ x: 1, y: 1 }], options)).toBeNull();
    expect(annotationFromClicks('arrow', [{ x: 1, y: 1 }, { x: 1, y: 1 }], options)).toBeNull();
    const arrow = annotationFromClicks('arrow', [{ x: 1, y: 1 }, { x: 50, y: 20 }], options);
    expect(arrow).toEqual({ id: 'a1', type: 'arrow', from: { x: 1, y: 1 }, to: { x: 50, y: 20 }, colour: '#d92d20' });
    expect(annotationSchema.parse(arrow)).toEqual(arrow);
  });

  it('makes a circle from its centre and edge, with a default radius for a repeated click', () => {
    expect(annotationFromClicks('circle', [{ x: 100, y: 100 }, { x: 103, y: 104 }], options)).toMatchObject({ type: 'circle', center: { x: 100, y: 100 }, radius: 5 });
    expect(annotationFromClicks('circle', [{ x: 100, y: 100 }, { x: 100, y: 100 }], options)).toMatchObject({ radius: annotationMetrics(image).radius });
  });

  it('places text with one click, and only with text', () => {
    expect(annotationFromClicks('text', [{ x: 5, y: 6 }], options)).toBeNull();
    expect(annotationFromClicks('text', [{ x: 5, y: 6 }], { ...options, text: '  חלקה 88 ' })).toEqual({
      id: 'a1',
      type: 'text',
      at: { x: 5, y: 6 },
      text: 'חלקה 88',
      colour: '#d92d20',
    });
  });
});

describe('helpers', () => {
  it('scales marks with the image and keeps them readable on small ones', () => {
    expect(annotationMetrics({ width: 3000, height: 2000 })).toEqual({ stroke: 10, fontSize: 75, head: 60, radius: 120 });
    expect(annotationMetrics({ width: 200, height: 100 })).toEqual({ stroke: 2, fontSize: 14, head: 10, radius: 10 });
  });

  it('reads the direction of a label from its first strong character', () => {
    expect(textDirection('חלקה 88')).toBe('rtl');
    expect(textDirection('88 חלקה')).toBe('rtl');
    expect(textDirection('Parcel 88 חלקה')).toBe('ltr');
    expect(textDirection('6158/123')).toBe('ltr');
  });

  it('names a pasted screenshot by slot and time', () => {
    expect(screenshotName('parcel', 'image/png', new Date(2024, 2, 10, 14, 25, 1))).toBe('gis-parcel-20240310-142501.png');
    expect(screenshotName('aerial', 'image/jpeg', new Date(2024, 11, 31, 9, 5, 0))).toBe('gis-aerial-20241231-090500.jpg');
  });
});
