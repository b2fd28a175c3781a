// The sign-in limiter counts failures in PostgreSQL (auth_failures): the same rules as before, shared
// by every limiter (every server instance) on the database, and the table does not grow without bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../../src-server/auth/rate-limit.ts';
import { SharedLoginRateLimiter } from '../../../src-server/auth/shared-rate-limit.ts';
import type { ServerDatabase } from '../../../src-server/db/database.ts';
import { openServerDatabase } from '../../../src-server/db/open.ts';

let db: ServerDatabase;
beforeAll(async () => {
  ({ db } = await openServerDatabase({}));
});
afterAll(() => db.close());

function limiters(options: ConstructorParameters<typeof SharedLoginRateLimiter>[3] = {}) {
  const clock = { now: new Date('2026-03-01T10:00:00Z') };
  const advance = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
  const scope = `test-${Math.random().toString(36).slice(2)}`;
  // Two instances' limiters on one database.
  return { a: new SharedLoginRateLimiter(db, scope, () => clock.now, options), b: new SharedLoginRateLimiter(db, scope, () => clock.now, options), advance };
}

async function caught(promise: Promise<void>): Promise<RateLimitedError | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
  return undefined;
}

describe('SharedLoginRateLimiter', () => {
  it('allows 5 failures per email across instances, then refuses with the time until the oldest leaves the window', async () => {
    const { a, b, advance } = limiters();
    for (let i = 0; i < 5; i++) {
      const limiter = i % 2 ? b : a;
      expect(await caught(limiter.check('dana@example.com', '10.0.0.1'))).toBeUndefined();
      await limiter.recordFailure('dana@example.com', '10.0.0.1');
      advance(60_000);
    }
    const error = await caught(a.check('Dana@Example.com ', '10.0.0.2'));
    expect(error?.status).toBe(429);
    expect(error?.code).toBe('RATE_LIMITED');
    // Oldest failure at t=0, now t=5 min, window 15 min -> 10 minutes.
    expect(error?.retryAfterSeconds).toBe(600);
    expect(error?.message).toMatch(/10 minutes/);
    expect(await caught(b.check('eli@example.com', '10.0.0.1'))).toBeUndefined();
    advance(600_000);
    expect(await caught(b.check('dana@example.com', '10.0.0.1'))).toBeUndefined();
  });

  it('allows 20 failures per IP across emails', async () => {
    const { a, b } = limiters();
    for (let i = 0; i < 20; i++) await (i % 2 ? a : b).recordFailure(`user${i}@example.com`, '10.0.0.9');
    expect((await caught(a.check('new@example.com', '10.0.0.9')))?.retryAfterSeconds).toBe(900);
    expect(await caught(a.check('new@example.com', '10.0.0.8'))).toBeUndefined();
    expect(await caught(a.check('new@example.com', null))).toBeUndefined();
  });

  it('a success clears the email (not the IP); limiters of other scopes count apart', async () => {
    const { a, b } = limiters({ maxFailuresPerIp: 6 });
    for (let i = 0; i < 4; i++) await a.recordFailure('dana@example.com', '10.0.0.1');
    await b.recordSuccess('dana@example.com');
    for (let i = 0; i < 2; i++) await a.recordFailure('dana@example.com', '10.0.0.1');
    expect(await caught(a.check('dana@example.com', '10.0.0.2'))).toBeUndefined();
    expect(await caught(a.check('dana@example.com', '10.0.0.1'))).toBeInstanceOf(RateLimitedError);
    const other = limiters({ maxFailuresPerIp: 6 });
    expect(await caught(other.a.check('dana@example.com', '10.0.0.1'))).toBeUndefined();
  });

  it('forgets failures that left the window', async () => {
    const { a, advance } = limiters();
    for (let i = 0; i < 50; i++) await a.recordFailure(`spray${i}@example.com`, null);
    advance(15 * 60 * 1000 + 1);
    await a.recordFailure('last@example.com', null);
    const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM auth_failures WHERE key LIKE '%spray%'");
    expect(row?.n).toBe(0);
  });
});
