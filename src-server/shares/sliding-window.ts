// Counting events per key in a sliding window, in memory: the same bookkeeping as the sign-in limiter
// (auth/rate-limit.ts) — each key keeps the times of its newest events, at most `limit` of them, oldest
// first — with bounded memory: above maxKeys tracked keys the expired ones are swept, and if that is not
// enough the least recently used keys are forgotten, down to 90 % of maxKeys so that a spray of new
// keys pays for one sweep per maxKeys/10 keys rather than one per request.
//
// Forgetting a key only ever lets more through (it never refuses what should pass), and a key in active
// use — counting events or refusing them — is recently used, so it is the last to go.

export interface SlidingWindowOptions {
  windowMs: number;
  maxKeys: number;
}

export class SlidingWindowLog {
  readonly #windowMs: number;
  readonly #maxKeys: number;
  /** key -> times (ms) of its events in the window, oldest first; Map order = least recently used first. */
  readonly #times = new Map<string, number[]>();

  constructor(options: SlidingWindowOptions) {
    this.#windowMs = options.windowMs;
    this.#maxKeys = options.maxKeys;
  }

  /** Milliseconds until `key` has room for one more event under `limit`; 0 when it has room now. */
  waitMs(key: string, limit: number, now: number): number {
    const recent = this.#recent(key, now);
    if (recent.length < limit) return 0;
    // A key that is refusing is in use: it moves to the recent end, or a spray of new keys would
    // push it out and its budget would start afresh.
    this.#times.delete(key);
    this.#times.set(key, recent);
    // Room again when enough events have left the window to leave one free place.
    const freeing = recent[recent.length - limit] ?? now;
    return Math.max(1, freeing + this.#windowMs - now);
  }

  /** Records an event of `key` at `now`; only the newest `limit` events are kept (all a decision needs). */
  add(key: string, limit: number, now: number): void {
    const recent = this.#recent(key, now);
    recent.push(now);
    this.#times.delete(key);
    this.#times.set(key, recent.length > limit ? recent.slice(-limit) : recent);
    if (this.#times.size > this.#maxKeys) this.#evict(now);
  }

  /** Takes back an event recorded at `at` (one that did not happen after all). */
  remove(key: string, at: number): void {
    const times = this.#times.get(key);
    if (!times) return;
    const index = times.lastIndexOf(at);
    if (index < 0) return;
    times.splice(index, 1);
    if (times.length === 0) this.#times.delete(key);
  }

  /** Number of keys tracked (for tests and metrics). */
  get size(): number {
    return this.#times.size;
  }

  #recent(key: string, now: number): number[] {
    const times = this.#times.get(key);
    if (!times) return [];
    const recent = times.filter((t) => t > now - this.#windowMs);
    if (recent.length === 0) this.#times.delete(key);
    else if (recent.length !== times.length) this.#times.set(key, recent);
    return recent;
  }

  #evict(now: number): void {
    for (const key of [...this.#times.keys()]) this.#recent(key, now);
    const target = Math.floor(this.#maxKeys * 0.9);
    for (const key of this.#times.keys()) {
      if (this.#times.size <= target) break;
      this.#times.delete(key);
    }
  }
}
