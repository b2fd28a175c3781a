import { describe, expect, it } from 'vitest';
import {
  analyzeSelection,
  calculate,
  defaultCalculationSettings,
  effectiveAreaLines,
  finalFigures,
  fromLibrary,
  numberToScaled,
  parseScaled,
  readCalculationSettings,
  readComparableData,
  resolveValuationDate,
  scaledToNumber,
  toValuationInput,
  type CalculationSettings,
  type ComparableData,
} from '../../../../src-renderer/features/calculation/calculation-model.ts';
import type { ComparableEntity } from '../../../../src-shared/domain/comparables/contract.ts';

const workedSettings = (over: Partial<CalculationSettings> = {}): CalculationSettings => ({
  ...defaultCalculationSettings(),
  areaSource: 'MANUAL',
  manualAreas: [
    { kind: 'MAIN', areaHundredths: 14_230 },
    { kind: 'OPEN_BALCONY', areaHundredths: 4_000 },
  ],
  rounding: 'NEAREST_100000',
  vat: 'NOT_APPLICABLE',
  ...over,
});

describe('DOMAIN.md worked example through the mapping', () => {
  it('142.3 sqm + 40 sqm open balcony at the default coefficient, 35,000 NIS/sqm typed -> 5,700,000 NIS', () => {
    const outcome = calculate({
      data: readComparableData(null),
      settings: workedSettings({ pricePerSqmOverrideAgorot: 3_500_000 }),
      garmushkaLines: [],
      valuationDate: '2024-06-01',
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.equivalentArea.areaHundredths).toBe(16_230);
    expect(outcome.result.roundedValueAgorot).toBe(570_000_000);
    expect(finalFigures(outcome)).toEqual({ finalValuationAgorot: 570_000_000, pricePerSqmAgorot: 3_500_000 });
  });

  it('the same from one stored comparable of 35,000 NIS/sqm (the seed’s older shape)', () => {
    const data = readComparableData([
      { dealDate: '2024-01-15', address: 'הרצל 12, תל אביב', blockParcel: '9905/88/8', rooms: 4, floor: 2, areaSqm: '100.00', priceAgorot: 350_000_000 },
    ]);
    expect(data.comparables[0]).toMatchObject({ id: 'c1', areaHundredths: 10_000, floor: '2', included: true, weight: 1, adjustments: [] });
    const outcome = calculate({ data, settings: workedSettings(), garmushkaLines: [], valuationDate: '2024-06-01' });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.pricePerSqm.usedAgorot).toBe(3_500_000);
    expect(outcome.result.roundedValueAgorot).toBe(570_000_000);
    expect(outcome.result.warnings.map((w) => w.code)).toContain('FEW_COMPARABLES');
  });

  it('takes the Garmushka lines when present', () => {
    const settings = workedSettings({ areaSource: 'GARMUSHKA', manualAreas: [], pricePerSqmOverrideAgorot: 3_500_000 });
    const garmushkaLines = [
      { kind: 'MAIN' as const, areaHundredths: 14_230, label: 'Apartment' },
      { kind: 'OPEN_BALCONY' as const, areaHundredths: 4_000, label: 'Balcony' },
    ];
    expect(effectiveAreaLines(settings, garmushkaLines).source).toBe('GARMUSHKA');
    const outcome = calculate({ data: readComparableData(null), settings, garmushkaLines, valuationDate: '2024-06-01' });
    expect(outcome.ok && outcome.result.roundedValueAgorot).toBe(570_000_000);
    // Without Garmushka lines it falls back to the typed ones (none here): not computable.
    const none = calculate({ data: readComparableData(null), settings, garmushkaLines: [], valuationDate: '2024-06-01' });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.errors.map((e) => e.code)).toContain('NO_AREAS');
  });
});

describe('mapping', () => {
  const data: ComparableData = {
    version: 1,
    comparables: [
      { id: 'a', dealDate: '2024-01-10', address: 'x', blockParcel: '1/2/3', rooms: 3, areaHundredths: 10_000, priceAgorot: 300_000_000, included: true, weight: 1.5, adjustments: [{ label: 'floor', basisPoints: -250 }] },
      { id: 'b', dealDate: '2024-02-10', address: 'y', blockParcel: '', rooms: null, areaHundredths: 8_000, priceAgorot: 280_000_000, included: false, weight: 1, adjustments: [] },
    ],
    indexTable: { '2024-01': 100, '2024-06': 102.5 },
    valuationMonth: '2024-06',
  };

  it('builds computeValuation input: percent text from basis points, index table, weights', () => {
    const mapped = toValuationInput({ data, settings: workedSettings(), garmushkaLines: [], valuationDate: '2024-06-15' });
    expect(mapped.issues).toEqual([]);
    expect(mapped.input?.comparables?.[0]).toEqual({ id: 'a', dealDate: '2024-01-10', priceAgorot: 300_000_000, areaHundredths: 10_000, included: true, weight: 1.5, adjustments: [{ factor: 'floor', percent: '-2.5' }] });
    expect(mapped.input?.indexTable).toEqual({ '2024-01': 100, '2024-06': 102.5 });
    expect(mapped.input?.rounding).toBe('NEAREST_100000');
  });

  it('an empty index table means no time adjustment', () => {
    const mapped = toValuationInput({ data: { ...data, indexTable: {} }, settings: workedSettings(), garmushkaLines: [], valuationDate: '2024-06-15' });
    expect(mapped.input?.indexTable).toBeNull();
  });

  it('reports a missing valuation date instead of guessing one', () => {
    const outcome = calculate({ data, settings: workedSettings(), garmushkaLines: [], valuationDate: null });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors[0]?.code).toBe('NO_VALUATION_DATE');
    expect(resolveValuationDate('2024-05-31', data)).toBe('2024-05-31');
    expect(resolveValuationDate('', data)).toBe('2024-06-01');
    expect(resolveValuationDate(undefined, { ...data, valuationMonth: '' })).toBeNull();
  });

  it('reads stored JSON tolerantly and round-trips the current shape', () => {
    expect(readComparableData('nonsense')).toEqual({ version: 1, comparables: [], indexTable: {}, valuationMonth: '' });
    expect(readComparableData(JSON.parse(JSON.stringify(data)))).toEqual(data);
    const messy = readComparableData({ comparables: [{ id: 'a', dealDate: '2024-01-01', areaHundredths: -3, priceAgorot: 'x', weight: 'heavy' }, 7, { id: 'a', dealDate: '2024-01-02' }], indexTable: { '2024-13': 1, '2024-01': '101.5', '2024-02': -1 } });
    expect(messy.comparables.map((c) => c.id)).toEqual(['a', 'a-3']);
    expect(messy.comparables[0]).toMatchObject({ areaHundredths: 0, priceAgorot: 0, weight: 1 });
    expect(messy.indexTable).toEqual({ '2024-01': 101.5 });
  });

  it('reads calculation settings tolerantly', () => {
    expect(readCalculationSettings(null)).toEqual(defaultCalculationSettings());
    const settings = readCalculationSettings({ other: 1, calculation: { rounding: 'NEAREST_10000', vat: 'bogus', coefficients: { OPEN_BALCONY: 0.3, NOPE: 2, MAIN: 'x' }, fixedSums: [{ kind: 'PARKING', label: '', amountAgorot: 15_000_000 }, { kind: 'BOAT' }] } });
    expect(settings.rounding).toBe('NEAREST_10000');
    expect(settings.vat).toBeNull();
    expect(settings.coefficients).toEqual({ OPEN_BALCONY: 0.3 });
    expect(settings.fixedSums).toEqual([{ kind: 'PARKING', label: '', amountAgorot: 15_000_000 }]);
  });

  it('maps a library comparable', () => {
    const entity = { id: 'lib1', dealDate: '2024-03-01', address: null, street: 'Herzl', houseNumber: '5', city: 'Haifa', block: '10', parcel: '20', subparcel: null, roomsTenths: 35, floor: '3', areaHundredths: 8_550, priceAgorot: 200_000_000 } as unknown as ComparableEntity;
    expect(fromLibrary(entity)).toEqual({ id: 'lib1', libraryId: 'lib1', dealDate: '2024-03-01', address: 'Herzl 5, Haifa', blockParcel: '10/20', rooms: 3.5, floor: '3', areaHundredths: 8_550, priceAgorot: 200_000_000, included: true, weight: 1, adjustments: [] });
  });

  it('parses typed decimals exactly', () => {
    expect(parseScaled('142.3', 2)).toBe(14_230);
    expect(parseScaled('1,950,000', 2)).toBe(195_000_000);
    expect(parseScaled('0.333', 2)).toBeNull();
    expect(parseScaled('', 2)).toBeNull();
    expect(scaledToNumber(4_900, 4)).toBe(0.49);
    expect(numberToScaled(0.49, 4)).toBe(4_900);
  });
});

describe('analyzeSelection', () => {
  it('gives per-comparable prices, statistics and outlier flags without areas', () => {
    const data = readComparableData({
      comparables: [
        { id: 'a', dealDate: '2024-01-10', areaHundredths: 10_000, priceAgorot: 300_000_000 },
        { id: 'b', dealDate: '2024-01-10', areaHundredths: 10_000, priceAgorot: 320_000_000 },
        { id: 'c', dealDate: '2024-01-10', areaHundredths: 10_000, priceAgorot: 600_000_000, adjustments: [{ label: 'view', basisPoints: 500 }] },
      ],
    });
    const analysis = analyzeSelection(data, '2024-06-01');
    expect(analysis?.statistics).toMatchObject({ count: 3, medianAgorot: 3_200_000, minAgorot: 3_000_000, maxAgorot: 6_300_000 });
    expect(analysis?.lines.map((l) => l.outlier)).toEqual([false, false, true]);
    expect(analyzeSelection(data, null)).toBeNull();
  });
});
