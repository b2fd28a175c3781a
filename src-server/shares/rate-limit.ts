// Wrong share passwords are limited like sign-ins (auth/rate-limit.ts, same in-memory, per-instance
// trade-off): at most 5 failures per link and 20 per IP address within 15 minutes, then 429 until the
// oldest failure leaves the window — even for the right password. Links are keyed by a hash of the
// token, so the limiter's memory never holds a usable credential.
import { createHash } from 'node:crypto';
import { LoginRateLimiter, type RateLimitOptions } from '../auth/rate-limit.ts';

export const SHARE_PASSWORD_LIMITS = { maxFailuresPerEmail: 5, maxFailuresPerIp: 20, windowMs: 15 * 60 * 1000 } as const;

export class SharePasswordLimiter {
  readonly #limiter: LoginRateLimiter;

  constructor(now: () => Date, options: Partial<RateLimitOptions> = {}) {
    // The login limiter's "email" key is the link here.
    this.#limiter = new LoginRateLimiter(now, { ...SHARE_PASSWORD_LIMITS, ...options });
  }

  /** Throws RateLimitedError (429, retryAfterSeconds) while the link or the IP has used up its failures. */
  check(token: string, ip: string | null): void {
    this.#limiter.check(linkKey(token), ip);
  }

  recordFailure(token: string, ip: string | null): void {
    this.#limiter.recordFailure(linkKey(token), ip);
  }

  recordSuccess(token: string): void {
    this.#limiter.recordSuccess(linkKey(token));
  }
}

const linkKey = (token: string) => createHash('sha256').update(token).digest('hex');
