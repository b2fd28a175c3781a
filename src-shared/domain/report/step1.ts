// Step 1's data (the wizard's initial data: valuation type, dates, client, address, appraiser) read
// tolerantly for the report: whatever is missing or of another shape is null.
import { isRecord } from './extracted.ts';
import { plainText } from './format.ts';

export interface Step1View {
  valuationType: string | null;
  reportDate: string | null;
  valuationDate: string | null;
  visitDate: string | null;
  client: { title: string | null; name: string | null; note: string | null; relation: string | null };
  street: string | null;
  buildingNumber: string | null;
  neighborhood: string | null;
  city: string | null;
  rooms: string | null;
  floor: string | null;
  builtAreaSqm: string | null;
  airDirections: string[];
  landContamination: boolean;
  landContaminationNote: string | null;
  appraiserName: string | null;
  appraiserLicense: string | null;
}

export function readStep1(step1Data: unknown): Step1View {
  const s = isRecord(step1Data) ? step1Data : {};
  const client = isRecord(s.client) ? s.client : {};
  return {
    valuationType: plainText(s.valuationType),
    reportDate: plainText(s.reportDate),
    valuationDate: plainText(s.valuationDate),
    visitDate: plainText(s.visitDate),
    client: { title: plainText(client.title), name: plainText(client.name), note: plainText(client.note), relation: plainText(client.relation) },
    street: plainText(s.street),
    buildingNumber: plainText(s.buildingNumber),
    neighborhood: plainText(s.neighborhood),
    city: plainText(s.city),
    rooms: plainText(s.rooms),
    floor: plainText(s.floor),
    builtAreaSqm: plainText(s.builtAreaSqm),
    airDirections: Array.isArray(s.airDirections) ? s.airDirections.filter((d): d is string => typeof d === 'string') : [],
    landContamination: s.landContamination === true,
    landContaminationNote: plainText(s.landContaminationNote),
    appraiserName: plainText(s.appraiserName),
    appraiserLicense: plainText(s.appraiserLicense),
  };
}
