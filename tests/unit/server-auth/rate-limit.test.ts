import { describe, expect, it } from 'vitest';
import { LoginRateLimiter, RateLimitedError } from '../../../src-server/auth/rate-limit.ts';

function limiter(options: ConstructorParameters<typeof LoginRateLimiter>[1] = {}) {
  const clock = { now: new Date('2026-03-01T10:00:00Z') };
  const advance = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
  return { limiter: new LoginRateLimiter(() => clock.now, options), advance };
}

function caught(fn: () => void): RateLimitedError | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
  return undefined;
}

describe('LoginRateLimiter', () => {
  it('allows 5 failures per email, then refuses with the time until the oldest leaves the window', () => {
    const { limiter: l, advance } = limiter();
    for (let i = 0; i < 5; i++) {
      expect(caught(() => l.check('dana@example.com', '10.0.0.1'))).toBeUndefined();
      l.recordFailure('dana@example.com', '10.0.0.1');
      advance(60_000);
    }
    const error = caught(() => l.check('Dana@Example.com ', '10.0.0.2'));
    expect(error?.status).toBe(429);
    expect(error?.code).toBe('RATE_LIMITED');
    // Oldest failure at t=0, now t=5 min, window 15 min -> 10 minutes.
    expect(error?.retryAfterSeconds).toBe(600);
    expect(error?.message).toMatch(/10 minutes/);
    // Another email from the same address is fine.
    expect(caught(() => l.check('eli@example.com', '10.0.0.1'))).toBeUndefined();
    advance(600_000);
    expect(caught(() => l.check('dana@example.com', '10.0.0.1'))).toBeUndefined();
  });

  it('allows 20 failures per IP across emails', () => {
    const { limiter: l } = limiter();
    for (let i = 0; i < 20; i++) l.recordFailure(`user${i}@example.com`, '10.0.0.9');
    expect(caught(() => l.check('new@example.com', '10.0.0.9'))?.retryAfterSeconds).toBe(900);
    expect(caught(() => l.check('new@example.com', '10.0.0.8'))).toBeUndefined();
    expect(caught(() => l.check('new@example.com', null))).toBeUndefined();
  });

  it('a success clears the email (not the IP)', () => {
    const { limiter: l } = limiter({ maxFailuresPerIp: 6 });
    for (let i = 0; i < 4; i++) l.recordFailure('dana@example.com', '10.0.0.1');
    l.recordSuccess('dana@example.com');
    for (let i = 0; i < 2; i++) l.recordFailure('dana@example.com', '10.0.0.1');
    expect(caught(() => l.check('dana@example.com', '10.0.0.2'))).toBeUndefined();
    expect(caught(() => l.check('dana@example.com', '10.0.0.1'))).toBeInstanceOf(RateLimitedError);
  });

  it('keeps its memory bounded', () => {
    const { limiter: l, advance } = limiter({ maxKeys: 100 });
    for (let i = 0; i < 1_000; i++) {
      l.recordFailure(`spray${i}@example.com`, null);
      advance(10);
    }
    expect(l.size).toBeLessThanOrEqual(100);
    advance(15 * 60 * 1000);
    l.recordFailure('last@example.com', null);
    l.recordFailure('last2@example.com', null);
    expect(l.size).toBeLessThanOrEqual(100);
  });
});
