// Login rate limiting: at most 5 failed sign-ins per email and 20 per IP address within 15 minutes;
// after that every attempt (even with the right password) is refused with 429 RATE_LIMITED and a
// Retry-After until the oldest counted failure leaves the window. The failures are counted in
// PostgreSQL (shared-rate-limit.ts), so every server instance on one database shares the budget.
import { HttpError } from '../http/errors.ts';

export interface RateLimitOptions {
  maxFailuresPerEmail: number;
  maxFailuresPerIp: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 20,
  windowMs: 15 * 60 * 1000,
};

export class RateLimitedError extends HttpError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', `Too many failed sign-in attempts; try again in ${describeWait(retryAfterSeconds)}.`, {
      retryAfterSeconds,
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
