// The report's input (ReportSource: the valuation's data as the store holds it, images already
// embedded) and its output (ReportModel: the sections of Standard 1 as printable text). The template
// prints a ReportModel and decides nothing; null anywhere in it means "not stated" and is printed as
// a visible placeholder.
import type { ValuationInput } from '../calculation/input.ts';
import type { GisSlotKey } from '../geometry/gis.ts';

// ---- the source ------------------------------------------------------------------------------------

/** An image embedded as a data: URL, with its pixel size (for the layout). */
export interface SourceImage {
  dataUrl: string;
  width: number;
  height: number;
}

/**
 * A comparable as stored, by the calculation's id: its descriptive columns, and the deal's own figures
 * for listing it while the calculation cannot run yet (a draft).
 */
export interface SourceComparable {
  id: string;
  dealDate: string | null;
  priceAgorot: number | null;
  areaHundredths: number | null;
  address: string | null;
  blockParcel: string | null;
  rooms: string | null;
  floor: string | null;
}

export interface ReportSource {
  valuation: {
    id: string;
    title: string;
    addressFull: string | null;
    block: string | null;
    parcel: string | null;
    subparcel: string | null;
    /** valuations.meta and step1_data as stored (read tolerantly). */
    meta: unknown;
    step1Data: unknown;
  };
  /** The input of computeValuation built from step 4 (the preflight's own), or null when step 4 has none. */
  calculationInput: ValuationInput | null;
  comparables: SourceComparable[];
  fewComparablesReason: string | null;
  /** documents.extracted of the newest TABU and CONDO, and of every PERMIT and PLANNING_INFO document. */
  extractions: { tabu: unknown; condo: unknown; permits: unknown[]; planning: unknown[] };
  images: {
    cover: SourceImage | null;
    interior: (SourceImage & { roomType: string })[];
    maps: (SourceImage & { slot: GisSlotKey })[];
    /** Garmushka plan crops. */
    plans: SourceImage[];
  };
  /** The appraiser's user name (step 1's name wins when given) and signature image. */
  appraiser: { userName: string | null; signatureDataUrl: string | null };
  organization: { name: string | null; logoDataUrl: string | null; footerText: string | null };
}

// ---- the model -------------------------------------------------------------------------------------

export interface ReportImage extends SourceImage {
  caption: string | null;
}

/** A label and its value. `ltr` marks numbers, dates, shares and sums: an LTR run inside RTL text. */
export interface ReportField {
  label: string;
  value: string | null;
  ltr?: boolean;
}

export interface ReportColumn {
  label: string;
  /** Cells of this column are LTR runs (numbers, dates, block/parcel). */
  ltr?: boolean;
}

export interface ReportRow {
  cells: (string | null)[];
  /** A total or result line. */
  total?: boolean;
  /** A line shown but not counted (an excluded comparable). */
  muted?: boolean;
}

export interface ReportTable {
  columns: ReportColumn[];
  rows: ReportRow[];
}

export interface CoverSection {
  logoDataUrl: string | null;
  organizationName: string | null;
  title: string;
  propertyType: string | null;
  address: string | null;
  photo: ReportImage | null;
  reportDate: string | null;
}

export interface LetterSection {
  addressee: string | null;
  date: string | null;
  reference: string | null;
  subject: string;
  fields: ReportField[];
  introduction: string;
  liability: string[];
}

export interface PropertySection {
  heading: string;
  fields: ReportField[];
  description: string | null;
  maps: ReportImage[];
  plans: ReportImage[];
  photos: ReportImage[];
}

export interface LegalSection {
  heading: string;
  /** The extract's identity (registry office, extract number, issue date). */
  extract: ReportField[];
  parcel: ReportField[];
  unit: ReportField[];
  owners: ReportTable;
  leases: ReportTable | null;
  mortgages: ReportTable;
  notes: ReportTable;
  attachments: ReportTable;
  additionalAreas: ReportTable | null;
  easements: string[];
  condominium: { fields: ReportField[]; attachments: ReportTable | null } | null;
}

export interface PlanningSection {
  heading: string;
  plans: ReportTable | null;
  buildingRights: ReportField[];
  permits: ReportTable;
  completionCertificate: string | null;
  otherFields: ReportField[];
  contamination: string;
}

export interface FactorsSection {
  heading: string;
  factors: string[];
  considerations: string[];
}

export interface CalculationSection {
  heading: string;
  /** Why there are no figures (a draft's calculation that cannot run), else null. */
  unavailable: string | null;
  comparables: ReportTable;
  statistics: ReportField[];
  fewComparablesReason: string | null;
  equivalentArea: ReportTable;
  /** The calculation's steps in order, down to the rounded value (by its stated rule) and the VAT statement. */
  calculation: ReportTable;
}

export interface ValuationSection {
  heading: string;
  /** '₪5,700,000', or null when the calculation cannot run yet. */
  valueDigits: string | null;
  valueWords: string | null;
  statement: string;
  conditions: string[];
  declaration: string[];
  appraiser: { name: string | null; licence: string | null; signatureDataUrl: string | null };
  date: string | null;
}

export interface ReportModel {
  /** Printed in the page footer beside "page x of y". */
  footerText: string | null;
  cover: CoverSection;
  letter: LetterSection;
  property: PropertySection;
  legal: LegalSection;
  planning: PlanningSection;
  factors: FactorsSection;
  calculations: CalculationSection;
  valuation: ValuationSection;
}
