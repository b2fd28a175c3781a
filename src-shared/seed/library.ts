// The demo office's comparables library (the comparables table): a few hundred believable deals of the
// last three years across the demo cities, as imported from nadlan.gov.il exports and an appraiser's
// spreadsheet. Deals gather in a few busy blocks per city, and the demo valuations sit in the same
// blocks, so a search by the subject's block or street finds deals to select.
import type { ComparableSource } from '../domain/comparables/sources.ts';
import { CITIES, FLOOR_GROUND, type City } from './hebrew.ts';
import { Random } from './random.ts';
import type { ComparableRow, DemoPeople } from './types.ts';

/** Deals in the demo library. */
export const LIBRARY_DEALS = 360;
const BUSY_BLOCKS_PER_CITY = 4;
const DAY_MS = 86_400_000;
const LIBRARY_STREAM = 3;
// Streams from 100 on: one per city, for its busy blocks.
const BLOCKS_STREAM = 100;

const SOURCES: readonly (readonly [ComparableSource, number])[] = [
  ['NADLAN', 80],
  ['SPREADSHEET', 15],
  ['MANUAL', 5],
];
const PROPERTY_TYPES: readonly (readonly [string, number])[] = [
  ['דירה בבית קומות', 75],
  ['דירת גן', 8],
  ['דירת גג', 7],
  ['קוטג׳ טורי', 5],
  ['דופלקס', 5],
];

/** The blocks of a city where the demo's deals and valuations gather (the same for every count). */
export function busyBlocks(seed: number, city: City): number[] {
  const rng = new Random(seed, BLOCKS_STREAM + CITIES.indexOf(city));
  return Array.from({ length: BUSY_BLOCKS_PER_CITY }, () => rng.int(city.blocks[0], city.blocks[1]));
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The library's deals, oldest import first; `now` ends the three years they span. */
export function generateComparablesLibrary(seed: number, people: DemoPeople, now: Date, deals = LIBRARY_DEALS): ComparableRow[] {
  const rng = new Random(seed, LIBRARY_STREAM);
  const nowMs = now.getTime();
  // The library was imported a day before `now`; each deal is older than its import.
  const importedMs = nowMs - DAY_MS;
  const blocks = new Map(CITIES.map((city) => [city, busyBlocks(seed, city)]));
  const rows: ComparableRow[] = [];
  for (let i = 0; i < deals; i++) {
    const city = rng.pick(CITIES);
    const street = rng.pick(city.streets);
    const houseNumber = String(rng.int(1, 180));
    const rooms = rng.int(3, 12) / 2;
    const areaHundredths = Math.min(18_000, Math.max(3_500, rooms * 2_200 + rng.int(-1_500, 2_500)));
    const pricePerSqmNis = rng.int(city.pricePerSqm[0], city.pricePerSqm[1]);
    const source = rng.weighted(SOURCES);
    const createdMs = importedMs + i * 1_000;
    const floorNumber = rng.int(0, 14);
    rows.push({
      id: rng.uuidv7(createdMs),
      organizationId: people.organization.id,
      source,
      sourceFileName: source === 'NADLAN' ? 'עסקאות נדל"ן - ייצוא מאתר נדל"ן.csv' : source === 'SPREADSHEET' ? 'עסקאות השוואה משרד.xlsx' : null,
      dealDate: iso(nowMs - rng.int(20, 3 * 365) * DAY_MS).slice(0, 10),
      address: `${street.prefix} ${street.name} ${houseNumber}, ${city.name}`,
      street: street.name,
      houseNumber,
      city: city.name,
      block: String(rng.chance(0.75) ? rng.pick(blocks.get(city) ?? []) : rng.int(city.blocks[0], city.blocks[1])),
      parcel: String(rng.int(1, 400)),
      subparcel: String(rng.int(1, 60)),
      roomsTenths: rooms * 10,
      floor: floorNumber === 0 ? FLOOR_GROUND : String(floorNumber),
      areaHundredths,
      parking: rng.int(0, 2),
      buildYear: rng.int(1955, 2024),
      // Deals are reported to the nearest 1,000 NIS.
      priceAgorot: Math.round((pricePerSqmNis * areaHundredths) / 100 / 1_000) * 100_000,
      propertyType: rng.weighted(PROPERTY_TYPES),
      dealNature: 'מכר',
      partialShare: rng.chance(0.05) ? '1/2' : null,
      createdById: rng.pick(people.appraisers).id,
      createdAt: iso(createdMs),
      updatedAt: iso(createdMs),
    });
  }
  return rows;
}
