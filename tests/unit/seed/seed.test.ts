import { describe, it, expect } from 'vitest';
import {
  ACTIVITY_ACTIONS,
  ACTIVITY_SUBJECT_TYPES,
  DOCUMENT_SOURCES,
  DOCUMENT_TYPES,
  MEMBERSHIP_ROLES,
  VALUATION_STATUSES,
} from '../../../src-shared/domain/enums.ts';
import { CITIES } from '../../../src-shared/seed/hebrew.ts';
import {
  generateDemoDataset,
  generateDemoPeople,
  generateValuations,
  LIBRARY_DEALS,
  sealWithReport,
  SIGNED_REPORT_SLUG,
  unsealed,
  type SeedDataset,
} from '../../../src-shared/seed/index.ts';

const NOW = new Date('2026-01-01T00:00:00.000Z');
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const AREA = /^\d+\.\d{2}$/;
const HEBREW = /[\u05d0-\u05ea]/;
const FINAL_LETTERS = /[ךםןףץ]/;

const dataset = generateDemoDataset({ seed: 42, valuations: 50 });

function allRows(data: SeedDataset) {
  return [
    ...data.organizations,
    ...data.users,
    ...data.memberships,
    ...data.valuations,
    ...data.documents,
    ...data.activityLogs,
    ...data.comparables,
    ...data.assets,
  ];
}

/** The millisecond timestamp a UUIDv7 carries in its first 48 bits. */
const uuidTime = (id: string) => parseInt(id.replace('-', '').slice(0, 12), 16);

describe('seed determinism', () => {
  it('gives byte-identical output for the same seed', () => {
    const again = generateDemoDataset({ seed: 42, valuations: 50 });
    expect(again).toEqual(dataset);
    expect(JSON.stringify(again)).toBe(JSON.stringify(dataset));
  });

  it('gives different output for a different seed', () => {
    const other = generateDemoDataset({ seed: 43, valuations: 50 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(dataset));
    expect(other.organizations[0]?.id).not.toBe(dataset.organizations[0]?.id);
    expect(other.valuations.map((v) => v.addressFull)).not.toEqual(dataset.valuations.map((v) => v.addressFull));
  });

  it('derives every timestamp from `now`', () => {
    const now = new Date('2030-06-15T12:00:00.000Z');
    const later = generateDemoDataset({ seed: 42, valuations: 20, now });
    const end = now.getTime();
    for (const row of allRows(later)) {
      expect(Date.parse(row.createdAt)).toBeLessThanOrEqual(end);
      expect(Date.parse(row.createdAt)).toBeGreaterThan(end - 800 * 86_400_000);
    }
  });

  it('keeps plain JSON values only (no Dates, no undefined) so both dialects accept the rows', () => {
    expect(JSON.parse(JSON.stringify(dataset))).toEqual(dataset);
  });
});

describe('demo people', () => {
  const people = generateDemoPeople(42);

  it('has exactly the five demo roles with predictable emails', () => {
    expect(dataset.users).toHaveLength(5);
    expect(dataset.memberships.map((m) => m.role).sort()).toEqual([
      'APPRAISER',
      'APPRAISER',
      'CLIENT_VIEWER',
      'ORG_ADMIN',
      'OWNER',
    ]);
    expect(people.owner.email).toBe('owner@demo.shamay.local');
    expect(people.orgAdmin.email).toBe('admin@demo.shamay.local');
    expect(people.appraisers.map((u) => u.email)).toEqual([
      'appraiser1@demo.shamay.local',
      'appraiser2@demo.shamay.local',
    ]);
    expect(people.clientViewer.email).toBe('viewer@demo.shamay.local');
    const roleOf = (userId: string) => people.memberships.find((m) => m.userId === userId)?.role;
    expect(roleOf(people.owner.id)).toBe('OWNER');
    expect(roleOf(people.orgAdmin.id)).toBe('ORG_ADMIN');
    expect(roleOf(people.appraisers[0].id)).toBe('APPRAISER');
    expect(roleOf(people.appraisers[1].id)).toBe('APPRAISER');
    expect(roleOf(people.clientViewer.id)).toBe('CLIENT_VIEWER');
  });

  it('has Hebrew names and a Hebrew office name', () => {
    expect(people.organization.name).toMatch(/^משרד שמאות .+ ושות׳$/);
    for (const user of dataset.users) expect(user.name).toMatch(HEBREW);
    expect(new Set(dataset.users.map((u) => u.email)).size).toBe(5);
  });

  it('does not depend on the number of valuations', () => {
    const small = generateDemoDataset({ seed: 42, valuations: 1 });
    expect(small.users).toEqual(dataset.users);
    expect(small.memberships).toEqual(dataset.memberships);
  });
});

describe('schema constraints', () => {
  it('uses every status for 50 valuations, and for as few as 5', () => {
    expect(new Set(dataset.valuations.map((v) => v.status))).toEqual(new Set(VALUATION_STATUSES));
    for (const seed of [1, 2, 3]) {
      const five = generateDemoDataset({ seed, valuations: 5 });
      expect(new Set(five.valuations.map((v) => v.status))).toEqual(new Set(VALUATION_STATUSES));
    }
  });

  it('uses only values of the enum arrays', () => {
    for (const m of dataset.memberships) expect(MEMBERSHIP_ROLES).toContain(m.role);
    for (const v of dataset.valuations) expect(VALUATION_STATUSES).toContain(v.status);
    for (const d of dataset.documents) {
      expect(DOCUMENT_TYPES).toContain(d.docType);
      expect(DOCUMENT_SOURCES).toContain(d.source);
    }
    for (const a of dataset.activityLogs) {
      expect(ACTIVITY_SUBJECT_TYPES).toContain(a.subjectType);
      expect(ACTIVITY_ACTIONS).toContain(a.action);
    }
  });

  it('gives every row a unique UUIDv7 carrying its creation time', () => {
    const ids = allRows(dataset).map((row) => row.id);
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of [...dataset.valuations, ...dataset.documents, ...dataset.activityLogs, ...dataset.assets]) {
      expect(uuidTime(row.id)).toBe(Date.parse(row.createdAt));
    }
  });

  it('writes ISO-8601 UTC timestamps with milliseconds, updated not before created, none after now', () => {
    for (const row of allRows(dataset)) {
      expect(row.createdAt).toMatch(ISO_TIMESTAMP);
      expect(Date.parse(row.createdAt)).toBeLessThanOrEqual(NOW.getTime());
      if ('updatedAt' in row) {
        expect(row.updatedAt).toMatch(ISO_TIMESTAMP);
        expect(Date.parse(row.updatedAt)).toBeGreaterThanOrEqual(Date.parse(row.createdAt));
        expect(Date.parse(row.updatedAt)).toBeLessThanOrEqual(NOW.getTime());
      }
    }
    const twoYearsAgo = NOW.getTime() - 730 * 86_400_000;
    for (const v of dataset.valuations) expect(Date.parse(v.createdAt)).toBeGreaterThanOrEqual(twoYearsAgo);
  });

  it('references only rows of the dataset, each inserted after what it references', () => {
    const orgIds = new Set(dataset.organizations.map((o) => o.id));
    const userIds = new Set(dataset.users.map((u) => u.id));
    const appraiserIds = new Set(dataset.memberships.filter((m) => m.role === 'APPRAISER').map((m) => m.userId));
    const valuations = new Map(dataset.valuations.map((v) => [v.id, v]));
    const documentIds = new Set(dataset.documents.map((d) => d.id));

    for (const m of dataset.memberships) {
      expect(userIds).toContain(m.userId);
      expect(orgIds).toContain(m.organizationId);
    }
    for (const v of dataset.valuations) {
      expect(orgIds).toContain(v.organizationId);
      expect(appraiserIds).toContain(v.createdById);
      if (v.signedById !== null) expect(userIds).toContain(v.signedById);
    }
    for (const d of dataset.documents) {
      const valuation = valuations.get(d.valuationId);
      expect(valuation).toBeDefined();
      expect(orgIds).toContain(d.organizationId);
      expect(d.uploadedById).toBe(valuation?.createdById);
      expect(Date.parse(d.createdAt)).toBeGreaterThanOrEqual(Date.parse(valuation?.createdAt ?? ''));
    }
    for (const a of dataset.activityLogs) {
      expect(orgIds).toContain(a.organizationId);
      expect(userIds).toContain(a.actorId);
      expect(valuations.has(a.valuationId)).toBe(true);
      expect(a.subjectType === 'valuation' ? valuations.has(a.subjectId) : documentIds.has(a.subjectId)).toBe(true);
    }
  });

  it('keeps block, parcel and sub-parcel in their ranges', () => {
    for (const v of dataset.valuations) {
      expect(v.block).toMatch(/^[1-9]\d{3,4}$/);
      expect(v.parcel).toMatch(/^[1-9]\d{0,2}$/);
      expect(Number(v.subparcel)).toBeGreaterThanOrEqual(1);
      expect(Number(v.subparcel)).toBeLessThanOrEqual(60);
      expect(v.subparcel).toBe(String(Number(v.subparcel)));
      for (const c of v.comparableData?.comparables ?? []) expect(c.blockParcel).toMatch(/^\d{4,5}\/\d{1,3}\/\d{1,2}$/);
    }
  });

  it('counts rooms in 0.5 steps from 1.5 to 6', () => {
    const rooms = dataset.valuations.flatMap((v) => [v.step1Data.rooms, ...(v.comparableData?.comparables ?? []).map((c) => c.rooms ?? 0)]);
    for (const r of rooms) {
      expect(Number.isInteger(r * 2)).toBe(true);
      expect(r).toBeGreaterThanOrEqual(1.5);
      expect(r).toBeLessThanOrEqual(6);
    }
  });

  it('keeps money in non-negative integer agorot, values rounded as the reports round them', () => {
    for (const v of dataset.valuations) {
      const valued = v.status === 'READY' || v.status === 'SIGNED' || v.status === 'ARCHIVED';
      if (valued) {
        const value = v.finalValuationAgorot;
        expect(Number.isSafeInteger(value)).toBe(true);
        expect((value ?? 1) % 100_000).toBe(0); // 1,000 NIS
        if ((value ?? 0) > 500_000_000) expect((value ?? 1) % 1_000_000).toBe(0); // 10,000 NIS above 5,000,000
        // The price per sqm the comparables give: about the cities' range (deals within ±15% of it).
        expect(v.pricePerSqmAgorot).toBeGreaterThanOrEqual(1_000_000);
        expect(v.pricePerSqmAgorot).toBeLessThanOrEqual(9_000_000);
        expect(v.step4Data?.calculation.rounding).toBe((value ?? 0) > 500_000_000 ? 'NEAREST_10000' : 'NEAREST_1000');
      } else {
        // Not computed yet: DRAFT has no comparables, IN_PROGRESS is still choosing them.
        expect([v.finalValuationAgorot, v.pricePerSqmAgorot, v.step4Data]).toEqual([null, null, null]);
      }
      if (v.status === 'DRAFT') {
        expect(v.comparableData).toBeNull();
        continue;
      }
      const data = v.comparableData;
      expect(data?.comparables.length).toBeGreaterThanOrEqual(3);
      expect(data?.comparables.length).toBeLessThanOrEqual(8);
      expect(data?.valuationMonth).toBe(v.step1Data.valuationDate.slice(0, 7));
      for (const c of data?.comparables ?? []) {
        expect(Number.isSafeInteger(c.priceAgorot) && c.priceAgorot > 0).toBe(true);
        expect(c.priceAgorot % 100_000).toBe(0);
        expect(c.dealDate).toMatch(ISO_DATE);
        expect(c.dealDate < v.step1Data.valuationDate).toBe(true);
        expect(Number.isSafeInteger(c.areaHundredths) && c.areaHundredths >= 4_000).toBe(true);
        expect(c.address).toMatch(HEBREW);
        // Every deal's month and the valuation's month have a home-price index.
        expect(data?.indexTable[c.dealDate.slice(0, 7)]).toBeGreaterThan(90);
      }
      expect(data?.indexTable[data.valuationMonth]).toBeGreaterThan(90);
    }
  });

  it('seals SIGNED valuations and only those', () => {
    for (const v of dataset.valuations) {
      if (v.status === 'SIGNED') {
        expect(v.signedById).toBe(v.createdById);
        expect(v.signedAt).toBe(v.updatedAt);
        expect(v.reportSha256).toMatch(SHA256);
      } else {
        expect([v.signedById, v.signedAt, v.reportSha256]).toEqual([null, null, null]);
      }
    }
  });

  it('fills meta and step 1 like the wizard', () => {
    for (const v of dataset.valuations) {
      const area = Number(v.meta.registeredAreaSqm);
      expect(v.meta.registeredAreaSqm).toMatch(AREA);
      expect(area).toBeGreaterThanOrEqual(45);
      expect(area).toBeLessThanOrEqual(160);
      expect(Number(v.meta.balconyAreaSqm)).toBeLessThanOrEqual(15);
      expect(Number(v.meta.storageAreaSqm)).toBeLessThanOrEqual(10);
      const built = Number(v.meta.builtAreaSqm);
      expect(v.meta.builtAreaSqm).toMatch(AREA);
      expect(built / area).toBeGreaterThanOrEqual(1.07);
      expect(built / area).toBeLessThanOrEqual(1.16);
      const s = v.step1Data;
      // Visited from IN_PROGRESS on, on the determining date.
      expect(s.visitDate).toBe(v.status === 'DRAFT' ? undefined : s.valuationDate);
      expect(s.reportDate).toMatch(ISO_DATE);
      expect(s.valuationDate).toMatch(ISO_DATE);
      expect(s.valuationDate <= s.reportDate).toBe(true);
      expect(s.client.name).not.toBe('');
      expect(s.floor).not.toBe('');
      expect(s.airDirections.length).toBeGreaterThan(0);
      for (const d of s.airDirections) expect(['N', 'S', 'E', 'W']).toContain(d);
      expect(s.landContamination).toBe(s.landContaminationNote !== undefined);
      expect(v.addressFull).toBe(`${s.street} ${s.buildingNumber}, ${s.city}`);
      expect(v.createdById).toSatisfy((id: string) => dataset.users.some((u) => u.id === id && u.name === s.appraiserName));
    }
  });
});

describe('Hebrew text', () => {
  it('writes titles, addresses and file names in Hebrew with geresh, gershayim and final letters', () => {
    for (const v of dataset.valuations) {
      expect(v.addressFull).toMatch(HEBREW);
      expect(v.title).toMatch(HEBREW);
    }
    for (const d of dataset.documents) expect(d.fileName).toMatch(/^[\u05d0-\u05ea ]+ \d{4,5}-\d{1,3}\.pdf$/);
    const text = JSON.stringify(dataset.valuations);
    expect(text).toMatch(/(רח|שד)׳/u);
    expect(text).toContain('מ\\"ר');
    expect(text).toMatch(FINAL_LETTERS);
  });
});

describe('documents and activity', () => {
  it('gives 0 to 3 PDFs per valuation, the extract first, with PRNG sha256 as the storage key', () => {
    for (const v of dataset.valuations) {
      const docs = dataset.documents.filter((d) => d.valuationId === v.id);
      expect(docs.length).toBeLessThanOrEqual(3);
      if (docs.length > 0) expect(docs[0]?.docType).toBe('TABU');
    }
    for (const d of dataset.documents) {
      expect(['TABU', 'PERMIT', 'CONDO']).toContain(d.docType);
      expect(d.sha256).toMatch(SHA256);
      expect(d.storageKey).toBe(d.sha256);
      expect(Number.isSafeInteger(d.sizeBytes) && d.sizeBytes > 0).toBe(true);
      expect(d.mimeType).toBe('application/pdf');
    }
    expect(dataset.documents.some((d) => d.docType !== 'TABU')).toBe(true);
  });

  it('logs one "created" per valuation by its creator and one "uploaded" per document', () => {
    for (const v of dataset.valuations) {
      const created = dataset.activityLogs.filter((a) => a.action === 'created' && a.subjectId === v.id);
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({ subjectType: 'valuation', valuationId: v.id, actorId: v.createdById });
    }
    const uploaded = dataset.activityLogs.filter((a) => a.action === 'uploaded');
    expect(uploaded.map((a) => a.subjectId).sort()).toEqual(dataset.documents.map((d) => d.id).sort());
    for (const a of uploaded) expect(a.subjectType).toBe('document');
  });
});

describe('generateValuations at scale', () => {
  const people = generateDemoPeople(7);

  it('is lazy: the first items of a huge generator come without generating the rest', { timeout: 5_000 }, () => {
    for (const count of [100_000, Number.MAX_SAFE_INTEGER]) {
      const iterable = generateValuations({ seed: 7, valuations: count }, people);
      expect(Array.isArray(iterable)).toBe(false);
      const iterator = iterable[Symbol.iterator]();
      const started = performance.now();
      let produced = 0;
      while (produced < 3 && !iterator.next().done) produced++;
      expect(produced).toBe(3);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  // Each valued row runs the real calculation (about 0.15 ms), so 100,000 take about 15 s: 25,000 show
  // the same order and uniqueness in a quarter of that.
  it('streams 25,000 valuations quickly, in creation order, with unique ids', { timeout: 30_000 }, () => {
    const started = performance.now();
    const ids = new Set<string>();
    const statuses = new Set<string>();
    let count = 0;
    let total = 0;
    let ordered = true;
    let previous = '';
    for (const { valuation, documents, activity } of generateValuations({ seed: 7, valuations: 25_000 }, people)) {
      count++;
      statuses.add(valuation.status);
      ordered &&= valuation.createdAt >= previous;
      previous = valuation.createdAt;
      for (const row of [valuation, ...documents, ...activity]) {
        ids.add(row.id);
        total++;
      }
    }
    expect(count).toBe(25_000);
    expect(statuses).toEqual(new Set(VALUATION_STATUSES));
    expect(ordered).toBe(true);
    expect(Date.parse(previous)).toBeLessThan(NOW.getTime());
    expect(ids.size).toBe(total);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('the comparables library', () => {
  const library = dataset.comparables;
  const cityOf = new Map(CITIES.map((city) => [city.name, city]));

  it('holds a few hundred deals of the last three years in every demo city, by the office appraisers', () => {
    expect(library.length).toBe(LIBRARY_DEALS);
    expect(new Set(library.map((c) => c.city))).toEqual(new Set(CITIES.map((c) => c.name)));
    const appraisers = new Set(generateDemoPeople(42).appraisers.map((u) => u.id));
    for (const c of library) {
      expect(c.organizationId).toBe(dataset.organizations[0]?.id);
      expect(appraisers).toContain(c.createdById);
      expect(c.id).toMatch(UUID_V7);
      expect(c.dealDate).toMatch(ISO_DATE);
      expect(c.dealDate < NOW.toISOString().slice(0, 10)).toBe(true);
      expect(Date.parse(c.dealDate)).toBeGreaterThan(NOW.getTime() - 3 * 366 * 86_400_000);
      expect(c.address).toBe(`${c.address.split(' ')[0]} ${c.street} ${c.houseNumber}, ${c.city}`);
    }
    expect(new Set(library.map((c) => c.id)).size).toBe(library.length);
  });

  it('prices each deal within its city range, rounded to 1,000 NIS', () => {
    for (const c of library) {
      const city = cityOf.get(c.city);
      const perSqmNis = c.priceAgorot / 100 / (c.areaHundredths / 100);
      expect(perSqmNis).toBeGreaterThanOrEqual((city?.pricePerSqm[0] ?? 0) * 0.98);
      expect(perSqmNis).toBeLessThanOrEqual((city?.pricePerSqm[1] ?? 0) * 1.02);
      expect(c.priceAgorot % 100_000).toBe(0);
      expect(c.roomsTenths % 5).toBe(0);
      expect(Number(c.block)).toBeGreaterThanOrEqual(city?.blocks[0] ?? 0);
      expect(Number(c.block)).toBeLessThanOrEqual(city?.blocks[1] ?? 0);
    }
  });

  it('finds deals in the block of most valuations, as a search by the subject block would', () => {
    const blocks = new Set(library.map((c) => `${c.city}|${c.block}`));
    const valuations = dataset.valuations;
    const found = valuations.filter((v) => blocks.has(`${v.step1Data.city}|${v.block}`));
    expect(found.length / valuations.length).toBeGreaterThan(0.5);
  });
});

describe('the seal of SIGNED valuations', () => {
  const signedItems = [...generateValuations({ seed: 42, valuations: 50 }, generateDemoPeople(42))].filter((i) => i.valuation.status === 'SIGNED');
  const report = { fileName: 'חוות דעת - דירה.pdf', sha256: 'a'.repeat(64), sizeBytes: 61_234 };

  it('gives each SIGNED valuation one placeholder report asset and a "signed" entry naming it', () => {
    expect(signedItems.length).toBeGreaterThan(0);
    for (const { valuation, assets, activity } of signedItems) {
      expect(assets).toHaveLength(1);
      expect(assets[0]).toMatchObject({ valuationId: valuation.id, slug: SIGNED_REPORT_SLUG, assetType: 'PDF', sha256: valuation.reportSha256, generatedById: valuation.createdById, version: 1 });
      expect(activity.find((a) => a.action === 'signed')?.payload).toEqual({ sha256: valuation.reportSha256, assetId: assets[0]?.id, from: 'READY' });
    }
    expect(dataset.assets.every((a) => dataset.valuations.find((v) => v.id === a.valuationId)?.status === 'SIGNED')).toBe(true);
  });

  it('seals with the printed report: the seal, the asset and the activity name the same file', () => {
    const item = signedItems[0]!;
    const sealed = sealWithReport(item, report);
    expect(sealed.valuation).toEqual({ ...item.valuation, reportSha256: report.sha256 });
    expect(sealed.assets).toEqual([{ ...item.assets[0], fileName: report.fileName, sha256: report.sha256, storageKey: report.sha256, sizeBytes: report.sizeBytes }]);
    expect(sealed.activity.find((a) => a.action === 'signed')?.payload).toEqual({ sha256: report.sha256, assetId: item.assets[0]?.id, from: 'READY' });
  });

  it('without a printed report, seeds the valuation READY with nothing of the seal left', () => {
    const item = signedItems[0]!;
    const ready = unsealed(item);
    expect(ready.valuation).toMatchObject({ status: 'READY', signedById: null, signedAt: null, reportSha256: null, finalValuationAgorot: item.valuation.finalValuationAgorot });
    expect(ready.assets).toEqual([]);
    expect(ready.activity.map((a) => a.action)).not.toContain('signed');
    expect(() => sealWithReport(ready, report)).toThrow(/not a signed one/);
  });
});
