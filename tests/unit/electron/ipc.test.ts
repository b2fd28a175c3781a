import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL } from '../../../src-shared/contract/bridge.ts';
import type { Result } from '../../../src-shared/contract/errors.ts';
import {
  createInvokeHandler,
  decideInvoke,
  forwardEvent,
  plainDataProblem,
  registerIpc,
  senderOf,
  type InvokeHandler,
  type IpcSender,
} from '../../../src-main/electron/ipc.ts';

const TRUSTED: IpcSender = { frameUrl: 'app://shamay/', mainFrameUrl: 'app://shamay/', isMainFrame: true, isAppWindow: true };

const refusal = (decision: ReturnType<typeof decideInvoke>) => {
  expect(decision.kind).toBe('refuse');
  return decision.kind === 'refuse' ? decision.result.error : null;
};

describe('decideInvoke: the sender', () => {
  it('forwards a valid call from the main frame of the app window', () => {
    expect(decideInvoke(TRUSTED, { method: 'settings.get', input: {} })).toEqual({ kind: 'forward', method: 'settings.get', input: {} });
    expect(decideInvoke({ ...TRUSTED, frameUrl: 'app://shamay/valuations/1', mainFrameUrl: 'app://shamay/valuations/1' }, { method: 'session.current' })).toMatchObject({
      kind: 'forward',
    });
  });

  it.each<[string, IpcSender]>([
    ['a sub-frame', { ...TRUSTED, isMainFrame: false }],
    ['a sub-frame with its own URL', { ...TRUSTED, frameUrl: 'app://shamay/embedded.html', isMainFrame: false }],
    ['a frame from another origin', { ...TRUSTED, frameUrl: 'https://evil.example/', isMainFrame: false }],
    ['a main frame navigated elsewhere', { ...TRUSTED, frameUrl: 'https://evil.example/', mainFrameUrl: 'https://evil.example/' }],
    ['about:blank', { ...TRUSTED, frameUrl: 'about:blank', mainFrameUrl: 'about:blank' }],
    ['a file:// page', { ...TRUSTED, frameUrl: 'file:///tmp/a.html', mainFrameUrl: 'file:///tmp/a.html' }],
    ['a destroyed frame', { ...TRUSTED, frameUrl: null }],
    ['another webContents', { ...TRUSTED, isAppWindow: false }],
  ])('refuses %s with FORBIDDEN, before looking at the payload', (_name, sender) => {
    expect(refusal(decideInvoke(sender, { method: 'settings.get', input: {} }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(decideInvoke(sender, 'junk'))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('trusts the dev server only when told to', () => {
    const dev: IpcSender = { ...TRUSTED, frameUrl: 'http://localhost:5173/', mainFrameUrl: 'http://localhost:5173/' };
    expect(decideInvoke(dev, { method: 'settings.get' }).kind).toBe('refuse');
    expect(decideInvoke(dev, { method: 'settings.get' }, { origins: ['app://shamay', 'http://localhost:5173'] }).kind).toBe('forward');
  });
});

describe('decideInvoke: the payload', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const deep = (() => {
    let value: unknown = 'leaf';
    for (let i = 0; i < 100; i++) value = [value];
    return value;
  })();

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'settings.get'],
    ['a number', 42],
    ['an array', ['settings.get', {}]],
    ['a Date', new Date()],
    ['a Map', new Map([['method', 'settings.get']])],
    ['no method', { input: {} }],
    ['a non-string method', { method: 42, input: {} }],
    ['an empty method', { method: '', input: {} }],
    ['an over-long method', { method: 'x'.repeat(101), input: {} }],
    ['extra envelope keys', { method: 'settings.get', input: {}, sender: 'me' }],
  ])('refuses %s as a malformed envelope', (_name, payload) => {
    expect(refusal(decideInvoke(TRUSTED, payload))).toMatchObject({ code: 'VALIDATION', message: 'Malformed request.' });
  });

  it.each(['no.such.method', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'settings', 'settings.get '])('refuses the unknown method %j', (method) => {
    expect(refusal(decideInvoke(TRUSTED, { method, input: {} }))).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Unknown method') });
  });

  it.each<[string, unknown]>([
    ['a cyclic object', cyclic],
    ['a deeply nested value', deep],
    ['a huge string', { fields: { title: 'x'.repeat(73 * 1024 * 1024) } }],
    ['too many values', { items: Array.from({ length: 200_001 }, () => 0) }],
    ['NaN', { limit: Number.NaN }],
    ['Infinity', { limit: Number.POSITIVE_INFINITY }],
    ['a bigint', { limit: 10n }],
    ['a Date', { from: new Date() }],
    ['a typed array', { bytes: new Uint8Array(4) }],
    ['a class instance', { id: new (class Id {})() }],
    ['a function', { f: () => 1 }],
    ['a symbol', { s: Symbol('x') }],
  ])('refuses input with %s cleanly', (_name, input) => {
    const error = refusal(decideInvoke(TRUSTED, { method: 'valuations.update', input }));
    expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('not acceptable') });
  });

  it('accepts plain data, shared (non-cyclic) references and a large upload', () => {
    const shared = { a: 1 };
    expect(plainDataProblem({ x: shared, y: shared, z: [shared, null, true, 'text', 1.5, undefined] })).toBeNull();
    expect(plainDataProblem(Object.assign(Object.create(null), { a: 1 }))).toBeNull();
    const upload = { valuationId: 'x', docType: 'OTHER', fileName: 'a.pdf', source: { bytesBase64: 'A'.repeat(60 * 1024 * 1024) } };
    expect(decideInvoke(TRUSTED, { method: 'documents.add', input: upload }).kind).toBe('forward');
  });
});

// ---- the handler with a spy core ---------------------------------------------------------------------

function fakeEvent(options: { frameUrl?: string | null; mainUrl?: string; subFrame?: boolean; senderId?: number } = {}) {
  const mainUrl = options.mainUrl ?? 'app://shamay/';
  const main = { url: mainUrl, processId: 4, routingId: 1 };
  const frameUrl = options.frameUrl === undefined ? mainUrl : options.frameUrl;
  const senderFrame = frameUrl === null ? null : options.subFrame ? { url: frameUrl, processId: 4, routingId: 2 } : { ...main, url: frameUrl };
  return { sender: { id: options.senderId ?? 1, mainFrame: main }, senderFrame } as unknown as Parameters<InvokeHandler>[0];
}

const appContents = { id: 1, isDestroyed: () => false };

function handlerWithSpy(answer: Result<unknown> = { ok: true, value: { language: 'he' } }) {
  const core = { call: vi.fn(async (_method: string, _input: unknown) => answer) };
  const log = { warn: vi.fn() };
  const onResult = vi.fn();
  const handler = createInvokeHandler({
    core,
    appContents: () => appContents as unknown as ReturnType<Parameters<typeof createInvokeHandler>[0]['appContents']>,
    log,
    onResult,
  });
  return { handler, core, log, onResult };
}

describe('createInvokeHandler', () => {
  it('forwards a trusted call to the core and returns its Result', async () => {
    const { handler, core, onResult } = handlerWithSpy();
    const result = await handler(fakeEvent(), { method: 'settings.get', input: {} });
    expect(result).toEqual({ ok: true, value: { language: 'he' } });
    expect(core.call).toHaveBeenCalledWith('settings.get', {});
    expect(onResult).toHaveBeenCalledWith('settings.get', result);
  });

  it.each([
    ['a sub-frame', { subFrame: true }],
    ['a sub-frame at the same URL', { subFrame: true, frameUrl: 'app://shamay/' }],
    ['another origin', { frameUrl: 'https://evil.example/', mainUrl: 'https://evil.example/' }],
    ['about:blank', { frameUrl: 'about:blank', mainUrl: 'about:blank' }],
    ['a destroyed frame', { frameUrl: null }],
    ['another webContents', { senderId: 2 }],
  ])('refuses %s with FORBIDDEN without reaching the core', async (_name, options) => {
    const { handler, core, log } = handlerWithSpy();
    const result = await handler(fakeEvent(options), { method: 'settings.get', input: {} });
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
    expect(core.call).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith('IPC call refused', expect.objectContaining({ reason: 'untrusted sender' }));
  });

  it('refuses when there is no app window', async () => {
    const core = { call: vi.fn() };
    const handler = createInvokeHandler({ core, appContents: () => null, log: { warn: vi.fn() } });
    expect(await handler(fakeEvent(), { method: 'settings.get', input: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.call).not.toHaveBeenCalled();
  });

  it('refuses invalid payloads with VALIDATION without reaching the core', async () => {
    const { handler, core } = handlerWithSpy();
    const cyclic: Record<string, unknown> = {};
    cyclic.me = cyclic;
    for (const payload of [null, 'settings.get', [], { method: 'nope' }, { method: 'settings.update', input: cyclic }, { method: 'settings.get', extra: 1 }]) {
      expect(await handler(fakeEvent(), payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(core.call).not.toHaveBeenCalled();
  });

  it('an event object that cannot be read is untrusted', async () => {
    const { handler, core } = handlerWithSpy();
    const broken = {
      get sender(): never {
        throw new Error('destroyed');
      },
      senderFrame: null,
    } as unknown as Parameters<InvokeHandler>[0];
    expect(await handler(broken, { method: 'settings.get' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.call).not.toHaveBeenCalled();
  });
});

describe('senderOf', () => {
  it('reads the frame, the main frame and the window', () => {
    expect(senderOf(fakeEvent(), appContents as never)).toEqual(TRUSTED);
    expect(senderOf(fakeEvent({ subFrame: true }), appContents as never).isMainFrame).toBe(false);
    expect(senderOf(fakeEvent(), null).isAppWindow).toBe(false);
    expect(senderOf(fakeEvent(), { id: 1, isDestroyed: () => true } as never).isAppWindow).toBe(false);
  });
});

describe('channels', () => {
  it('registers exactly one handler on IPC_CHANNEL and can remove it', () => {
    const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
    const handler: InvokeHandler = async () => ({ ok: true, value: null });
    const dispose = registerIpc(ipcMain, handler);
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    expect(ipcMain.handle).toHaveBeenCalledWith(IPC_CHANNEL, handler);
    dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(IPC_CHANNEL);
  });

  it('sends core events to the window on IPC_EVENT_CHANNEL, and nowhere when it is gone', () => {
    const send = vi.fn();
    const window = { isDestroyed: () => false, webContents: { isDestroyed: () => false, send } };
    forwardEvent(window as never, 'data.changed', { tables: ['valuations'] });
    expect(send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, { event: 'data.changed', payload: { tables: ['valuations'] } });
    forwardEvent({ ...window, isDestroyed: () => true } as never, 'data.changed', { tables: [] });
    forwardEvent(null, 'data.changed', { tables: [] });
    expect(send).toHaveBeenCalledTimes(1);
  });
});
