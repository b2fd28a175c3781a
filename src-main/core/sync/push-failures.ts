// What the engine does when a push fails other than by the network (issue #16): the queue head must
// never block the outbox forever. A failing batch is split until the failing mutation is alone; a lone
// mutation the server cannot take (413) or keeps failing on is set aside as rejected with its reason,
// and the rest of the queue goes on.
import { ZodError } from 'zod';
import { MAX_PUSH_BODY_BYTES, MAX_PUSH_MUTATIONS, type RejectionCode } from '../../../src-shared/sync/protocol.ts';
import { SyncHttpError } from './server-client.ts';

/** Failed pushes of a lone mutation (server errors, unreadable answers) before it is set aside. */
export const MAX_PUSH_FAILURES = 5;

export type PushFailure =
  /** Offline, timed out, or the server is not taking requests now (429): try the same again later. */
  | { kind: 'retry' }
  /** This batch (or this lone mutation) is at fault or may be: smaller batches, then set aside. */
  | { kind: 'batch'; code: RejectionCode; reason: string };

export function classifyPushFailure(error: unknown): PushFailure {
  if (error instanceof ZodError || error instanceof SyntaxError) {
    return { kind: 'batch', code: 'FAILED_REPEATEDLY', reason: 'The server answered something this app cannot read.' };
  }
  if (!(error instanceof SyncHttpError)) return { kind: 'retry' };
  if (error.status === 413) return { kind: 'batch', code: 'TOO_LARGE', reason: error.message };
  if (error.status === 400 || error.status === 422 || error.status >= 500) return { kind: 'batch', code: 'FAILED_REPEATEDLY', reason: error.message };
  // 0 (network), 401/403/404 (sign-in, device, membership: not this change's fault), 409, 429.
  return { kind: 'retry' };
}

/** The size of a push body (bytes of its JSON), to keep a batch under the server's limit before sending it. */
export function pushBodyBytes(deviceId: string, mutations: readonly unknown[]): number {
  return Buffer.byteLength(JSON.stringify({ deviceId, mutations }));
}

/**
 * How many of the queue's next mutations go in one push: at most `limit`, and fewer while the body
 * would exceed the server's limit. At least one (a lone mutation over the limit is set aside by the caller).
 */
export function fittingCount(deviceId: string, wire: readonly unknown[], limit: number): number {
  let count = Math.max(1, Math.min(limit, wire.length, MAX_PUSH_MUTATIONS));
  while (count > 1 && pushBodyBytes(deviceId, wire.slice(0, count)) > MAX_PUSH_BODY_BYTES) count = Math.ceil(count / 2);
  return count;
}
