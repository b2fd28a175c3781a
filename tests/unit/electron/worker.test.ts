import { fork } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Result } from '../../../src-shared/contract/errors.ts';
import { createWorkerClient, nodeChildPort, type HostPort, type WorkerClient, type WorkerClientOptions } from '../../../src-main/core/worker/client.ts';
import type { HostToWorker, WorkerToHost } from '../../../src-main/core/worker/protocol.ts';
import { serveCore, type ServeCoreOptions, type WorkerPort } from '../../../src-main/core/worker/serve.ts';
import { createCore, type CoreDeps } from '../../../src-main/core/create-core.ts';
import type { StoredTokens, TokenStore } from '../../../src-main/core/sync/server-client.ts';
import { tempDir } from '../../helpers/temp.ts';

/** Two ends of an in-memory channel that, like the real ones, copy (structuredClone) and deliver later. */
function channel() {
  const toWorker: ((message: unknown) => void)[] = [];
  const toHost: ((message: unknown) => void)[] = [];
  const exitListeners: ((code: number | null) => void)[] = [];
  const sentToWorker: unknown[] = [];
  let terminated = 0;
  const deliver = (listeners: ((message: unknown) => void)[], message: unknown) => {
    const copy = structuredClone(message);
    setImmediate(() => listeners.forEach((listener) => listener(copy)));
  };
  const host: HostPort = {
    postMessage: (message: HostToWorker) => {
      sentToWorker.push(message);
      deliver(toWorker, message);
    },
    onMessage: (listener) => void toHost.push(listener),
    onExit: (listener) => void exitListeners.push(listener),
    terminate: () => {
      terminated++;
      setImmediate(() => exitListeners.forEach((listener) => listener(0)));
    },
  };
  const worker: WorkerPort = {
    postMessage: (message: WorkerToHost) => deliver(toHost, message),
    onMessage: (listener) => void toWorker.push(listener),
  };
  return {
    host,
    worker,
    sentToWorker,
    get terminated() {
      return terminated;
    },
    /** The worker process dies. */
    crash: (code: number) => exitListeners.forEach((listener) => listener(code)),
    /** Raw message from the host side, bypassing the client. */
    sendRaw: (message: unknown) => deliver(toWorker, message),
  };
}

function started(options: Partial<WorkerClientOptions> = {}, serve: ServeCoreOptions = {}) {
  const link = channel();
  serveCore(link.worker, serve);
  const client = createWorkerClient(link.host, {
    init: { deps: { dataDir: tempDir() }, tokens: { keeper: 'core' } },
    ...options,
  });
  onTestFinished(() => client.close(1_000));
  return { link, client };
}

const errorOf = (result: Result<unknown>) => {
  expect(result.ok).toBe(false);
  return (result as { ok: false; error: { code: string; message: string } }).error;
};

describe('core worker over a message port', () => {
  it('opens the core and answers real calls: session.current, settings.get, and VALIDATION errors', async () => {
    const { client } = started();
    const { deviceId } = await client.ready;
    expect(client.state).toBe('ready');

    const session = await client.call('session.current', {});
    expect(session).toEqual({ ok: true, value: expect.objectContaining({ user: null, deviceId, offline: true }) });

    const settings = await client.call('settings.get', {});
    expect(settings).toEqual({ ok: true, value: expect.objectContaining({ language: 'he', serverUrl: null, locked: [] }) });

    expect(errorOf(await client.call('no.such.method', {}))).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Unknown method') });
    expect(errorOf(await client.call('settings.update', { language: 'fr' }))).toMatchObject({ code: 'VALIDATION' });
    expect(errorOf(await client.call('session.current', { extra: 1 }))).toMatchObject({ code: 'VALIDATION' });

    const updated = await client.call('settings.update', { language: 'en' });
    expect(updated).toEqual({ ok: true, value: expect.objectContaining({ language: 'en' }) });
  });

  it('answers concurrent calls by id', async () => {
    const { client } = started();
    const results = await Promise.all([client.call('settings.get', {}), client.call('session.current', {}), client.call('nope', {}), client.call('sync.status', {})]);
    expect(results.map((r) => r.ok)).toEqual([true, true, false, true]);
    expect((results[0] as { value: { language: string } }).value.language).toBe('he');
    expect((results[1] as { value: { user: unknown } }).value.user).toBeNull();
  });

  it('passes the policy to the core', async () => {
    const { client } = started({ init: { deps: { dataDir: tempDir(), policy: { values: { language: 'en' } } }, tokens: { keeper: 'core' } } });
    const settings = await client.call('settings.get', {});
    expect(settings).toEqual({ ok: true, value: expect.objectContaining({ language: 'en', locked: ['language'] }) });
    expect(errorOf(await client.call('settings.update', { language: 'he' }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('forwards core events', async () => {
    const events: { event: string; payload: unknown }[] = [];
    const { client } = started({ onEvent: (event, payload) => events.push({ event, payload }) });
    const paused = await client.call('sync.pause', {});
    expect(paused.ok).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toContainEqual({ event: 'sync.status', payload: expect.objectContaining({ paused: true }) });
  });

  it('prints through the host when asked to: the report HTML goes out, the PDF bytes come back, failures are errors', async () => {
    let deps: CoreDeps | undefined;
    const printed: string[] = [];
    const { client } = started(
      {
        init: { deps: { dataDir: tempDir(), printer: 'host' }, tokens: { keeper: 'core' } },
        printPdf: async (html) => {
          printed.push(html);
          if (html.includes('broken')) throw new Error('the printer window crashed');
          return new TextEncoder().encode(`%PDF-1.7 ${html.length}`);
        },
      },
      { createCore: (d) => createCore((deps = d)) },
    );
    await client.ready;
    const html = '<!doctype html><html lang="he" dir="rtl"><body>חוות דעת</body></html>';
    const [first, second] = await Promise.all([deps!.printPdf!(html), deps!.printPdf!(`${html}<!-- second -->`)]);
    expect(new TextDecoder().decode(first)).toBe(`%PDF-1.7 ${html.length}`);
    expect(new TextDecoder().decode(second)).toBe(`%PDF-1.7 ${html.length + 15}`);
    expect(printed).toEqual([html, `${html}<!-- second -->`]);
    await expect(deps!.printPdf!('broken')).rejects.toThrow('the printer window crashed');
  });

  it('a host that does not print: the core has no printer, and a stray print request is answered with an error', async () => {
    let deps: CoreDeps | undefined;
    const { client } = started({}, { createCore: (d) => createCore((deps = d)) });
    await client.ready;
    expect(deps?.printPdf).toBeUndefined();
    const withoutPrinter = started({ init: { deps: { dataDir: tempDir(), printer: 'host' }, tokens: { keeper: 'core' } } }, { createCore: (d) => createCore((deps = d)) });
    await withoutPrinter.client.ready;
    await expect(deps!.printPdf!('<html></html>')).rejects.toThrow('this host does not print');
  });

  it('host-kept tokens: load() answers the tokens passed in, save() reports to the host', async () => {
    let store: TokenStore | undefined;
    const initial: StoredTokens = { userId: 'u1', accessToken: 'a1', refreshToken: 'r1' };
    const saved: (StoredTokens | null)[] = [];
    const { client } = started(
      { init: { deps: { dataDir: tempDir() }, tokens: { keeper: 'host', current: initial } }, onTokens: (tokens) => saved.push(tokens) },
      {
        createCore: (deps: CoreDeps) => {
          store = deps.tokenStore;
          return createCore(deps);
        },
      },
    );
    await client.ready;
    expect(store?.load()).toEqual(initial);
    const next = { userId: 'u1', accessToken: 'a2', refreshToken: 'r2' };
    store?.save(next);
    store?.save(undefined);
    expect(store?.load()).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(saved).toEqual([next, null]);
  });

  it('with keeper "core" the core keeps its own tokens', async () => {
    let deps: CoreDeps | undefined;
    const { client } = started({}, { createCore: (d) => createCore((deps = d)) });
    await client.ready;
    expect(deps?.tokenStore).toBeUndefined();
  });

  it('reports a core that cannot open as fatal, and every call as that failure', async () => {
    const { client } = started({}, {
      createCore: () => {
        throw new Error('database from the future');
      },
    });
    await expect(client.ready).rejects.toThrow('database from the future');
    expect(client.state).toBe('failed');
    expect(errorOf(await client.call('session.current', {}))).toEqual({ code: 'STORAGE', message: 'database from the future' });
  });

  it('answers calls sent before init with UNAVAILABLE and malformed messages with VALIDATION', async () => {
    const link = channel();
    serveCore(link.worker);
    const answers: unknown[] = [];
    link.host.onMessage((message) => answers.push(message));
    link.sendRaw({ type: 'call', id: 7, method: 'session.current', input: {} });
    link.sendRaw({ type: 'call', id: 8, method: 42 });
    link.sendRaw('junk');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answers).toContainEqual({ type: 'result', id: 7, result: { ok: false, error: { code: 'UNAVAILABLE', message: expect.any(String) } } });
    expect(answers).toContainEqual({ type: 'result', id: 8, result: { ok: false, error: { code: 'VALIDATION', message: expect.any(String) } } });
    expect(answers.filter((m) => (m as { type: string }).type === 'log')).toHaveLength(2);
  });

  it('a worker that dies answers pending and later calls with INTERNAL, never hangs', async () => {
    const link = channel();
    // A worker that never answers.
    const client: WorkerClient = createWorkerClient(link.host, { init: { deps: { dataDir: '/nowhere' }, tokens: { keeper: 'core' } }, log: () => {} });
    const pending = client.call('session.current', {});
    link.crash(1);
    expect(errorOf(await pending)).toMatchObject({ code: 'INTERNAL' });
    expect(errorOf(await client.call('settings.get', {}))).toMatchObject({ code: 'INTERNAL' });
    await expect(client.ready).rejects.toThrow();
    expect(client.state).toBe('exited');
  });

  it('close() closes the core, then ends the process; a silent worker is ended after the timeout', async () => {
    const { link, client } = started();
    await client.ready;
    await client.close();
    expect(link.terminated).toBe(1);
    expect(link.sentToWorker.at(-1)).toEqual({ type: 'close' });

    const silent = channel();
    const lonely = createWorkerClient(silent.host, { init: { deps: { dataDir: '/nowhere' }, tokens: { keeper: 'core' } }, log: () => {} });
    await lonely.close(20);
    expect(silent.terminated).toBe(1);
  });
});

describe('core worker entry as a plain Node child process', () => {
  it('serves real calls over child_process.fork and exits when closed', async () => {
    const entry = join(import.meta.dirname, '../../../src-main/core/worker/entry.ts');
    const child = fork(entry, [], { serialization: 'advanced', execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    onTestFinished(() => {
      if (child.exitCode === null) child.kill();
    });
    const client = createWorkerClient(nodeChildPort(child), { init: { deps: { dataDir: tempDir() }, tokens: { keeper: 'core' } } });

    const { deviceId } = await client.ready;
    expect(await client.call('session.current', {})).toEqual({ ok: true, value: expect.objectContaining({ user: null, deviceId }) });
    expect(await client.call('settings.get', {})).toEqual({ ok: true, value: expect.objectContaining({ language: 'he' }) });
    expect(errorOf(await client.call('settings.update', { imageMaxBytes: -1 }))).toMatchObject({ code: 'VALIDATION' });

    await client.close();
    expect(await exited).toBe(0);
  });
});
