import { create } from 'zustand';
import type { SyncStatus } from '../../src-shared/contract/entities.ts';
import { api } from '../api/index.ts';

interface SyncStore {
  status: SyncStatus | null;
  load(): Promise<void>;
  pause(): Promise<void>;
  start(): Promise<void>;
}

/**
 * Counts the statuses the core pushed over the event stream. An answer that crossed a pushed status on
 * its way is not shown: the two travel on different connections, so the answer ("pulling") may arrive
 * after a newer push ("up to date") and would otherwise stay on screen until the next change.
 */
let pushed = 0;

/** Calls the core and shows its answer unless a pushed status arrived meanwhile. */
async function unlessPushed(request: () => Promise<SyncStatus>, set: (state: { status: SyncStatus }) => void): Promise<boolean> {
  const seen = pushed;
  const status = await request();
  if (seen !== pushed) return false;
  set({ status });
  return true;
}

export const useSync = create<SyncStore>((set) => ({
  status: null,
  async load() {
    // The pending count changes without a push (local writes): ask again rather than keep an older count.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await unlessPushed(() => api.call('sync.status', {}), set)) return;
    }
  },
  async pause() {
    // sync.pause/start push the same status they answer; a later push is newer.
    await unlessPushed(() => api.call('sync.pause', {}), set);
  },
  async start() {
    await unlessPushed(() => api.call('sync.start', {}), set);
  },
}));

// The core pushes every state change; local writes change the pending count.
api.on('sync.status', (status) => {
  pushed++;
  useSync.setState({ status });
});
api.on('data.changed', () => void useSync.getState().load());
