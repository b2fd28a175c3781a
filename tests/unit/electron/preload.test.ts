// The preload with stand-ins for contextBridge and ipcRenderer: what the page gets is exactly the
// CoreBridge, and nothing of Electron's IPC objects reaches it.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, type CoreBridge } from '../../../src-shared/contract/bridge.ts';

const fake = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const ipcListeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  const ipcRenderer = {
    invoke: vi.fn(async (_channel: string, _payload: unknown) => ({ ok: true, value: 'pong' })),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener]);
    }),
    send: vi.fn(),
  };
  const contextBridge = { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) };
  const emit = (channel: string, message: unknown) => {
    const event = { sender: ipcRenderer, senderId: 0, ports: [] };
    for (const listener of ipcListeners.get(channel) ?? []) listener(event, message);
  };
  return { exposed, ipcRenderer, contextBridge, emit, ipcListeners };
});

vi.mock('electron', () => ({ contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer }));

let bridge: CoreBridge;

beforeAll(async () => {
  await import('../../../src-main/electron/preload.ts');
  bridge = fake.exposed.get('shamay') as CoreBridge;
});

describe('preload', () => {
  it('exposes only window.shamay with invoke, on and platform', () => {
    expect([...fake.exposed.keys()]).toEqual(['shamay']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'platform']);
    expect(bridge.platform).toBe('electron');
    for (const value of Object.values(bridge)) expect(value).not.toBe(fake.ipcRenderer);
  });

  it('invoke sends one envelope on the one channel', async () => {
    expect(await bridge.invoke('settings.get', {})).toEqual({ ok: true, value: 'pong' });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_CHANNEL, { method: 'settings.get', input: {} });
    // The preload subscribed once, to the event channel only.
    expect([...fake.ipcListeners.keys()]).toEqual([IPC_EVENT_CHANNEL]);
    expect(fake.ipcListeners.get(IPC_EVENT_CHANNEL)).toHaveLength(1);
  });

  it('listeners get the payload only, per event, until unsubscribed', () => {
    const calls: unknown[][] = [];
    const off = bridge.on('data.changed', (...args: unknown[]) => calls.push(args));
    fake.emit(IPC_EVENT_CHANNEL, { event: 'data.changed', payload: { tables: ['valuations'] } });
    fake.emit(IPC_EVENT_CHANNEL, { event: 'sync.status', payload: { phase: 'idle' } });
    fake.emit(IPC_EVENT_CHANNEL, 'junk');
    expect(calls).toEqual([[{ tables: ['valuations'] }]]);
    off();
    fake.emit(IPC_EVENT_CHANNEL, { event: 'data.changed', payload: { tables: [] } });
    expect(calls).toHaveLength(1);
  });

  it('a failing listener does not stop the others', () => {
    const seen = vi.fn();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const offA = bridge.on('sync.status', () => {
      throw new Error('boom');
    });
    const offB = bridge.on('sync.status', seen);
    fake.emit(IPC_EVENT_CHANNEL, { event: 'sync.status', payload: 1 });
    expect(seen).toHaveBeenCalledWith(1);
    offA();
    offB();
    quiet.mockRestore();
  });

  it('on() rejects a listener that is not a function', () => {
    expect(() => bridge.on('sync.status', 'nope' as never)).toThrow(TypeError);
  });
});
