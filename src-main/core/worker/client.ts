// The host's side of the core worker: starts it with `init`, turns calls into `call` messages and
// their `result` answers back into promises, and hands events, token changes and log lines to the
// host. Transport-neutral: Electron plugs in a utilityProcess, tests and the browser host a Node child.
import type { ChildProcess } from 'node:child_process';
import type { Result } from '../../../src-shared/contract/errors.ts';
import type { EventName } from '../../../src-shared/contract/events.ts';
import type { StoredTokens } from '../sync/server-client.ts';
import { failure, workerToHostSchema, type HostToWorker, type InitMessage, type LogLevel } from './protocol.ts';

/** The host's side of the channel to the worker process. */
export interface HostPort {
  postMessage(message: HostToWorker): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  /** Ends the worker process (after `closed`, or when it does not answer in time). */
  terminate(): void;
}

export interface WorkerClientOptions {
  init: Omit<InitMessage, 'type'>;
  onEvent?(event: EventName, payload: unknown): void;
  /** The worker's tokens changed (only with `tokens: { keeper: 'host' }`): persist them. */
  onTokens?(tokens: StoredTokens | null): void;
  log?(level: LogLevel, message: string, details?: Record<string, unknown>): void;
  /** Prints the worker's report HTML to PDF (init with `deps.printer: 'host'`). */
  printPdf?(html: string): Promise<Uint8Array>;
}

export type WorkerState = 'starting' | 'ready' | 'failed' | 'closing' | 'exited';

export interface WorkerClient {
  /** Resolves with the device id once the core is open; rejects with the reason it could not be. */
  readonly ready: Promise<{ deviceId: string }>;
  /** One core call. Never rejects: every failure, a dead worker included, is a Result. */
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Closes the core cleanly (SQLite checkpoint), then ends the process; gives up after timeoutMs. */
  close(timeoutMs?: number): Promise<void>;
  readonly state: WorkerState;
}

const STOPPED = 'The application core stopped unexpectedly; restart the application.';

export function createWorkerClient(port: HostPort, options: WorkerClientOptions): WorkerClient {
  const log = options.log ?? (() => {});
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  let state: WorkerState = 'starting';
  let exitReason: string | null = null;
  let onClosed: (() => void) | null = null;

  let resolveReady!: (value: { deviceId: string }) => void;
  let rejectReady!: (reason: Error) => void;
  const ready = new Promise<{ deviceId: string }>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // Callers that only use call() must not see an unhandled rejection.
  ready.catch(() => {});

  port.onMessage((raw) => {
    const parsed = workerToHostSchema.safeParse(raw);
    if (!parsed.success) {
      log('warn', 'core worker sent a malformed message', { issues: parsed.error.issues.slice(0, 5).map((i) => i.message) });
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        if (state === 'starting') state = 'ready';
        resolveReady({ deviceId: message.deviceId });
        return;
      case 'fatal':
        state = 'failed';
        rejectReady(new Error(message.message));
        return;
      case 'result': {
        const settle = pending.get(message.id);
        pending.delete(message.id);
        settle?.(message.result as Result<unknown>);
        return;
      }
      case 'event':
        options.onEvent?.(message.event, message.payload);
        return;
      case 'tokens':
        options.onTokens?.(message.tokens);
        return;
      case 'log':
        log(message.level, message.message, message.details);
        return;
      case 'closed':
        onClosed?.();
        return;
      case 'print':
        void print(message.id, message.html);
        return;
    }
  });

  async function print(id: number, html: string): Promise<void> {
    let answer: HostToWorker;
    try {
      if (!options.printPdf) throw new Error('this host does not print');
      answer = { type: 'printed', id, pdfBase64: Buffer.from(await options.printPdf(html)).toString('base64') };
    } catch (error) {
      log('error', 'printing a report failed', { error: error instanceof Error ? error.message : String(error) });
      answer = { type: 'printed', id, error: error instanceof Error ? error.message : String(error) };
    }
    if (state !== 'exited') port.postMessage(answer);
  }

  port.onExit((code) => {
    const expected = state === 'closing';
    state = 'exited';
    exitReason = STOPPED;
    if (!expected) log('error', 'core worker exited unexpectedly', { code });
    rejectReady(new Error(`the core worker exited (code ${code})`));
    for (const settle of pending.values()) settle(failure('INTERNAL', STOPPED));
    pending.clear();
    onClosed?.();
  });

  port.postMessage({ type: 'init', ...options.init });

  return {
    ready,
    get state() {
      return state;
    },
    call(method, input) {
      if (exitReason) return Promise.resolve(failure('INTERNAL', exitReason));
      if (state === 'closing') return Promise.resolve(failure('UNAVAILABLE', 'The application core is closing.'));
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        try {
          port.postMessage({ type: 'call', id, method, input });
        } catch (error) {
          // Not structured-cloneable (the Electron IPC layer refuses such input earlier).
          pending.delete(id);
          resolve(failure('VALIDATION', `The request could not be sent to the core: ${error instanceof Error ? error.message : String(error)}`));
        }
      });
    },
    close(timeoutMs = 5_000) {
      if (state === 'exited') return Promise.resolve();
      state = 'closing';
      return new Promise<void>((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          onClosed = null;
          port.terminate();
          resolve();
        };
        const timer = setTimeout(() => {
          log('warn', 'core worker did not close in time; ending it', { timeoutMs });
          finish();
        }, timeoutMs);
        onClosed = finish;
        try {
          port.postMessage({ type: 'close' });
        } catch {
          finish();
        }
      });
    },
  };
}

/** A HostPort over a Node child started with child_process.fork(entry, { serialization: 'advanced' }). */
export function nodeChildPort(child: ChildProcess): HostPort {
  return {
    postMessage(message) {
      if (!child.connected) throw new Error('the core worker is not connected');
      child.send(message);
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', (code) => listener(code)),
    terminate() {
      if (child.connected) child.disconnect();
      else if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}
