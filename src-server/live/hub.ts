// Live updates (ARCHITECTURE.md "Server"): every instance LISTENs on the PostgreSQL channel the
// change feed NOTIFYs at commit, and forwards "organization X is at version N" to its SSE subscribers,
// so a device sees a colleague's change within a second whichever instance served the push.
import { liveEvent } from '../../src-shared/sync/protocol.ts';
import type { ServerDatabase } from '../db/database.ts';
import { LIVE_CHANNEL } from '../sync/change-feed.ts';

export type LiveSubscriber = (version: number) => void;

export interface LiveHub {
  subscribe(organizationId: string, subscriber: LiveSubscriber): () => void;
  subscriberCount(): number;
  close(): Promise<void>;
}

export async function startLiveHub(db: ServerDatabase, onBadMessage: (payload: string) => void): Promise<LiveHub> {
  const subscribers = new Map<string, Set<LiveSubscriber>>();
  const stop = await db.listen(LIVE_CHANNEL, (payload) => {
    let parsed;
    try {
      parsed = liveEvent.safeParse(JSON.parse(payload));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) return onBadMessage(payload);
    for (const subscriber of subscribers.get(parsed.data.organizationId) ?? []) subscriber(parsed.data.version);
  });
  return {
    subscribe(organizationId, subscriber) {
      const set = subscribers.get(organizationId) ?? new Set();
      set.add(subscriber);
      subscribers.set(organizationId, set);
      return () => {
        set.delete(subscriber);
        if (set.size === 0) subscribers.delete(organizationId);
      };
    },
    subscriberCount: () => [...subscribers.values()].reduce((n, s) => n + s.size, 0),
    close: stop,
  };
}
