// Why a cell or a row of a comparables file was refused or flagged (no imports: the contract and the
// parsers both use it).
/** Why a cell or a row was refused or flagged: an i18n key under comparableIssues. */
export const COMPARABLE_ISSUE_CODES = [
  'INVALID_DATE',
  'NOT_A_DATE',
  'NEGATIVE',
  'NOT_A_NUMBER',
  'TOO_LARGE',
  'PRICE_ZERO',
  'AREA_ZERO',
  'AREA_UNBELIEVABLE',
  'ROOMS_STEP',
  'ROOMS_UNBELIEVABLE',
  'NOT_WHOLE',
  'PARKING_INVALID',
  'PARKING_UNBELIEVABLE',
  'NOT_A_YEAR',
  'YEAR_UNBELIEVABLE',
  'NOT_BLOCK_PARCEL',
  'NOT_REGISTRY_NUMBER',
  'SHARE_OUT_OF_RANGE',
  'NOT_A_SHARE',
  'TEXT_TOO_LONG',
  'DATE_MISSING',
  'PRICE_MISSING',
  'NOT_LOCATED',
  'PARTIAL_SHARE',
  'PRICE_PER_SQM_DIFFERS',
  'OUTLIER',
  'REPEATED',
  'DATE_ORDER_UNDECIDED',
  'ENCODING_LOST',
] as const;
export type ComparableIssueCode = (typeof COMPARABLE_ISSUE_CODES)[number];
export type IssueParams = Readonly<Record<string, string | number>>;

