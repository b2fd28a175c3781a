// Wrong share passwords are limited like sign-ins (auth/shared-rate-limit.ts, counted in PostgreSQL and
// shared by every server instance): at most 5 failures per link and 20 per IP address within 15 minutes, then 429 until the
// oldest failure leaves the window — even for the right password. Links are keyed by a hash of the
// token, so the limiter's memory never holds a usable credential.
import { createHash } from 'node:crypto';
import type { RateLimitOptions } from '../auth/rate-limit.ts';
import { SharedLoginRateLimiter } from '../auth/shared-rate-limit.ts';
import type { SqlSession } from '../db/database.ts';

export const SHARE_PASSWORD_LIMITS = { maxFailuresPerEmail: 5, maxFailuresPerIp: 20, windowMs: 15 * 60 * 1000 } as const;

export class SharePasswordLimiter {
  readonly #limiter: SharedLoginRateLimiter;

  constructor(db: SqlSession, now: () => Date, options: Partial<RateLimitOptions> = {}) {
    // The login limiter's "email" key is the link here.
    this.#limiter = new SharedLoginRateLimiter(db, 'share-password', now, { ...SHARE_PASSWORD_LIMITS, ...options });
  }

  /** Throws RateLimitedError (429, retryAfterSeconds) while the link or the IP has used up its failures. */
  check(token: string, ip: string | null): Promise<void> {
    return this.#limiter.check(linkKey(token), ip);
  }

  recordFailure(token: string, ip: string | null): Promise<void> {
    return this.#limiter.recordFailure(linkKey(token), ip);
  }

  recordSuccess(token: string): Promise<void> {
    return this.#limiter.recordSuccess(linkKey(token));
  }
}

const linkKey = (token: string) => createHash('sha256').update(token).digest('hex');
