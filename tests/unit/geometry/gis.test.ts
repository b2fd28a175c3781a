// GIS screenshots: three slots with annotations stored beside the image.
import { describe, expect, it } from 'vitest';
import {
  addAnnotation,
  arrowHead,
  GIS_SLOTS,
  gisScreenshotsSchema,
  readGisScreenshots,
  removeAnnotation,
  setGisSlot,
  type GisSlot,
} from '../../../src-shared/domain/geometry/index.ts';

const SHA = 'd'.repeat(64);
const slot: GisSlot = { sha256: SHA, width: 800, height: 600, annotations: [] };

describe('GIS screenshots', () => {
  it('has the three slots in order', () => {
    expect(GIS_SLOTS).toEqual(['wide', 'parcel', 'aerial']);
  });

  it('adds and removes annotations of each type', () => {
    let s = addAnnotation(slot, { id: 'a1', type: 'arrow', from: { x: 10, y: 10 }, to: { x: 100, y: 50 }, colour: '#d92d20' });
    s = addAnnotation(s, { id: 'c1', type: 'circle', center: { x: 400, y: 300 }, radius: 40, colour: '#d92d20' });
    s = addAnnotation(s, { id: 't1', type: 'text', at: { x: 420, y: 260 }, text: 'חלקה 88', colour: '#1d2430' });
    expect(s.annotations.map((a) => a.type)).toEqual(['arrow', 'circle', 'text']);
    expect(addAnnotation(s, { id: 'c1', type: 'circle', center: { x: 0, y: 0 }, radius: 1, colour: '#000000' })).toBe(s);
    s = removeAnnotation(s, 'c1');
    expect(s.annotations.map((a) => a.id)).toEqual(['a1', 't1']);
    expect(removeAnnotation(s, 'missing')).toBe(s);
  });

  it('stores { wide, parcel, aerial } with sha256 and annotations, and reads damaged slots as empty', () => {
    let stored = setGisSlot(readGisScreenshots(null), 'parcel', addAnnotation(slot, { id: 't', type: 'text', at: { x: 1, y: 1 }, text: 'x', colour: '#000000' }));
    stored = setGisSlot(stored, 'wide', slot);
    expect(gisScreenshotsSchema.parse(stored)).toEqual(stored);
    expect(stored.parcel?.annotations).toHaveLength(1);
    const read = readGisScreenshots({ ...stored, aerial: { sha256: 'nope', annotations: [] } });
    expect(read.aerial).toBeNull();
    expect(read.wide).toEqual(slot);
  });

  it('refuses empty text and a circle without radius', () => {
    const bad = [
      { ...slot, annotations: [{ id: 't', type: 'text', at: { x: 1, y: 1 }, text: '  ', colour: '#000000' }] },
      { ...slot, annotations: [{ id: 'c', type: 'circle', center: { x: 1, y: 1 }, radius: 0, colour: '#000000' }] },
      { ...slot, annotations: [{ id: 's', type: 'star', at: { x: 1, y: 1 }, colour: '#000000' }] },
    ];
    for (const wide of bad) expect(gisScreenshotsSchema.safeParse({ wide }).success).toBe(false);
  });

  it('draws the arrow head back from the tip on both sides of the shaft', () => {
    const [left, right] = arrowHead({ x: 0, y: 0 }, { x: 10, y: 0 }, 2);
    expect(left.x).toBeCloseTo(10 - Math.sqrt(3));
    expect(right.x).toBeCloseTo(10 - Math.sqrt(3));
    expect(left.y).toBeCloseTo(1);
    expect(right.y).toBeCloseTo(-1);
  });
});
