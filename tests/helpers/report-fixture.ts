// Report sources for the report's tests: a fully filled valuation built on DOMAIN.md's worked example
// (142.3 sqm registered + a 40 sqm open balcony at 0.5 = 162.3 sqm equivalent, 35,000 NIS per sqm from
// three comparables, rounded to the nearest 100,000 NIS), and an empty draft. The document
// extractions are also what the PDF test stores in a real core.
import type { ValuationInput } from '../../src-shared/domain/calculation/input.ts';
import type { ReportSource, SourceImage } from '../../src-shared/domain/report/model.ts';

/** A 1x1 PNG: the model and the HTML only carry images through. */
export const TINY_IMAGE: SourceImage = {
  dataUrl: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  width: 1,
  height: 1,
};

const field = (value: unknown) => ({ value, source: { document: 'נסח.pdf', page: 1 }, confidence: 0.95, edited: false });

export const WORKED_EXAMPLE_INPUT: ValuationInput = {
  areas: [
    { kind: 'MAIN', areaHundredths: 14_230 },
    { kind: 'OPEN_BALCONY', areaHundredths: 4_000, coefficient: '0.5' },
  ],
  valuationDate: '2024-06-01',
  comparables: [
    { id: 'c1', dealDate: '2024-01-15', priceAgorot: 340_000_000, areaHundredths: 10_000 },
    { id: 'c2', dealDate: '2024-02-20', priceAgorot: 350_000_000, areaHundredths: 10_000 },
    { id: 'c3', dealDate: '2024-03-10', priceAgorot: 360_000_000, areaHundredths: 10_000 },
  ],
  rounding: 'NEAREST_100000',
  vat: 'INCLUDED',
};

export const OWNER_NAMES = ['ישראל ישראלי', 'שרה ישראלי'] as const;

/** A land-registry extract as step 3 holds it: the parcel, the unit, owners, a mortgage, a note, an attachment. */
export const TABU_EXTRACTION = {
  sections: {
    identification: { registryOffice: field('תל אביב'), extractNumber: field('88213'), issueDate: field('2024-05-20'), block: field('6109'), parcel: field('396'), subparcel: field('118') },
    parcelDescription: { parcelArea: field(1250) },
    regulations: { bylaws: field('AGREED') },
    unitData: { unitDescription: field('דירה'), floor: field('4'), registeredArea: field(142.3), commonShare: field('104/5975') },
    ownership: {
      owners: field([
        { name: OWNER_NAMES[0], idType: 'ID', idNumber: '123456782', share: '1/2', deedType: 'מכר', deedNumber: '12345/2015/1', date: '2015-03-01', page: 1 },
        { name: OWNER_NAMES[1], idType: 'ID', idNumber: '039337423', share: '1/2', deedType: 'מכר', deedNumber: '12345/2015/1', date: '2015-03-01', page: 1 },
      ]),
    },
    mortgages: { mortgages: field([{ rank: 'ראשונה', amountAgorot: 195_000_000, lenders: 'בנק לאומי לישראל בע"מ', borrowers: OWNER_NAMES[0], share: '1/1', page: 2 }]) },
    notes: { notes: field([{ action: 'הערת אזהרה סעיף 126', beneficiary: 'בנק לאומי לישראל בע"מ', deedNumber: '4567/2015', date: '2015-03-02', page: 2 }]) },
    attachments: { attachments: field([{ symbol: 'ח', colour: 'אדום', description: 'חניה', area: 12.5, page: 2 }]) },
  },
};

/** The same facts as step 3 confirms them into the valuation (meta.legal): what the report prints. */
export const CONFIRMED_LEGAL = {
  rightsType: 'PRIVATE_OWNERSHIP',
  owners: [
    { name: OWNER_NAMES[0], idType: 'ISRAELI_ID', idNumber: '123456782', share: '1/2' },
    { name: OWNER_NAMES[1], idType: 'ISRAELI_ID', idNumber: '039337423', share: '1/2' },
  ],
  mortgages: [{ rank: 'ראשונה', amountAgorot: 195_000_000, lenders: 'בנק לאומי לישראל בע"מ', borrowers: OWNER_NAMES[0], share: '1/1' }],
  notes: [{ text: 'הערת אזהרה סעיף 126 לטובת בנק לאומי לישראל בע"מ' }],
  attachments: [{ symbol: 'ח', colour: 'אדום', description: 'חניה', areaSqm: '12.50' }],
  easements: [],
  confirmedFromDocumentId: null,
};

export const PERMIT_EXTRACTION = { sections: { planning: { permitNumber: field('20150432'), permitDate: field('2015-08-01'), permitDescription: field('תוספת ממ"ד ומרפסת') } } };

export const PLANNING_EXTRACTION = {
  sections: {
    planning: {
      plans: field([{ planNumber: 'רג/340', name: 'תכנית מתאר', validityDate: '1985-04-01' }]),
      buildingRights: field('140% שטח עיקרי ו-30% שטחי שירות'),
    },
  },
};

export function fullReportSource(calculationInput: ValuationInput = WORKED_EXAMPLE_INPUT): ReportSource {
  return {
    valuation: {
      id: '0190a0b0-0000-7000-8000-000000000001',
      title: 'תיק 2024/118',
      addressFull: 'רחוב הרצל 12, רמת גן',
      block: '6109',
      parcel: '396',
      subparcel: '118',
      meta: { registeredAreaSqm: '142.30', builtAreaSqm: '165.00', description: 'דירת 5 חדרים משופצת בבניין בן 8 קומות עם מעלית.', legal: CONFIRMED_LEGAL },
      step1Data: {
        valuationType: 'market_value',
        reportDate: '2024-06-10',
        valuationDate: '2024-06-01',
        visitDate: '2024-05-30',
        client: { title: 'עו"ד', name: 'דנה לוי', relation: 'bank' },
        street: 'הרצל',
        buildingNumber: '12',
        neighborhood: 'מרכז העיר',
        city: 'רמת גן',
        rooms: 5,
        floor: '4',
        airDirections: ['N', 'W'],
        landContamination: false,
        appraiserName: 'משה כהן',
        appraiserLicense: '1234',
      },
    },
    calculationInput,
    comparables: [
      { id: 'c1', dealDate: '2024-01-15', priceAgorot: 340_000_000, areaHundredths: 10_000, address: 'הרצל 20, רמת גן', blockParcel: '6109/400/3', rooms: '4', floor: '2' },
      { id: 'c2', dealDate: '2024-02-20', priceAgorot: 350_000_000, areaHundredths: 10_000, address: 'ביאליק 5, רמת גן', blockParcel: '6110/12/7', rooms: '4', floor: '5' },
      { id: 'c3', dealDate: '2024-03-10', priceAgorot: 360_000_000, areaHundredths: 10_000, address: 'הרצל 31, רמת גן', blockParcel: '6109/410/9', rooms: '4.5', floor: '3' },
    ],
    fewComparablesReason: null,
    extractions: { tabu: TABU_EXTRACTION, condo: null, permits: [PERMIT_EXTRACTION], planning: [PLANNING_EXTRACTION] },
    images: { cover: TINY_IMAGE, interior: [{ ...TINY_IMAGE, roomType: 'LIVING' }], maps: [{ ...TINY_IMAGE, slot: 'aerial' }], plans: [] },
    appraiser: { userName: 'Moshe Cohen', signatureDataUrl: null },
    organization: { name: 'כהן שמאות מקרקעין', logoDataUrl: null, footerText: 'כהן שמאות מקרקעין בע"מ · רחוב הברזל 3, תל אביב' },
  };
}

/** A draft with nothing in it yet. */
export function emptyReportSource(): ReportSource {
  return {
    valuation: { id: '0190a0b0-0000-7000-8000-000000000002', title: '', addressFull: null, block: null, parcel: null, subparcel: null, meta: {}, step1Data: null },
    calculationInput: null,
    comparables: [],
    fewComparablesReason: null,
    extractions: { tabu: null, condo: null, permits: [], planning: [] },
    images: { cover: null, interior: [], maps: [], plans: [] },
    appraiser: { userName: null, signatureDataUrl: null },
    organization: { name: null, logoDataUrl: null, footerText: null },
  };
}
