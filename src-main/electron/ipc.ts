// The IPC transport of the contract: ONE ipcMain.handle channel. Before anything reaches the core the
// main process checks who is calling (the main frame of our window, showing our page) and what
// (an envelope { method, input } with a known method and plain, bounded data). The core then parses
// the input with the contract as it does for every transport. Only types come from electron.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/contract/bridge.ts';
import type { AppErrorShape, Result } from '../../src-shared/contract/errors.ts';
import type { EventName } from '../../src-shared/contract/events.ts';
import { isMethodName, type MethodName } from '../../src-shared/contract/methods.ts';
import { APP_ORIGIN, isTrustedIpcSender } from './security.ts';

/** What the main process knows about the frame behind an IPC call. */
export interface IpcSender {
  /** The sender frame's URL; null when the frame is gone (navigated away or destroyed). */
  frameUrl: string | null;
  /** The URL of the main frame of the sender's webContents. */
  mainFrameUrl: string | null;
  /** The sender frame is that main frame (not an iframe). */
  isMainFrame: boolean;
  /** The sender's webContents is the app window's. */
  isAppWindow: boolean;
}

export interface InputLimits {
  depth: number;
  nodes: number;
  /** Sum of the lengths of all strings and keys: documents.add carries up to 70 MiB of base64. */
  stringChars: number;
}

export const INPUT_LIMITS: InputLimits = { depth: 64, nodes: 200_000, stringChars: 72 * 1024 * 1024 };

export type InvokeDecision =
  | { kind: 'forward'; method: MethodName; input: unknown }
  | { kind: 'refuse'; result: { ok: false; error: AppErrorShape }; reason: string };

// input may be absent: the core treats a missing input as {}.
const envelope = z.object({ method: z.string().min(1).max(100), input: z.unknown().optional() }).strict();

/**
 * The pure half of the channel: either a refusal (FORBIDDEN for an untrusted sender, VALIDATION for a
 * malformed envelope, an unknown method or input that is not plain data) or a call to forward.
 */
export function decideInvoke(
  sender: IpcSender,
  payload: unknown,
  options: { origins?: readonly string[]; limits?: InputLimits } = {},
): InvokeDecision {
  const origins = options.origins ?? [APP_ORIGIN];
  if (!sender.isAppWindow || !sender.isMainFrame || !isTrustedIpcSender(sender.frameUrl, sender.mainFrameUrl, origins)) {
    return refuse('FORBIDDEN', 'This request did not come from the application window.', 'untrusted sender');
  }
  if (!isPlainObject(payload)) return refuse('VALIDATION', 'Malformed request.', 'envelope is not an object');
  const parsed = envelope.safeParse(payload);
  if (!parsed.success) return refuse('VALIDATION', 'Malformed request.', 'bad envelope');
  const { method, input } = parsed.data;
  if (!isMethodName(method)) return refuse('VALIDATION', `Unknown method: ${method}`, 'unknown method');
  const problem = plainDataProblem(input, options.limits ?? INPUT_LIMITS);
  if (problem) return refuse('VALIDATION', `The request is not acceptable: ${problem}.`, problem);
  return { kind: 'forward', method, input };
}

function refuse(code: 'FORBIDDEN' | 'VALIDATION', message: string, reason: string): InvokeDecision {
  return { kind: 'refuse', result: { ok: false, error: { code, message } }, reason };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * null when `value` is JSON-like data within the limits: plain objects, arrays, strings, finite
 * numbers, booleans, null (undefined as an absent field). Anything else (cycles, Dates, Maps, typed
 * arrays, bigint, NaN, too deep, too big) gets a short reason.
 */
export function plainDataProblem(value: unknown, limits: InputLimits = INPUT_LIMITS): string | null {
  let nodes = 0;
  let chars = 0;
  const ancestors = new Set<object>();

  const visit = (item: unknown, depth: number): string | null => {
    if (++nodes > limits.nodes) return 'too many values';
    switch (typeof item) {
      case 'undefined':
      case 'boolean':
        return null;
      case 'number':
        return Number.isFinite(item) ? null : 'a number that is not finite';
      case 'string':
        chars += item.length;
        return chars > limits.stringChars ? 'too large' : null;
      case 'object': {
        if (item === null) return null;
        if (depth >= limits.depth) return 'nested too deeply';
        if (ancestors.has(item)) return 'a cyclic value';
        const isArray = Array.isArray(item);
        if (!isArray && !isPlainObject(item)) return 'a value that is not plain data';
        ancestors.add(item);
        try {
          if (isArray) {
            for (const element of item) {
              const problem = visit(element, depth + 1);
              if (problem) return problem;
            }
          } else {
            for (const [key, element] of Object.entries(item)) {
              chars += key.length;
              const problem = visit(element, depth + 1);
              if (problem) return problem;
            }
          }
        } finally {
          ancestors.delete(item);
        }
        return null;
      }
      default:
        return `a value of type ${typeof item}`;
    }
  };
  return visit(value, 0);
}

/** Reads the sender's identity off a real IPC event. */
export function senderOf(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, appContents: WebContents | null): IpcSender {
  const frame = event.senderFrame;
  const main = event.sender.mainFrame;
  return {
    frameUrl: frame?.url ?? null,
    mainFrameUrl: main.url,
    isMainFrame: frame !== null && frame.processId === main.processId && frame.routingId === main.routingId,
    isAppWindow: appContents !== null && !appContents.isDestroyed() && event.sender.id === appContents.id,
  };
}

export interface CoreCaller {
  call(method: string, input: unknown): Promise<Result<unknown>>;
}

export interface InvokeHandlerOptions {
  core: CoreCaller;
  /** The app window's webContents (null while there is none). */
  appContents(): WebContents | null;
  origins?: readonly string[];
  log: { warn(message: string, details?: Record<string, unknown>): void };
  /** Sees every answered call (main rebuilds the menu when the language setting changes). */
  onResult?(method: MethodName, result: Result<unknown>): void;
}

export type InvokeHandler = (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, payload: unknown) => Promise<Result<unknown>>;

export function createInvokeHandler(options: InvokeHandlerOptions): InvokeHandler {
  return async (event, payload) => {
    let sender: IpcSender;
    try {
      sender = senderOf(event, options.appContents());
    } catch {
      sender = { frameUrl: null, mainFrameUrl: null, isMainFrame: false, isAppWindow: false };
    }
    const decision = decideInvoke(sender, payload, options.origins ? { origins: options.origins } : {});
    if (decision.kind === 'refuse') {
      options.log.warn('IPC call refused', { reason: decision.reason, frameUrl: sender.frameUrl?.slice(0, 200) ?? null });
      return decision.result;
    }
    const result = await options.core.call(decision.method, decision.input);
    options.onResult?.(decision.method, result);
    return result;
  };
}

/** The one channel; returns a function that removes it. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, handler: InvokeHandler): () => void {
  ipcMain.handle(IPC_CHANNEL, handler);
  return () => ipcMain.removeHandler(IPC_CHANNEL);
}

/** The message the preload receives on IPC_EVENT_CHANNEL. */
export interface IpcEventMessage {
  event: EventName;
  payload: unknown;
}

/** Core events go to the app window's main frame only. */
export function forwardEvent(window: Pick<BrowserWindow, 'isDestroyed' | 'webContents'> | null, event: EventName, payload: unknown): void {
  if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
  const message: IpcEventMessage = { event, payload };
  window.webContents.send(IPC_EVENT_CHANNEL, message);
}
