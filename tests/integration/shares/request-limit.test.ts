// The in-memory pieces behind the public link limits (src-server/shares/request-limit.ts): client keys,
// the request limiter's windows and bounded memory, and the view-log throttle. The routes themselves are
// tested over HTTP in share-routes.test.ts.
import { describe, expect, it } from 'vitest';
import { clientKey, ShareRequestLimiter, ViewLogThrottle } from '../../../src-server/shares/request-limit.ts';
import { SlidingWindowLog } from '../../../src-server/shares/sliding-window.ts';

const TOKEN = 'A'.repeat(43);

function clock() {
  const state = { now: new Date('2026-03-01T10:00:00Z') };
  return { now: () => state.now, advance: (ms: number) => (state.now = new Date(state.now.getTime() + ms)) };
}

describe('clientKey', () => {
  it('keys IPv4 by address, IPv6 by its /64, IPv4-mapped IPv6 by the IPv4 address', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:5:7::1')).toBe('2001:db8:5:7::/64');
    expect(clientKey('2001:0DB8:0005:0007:ffff:1:2:3')).toBe('2001:db8:5:7::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('::ffff:203.0.113.40')).toBe('203.0.113.40');
    expect(clientKey('::ffff:cb00:7128')).toBe('203.0.113.40');
    expect(clientKey('')).toBeNull();
    expect(clientKey(undefined)).toBeNull();
  });
});

describe('ShareRequestLimiter', () => {
  it('allows 30 requests a minute per address and 60 per link; refused requests are not counted', () => {
    const time = clock();
    const limiter = new ShareRequestLimiter(time.now);
    for (let i = 0; i < 30; i++) expect(limiter.take(TOKEN, '203.0.113.1')).toBeNull();
    expect(limiter.take(TOKEN, '203.0.113.1')).toEqual({ retryAfterSeconds: 60 });
    time.advance(20_000);
    expect(limiter.take('B'.repeat(43), '203.0.113.1')).toEqual({ retryAfterSeconds: 40 }); // the address, whatever the link
    for (let i = 0; i < 30; i++) expect(limiter.take(TOKEN, `198.51.100.${i}`)).toBeNull();
    expect(limiter.take(TOKEN, '198.51.100.200')).toEqual({ retryAfterSeconds: 40 }); // the link, whatever the address
    expect(limiter.take('B'.repeat(43), '198.51.100.200')).toBeNull();
    time.advance(40_000);
    // The first 30 left the window; the next 30 (20 s later) are still in it.
    expect(limiter.take(TOKEN, '203.0.113.1')).toBeNull();
  });

  it('keeps its memory bounded under a spray of addresses and links, and keeps a link in use', () => {
    const time = clock();
    const limiter = new ShareRequestLimiter(time.now, { maxKeys: 1_000 });
    for (let i = 0; i < 10_000; i++) {
      expect(limiter.take(TOKEN, null)).toEqual(i < 60 ? null : { retryAfterSeconds: 60 });
      limiter.take(`spray-${i}`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      expect(limiter.size).toBeLessThanOrEqual(1_000);
    }
    time.advance(61_000);
    expect(limiter.take(TOKEN, null)).toBeNull();
  });
});

describe('SlidingWindowLog', () => {
  it('frees a place when the oldest counted event leaves the window', () => {
    const log = new SlidingWindowLog({ windowMs: 1_000, maxKeys: 10 });
    log.add('k', 2, 0);
    log.add('k', 2, 400);
    expect(log.waitMs('k', 2, 500)).toBe(500);
    expect(log.waitMs('k', 2, 999)).toBe(1);
    expect(log.waitMs('k', 2, 1_000)).toBe(0); // the event at 0 has left the window
    expect(log.waitMs('k', 3, 500)).toBe(0);
    log.remove('k', 400);
    expect(log.waitMs('k', 2, 500)).toBe(0);
  });
});

describe('ViewLogThrottle', () => {
  it('one logged view per link and address per 10 minutes, at most 20 per link per hour; a released claim is given back', () => {
    const time = clock();
    const throttle = new ViewLogThrottle(time.now);
    expect(throttle.claim('share-1', '203.0.113.1')).not.toBeNull();
    expect(throttle.claim('share-1', '203.0.113.1')).toBeNull();
    expect(throttle.claim('share-2', '203.0.113.1')).not.toBeNull();
    const released = throttle.claim('share-1', '203.0.113.2');
    released!.release();
    expect(throttle.claim('share-1', '203.0.113.2')).not.toBeNull();
    for (let i = 3; i <= 20; i++) expect(throttle.claim('share-1', `203.0.113.${i}`)).not.toBeNull();
    expect(throttle.claim('share-1', '203.0.113.21')).toBeNull(); // 20 this hour
    time.advance(10 * 60 * 1000);
    expect(throttle.claim('share-1', '203.0.113.1')).toBeNull(); // the address may, the link may not
    time.advance(50 * 60 * 1000);
    expect(throttle.claim('share-1', '203.0.113.1')).not.toBeNull();
  });
});
