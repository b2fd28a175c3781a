// The preflight before READY (DOMAIN.md "The report"): a valuation moves to READY only when the
// required data is there — step 1 with the visit date, block/parcel, registered and built area,
// ownership from the land-registry extract, 3 comparables (or a stated reason) and a calculation.
// Refusals are LIFECYCLE errors whose details list the issues, each linked to its field.
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/create-core.ts';
import { emptyMeasurement } from '../../../src-shared/domain/geometry/index.ts';
import { call, callError, signedInCore } from '../../helpers/core.ts';
import { CALCULATION, deal, fillForReady, OWNERS, READY_STEP1, setOwners, tabuExtraction } from './fixture.ts';

const open: Core[] = [];
afterEach(() => {
  while (open.length) open.pop()?.close();
});

async function setup() {
  const t = await signedInCore();
  open.push(t.core);
  const v = await call(t.core, 'valuations.create', { title: 'שומה' });
  await call(t.core, 'valuations.changeStatus', { id: v.id, status: 'IN_PROGRESS' });
  return { core: t.core, id: v.id };
}

type Refusal = { target: string; issues: { code: string; field: string; messageKey: string }[] };
const fields = (details: unknown) => (details as Refusal).issues.map((i) => `${i.code} ${i.field}`);

describe('valuations.changeStatus to READY', () => {
  it('refuses a new valuation, listing the missing data linked to its fields', async () => {
    const { core, id } = await setup();
    const error = await callError(core, 'valuations.changeStatus', { id, status: 'READY' });
    expect(error.code).toBe('LIFECYCLE');
    const listed = fields(error.details);
    expect(listed).toEqual(
      expect.arrayContaining([
        'REQUIRED step1Data.street',
        'REQUIRED step1Data.visitDate',
        'REQUIRED addressFull',
        'REQUIRED block',
        'REQUIRED parcel',
        'REQUIRED meta.registeredAreaSqm',
        'REQUIRED meta.builtAreaSqm',
        'NO_OWNERS ownership',
        'FEW_COMPARABLES comparables',
        // step 4's stored calculation cannot run yet: each reason linked to its field
        'CALCULATION_ERROR calculation.valuationDate',
        'CALCULATION_ERROR calculation.areas',
      ]),
    );
    expect(error.message).toBe(`${listed.length} required items are missing; see the preflight.`);
    expect((error.details as Refusal).issues[0]).toEqual({ code: 'REQUIRED', field: 'step1Data.valuationType', messageKey: 'preflight.required', params: {} });
    expect((await call(core, 'valuations.get', { id })).status).toBe('IN_PROGRESS');
  });

  it('moves a complete valuation to READY', async () => {
    const { core, id } = await setup();
    await fillForReady(core, id);
    expect(await call(core, 'valuations.preflight', { id })).toEqual({ hardStops: [], warnings: [] });
    expect((await call(core, 'valuations.changeStatus', { id, status: 'READY' })).status).toBe('READY');
  });

  it('names the one missing item', async () => {
    const { core, id } = await setup();
    await fillForReady(core, id);
    await call(core, 'valuations.update', { id, fields: { step1Data: { ...READY_STEP1, visitDate: '' } } });
    const error = await callError(core, 'valuations.changeStatus', { id, status: 'READY' });
    expect(error).toMatchObject({ code: 'LIFECYCLE', message: '1 required item is missing; see the preflight.' });
    expect(fields(error.details)).toEqual(['REQUIRED step1Data.visitDate']);
  });

  it('wants 3 comparables, or a stated reason for fewer', async () => {
    const { core, id } = await setup();
    await fillForReady(core, id);
    const two = [deal(1, 3_400_000), deal(2, 3_500_000)];
    await call(core, 'valuations.update', { id, fields: { comparableData: { version: 1, comparables: two, fewComparablesReason: '' } } });
    const error = await callError(core, 'valuations.changeStatus', { id, status: 'READY' });
    expect(error.code).toBe('LIFECYCLE');
    expect(fields(error.details)).toEqual(['FEW_COMPARABLES comparables']);

    // An excluded comparable does not count.
    await call(core, 'valuations.update', {
      id,
      fields: { comparableData: { version: 1, comparables: [...two, { ...deal(3, 3_600_000), included: false }] } },
    });
    expect(fields((await callError(core, 'valuations.changeStatus', { id, status: 'READY' })).details)).toEqual(['FEW_COMPARABLES comparables']);

    await call(core, 'valuations.update', {
      id,
      fields: { comparableData: { version: 1, comparables: two, fewComparablesReason: 'אין עסקאות נוספות בבניין' } },
    });
    const { hardStops, warnings } = await call(core, 'valuations.preflight', { id });
    expect(hardStops).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(['FEW_COMPARABLES_WITH_REASON']);
    expect((await call(core, 'valuations.changeStatus', { id, status: 'READY' })).status).toBe('READY');
  });

  it('reads the seed shape of comparable_data (a list of deals)', async () => {
    const { core, id } = await setup();
    await fillForReady(core, id);
    await call(core, 'valuations.update', { id, fields: { comparableData: [deal(1, 3_400_000), deal(2, 3_500_000), deal(3, 3_600_000)] } });
    expect((await call(core, 'valuations.preflight', { id })).hardStops).toEqual([]);
  });

  it('lets warnings through: a wrong ID check digit, shares that do not sum to 1', async () => {
    const { core, id } = await setup();
    await fillForReady(core, id);
    await setOwners(core, id, [
      { ...OWNERS[0], idNumber: '123456789' },
      { ...OWNERS[1], share: '1/3' },
    ]);
    const { hardStops, warnings } = await call(core, 'valuations.preflight', { id });
    expect(hardStops).toEqual([]);
    expect(warnings.map((w) => `${w.code} ${w.field}`)).toEqual(['INVALID_ID_NUMBER ownership.0.idNumber', 'SHARES_NOT_WHOLE ownership']);
    expect(warnings[0]).toMatchObject({ messageKey: 'preflight.invalidIdNumber', blocks: [] });
    expect((await call(core, 'valuations.changeStatus', { id, status: 'READY' })).status).toBe('READY');
  });

  it('reads the facts step 3 confirmed, never an unconfirmed extraction', async () => {
    const { core, id } = await setup();
    await fillForReady(core, id);
    const v = await call(core, 'valuations.get', { id });
    await call(core, 'valuations.update', { id, fields: { meta: { ...v.meta, registeredAreaSqm: '', legal: { owners: [] } } } });
    expect((await call(core, 'valuations.preflight', { id })).hardStops.map((i) => `${i.code} ${i.field}`)).toEqual(['REQUIRED meta.registeredAreaSqm', 'NO_OWNERS ownership']);

    // An extraction that holds both is evidence, not a fact: the preflight still stops.
    const { document } = await call(core, 'documents.add', {
      valuationId: id,
      docType: 'TABU',
      fileName: 'tabu-new.pdf',
      source: { bytesBase64: Buffer.from('%PDF-1.4\n%newer\n%%EOF\n').toString('base64') },
    });
    await call(core, 'documents.updateExtracted', { id: document.id, extracted: tabuExtraction(OWNERS, { registeredArea: 85.5 }) });
    expect((await call(core, 'valuations.preflight', { id })).hardStops).toHaveLength(2);

    // Confirmed into the valuation, they count.
    await setOwners(core, id, OWNERS);
    const confirmed = await call(core, 'valuations.get', { id });
    await call(core, 'valuations.update', { id, fields: { meta: { ...confirmed.meta, registeredAreaSqm: '85.50' } } });
    expect((await call(core, 'valuations.preflight', { id })).hardStops).toEqual([]);
  });

  it('warns when the area priced differs from the registered area by more than 10 %, and when the rights type is missing', async () => {
    const { core, id } = await setup();
    await fillForReady(core, id);
    const v = await call(core, 'valuations.get', { id });
    // The calculation prices 100 sqm; an 85 sqm registered flat is 18 % off.
    await call(core, 'valuations.update', { id, fields: { meta: { ...v.meta, registeredAreaSqm: '85.00', builtAreaSqm: '101.00', legal: { ...(v.meta.legal as object), rightsType: null } } } });
    const { hardStops, warnings } = await call(core, 'valuations.preflight', { id });
    expect(hardStops).toEqual([]);
    const mismatch = warnings.filter((w) => w.code === 'AREA_MISMATCH');
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]?.params).toMatchObject({ usedSqm: 100, referenceSqm: 85, reference: 'registered', percent: 18 });
    expect(warnings.map((w) => w.code)).toContain('RIGHTS_TYPE_MISSING');
  });

  it('stops on a calculation that refuses its input, linked to the calculation', async () => {
    const { core, id } = await setup();
    await fillForReady(core, id);
    await call(core, 'valuations.update', { id, fields: { step4Data: { calculation: { ...CALCULATION, manualAreas: [] } } } });
    const error = await callError(core, 'valuations.changeStatus', { id, status: 'READY' });
    expect(error.code).toBe('LIFECYCLE');
    expect(fields(error.details)).toEqual(['CALCULATION_ERROR calculation.areas']);
  });

  it('reads step 4 as the screen stores it: Garmushka areas and a typed price per sqm give the screen\'s value', async () => {
    const { core, id } = await setup();
    await fillForReady(core, id);
    // A plan calibrated at 2 cm per pixel with one 500 x 400 px room: 10 m x 8 m = 80 sqm.
    const measured = {
      ...emptyMeasurement({ planSha256: 'a'.repeat(64) }),
      calibration: { a: { x: 0, y: 0 }, b: { x: 250, y: 0 }, knownLength: 5, unit: 'm' },
      shapes: [{ id: 's1', name: 'סלון', colour: '#1f5fbf', kind: 'MAIN', type: 'polygon', points: [{ x: 0, y: 0 }, { x: 500, y: 0 }, { x: 500, y: 400 }, { x: 0, y: 400 }] }],
    };
    const calculation = { version: 1, areaSource: 'GARMUSHKA', pricePerSqmOverrideAgorot: 2_345_678, rounding: 'NEAREST_1000', vat: 'INCLUDED' };
    // 80 sqm x 23,456.78 = 1,876,542.40, to the nearest thousand: 1,877,000 (what step 4 shows and stores).
    await call(core, 'valuations.update', { id, fields: { garmushkaMeasurements: measured, step4Data: { calculation }, finalValuationAgorot: 187_700_000 } });
    const { hardStops, warnings } = await call(core, 'valuations.preflight', { id });
    expect(hardStops).toEqual([]);
    // The typed price is a warning, with the figures it has (the one it could not compute is left out).
    expect(warnings.find((w) => w.params?.code === 'MANUAL_PRICE_PER_SQM')).toMatchObject({ field: 'calculation.pricePerSqmOverrideAgorot', params: { usedAgorot: 2_345_678 } });
    await call(core, 'valuations.update', { id, fields: { finalValuationAgorot: 187_800_000 } });
    const stale = await call(core, 'valuations.preflight', { id });
    expect(stale.hardStops).toMatchObject([{ code: 'STALE_VALUE', params: { storedAgorot: 187_800_000, computedAgorot: 187_700_000 } }]);
  });

  it('leaves the other transitions alone', async () => {
    const { core, id } = await setup();
    expect((await call(core, 'valuations.changeStatus', { id, status: 'DRAFT' })).status).toBe('DRAFT');
    expect((await call(core, 'valuations.changeStatus', { id, status: 'IN_PROGRESS' })).status).toBe('IN_PROGRESS');
  });
});
