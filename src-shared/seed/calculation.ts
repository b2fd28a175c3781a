// Step 4 of a seeded valuation in the shapes step 4 stores (src-shared/domain/calculation/stored.ts):
// the comparables with a home-price index table, the calculation settings, and the figures the one
// calculation gives for them. A valued seed row stores exactly what `calculate` returns, so the
// preflight finds no stale value and the report prints the same number as the dashboard.
import { calculate, finalFigures, type CalculationSettings, type StoredComparable } from '../domain/calculation/stored.ts';
import type { City } from './hebrew.ts';
import type { Random } from './random.ts';
import type { SeedComparableData, SeedStep4Data } from './types.ts';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthOf = (date: string) => date.slice(0, 7);

/**
 * A believable home-price index (2021-01 = 100, about +0.35 a month, one decimal), the same for every
 * valuation so that two reports of one month agree.
 */
export function homePriceIndex(month: string): number {
  const [year, mon] = month.split('-').map(Number);
  const months = ((year ?? 2021) - 2021) * 12 + ((mon ?? 1) - 1);
  return Math.round(1000 + months * 3.5 + 4 * Math.sin(months / 3)) / 10;
}

export interface SubjectForComparables {
  city: City;
  block: number;
  streetOf: (rng: Random) => string;
  /** The subject's registered area in hundredths of a sqm. */
  registered: number;
  pricePerSqmNis: number;
  /** The valuation date as epoch ms: every deal is before it. */
  valuationMs: number;
}

/** Recent deals nearby: mostly the same block, price per sqm within ±15% of the subject's. */
export function seedComparables(rng: Random, subject: SubjectForComparables): SeedComparableData {
  const { city, block, registered, pricePerSqmNis, valuationMs } = subject;
  const comparables = Array.from({ length: rng.int(3, 8) }, (_, i): StoredComparable => {
    const area = Math.max(4_000, registered + rng.int(-2_000, 2_000));
    const dealPricePerSqm = pricePerSqmNis * (0.85 + 0.3 * rng.float());
    const dealBlock = rng.chance(0.7) ? block : rng.int(city.blocks[0], city.blocks[1]);
    return {
      id: `c${i + 1}`,
      dealDate: iso(valuationMs - rng.int(30, 3 * 365) * DAY_MS),
      address: `${subject.streetOf(rng)} ${rng.int(1, 180)}, ${city.name}`,
      blockParcel: `${dealBlock}/${rng.int(1, 999)}/${rng.int(1, 60)}`,
      rooms: Math.max(1.5, Math.min(6, Math.round(area / 2_200) + rng.int(-1, 1) / 2)),
      floor: String(rng.int(0, 14)),
      areaHundredths: area,
      priceAgorot: Math.round((dealPricePerSqm * area) / 100 / 1_000) * 100_000,
      included: true,
      weight: 1,
      adjustments: [],
    };
  });
  const valuationMonth = monthOf(iso(valuationMs));
  const months = new Set([valuationMonth, ...comparables.map((c) => monthOf(c.dealDate))]);
  const indexTable = Object.fromEntries([...months].sort().map((month) => [month, homePriceIndex(month)]));
  return { version: 1, comparables, indexTable, valuationMonth };
}

export interface SubjectAreas {
  /** Hundredths of a sqm; 0 when there is none. */
  registered: number;
  balcony: number;
  storage: number;
}

/** The calculation settings step 4 stores: the typed areas, default coefficients, VAT stated. */
export function seedStep4(areas: SubjectAreas, rounding: CalculationSettings['rounding'] = 'NEAREST_1000'): SeedStep4Data {
  const manualAreas: CalculationSettings['manualAreas'] = [{ kind: 'MAIN', areaHundredths: areas.registered }];
  if (areas.balcony > 0) manualAreas.push({ kind: 'OPEN_BALCONY', areaHundredths: areas.balcony });
  if (areas.storage > 0) manualAreas.push({ kind: 'STORAGE', areaHundredths: areas.storage });
  return {
    calculation: {
      version: 1,
      areaSource: 'MANUAL',
      manualAreas,
      coefficients: {},
      pricePerSqmOverrideAgorot: null,
      fixedSums: [],
      deductions: [],
      rounding,
      vat: 'INCLUDED',
      areaLineRounding: 'NONE',
    },
  };
}

export interface ValuedStep4 {
  step4Data: SeedStep4Data;
  finalValuationAgorot: number;
  pricePerSqmAgorot: number;
}

/**
 * The settings and the figures the calculation gives for them: to the nearest 1,000 NIS, or 10,000 NIS
 * for a value above 5,000,000 NIS (as the reports round).
 */
export function valueOf(comparableData: SeedComparableData, areas: SubjectAreas, valuationDate: string): ValuedStep4 {
  const compute = (rounding: CalculationSettings['rounding']) => {
    const step4Data = seedStep4(areas, rounding);
    // The sources mappingSourcesOf would read back from these rows, built directly: reading them
    // through the tolerant schemas would triple the seed's time at 100,000 valuations.
    const figures = finalFigures(calculate({ data: comparableData, settings: step4Data.calculation, garmushkaLines: [], valuationDate }));
    if (!figures) throw new Error('the seed built a calculation that does not compute');
    return { step4Data, ...figures };
  };
  const fine = compute('NEAREST_1000');
  return fine.finalValuationAgorot > 500_000_000 ? compute('NEAREST_10000') : fine;
}
