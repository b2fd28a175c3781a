// Deterministic demo data: everything derives from the seed and `now`, so one seed gives
// byte-identical rows on every machine and in both database dialects.
import { VALUATION_STATUSES, type ValuationStatus } from '../domain/enums.ts';
import {
  BANKS,
  CITIES,
  CONTAMINATION_NOTES,
  DOCUMENT_NAMES,
  FEMALE_FIRST_NAMES,
  FEMALE_TITLES,
  FLOOR_GROUND,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  MALE_TITLES,
  type City,
  type Street,
} from './hebrew.ts';
import { seedComparables, valueOf, type ValuedStep4 } from './calculation.ts';
import { legalFacts } from './legal.ts';
import { busyBlocks, generateComparablesLibrary } from './library.ts';
import { Random } from './random.ts';
import { SIGNED_REPORT_SLUG } from './seal.ts';
import type {
  ActivityRow,
  AssetRow,
  AirDirection,
  ClientRelation,
  DemoPeople,
  DocumentRow,
  GeneratedValuation,
  MembershipRow,
  OrganizationRow,
  SeedComparableData,
  SeedDataset,
  SeedOptions,
  Step1Data,
  UserRow,
  ValuationRow,
  ValuationType,
} from './types.ts';

export const DEFAULT_NOW = new Date('2026-01-01T00:00:00.000Z');

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Valuations are spread over the two years before `now`. */
const HISTORY_MS = 730 * DAY_MS;
// Separate PRNG streams, so the people stay the same whatever number of valuations is asked for.
const PEOPLE_STREAM = 1;
const VALUATION_STREAM = 2;

const STATUS_WEIGHTS: readonly (readonly [ValuationStatus, number])[] = [
  ['DRAFT', 15],
  ['IN_PROGRESS', 20],
  ['READY', 15],
  ['SIGNED', 35],
  ['ARCHIVED', 15],
];
const VALUED_STATUSES: readonly ValuationStatus[] = ['READY', 'SIGNED', 'ARCHIVED'];

const VALUATION_TYPES: readonly (readonly [ValuationType, number])[] = [
  ['market_value', 70],
  ['real_estate_appraisal', 10],
  ['tax_value', 8],
  ['insurance_value', 5],
  ['investment_value', 5],
  ['expropriation_value', 2],
];

const CLIENT_RELATIONS: readonly (readonly [ClientRelation, number])[] = [
  ['owner', 35],
  ['potential_buyer', 20],
  ['bank', 20],
  ['seller', 10],
  ['client', 10],
  ['court', 3],
  ['other', 2],
];

const AIR_DIRECTIONS: readonly AirDirection[] = ['N', 'S', 'E', 'W'];

const streetLabel = (street: Street) => `${street.prefix} ${street.name}`;
const iso = (ms: number) => new Date(ms).toISOString();
const isoDate = (ms: number) => iso(ms).slice(0, 10);
/** Integer hundredths of a sqm as a decimal string, built exactly rather than through a float. */
const sqm = (hundredths: number) => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
function personName(rng: Random): { name: string; female: boolean } {
  const female = rng.chance(0.5);
  const first = rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  return { name: `${first} ${rng.pick(LAST_NAMES)}`, female };
}

/** A stable licence number per appraiser, so every report of one appraiser shows the same one. */
const appraiserLicense = (user: UserRow) => String(10_000 + (parseInt(user.id.slice(-5), 16) % 90_000));

export function generateDemoPeople(seed: number, now: Date = DEFAULT_NOW): DemoPeople {
  const rng = new Random(seed, PEOPLE_STREAM);
  // The office exists a month before its oldest valuation.
  const foundedMs = now.getTime() - HISTORY_MS - 30 * DAY_MS;
  const lastNames = rng.shuffle(LAST_NAMES);

  const user = (index: number, email: string): UserRow => {
    const ms = foundedMs + (index + 1) * 10 * MINUTE_MS;
    const firstNames = rng.chance(0.5) ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES;
    const name = `${rng.pick(firstNames)} ${lastNames[index % lastNames.length] ?? ''}`;
    return { id: rng.uuidv7(ms), email, name, image: null, createdAt: iso(ms), updatedAt: iso(ms) };
  };
  const owner = user(0, 'owner@demo.shamay.local');
  const orgAdmin = user(1, 'admin@demo.shamay.local');
  const appraisers: [UserRow, UserRow] = [
    user(2, 'appraiser1@demo.shamay.local'),
    user(3, 'appraiser2@demo.shamay.local'),
  ];
  const clientViewer = user(4, 'viewer@demo.shamay.local');

  const ownerLastName = owner.name.slice(owner.name.indexOf(' ') + 1);
  const organization: OrganizationRow = {
    id: rng.uuidv7(foundedMs),
    name: `משרד שמאות ${ownerLastName} ושות׳`,
    settings: {},
    createdAt: iso(foundedMs),
    updatedAt: iso(foundedMs),
  };
  const roles = [
    [owner, 'OWNER'],
    [orgAdmin, 'ORG_ADMIN'],
    [appraisers[0], 'APPRAISER'],
    [appraisers[1], 'APPRAISER'],
    [clientViewer, 'CLIENT_VIEWER'],
  ] as const;
  const memberships = roles.map(
    ([member, role]): MembershipRow => ({
      id: rng.uuidv7(Date.parse(member.createdAt)),
      userId: member.id,
      organizationId: organization.id,
      role,
      createdAt: member.createdAt,
      updatedAt: member.createdAt,
    }),
  );
  return { organization, owner, orgAdmin, appraisers, clientViewer, memberships };
}

export function* generateValuations(options: SeedOptions, people: DemoPeople): Generator<GeneratedValuation> {
  const { seed, valuations: count, now = DEFAULT_NOW } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`valuations must be a count, got ${count}`);
  const rng = new Random(seed, VALUATION_STREAM);
  const nowMs = now.getTime();
  const startMs = nowMs - HISTORY_MS;
  // The first five take every status once, in shuffled order, so any run of 5 or more has them all.
  const firstStatuses = rng.shuffle(VALUATION_STATUSES);
  const blocks = new Map(CITIES.map((city) => [city, busyBlocks(seed, city)]));
  for (let i = 0; i < count; i++) {
    // One slot of the history per valuation: creation times (and so UUIDv7 ids) grow with i.
    const createdMs = startMs + Math.floor(((i + rng.float()) * HISTORY_MS) / count);
    const status = firstStatuses[i] ?? rng.weighted(STATUS_WEIGHTS);
    yield generateValuation(rng, people, status, createdMs, nowMs, blocks);
  }
}

function generateValuation(
  rng: Random,
  people: DemoPeople,
  status: ValuationStatus,
  createdMs: number,
  nowMs: number,
  busyBlocksOf: ReadonlyMap<City, readonly number[]>,
): GeneratedValuation {
  const organizationId = people.organization.id;
  const creator = rng.pick(people.appraisers);
  const id = rng.uuidv7(createdMs);
  const workMs = status === 'DRAFT' ? rng.int(0, 2 * DAY_MS) : rng.int(DAY_MS, 60 * DAY_MS);
  const updatedMs = Math.min(createdMs + workMs, nowMs);
  const visitMs = createdMs + rng.int(0, Math.min(7 * DAY_MS, updatedMs - createdMs));

  const city = rng.pick(CITIES);
  const street = streetLabel(rng.pick(city.streets));
  const buildingNumber = String(rng.int(1, 180));
  const addressFull = `${street} ${buildingNumber}, ${city.name}`;
  const rooms = rng.int(3, 12) / 2;
  const floorNumber = rng.int(0, 14);
  const floor = floorNumber === 0 ? FLOOR_GROUND : String(floorNumber);
  // Most apartments are in the blocks where the library's deals gather, so a search by block finds some.
  const busy = busyBlocksOf.get(city) ?? [];
  const block = busy.length > 0 && rng.chance(0.7) ? rng.pick(busy) : rng.int(city.blocks[0], city.blocks[1]);
  const parcel = rng.int(1, 999);
  const subparcel = rng.int(1, 60);

  // Areas in hundredths of a sqm; the registered area follows the room count, the built area (walls
  // included) is 8-15% more.
  const registered = Math.min(16_000, Math.max(4_500, rooms * 2_200 + rng.int(-1_500, 2_500)));
  const built = Math.round((registered * rng.int(108, 115)) / 100);
  const balcony = rng.chance(0.3) ? 0 : rng.int(200, 1_500);
  const storage = rng.chance(0.6) ? 0 : rng.int(300, 1_000);
  const draft = status === 'DRAFT';

  const step1Data: Step1Data = {
    valuationType: rng.weighted(VALUATION_TYPES),
    reportDate: isoDate(updatedMs),
    valuationDate: isoDate(visitMs),
    client: client(rng, city),
    street,
    buildingNumber,
    neighborhood: rng.pick(city.neighborhoods),
    city: city.name,
    rooms,
    floor,
    airDirections: airDirections(rng),
    landContamination: false,
    appraiserName: creator.name,
    appraiserLicense: appraiserLicense(creator),
  };
  // The determining date is the visit; a draft has not been visited yet.
  if (!draft) step1Data.visitDate = step1Data.valuationDate;
  if (rng.chance(0.05)) {
    step1Data.landContamination = true;
    step1Data.landContaminationNote = rng.pick(CONTAMINATION_NOTES);
  }
  // A draft's owners may not be typed yet; every later status has them.
  const legal = !draft || rng.chance(0.3) ? legalFacts(rng, storage > 0 ? sqm(storage) : '') : undefined;

  // A draft has no comparables; IN_PROGRESS is still choosing them (no value yet); from READY on the
  // value is the calculation's own.
  let comparableData: SeedComparableData | null = null;
  let valued: ValuedStep4 | null = null;
  if (!draft) {
    const pricePerSqmNis = Math.round(rng.int(city.pricePerSqm[0], city.pricePerSqm[1]) / 100) * 100;
    comparableData = seedComparables(rng, {
      city,
      block,
      streetOf: (r) => streetLabel(r.pick(city.streets)),
      registered,
      pricePerSqmNis,
      valuationMs: visitMs,
    });
    if (VALUED_STATUSES.includes(status)) valued = valueOf(comparableData, { registered, balcony, storage }, step1Data.valuationDate);
  }
  const signed = status === 'SIGNED';

  const valuation: ValuationRow = {
    id,
    organizationId,
    createdById: creator.id,
    title: `שומת דירת ${rooms} חד׳, ${addressFull}`,
    status,
    addressFull,
    block: String(block),
    parcel: String(parcel),
    subparcel: String(subparcel),
    meta: {
      registeredAreaSqm: sqm(registered),
      builtAreaSqm: sqm(built),
      balconyAreaSqm: sqm(balcony),
      storageAreaSqm: sqm(storage),
      description: `דירת ${rooms} חדרים בקומה ${floor}, ${sqm(registered)} מ"ר רשומים`,
      ...(legal ? { legal } : {}),
    },
    step1Data,
    finalValuationAgorot: valued?.finalValuationAgorot ?? null,
    pricePerSqmAgorot: valued?.pricePerSqmAgorot ?? null,
    comparableData,
    step4Data: valued?.step4Data ?? null,
    signedById: signed ? creator.id : null,
    signedAt: signed ? iso(updatedMs) : null,
    reportSha256: signed ? rng.hex(64) : null,
    createdAt: iso(createdMs),
    updatedAt: iso(updatedMs),
  };

  const documents = uploadedDocuments(rng, valuation, status, createdMs, updatedMs);
  const activity: ActivityRow[] = [
    {
      id: rng.uuidv7(createdMs),
      organizationId,
      subjectType: 'valuation',
      subjectId: id,
      valuationId: id,
      action: 'created',
      actorId: creator.id,
      payload: { title: valuation.title },
      createdAt: valuation.createdAt,
    },
    ...documents.map(
      (document): ActivityRow => ({
        id: rng.uuidv7(Date.parse(document.createdAt)),
        organizationId,
        subjectType: 'document',
        subjectId: document.id,
        valuationId: id,
        action: 'uploaded',
        actorId: creator.id,
        payload: { fileName: document.fileName, docType: document.docType },
        createdAt: document.createdAt,
      }),
    ),
  ];
  const assets: AssetRow[] = [];
  if (signed) {
    // A placeholder seal: the seeding prints the report and seals with it, or seeds READY (seal.ts).
    const sha256 = valuation.reportSha256 ?? '';
    const asset: AssetRow = {
      id: rng.uuidv7(updatedMs),
      valuationId: id,
      organizationId,
      assetType: 'PDF',
      fileName: `חוות דעת - ${valuation.title}.pdf`,
      storageKey: sha256,
      sha256,
      sizeBytes: 1,
      slug: SIGNED_REPORT_SLUG,
      generatedById: creator.id,
      version: 1,
      createdAt: valuation.updatedAt,
      updatedAt: valuation.updatedAt,
    };
    assets.push(asset);
    activity.push({
      id: rng.uuidv7(updatedMs),
      organizationId,
      subjectType: 'valuation',
      subjectId: id,
      valuationId: id,
      action: 'signed',
      actorId: creator.id,
      payload: { sha256, assetId: asset.id, from: 'READY' },
      createdAt: valuation.updatedAt,
    });
  }
  return { valuation, documents, activity, assets };
}

function client(rng: Random, city: City): Step1Data['client'] {
  const relation = rng.weighted(CLIENT_RELATIONS);
  if (relation === 'bank') return { title: 'לכבוד', name: rng.pick(BANKS), relation };
  if (relation === 'court') return { title: 'לכבוד', name: `בית משפט השלום ב${city.name}`, relation };
  const person = personName(rng);
  return { title: rng.pick(person.female ? FEMALE_TITLES : MALE_TITLES), name: person.name, relation };
}

function airDirections(rng: Random): AirDirection[] {
  const chosen = AIR_DIRECTIONS.filter(() => rng.chance(0.5));
  return chosen.length > 0 ? chosen : [rng.pick(AIR_DIRECTIONS)];
}

type UploadedType = keyof typeof DOCUMENT_NAMES;

function uploadedDocuments(
  rng: Random,
  valuation: ValuationRow,
  status: ValuationStatus,
  createdMs: number,
  updatedMs: number,
): DocumentRow[] {
  const count = status === 'DRAFT' ? rng.int(0, 1) : rng.int(1, 3);
  // The extract comes first; the permit and the condominium order follow in either order.
  const order: UploadedType[] = rng.chance(0.8) ? ['TABU', 'PERMIT', 'CONDO'] : ['TABU', 'CONDO', 'PERMIT'];
  return order.slice(0, count).map((docType, k): DocumentRow => {
    const ms = createdMs + Math.floor(((k + rng.float()) * (updatedMs - createdMs)) / count);
    const sha256 = rng.hex(64);
    // Registry extracts are small text PDFs; permits and condominium orders are scans.
    const sizeBytes = docType === 'TABU' ? rng.int(40_000, 400_000) : rng.int(500_000, 8_000_000);
    return {
      id: rng.uuidv7(ms),
      valuationId: valuation.id,
      organizationId: valuation.organizationId,
      docType,
      fileName: `${DOCUMENT_NAMES[docType]} ${valuation.block}-${valuation.parcel}.pdf`,
      storageKey: sha256,
      sha256,
      sizeBytes,
      mimeType: 'application/pdf',
      source: 'USER_UPLOAD',
      uploadedById: valuation.createdById,
      createdAt: iso(ms),
      updatedAt: iso(ms),
    };
  });
}

export function generateDemoDataset(options: SeedOptions): SeedDataset {
  const people = generateDemoPeople(options.seed, options.now);
  const dataset: SeedDataset = {
    organizations: [people.organization],
    users: [people.owner, people.orgAdmin, ...people.appraisers, people.clientViewer],
    memberships: people.memberships,
    valuations: [],
    documents: [],
    activityLogs: [],
    assets: [],
    comparables: generateComparablesLibrary(options.seed, people, options.now ?? DEFAULT_NOW),
  };
  for (const { valuation, documents, activity, assets } of generateValuations(options, people)) {
    dataset.valuations.push(valuation);
    dataset.documents.push(...documents);
    dataset.activityLogs.push(...activity);
    dataset.assets.push(...assets);
  }
  return dataset;
}
