// The preload of the app window (sandboxed, context-isolated; bundled to one CommonJS file because a
// sandboxed preload cannot load modules). It exposes exactly the CoreBridge as `window.shamay`:
// invoke, on and platform. No ipcRenderer, no IpcRendererEvent and no Node object crosses to the page.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, type CoreBridge } from '../../src-shared/contract/bridge.ts';
import type { Result } from '../../src-shared/contract/errors.ts';

const listeners = new Map<string, Set<(payload: unknown) => void>>();

// One subscription for all events; the page's listeners receive only the payload.
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (typeof event !== 'string') return;
  for (const listener of listeners.get(event) ?? []) {
    try {
      listener(payload);
    } catch (error) {
      console.error('shamay event listener failed', error);
    }
  }
});

const bridge: CoreBridge = {
  invoke(method: string, input: unknown): Promise<Result<unknown>> {
    // The main process validates everything; this only keeps the envelope's shape.
    return ipcRenderer.invoke(IPC_CHANNEL, { method, input }) as Promise<Result<unknown>>;
  },
  on(event, listener) {
    if (typeof event !== 'string' || typeof listener !== 'function') throw new TypeError('on(event: string, listener: function)');
    const wrapped = listener as (payload: unknown) => void;
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(wrapped);
    return () => {
      listeners.get(event)?.delete(wrapped);
    };
  },
  platform: 'electron',
};

contextBridge.exposeInMainWorld('shamay', bridge);
