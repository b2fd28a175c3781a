// The sign-in limiter (rate-limit.ts) with its failures counted in PostgreSQL (auth_failures), so that
// every server instance on one database shares them: N instances behind a load balancer give no more
// than one budget, and a restart forgets nothing. Same rules and answers as the in-memory limiter.
import type { SqlSession } from '../db/database.ts';
import { DEFAULT_RATE_LIMIT, RateLimitedError, type RateLimitOptions } from './rate-limit.ts';

export class SharedLoginRateLimiter {
  readonly #db: SqlSession;
  readonly #now: () => Date;
  readonly #options: RateLimitOptions;
  /** Keeps the counts of different limiters apart (sign-in and share passwords count IPs separately). */
  readonly #scope: string;

  constructor(db: SqlSession, scope: string, now: () => Date, options: Partial<RateLimitOptions> = {}) {
    this.#db = db;
    this.#scope = scope;
    this.#now = now;
    this.#options = { ...DEFAULT_RATE_LIMIT, ...options };
  }

  #emailKey(email: string): string {
    return `${this.#scope}:email:${email.trim().toLowerCase()}`;
  }

  #ipKey(ip: string): string {
    return `${this.#scope}:ip:${ip}`;
  }

  /** Throws RateLimitedError when this key (an e-mail, a link) or IP has used up its failures. Call before verifying. */
  async check(key: string, ip: string | null): Promise<void> {
    const now = this.#now().getTime();
    const keys = [this.#emailKey(key), ...(ip ? [this.#ipKey(ip)] : [])];
    const rows = await this.#db.query<{ key: string; failed_at: string | Date }>(
      'SELECT key, failed_at FROM auth_failures WHERE key = ANY($1::text[]) AND failed_at > $2 ORDER BY failed_at',
      [keys, new Date(now - this.#options.windowMs).toISOString()],
    );
    const times = (k: string) => rows.filter((r) => r.key === k).map((r) => new Date(r.failed_at).getTime());
    let wait = this.#waitMs(times(this.#emailKey(key)), this.#options.maxFailuresPerEmail, now);
    if (ip) wait = Math.max(wait, this.#waitMs(times(this.#ipKey(ip)), this.#options.maxFailuresPerIp, now));
    if (wait > 0) throw new RateLimitedError(Math.max(1, Math.ceil(wait / 1000)));
  }

  async recordFailure(key: string, ip: string | null): Promise<void> {
    const now = this.#now();
    const keys = [this.#emailKey(key), ...(ip ? [this.#ipKey(ip)] : [])];
    await this.#db.query('INSERT INTO auth_failures (key, failed_at) SELECT k, $2 FROM unnest($1::text[]) AS k', [keys, now.toISOString()]);
    // Failures out of the window decide nothing any more.
    await this.#db.query('DELETE FROM auth_failures WHERE failed_at <= $1', [new Date(now.getTime() - this.#options.windowMs).toISOString()]);
  }

  /** A correct password clears the key's failures (not the IP's: one office shares an address). */
  async recordSuccess(key: string): Promise<void> {
    await this.#db.query('DELETE FROM auth_failures WHERE key = $1', [this.#emailKey(key)]);
  }

  #waitMs(recent: readonly number[], limit: number, now: number): number {
    if (recent.length < limit) return 0;
    // Allowed again when enough failures have aged out to leave one attempt.
    const freeing = recent[recent.length - limit] ?? now;
    return freeing + this.#options.windowMs - now;
  }
}
