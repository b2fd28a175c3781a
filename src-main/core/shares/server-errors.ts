// The sync server's refusals of share-link calls, as the core's typed errors.
import { serverReason } from '../../../src-shared/contract/error-reasons.ts';
import { AppError } from '../../../src-shared/contract/errors.ts';
import { SyncHttpError } from '../sync/server-client.ts';

/** Share links live on the server: when it cannot answer, nothing can be created or revoked. */
export function noServer(): AppError {
  return new AppError('UNAVAILABLE', 'No sync server is configured: share links are created and served by the server. Set its address in settings.', { reason: 'NO_SERVER_CONFIGURED' });
}

/** Whether the server simply could not answer (offline, down, busy, signed out), as opposed to refusing. */
export function serverUnreachable(error: unknown): boolean {
  return error instanceof SyncHttpError && (error.transient || error.status === 401 || isMissingRoute(error));
}

/** Runs a server call and turns its failures into AppErrors; anything else (a bug) passes through. */
export async function callShareServer<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw shareError(error);
  }
}

/** A server failure as an AppError; any other error unchanged. */
export function shareError(error: unknown): unknown {
  return error instanceof SyncHttpError ? toAppError(error) : error;
}

function toAppError(error: SyncHttpError): AppError {
  const details = { reason: serverReason(error.code), status: error.status };
  if (error.transient) {
    return new AppError('UNAVAILABLE', `The sync server cannot be reached right now, and share links need it. ${error.message}`, { ...details, reason: 'SERVER_UNREACHABLE' });
  }
  if (isMissingRoute(error)) {
    return new AppError('UNAVAILABLE', 'This sync server does not offer share links yet; it needs to be updated.', { ...details, reason: 'SERVER_TOO_OLD' });
  }
  switch (error.status) {
    case 401:
      return new AppError('UNAUTHENTICATED', `Sign in again to manage share links. ${error.message}`, details);
    case 403:
      return new AppError('FORBIDDEN', error.message, details);
    case 404:
      return new AppError('NOT_FOUND', error.message, details);
    case 409:
      return new AppError(error.code === 'LIFECYCLE' ? 'LIFECYCLE' : 'CONFLICT', error.message, details);
    default:
      return new AppError('VALIDATION', error.message, details);
  }
}

/** A server from before share links answers "No route …" (src-server/http/errors.ts). */
function isMissingRoute(error: SyncHttpError): boolean {
  return error.status === 404 && error.message.startsWith('No route ');
}
