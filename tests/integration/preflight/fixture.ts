// A valuation that passes the preflight before READY: step 1 (with the visit date), block/parcel,
// areas, confirmed owners (meta.legal), 3 comparables and a calculation. What the valuation
// already holds is kept (a test's own step 1 fields, address, block, documents).
import type { Core } from '../../../src-main/core/create-core.ts';
import { call } from '../../helpers/core.ts';

export const READY_STEP1 = {
  valuationType: 'market_value',
  reportDate: '2024-06-10',
  valuationDate: '2024-06-01',
  visitDate: '2024-05-30',
  client: { title: 'עו"ד', name: 'לקוח לדוגמה', relation: 'client' },
  street: 'הנביאים',
  buildingNumber: '7',
  neighborhood: '',
  city: 'חיפה',
  rooms: 4,
  floor: '2',
  airDirections: [],
  landContamination: false,
  appraiserName: 'שמאי לדוגמה',
  appraiserLicense: '1234',
};

export const deal = (n: number, priceNis: number) => ({
  dealDate: '2024-01-15',
  address: `רחוב ${n}`,
  blockParcel: '7000/1/1',
  rooms: 4,
  floor: 2,
  areaSqm: '100.00',
  priceAgorot: priceNis * 100,
});

/** step4Data.calculation as step 4 stores it: 100 sqm typed by hand, rounded to 10,000 NIS, VAT included. */
export const CALCULATION = {
  version: 1,
  areaSource: 'MANUAL',
  manualAreas: [{ kind: 'MAIN', areaHundredths: 10_000 }],
  rounding: 'NEAREST_10000',
  vat: 'INCLUDED',
};

/** Owners as a TABU extraction holds them: sections.ownership.owners, one field whose value is the rows. */
export function tabuExtraction(owners: Record<string, unknown>[], unitData: Record<string, unknown> = {}) {
  const field = (value: unknown) => ({ value, source: { document: 'tabu.pdf', page: 1 }, confidence: 0.95, edited: false });
  return {
    sections: {
      ownership: { owners: field(owners) },
      unitData: Object.fromEntries(Object.entries(unitData).map(([k, v]) => [k, field(v)])),
    },
    warnings: [],
    history: [],
  };
}

export const OWNERS = [
  { name: 'ישראל ישראלי', idType: 'ID', idNumber: '123456782', share: '1/2', page: 1 },
  { name: 'שרה ישראלי', idType: 'ID', idNumber: '039337423', share: '1/2', page: 1 },
];

/** A small valid PDF; `tag` makes the bytes differ. */
export const smallPdf = (tag: string) =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
      `2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%${tag}\n%%EOF\n`,
  ).toString('base64');

/** The owners as step 3 confirms them into the valuation (meta.legal.owners), keeping the rest of meta. */
export async function setOwners(core: Core, valuationId: string, owners: Record<string, unknown>[] = OWNERS) {
  const v = await call(core, 'valuations.get', { id: valuationId });
  const legal = (v.meta.legal ?? {}) as Record<string, unknown>;
  const confirmed = owners.map((o) => ({
    name: String(o.name ?? ''),
    idType: o.idType === 'ID' || o.idType === undefined ? 'ISRAELI_ID' : String(o.idType),
    idNumber: String(o.idNumber ?? ''),
    share: String(o.share ?? ''),
  }));
  await call(core, 'valuations.update', { id: valuationId, fields: { meta: { ...v.meta, legal: { ...legal, owners: confirmed, rightsType: 'PRIVATE_OWNERSHIP' } } } });
}

/** Fills what the preflight needs before READY, keeping what the valuation holds. */
export async function fillForReady(core: Core, valuationId: string) {
  const v = await call(core, 'valuations.get', { id: valuationId });
  await call(core, 'valuations.update', {
    id: valuationId,
    fields: {
      step1Data: { ...READY_STEP1, ...(v.step1Data ?? {}), visitDate: READY_STEP1.visitDate },
      addressFull: v.addressFull ?? 'הנביאים 7, חיפה',
      block: v.block ?? '7000',
      parcel: v.parcel ?? '1',
      meta: { ...v.meta, registeredAreaSqm: '100.00', builtAreaSqm: '110.00' },
      comparableData: { version: 1, comparables: [deal(1, 3_400_000), deal(2, 3_500_000), deal(3, 3_600_000)], fewComparablesReason: null },
      step4Data: { ...(v.step4Data ?? {}), calculation: CALCULATION },
    },
  });
  await setOwners(core, valuationId);
}
