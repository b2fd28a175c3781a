// Row shapes of the seed data, keyed by the drizzle property names of both schema files but declared
// here so the seed does not depend on either dialect. Only the columns the seed fills; server_version
// and the other columns take their defaults. Rows and JSON shapes are type aliases, not interfaces, so
// they stay assignable to Record<string, unknown> (generic row inserters, the schema's JSON columns).
import type { CalculationSettings, StoredComparable } from '../domain/calculation/stored.ts';
import type { ComparableSource } from '../domain/comparables/sources.ts';
import type { LegalFacts } from '../domain/legal/facts.ts';
import type {
  ActivityAction,
  ActivitySubjectType,
  DocumentSource,
  DocumentType,
  MembershipRole,
  ValuationStatus,
} from '../domain/enums.ts';

/** ISO-8601 UTC with milliseconds, e.g. '2026-01-01T00:00:00.000Z'. */
export type Timestamp = string;

export type OrganizationRow = {
  id: string;
  name: string;
  settings: Record<string, unknown>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type UserRow = {
  id: string;
  email: string;
  name: string;
  image: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type MembershipRow = {
  id: string;
  userId: string;
  organizationId: string;
  role: MembershipRole;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type ClientRelation = 'owner' | 'client' | 'potential_buyer' | 'seller' | 'bank' | 'court' | 'other';

export type ValuationType =
  | 'market_value'
  | 'real_estate_appraisal'
  | 'investment_value'
  | 'insurance_value'
  | 'tax_value'
  | 'expropriation_value';

export type AirDirection = 'N' | 'S' | 'E' | 'W';

/** The wizard's step 1 (DOMAIN.md "The 5-step wizard"); dates are ISO 'YYYY-MM-DD'. */
export type Step1Data = {
  valuationType: ValuationType;
  reportDate: string;
  valuationDate: string;
  client: { title: string; name: string; relation: ClientRelation };
  street: string;
  buildingNumber: string;
  neighborhood: string;
  city: string;
  rooms: number;
  floor: string;
  airDirections: AirDirection[];
  /** The appraiser's visit; absent while a draft has not been visited yet. */
  visitDate?: string;
  landContamination: boolean;
  /** Present exactly when landContamination is true. */
  landContaminationNote?: string;
  appraiserName: string;
  appraiserLicense: string;
};

/** Areas are decimal strings with two decimals, in sqm. */
export type ValuationMeta = {
  registeredAreaSqm: string;
  builtAreaSqm: string;
  balconyAreaSqm: string;
  storageAreaSqm: string;
  description: string;
  /** The legal facts (absent while a draft has none yet). */
  legal?: LegalFacts;
};

/** One comparable as step 4 stores it. */
export type Comparable = StoredComparable;

/** valuations.comparableData as step 4 stores it (src-shared/domain/calculation/stored.ts). */
export type SeedComparableData = {
  version: 1;
  comparables: Comparable[];
  indexTable: Record<string, number>;
  valuationMonth: string;
};

/** valuations.step4Data: the calculation settings step 4 stores. */
export type SeedStep4Data = { calculation: CalculationSettings };

export type ValuationRow = {
  id: string;
  organizationId: string;
  createdById: string;
  title: string;
  status: ValuationStatus;
  addressFull: string;
  block: string;
  parcel: string;
  subparcel: string;
  meta: ValuationMeta;
  step1Data: Step1Data;
  /** Null until the value is computed (DRAFT, IN_PROGRESS). */
  finalValuationAgorot: number | null;
  pricePerSqmAgorot: number | null;
  /** Null for DRAFT: no comparables imported yet. */
  comparableData: SeedComparableData | null;
  /** Null for DRAFT: step 4 not reached yet. */
  step4Data: SeedStep4Data | null;
  signedById: string | null;
  signedAt: Timestamp | null;
  reportSha256: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

/** One deal of the organization's comparables library (rooms in tenths, area in hundredths of a sqm). */
export type ComparableRow = {
  id: string;
  organizationId: string;
  source: ComparableSource;
  sourceFileName: string | null;
  dealDate: string;
  address: string;
  street: string;
  houseNumber: string;
  city: string;
  block: string;
  parcel: string;
  subparcel: string;
  roomsTenths: number;
  floor: string;
  areaHundredths: number;
  parking: number;
  buildYear: number;
  priceAgorot: number;
  propertyType: string;
  dealNature: string;
  partialShare: string | null;
  createdById: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type DocumentRow = {
  id: string;
  valuationId: string;
  organizationId: string;
  docType: DocumentType;
  fileName: string;
  storageKey: string;
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  source: DocumentSource;
  uploadedById: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

/** A file generated from a valuation (the sealed report of a SIGNED one). */
export type AssetRow = {
  id: string;
  valuationId: string;
  organizationId: string;
  assetType: 'PDF';
  fileName: string;
  storageKey: string;
  sha256: string;
  sizeBytes: number;
  slug: string;
  generatedById: string;
  version: number;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type ActivityRow = {
  id: string;
  organizationId: string;
  subjectType: ActivitySubjectType;
  subjectId: string;
  valuationId: string;
  action: ActivityAction;
  actorId: string;
  payload: Record<string, unknown>;
  createdAt: Timestamp;
};

export interface SeedOptions {
  seed: number;
  valuations: number;
  /** The end of the generated history; defaults to 2026-01-01T00:00:00.000Z. */
  now?: Date;
}

export interface DemoPeople {
  organization: OrganizationRow;
  owner: UserRow;
  orgAdmin: UserRow;
  appraisers: [UserRow, UserRow];
  clientViewer: UserRow;
  memberships: MembershipRow[];
}

export interface GeneratedValuation {
  valuation: ValuationRow;
  documents: DocumentRow[];
  activity: ActivityRow[];
  /** The sealed report of a SIGNED valuation (a placeholder until sealWithReport, see seal.ts). */
  assets: AssetRow[];
}

/** Rows per table, each array in foreign-key order and the tables listed in insertion order. */
export interface SeedDataset {
  organizations: OrganizationRow[];
  users: UserRow[];
  memberships: MembershipRow[];
  valuations: ValuationRow[];
  documents: DocumentRow[];
  activityLogs: ActivityRow[];
  assets: AssetRow[];
  /** The organization's comparables library. */
  comparables: ComparableRow[];
}
