// Why the core refused: one code per failure a person can meet, carried in an error's details.reason
// with the parameters its sentence needs. The renderer says it in the user's language from the i18n
// catalog (errorReasons.<REASON>); the English message beside it is for logs only. A test walks this
// list against both catalogs.
export const ERROR_REASONS = [
  // signing in and the session
  'SIGN_IN_REQUIRED',
  'NO_OFFLINE_USER',
  'NOT_A_MEMBER',
  'NO_ORGANIZATION',
  'NO_SERVER_CONFIGURED',
  // the sync server's answers (src-server; the same codes travel in its error bodies)
  'INVALID_CREDENTIALS',
  'RATE_LIMITED',
  'SESSION_EXPIRED',
  'SESSION_REVOKED',
  'TOKEN_EXPIRED',
  'TOKEN_REPLAYED',
  'INVALID_REFRESH_TOKEN',
  'DEVICE_REVOKED',
  'DEVICE_IN_USE',
  'SERVER_UNREACHABLE',
  'SERVER_REFUSED',
  'NOT_A_SYNC_SERVER',
  'SERVER_TOO_OLD',
  'NOT_SIGNED_REPORT',
  // rows that are not there
  'VALUATION_NOT_FOUND',
  'DOCUMENT_NOT_FOUND',
  'IMAGE_NOT_FOUND',
  'FILE_NOT_FOUND',
  'FILE_NOT_DOWNLOADED',
  'COMPARABLE_NOT_FOUND',
  'WIZARD_SESSION_NOT_FOUND',
  'CONFLICT_NOT_FOUND',
  'REJECTION_NOT_FOUND',
  'REPORT_NOT_FOUND',
  'ROW_GONE',
  // who may do what, and when
  'READ_ONLY_ROLE',
  'SIGNED_READ_ONLY',
  'ARCHIVED_READ_ONLY',
  'TRANSITION_NOT_ALLOWED',
  'SIGN_BY_SEALING',
  'SIGNER_NOT_ALLOWED',
  'ARCHIVER_NOT_ALLOWED',
  'ARCHIVE_SIGNED_OFFICE_ONLY',
  'DELETE_DRAFT_ONLY',
  'DELETER_NOT_ALLOWED',
  'PREFLIGHT_BLOCKS',
  'REVISE_SIGNED_ONLY',
  'CHANGED_WHILE_PRINTING',
  'WIZARD_SESSION_CLOSED',
  'WIZARD_SESSION_EXPIRED',
  'POLICY_LOCKED',
  'SHARE_NOT_ON_SERVER',
  'DOCUMENT_OF_ANOTHER_VALUATION',
  // printing and files
  'PRINT_UNAVAILABLE',
  'PRINT_FAILED',
  'FILE_TOO_LARGE_TO_READ',
  'FILE_KIND_NOT_OPENABLE',
  'TYPE_NOT_ALLOWED',
  'TYPE_MISMATCH',
  'TOO_LARGE',
  'INVALID_HASH',
  'IO',
  'NOT_AN_IMAGE',
  'IMAGE_TOO_DETAILED',
  // comparables files
  'MISSING_COLUMNS',
  'INVALID_ROWS',
  'TOO_MANY_ROWS',
  'UNREADABLE',
  'NO_WORKSHEET',
  'DATE_ORDER_REQUIRED',
  // the input itself (details.issues: path, zod code, bounds)
  'INVALID_INPUT',
  // the local database
  'DATA_RULE',
  'DISK',
  // a failure the core did not expect (a bug, logged)
  'UNEXPECTED',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

export const isErrorReason = (value: unknown): value is ErrorReason => typeof value === 'string' && (ERROR_REASONS as readonly string[]).includes(value);

/** A code the sync server answered with, as a reason (one the catalog does not know is SERVER_REFUSED). */
export const serverReason = (code: string): ErrorReason => (isErrorReason(code) ? code : 'SERVER_REFUSED');
