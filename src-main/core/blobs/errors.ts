// The blob store's one error type. The core maps the codes onto its own error vocabulary
// (TYPE_* and TOO_LARGE -> VALIDATION, NOT_FOUND -> NOT_FOUND, IO and INVALID_HASH -> STORAGE).

export type BlobErrorCode = 'TYPE_NOT_ALLOWED' | 'TYPE_MISMATCH' | 'TOO_LARGE' | 'NOT_FOUND' | 'IO' | 'INVALID_HASH';

export class BlobError extends Error {
  readonly code: BlobErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: BlobErrorCode, message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'BlobError';
    this.code = code;
    this.details = details;
  }
}

/** Wraps a file-system failure; a missing file becomes NOT_FOUND. */
export function ioError(action: string, error: unknown, details: Record<string, unknown> = {}): BlobError {
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  if (errno === 'ENOENT') return new BlobError('NOT_FOUND', `Could not ${action}: the file does not exist.`, details, error);
  const reason = error instanceof Error ? error.message : String(error);
  return new BlobError('IO', `Could not ${action}: ${reason}`, { ...details, errno }, error);
}
