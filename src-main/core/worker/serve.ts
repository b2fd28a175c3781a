// The core behind a message port: what the worker entry runs, written against a small port interface
// so that tests can drive it in memory and the entry can plug in Electron's parentPort or Node's IPC.
import type { StoredTokens, TokenStore } from '../sync/server-client.ts';
import { createCore, type Core, type CoreDeps } from '../create-core.ts';
import { EVENT_NAMES, failure, hostToWorkerSchema, type HostToWorker, type InitMessage, type LogLevel, type WorkerToHost } from './protocol.ts';

/** The worker's side of the channel to its host. */
export interface WorkerPort {
  postMessage(message: WorkerToHost): void;
  onMessage(listener: (message: unknown) => void): void;
}

export interface ServeCoreOptions {
  /** Tests may wrap or replace the core; the worker entry uses createCore. */
  createCore?: (deps: CoreDeps) => Core;
  /** Called after `close` has been answered (the entry exits the process). */
  onClosed?: () => void;
}

export interface ServedCore {
  /** Closes the core as a `close` message would (the entry calls it when the host disappears). */
  close(): void;
}

export function serveCore(port: WorkerPort, options: ServeCoreOptions = {}): ServedCore {
  const make = options.createCore ?? createCore;
  let core: Core | null = null;
  let fatal: string | null = null;
  let closed = false;
  const unsubscribe: (() => void)[] = [];

  const printer = hostPrinter(port);
  const log = (level: LogLevel, message: string, details?: Record<string, unknown>) =>
    port.postMessage(details ? { type: 'log', level, message, details } : { type: 'log', level, message });

  function init(message: InitMessage): void {
    if (core || fatal) {
      log('warn', 'core worker: a second init was ignored');
      return;
    }
    const deps: CoreDeps = {
      dataDir: message.deps.dataDir,
      log: { error: (text, details) => log('error', text, details) },
      ...(message.deps.serverUrl ? { serverUrl: message.deps.serverUrl } : {}),
      ...(message.deps.policy ? { policy: message.deps.policy } : {}),
      ...(message.deps.deviceName ? { deviceName: message.deps.deviceName } : {}),
    };
    if (message.tokens.keeper === 'host') deps.tokenStore = hostTokenStore(message.tokens.current, port);
    if (message.deps.printer === 'host') deps.printPdf = printer.print;
    try {
      core = make(deps);
    } catch (error) {
      fatal = error instanceof Error ? error.message : String(error);
      log('error', 'core worker: the core could not be opened', { error: error instanceof Error ? error.stack : String(error) });
      port.postMessage({ type: 'fatal', message: fatal });
      return;
    }
    const opened = core;
    for (const event of EVENT_NAMES) {
      unsubscribe.push(opened.on(event, (payload) => port.postMessage({ type: 'event', event, payload })));
    }
    port.postMessage({ type: 'ready', deviceId: opened.deviceId });
  }

  async function call(id: number, method: string, input: unknown): Promise<void> {
    let result;
    if (closed) result = failure('UNAVAILABLE', 'The application core is closing.');
    else if (fatal) result = failure('STORAGE', fatal);
    else if (!core) result = failure('UNAVAILABLE', 'The application core has not started yet.');
    else {
      try {
        result = await core.dispatch(method, input);
      } catch (error) {
        // dispatch() turns every failure into a Result; this is a last line of defence.
        log('error', 'core worker: dispatch threw', { method, error: error instanceof Error ? error.stack : String(error) });
        result = failure('INTERNAL', 'Something went wrong; the details were logged.');
      }
    }
    try {
      port.postMessage({ type: 'result', id, result });
    } catch (error) {
      // A value the channel cannot carry is a bug in a handler; the caller still gets an answer.
      log('error', 'core worker: a result could not be sent', { method, error: error instanceof Error ? error.message : String(error) });
      port.postMessage({ type: 'result', id, result: failure('INTERNAL', 'Something went wrong; the details were logged.') });
    }
  }

  function close(): void {
    if (closed) return;
    closed = true;
    for (const off of unsubscribe.splice(0)) off();
    try {
      core?.close();
    } catch (error) {
      log('error', 'core worker: closing the core failed', { error: error instanceof Error ? error.stack : String(error) });
    }
    core = null;
  }

  port.onMessage((raw) => {
    const parsed = hostToWorkerSchema.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      log('warn', 'core worker: malformed message from the host', { issues: parsed.error.issues.slice(0, 5).map((i) => i.message) });
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
        port.postMessage({ type: 'result', id, result: failure('VALIDATION', 'Malformed request to the application core.') });
      }
      return;
    }
    const message: HostToWorker = parsed.data;
    switch (message.type) {
      case 'init':
        init(message);
        return;
      case 'call':
        void call(message.id, message.method, message.input);
        return;
      case 'printed':
        printer.settle(message);
        return;
      case 'close':
        close();
        port.postMessage({ type: 'closed' });
        options.onClosed?.();
        return;
    }
  });

  return { close };
}

/** Print requests to the host, each answered by a `printed` message with the same id. */
function hostPrinter(port: WorkerPort) {
  const waiting = new Map<number, { resolve: (pdf: Uint8Array) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  return {
    print(html: string): Promise<Uint8Array> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        port.postMessage({ type: 'print', id, html });
      });
    },
    settle(message: Extract<HostToWorker, { type: 'printed' }>): void {
      const request = waiting.get(message.id);
      waiting.delete(message.id);
      if (!request) return;
      if (message.pdfBase64 === undefined) request.reject(new Error(message.error ?? 'the host did not print the report'));
      else request.resolve(Buffer.from(message.pdfBase64, 'base64'));
    },
  };
}

/** Load answers from memory; every save goes to the host, which keeps the tokens encrypted. */
function hostTokenStore(initial: StoredTokens | null, port: WorkerPort): TokenStore {
  let current = initial ?? undefined;
  return {
    load: () => current,
    save(tokens) {
      current = tokens;
      port.postMessage({ type: 'tokens', tokens: tokens ?? null });
    },
  };
}
