import { create } from 'zustand';
import type { SyncStatus } from '../../src-shared/contract/entities.ts';
import { api } from '../api/index.ts';

interface SyncStore {
  status: SyncStatus | null;
  load(): Promise<void>;
  pause(): Promise<void>;
  start(): Promise<void>;
}

export const useSync = create<SyncStore>((set) => ({
  status: null,
  async load() {
    set({ status: await api.call('sync.status', {}) });
  },
  async pause() {
    set({ status: await api.call('sync.pause', {}) });
  },
  async start() {
    set({ status: await api.call('sync.start', {}) });
  },
}));

// The core pushes every state change; local writes change the pending count.
api.on('sync.status', (status) => useSync.setState({ status }));
api.on('data.changed', () => void useSync.getState().load());
