// Deterministic seed data for development, demos, tests and benchmarks (DOMAIN.md "Believable test data").
export { DEFAULT_NOW, generateDemoDataset, generateDemoPeople, generateValuations } from './generate.ts';
export { homePriceIndex } from './calculation.ts';
export { israeliId } from './legal.ts';
export { busyBlocks, generateComparablesLibrary, LIBRARY_DEALS } from './library.ts';
export { Random } from './random.ts';
export { sealWithReport, SIGNED_REPORT_SLUG, unsealed, type PrintedReport } from './seal.ts';
export type {
  ActivityRow,
  AssetRow,
  Comparable,
  ComparableRow,
  DemoPeople,
  DocumentRow,
  GeneratedValuation,
  MembershipRow,
  OrganizationRow,
  SeedComparableData,
  SeedDataset,
  SeedOptions,
  SeedStep4Data,
  Step1Data,
  UserRow,
  ValuationMeta,
  ValuationRow,
} from './types.ts';
