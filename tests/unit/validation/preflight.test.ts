import { describe, expect, it } from 'vitest';
import type { ComparableInput, ValuationInput } from '../../../src-shared/domain/calculation/input.ts';
import { computeValuation } from '../../../src-shared/domain/calculation/valuation.ts';
import {
  checkBeforeStatus,
  preflight,
  STEP1_REQUIRED_FIELDS,
  type Issue,
  type PreflightContext,
  type PreflightValuation,
} from '../../../src-shared/domain/validation/preflight.ts';

const comp = (id: string, priceNis: number, extra: Partial<ComparableInput> = {}): ComparableInput => ({
  id,
  dealDate: '2024-01-15',
  priceAgorot: priceNis * 100,
  areaHundredths: 10_000, // 100 sqm
  ...extra,
});

// The DOMAIN.md worked example: 142.3 + 40 x 0.5 -> 162 sqm x 35,000 = 5,670,000 -> 5,700,000 NIS.
const calculationInput = (extra: Partial<ValuationInput> = {}): ValuationInput => ({
  areas: [
    { kind: 'MAIN', areaHundredths: 14_230 },
    { kind: 'OPEN_BALCONY', areaHundredths: 4_000 },
  ],
  equivalentAreaRounding: 'WHOLE_SQM',
  valuationDate: '2024-06-01',
  comparables: [comp('a', 3_400_000), comp('b', 3_500_000), comp('c', 3_600_000)],
  rounding: 'NEAREST_100000',
  vat: 'INCLUDED',
  ...extra,
});

const step1 = {
  valuationType: 'market_value',
  reportDate: '2024-06-10',
  valuationDate: '2024-06-01',
  visitDate: '2024-05-30',
  client: { title: 'עו"ד', name: 'משה כהן', relation: 'owner' },
  street: 'הרצל',
  buildingNumber: '12',
  neighborhood: 'לב העיר',
  city: 'תל אביב-יפו',
  rooms: 4.5,
  floor: '3',
  airDirections: ['N', 'W'],
  landContamination: false,
  appraiserName: 'שרה לוי',
  appraiserLicense: '1234',
};

const complete = (patch: Partial<PreflightValuation> = {}): PreflightValuation => ({
  addressFull: 'הרצל 12, תל אביב-יפו',
  block: '6109',
  parcel: '396',
  subparcel: '18',
  meta: { registeredAreaSqm: '142.30', builtAreaSqm: '155.00', balconyAreaSqm: '40.00', storageAreaSqm: '0.00', description: '' },
  step1Data: step1,
  comparableData: [{}, {}, {}],
  finalValuationAgorot: 570_000_000,
  ...patch,
});

const context = (patch: Partial<PreflightContext> = {}): PreflightContext => ({
  calculation: computeValuation(calculationInput()),
  owners: [
    { name: 'משה כהן', idType: 'ISRAELI_ID', idNumber: '123456782', share: '1/2' },
    { name: 'רחל כהן', idNumber: '039337423', share: '1/2' },
  ],
  ...patch,
});

const brief = (issues: Issue[]) => issues.map((i) => `${i.code} ${i.field}`);

describe('preflight', () => {
  it('passes a complete valuation, for READY and for SIGNED', () => {
    expect(preflight(complete(), context())).toEqual({ hardStops: [], warnings: [] });
    expect(checkBeforeStatus('READY', complete(), context())).toEqual({ target: 'READY', allowed: true, blocking: [], warnings: [] });
    expect(checkBeforeStatus('SIGNED', complete(), context()).allowed).toBe(true);
  });

  it('stops on every required step 1 field, linked to it', () => {
    const { hardStops } = preflight(complete({ step1Data: null }), context());
    const required = STEP1_REQUIRED_FIELDS.map((f) => `REQUIRED step1Data.${f}`);
    expect(brief(hardStops)).toEqual(required);
    expect(hardStops[0]).toEqual({ code: 'REQUIRED', messageKey: 'preflight.required', field: 'step1Data.valuationType', params: {}, blocks: ['READY', 'SIGNED'] });

    const noStreet = preflight(complete({ step1Data: { ...step1, street: '  ' } }), context());
    expect(brief(noStreet.hardStops)).toEqual(['REQUIRED step1Data.street']);
    const noClient = preflight(complete({ step1Data: { ...step1, client: { title: '', name: '', relation: 'owner' } } }), context());
    expect(brief(noClient.hardStops)).toEqual(['REQUIRED step1Data.client.name']);
  });

  it('stops on invalid dates, rooms and a contamination flag without its note', () => {
    const { hardStops } = preflight(
      complete({ step1Data: { ...step1, reportDate: '2024-13-01', visitDate: '30/05/2024', rooms: 0, landContamination: true } }),
      context(),
    );
    expect(brief(hardStops)).toEqual([
      'INVALID step1Data.reportDate',
      'INVALID step1Data.visitDate',
      'INVALID step1Data.rooms',
      'REQUIRED step1Data.landContaminationNote',
    ]);
    expect(hardStops[2]?.params).toEqual({ value: '0' });
  });

  it('stops on the address, block/parcel and the registered and built areas', () => {
    const { hardStops } = preflight(
      complete({ addressFull: '', block: 'abc', parcel: null, meta: { registeredAreaSqm: '', builtAreaSqm: '0' } }),
      context(),
    );
    expect(brief(hardStops)).toEqual(['REQUIRED addressFull', 'INVALID block', 'REQUIRED parcel', 'REQUIRED meta.registeredAreaSqm', 'INVALID meta.builtAreaSqm']);
    // A missing sub-parcel is fine (a whole parcel); a missing built area is not.
    const noBuilt = preflight(complete({ subparcel: null, meta: { registeredAreaSqm: '142.30' } }), context());
    expect(brief(noBuilt.hardStops)).toEqual(['REQUIRED meta.builtAreaSqm']);
  });

  it('stops without ownership', () => {
    expect(brief(preflight(complete(), context({ owners: [] })).hardStops)).toEqual(['NO_OWNERS ownership']);
    expect(preflight(complete(), context({ owners: null })).hardStops[0]?.messageKey).toBe('preflight.noOwners');
    const unnamed = preflight(complete(), context({ owners: [{ name: '', share: 'whole' }] }));
    expect(brief(unnamed.hardStops)).toEqual(['REQUIRED ownership.0.name']);
    const noShare = preflight(complete(), context({ owners: [{ name: 'משה כהן' }] }));
    expect(brief(noShare.hardStops)).toEqual(['REQUIRED ownership.0.share']);
  });

  it('stops under 3 comparables unless a reason is stated', () => {
    const two = computeValuation(calculationInput({ comparables: [comp('a', 3_400_000), comp('b', 3_600_000), comp('c', 3_500_000, { included: false })] }));
    const stopped = preflight(complete(), context({ calculation: two }));
    expect(stopped.hardStops).toEqual([
      { code: 'FEW_COMPARABLES', messageKey: 'preflight.fewComparables', field: 'comparables', params: { count: 2, minimum: 3 }, blocks: ['READY', 'SIGNED'] },
    ]);
    const reasoned = preflight(complete(), context({ calculation: two, fewComparablesReason: 'A unique penthouse; few deals in the area.' }));
    expect(reasoned.hardStops).toEqual([]);
    expect(brief(reasoned.warnings)).toEqual(['FEW_COMPARABLES_WITH_REASON comparables']);
  });

  it('stops without a calculation, or with a failing one linked to its field', () => {
    const none = preflight(complete(), context({ calculation: null }));
    expect(brief(none.hardStops)).toEqual(['NO_CALCULATION calculation']); // 3 stored comparables: no FEW_COMPARABLES
    const failing = computeValuation(calculationInput({ valuationDate: '2024-02-30', comparables: [comp('a', 3_400_000, { areaHundredths: 0 }), comp('b', 1), comp('c', 1)] }));
    const { hardStops } = preflight(complete(), context({ calculation: failing }));
    expect(hardStops).toEqual([
      { code: 'CALCULATION_ERROR', messageKey: 'preflight.calculationError', field: 'calculation.valuationDate', params: { code: 'INVALID_DATE' }, blocks: ['READY', 'SIGNED'] },
      { code: 'CALCULATION_ERROR', messageKey: 'preflight.calculationError', field: 'comparables.0.areaHundredths', params: { code: 'AREA_NOT_POSITIVE' }, blocks: ['READY', 'SIGNED'] },
    ]);
  });

  it('blocks SIGNED, not READY, when the stored value is not the computed one', () => {
    const stale = complete({ finalValuationAgorot: 567_000_000 });
    const ready = checkBeforeStatus('READY', stale, context());
    expect(ready.allowed).toBe(true);
    expect(brief(ready.warnings)).toEqual(['STALE_VALUE finalValuationAgorot']);
    const signed = checkBeforeStatus('SIGNED', stale, context());
    expect(signed.allowed).toBe(false);
    expect(signed.blocking).toEqual([
      { code: 'STALE_VALUE', messageKey: 'preflight.staleValue', field: 'finalValuationAgorot', params: { storedAgorot: 567_000_000, computedAgorot: 570_000_000 }, blocks: ['SIGNED'] },
    ]);
    expect(checkBeforeStatus('SIGNED', complete({ finalValuationAgorot: null }), context()).allowed).toBe(true);
  });

  it('blocks both statuses on a missing required datum', () => {
    const noBlock = complete({ block: '' });
    expect(checkBeforeStatus('READY', noBlock, context())).toMatchObject({ allowed: false, blocking: [{ code: 'REQUIRED', field: 'block' }] });
    expect(checkBeforeStatus('SIGNED', noBlock, context())).toMatchObject({ allowed: false, blocking: [{ code: 'REQUIRED', field: 'block' }] });
  });
});

describe('preflight warnings', () => {
  it('warns about outliers, linked to the comparable', () => {
    // 34, 35, 36, 50 thousand: median 35,500; 50,000 is +40.8% -> outlier.
    const calculation = computeValuation(calculationInput({ comparables: [comp('a', 3_400_000), comp('b', 3_500_000), comp('c', 3_600_000), comp('d', 5_000_000)] }));
    const { hardStops, warnings } = preflight(complete({ finalValuationAgorot: null }), context({ calculation }));
    expect(hardStops).toEqual([]);
    expect(warnings).toEqual([
      {
        code: 'OUTLIER',
        messageKey: 'preflight.outlier',
        field: 'comparables.3',
        // 14,500 / 35,500 = 0.408450... -> 4,085 bp
        params: { comparableId: 'd', deviationBp: 4_085, thresholdBp: 2_500, included: true },
        blocks: [],
      },
    ]);
  });

  it('warns about shares that do not sum to 1, unreadable shares and bad ID numbers', () => {
    const { hardStops, warnings } = preflight(
      complete(),
      context({
        owners: [
          { name: 'א', idNumber: '123456789', share: '1/2' }, // check digit wrong (sum 47)
          { name: 'ב', idType: 'PASSPORT', idNumber: 'AB1234567', share: '1/4' }, // not checked
          { name: 'ג', idType: 'COMPANY', idNumber: '12', share: 'half' },
        ],
      }),
    );
    expect(hardStops).toEqual([]);
    expect(brief(warnings)).toEqual(['INVALID_ID_NUMBER ownership.0.idNumber', 'INVALID_SHARE ownership.2.share']);
    const short = preflight(complete(), context({ owners: [{ name: 'א', share: '1/2' }, { name: 'ב', share: '1/4' }] }));
    expect(short.warnings).toEqual([{ code: 'SHARES_NOT_WHOLE', messageKey: 'preflight.sharesNotWhole', field: 'ownership', params: { sum: '3/4' }, blocks: [] }]);
    const exact = preflight(complete(), context({ owners: [{ name: 'א', share: '1/2' }, { name: 'ב', share: '1/4' }, { name: 'ג', share: '1/4' }] }));
    expect(exact.warnings).toEqual([]);
  });

  it('warns about a value without a VAT statement and about dates after the report date', () => {
    const calculation = computeValuation(calculationInput({ vat: null }));
    const { warnings } = preflight(complete({ step1Data: { ...step1, valuationDate: '2024-06-11', visitDate: '2024-06-12' } }), context({ calculation }));
    expect(brief(warnings)).toEqual([
      'DATES_OUT_OF_ORDER step1Data.valuationDate',
      'DATES_OUT_OF_ORDER step1Data.visitDate',
      'VISIT_AFTER_VALUATION_DATE step1Data.visitDate',
      'VAT_NOT_STATED calculation.vat',
    ]);
    expect(warnings[0]?.params).toEqual({ date: '2024-06-11', reportDate: '2024-06-10' });
  });

  it('warns when the visit came after the determining date, and not when it came before', () => {
    const after = preflight(complete({ step1Data: { ...step1, valuationDate: '2024-06-01', visitDate: '2024-06-05' } }), context());
    expect(brief(after.warnings)).toContain('VISIT_AFTER_VALUATION_DATE step1Data.visitDate');
    const before = preflight(complete({ step1Data: { ...step1, valuationDate: '2024-06-01', visitDate: '2024-05-30' } }), context());
    expect(brief(before.warnings)).not.toContain('VISIT_AFTER_VALUATION_DATE step1Data.visitDate');
  });

  it('passes other calculation warnings through with their code', () => {
    // Index for 2024-06 missing: the valuation date falls back to 2024-05.
    const calculation = computeValuation(calculationInput({ indexTable: { '2024-01': 100, '2024-05': 101 } }));
    const { warnings } = preflight(complete({ finalValuationAgorot: null }), context({ calculation }));
    expect(warnings).toContainEqual({
      code: 'CALCULATION_WARNING',
      messageKey: 'preflight.calculationWarning',
      field: 'calculation.valuationDate',
      params: { code: 'INDEX_FALLBACK', date: '2024-06-01', month: '2024-06', usedMonth: '2024-05' },
      blocks: [],
    });
  });
});
