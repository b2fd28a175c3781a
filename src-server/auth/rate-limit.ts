// Login rate limiting: at most 5 failed sign-ins per email and 20 per IP address within 15 minutes;
// after that every attempt (even with the right password) is refused with 429 RATE_LIMITED and a
// Retry-After until the oldest counted failure leaves the window.
//
// The counters live in memory, per server instance. With N instances behind a load balancer an
// attacker can get up to N times the budget (less with sticky sessions), and a restart forgets them.
// That is accepted: argon2id keeps each guess expensive anyway. Sharing the counters across
// instances would need a table (or another shared store) — a schema change, not done here.
import { HttpError } from '../http/errors.ts';

export interface RateLimitOptions {
  maxFailuresPerEmail: number;
  maxFailuresPerIp: number;
  windowMs: number;
  /** Above this many tracked keys, expired ones are swept and then the oldest dropped. */
  maxKeys: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 20,
  windowMs: 15 * 60 * 1000,
  maxKeys: 100_000,
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

export class LoginRateLimiter {
  readonly #now: () => Date;
  readonly #options: RateLimitOptions;
  /** key -> times (ms) of recent failures, oldest first, at most `limit` of them. */
  readonly #failures = new Map<string, number[]>();

  constructor(now: () => Date, options: Partial<RateLimitOptions> = {}) {
    this.#now = now;
    this.#options = { ...DEFAULT_RATE_LIMIT, ...options };
  }

  /** Throws RateLimitedError when this email or IP has used up its failures. Call before verifying. */
  check(email: string, ip: string | null): void {
    const now = this.#now().getTime();
    let wait = this.#waitMs(emailKey(email), this.#options.maxFailuresPerEmail, now);
    if (ip) wait = Math.max(wait, this.#waitMs(ipKey(ip), this.#options.maxFailuresPerIp, now));
    if (wait > 0) throw new RateLimitedError(Math.max(1, Math.ceil(wait / 1000)));
  }

  recordFailure(email: string, ip: string | null): void {
    const now = this.#now().getTime();
    this.#push(emailKey(email), this.#options.maxFailuresPerEmail, now);
    if (ip) this.#push(ipKey(ip), this.#options.maxFailuresPerIp, now);
  }

  /** A correct password clears the email's failures (not the IP's: one office shares an address). */
  recordSuccess(email: string): void {
    this.#failures.delete(emailKey(email));
  }

  /** Number of keys tracked (for tests and metrics). */
  get size(): number {
    return this.#failures.size;
  }

  #recent(key: string, now: number): number[] {
    const times = this.#failures.get(key);
    if (!times) return [];
    const recent = times.filter((t) => t > now - this.#options.windowMs);
    if (recent.length === 0) this.#failures.delete(key);
    else if (recent.length !== times.length) this.#failures.set(key, recent);
    return recent;
  }

  #waitMs(key: string, limit: number, now: number): number {
    const recent = this.#recent(key, now);
    if (recent.length < limit) return 0;
    // Allowed again when enough failures have aged out to leave one attempt.
    const freeing = recent[recent.length - limit] ?? now;
    return freeing + this.#options.windowMs - now;
  }

  #push(key: string, limit: number, now: number): void {
    const recent = this.#recent(key, now);
    recent.push(now);
    // Only the newest `limit` failures matter for the decision.
    this.#failures.delete(key);
    this.#failures.set(key, recent.slice(-limit));
    if (this.#failures.size > this.#options.maxKeys) this.#sweep(now);
  }

  #sweep(now: number): void {
    for (const key of [...this.#failures.keys()]) this.#recent(key, now);
    // Still too many (a spray of distinct emails): forget the least recently failed keys.
    for (const key of this.#failures.keys()) {
      if (this.#failures.size <= this.#options.maxKeys) break;
      this.#failures.delete(key);
    }
  }
}

const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
