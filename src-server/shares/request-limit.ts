// Limits on the public link routes (GET/POST /s/:token), checked before anything else — before the
// token is looked up, before a password is verified, before anything is written:
//
//   - 30 requests per minute per client address, 60 per minute per link (sliding 60-second windows).
//     A person opening a report makes a handful of requests (a chat app's link preview, the page, the
//     password form, a reload); 30 a minute leaves room for an office behind one NAT opening several
//     links, 60 for a link forwarded to many people. Anything past that is a program, and it gets 429
//     with Retry-After. Every request that passes may write to the organization's change feed (and takes
//     its counter lock for a few milliseconds), so one link costs the office at most one such write a
//     second, and one address at most one every two seconds. Requests refused with 429 are not counted.
//     Someone holding a link can use up that link's minute for its recipient — they have the report
//     already; the link works again a minute later.
//   - Log rows of views are coalesced (ViewLogThrottle): at most one `view` row per link per client
//     address per 10 minutes, and at most 20 per link per hour whatever the addresses. access_count is
//     still exact: every served view counts.
//
// An IPv6 client is keyed by its /64 (one subscriber's network hands out any address inside it), an
// IPv4-mapped address by its IPv4. Links are keyed by a hash of the token, so memory never holds a
// usable credential. As with sign-in (auth/rate-limit.ts) the counters are in memory, per server
// instance: N instances give up to N times the budget and a restart forgets them.
import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { SlidingWindowLog } from './sliding-window.ts';

export interface ShareRequestLimits {
  perAddress: number;
  perLink: number;
  windowMs: number;
  /** Keys tracked at most (one per address, one per link); each holds at most `perLink` times. */
  maxKeys: number;
}

export const SHARE_REQUEST_LIMITS: Readonly<ShareRequestLimits> = {
  perAddress: 30,
  perLink: 60,
  windowMs: 60 * 1000,
  // At most ~0.5 KB a key (60 times): about 10 MB when full.
  maxKeys: 20_000,
};

export interface ViewLogLimits {
  /** One logged view per link and client address in this window. */
  perAddressWindowMs: number;
  /** At most this many logged views per link in `perLinkWindowMs`, whatever the addresses. */
  perLink: number;
  perLinkWindowMs: number;
  maxKeys: number;
}

export const VIEW_LOG_LIMITS: Readonly<ViewLogLimits> = {
  perAddressWindowMs: 10 * 60 * 1000,
  perLink: 20,
  perLinkWindowMs: 60 * 60 * 1000,
  maxKeys: 50_000,
};

/** The key a client is limited by: its IPv4 address, or the /64 network of its IPv6 address. */
export function clientKey(ip: string | undefined | null): string | null {
  if (!ip) return null;
  const address = ip.replace(/%.*$/, ''); // an IPv6 zone
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    // An embedded IPv4 tail (::ffff:192.0.2.1) becomes two groups.
    const bytes = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest ? rest.split(':') : [];
  const missing = 8 - headGroups.length - restGroups.length;
  if (rest === undefined ? missing !== 0 : missing < 0) return null;
  const groups = [...headGroups, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...restGroups].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

const linkKey = (token: string) => `link:${createHash('sha256').update(token).digest('hex')}`;
const addressKey = (client: string) => `addr:${client}`;

export class ShareRequestLimiter {
  readonly #now: () => Date;
  readonly #limits: ShareRequestLimits;
  readonly #log: SlidingWindowLog;

  constructor(now: () => Date, limits: Partial<ShareRequestLimits> = {}) {
    this.#now = now;
    this.#limits = { ...SHARE_REQUEST_LIMITS, ...limits };
    this.#log = new SlidingWindowLog({ windowMs: this.#limits.windowMs, maxKeys: this.#limits.maxKeys });
  }

  /**
   * Counts one request for the link and the client, or — when either has used up its minute — counts
   * nothing and answers how many seconds to wait.
   */
  take(token: string, client: string | null): { retryAfterSeconds: number } | null {
    const now = this.#now().getTime();
    const link = linkKey(token);
    let wait = this.#log.waitMs(link, this.#limits.perLink, now);
    if (client) wait = Math.max(wait, this.#log.waitMs(addressKey(client), this.#limits.perAddress, now));
    if (wait > 0) return { retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    this.#log.add(link, this.#limits.perLink, now);
    if (client) this.#log.add(addressKey(client), this.#limits.perAddress, now);
    return null;
  }

  get size(): number {
    return this.#log.size;
  }
}

/** Decides which served views get a log row (see VIEW_LOG_LIMITS); the view is counted either way. */
export class ViewLogThrottle {
  readonly #now: () => Date;
  readonly #limits: ViewLogLimits;
  readonly #perAddress: SlidingWindowLog;
  readonly #perLink: SlidingWindowLog;

  constructor(now: () => Date, limits: Partial<ViewLogLimits> = {}) {
    this.#now = now;
    this.#limits = { ...VIEW_LOG_LIMITS, ...limits };
    this.#perAddress = new SlidingWindowLog({ windowMs: this.#limits.perAddressWindowMs, maxKeys: this.#limits.maxKeys });
    this.#perLink = new SlidingWindowLog({ windowMs: this.#limits.perLinkWindowMs, maxKeys: this.#limits.maxKeys });
  }

  /**
   * Reserves a log row for a view of the share by this client, or answers null when one was logged
   * recently enough. Give the claim back (release) if the view is not served after all.
   */
  claim(shareId: string, client: string | null): ViewLogClaim | null {
    const at = this.#now().getTime();
    const addressKey = `${shareId}|${client ?? ''}`;
    if (this.#perAddress.waitMs(addressKey, 1, at) > 0 || this.#perLink.waitMs(shareId, this.#limits.perLink, at) > 0) return null;
    this.#perAddress.add(addressKey, 1, at);
    this.#perLink.add(shareId, this.#limits.perLink, at);
    return {
      release: () => {
        this.#perAddress.remove(addressKey, at);
        this.#perLink.remove(shareId, at);
      },
    };
  }
}

export interface ViewLogClaim {
  release(): void;
}
