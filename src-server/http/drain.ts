// Reading and discarding the rest of a refused request's body before answering (issue #16): closing
// the connection while the client is still sending makes it see a broken pipe instead of the answer,
// so a "413 too large" would look like "network down" and be retried. Bounded in bytes and time: past
// that the connection is closed anyway.
import type { IncomingMessage } from 'node:http';

export const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
export const DRAIN_MAX_MS = 30_000;

/** Resolves true once the body has been read to its end, false when a bound stopped the reading. */
export function drainRequest(request: IncomingMessage, maxBytes = DRAIN_MAX_BYTES, maxMs = DRAIN_MAX_MS): Promise<boolean> {
  if (request.readableEnded || request.destroyed) return Promise.resolve(request.readableEnded);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (complete: boolean) => {
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onError);
      if (!complete) request.pause();
      resolve(complete);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = () => finish(false);
    const timer = setTimeout(() => finish(false), maxMs);
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', onError);
    request.once('close', onError);
    request.resume();
  });
}
