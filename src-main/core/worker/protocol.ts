// The messages between the core worker (a utilityProcess under Electron, a plain Node child process
// under tests and the browser host) and the process that started it. Both sides parse what they
// receive with these schemas.
//
// host -> worker
//   init   once, first: the core's deps and who keeps the sign-in tokens
//   call   { id, method, input }: one dispatch(); answered by exactly one `result` with the same id
//   close  close the core (SQLite checkpoint) and exit; answered by `closed`
//   printed { id, pdfBase64 | error }: the answer to a `print` request
// worker -> host
//   ready  the core is open (deviceId);   fatal  it could not be opened (message for the user)
//   result { id, result }: the core's Result, never a thrown error
//   event  a core event for the UI (sync.status, data.changed)
//   tokens the sign-in tokens changed (only when the host keeps them): the host persists them
//   log    something the host should write to its log file
//   print  { id, html }: print this report HTML to PDF (only with `printer: 'host'` in init; Electron
//          prints in the main process, which owns the windows)
//
// Tokens: TokenStore.load() is synchronous and the worker has no safeStorage, so the host owns the
// secret at rest. It decrypts the stored tokens before starting the worker and sends them in `init`;
// the worker keeps them in memory and answers load() from there; every save() updates that copy and
// sends `tokens` to the host, which encrypts and writes them (or keeps them in memory only when the
// OS offers no encryption). Tokens cross only the private parent/child channel, never the renderer.
import { z } from 'zod';
import { settings } from '../../../src-shared/contract/entities.ts';
import { appErrorSchema, type Result } from '../../../src-shared/contract/errors.ts';
import { events, type EventName } from '../../../src-shared/contract/events.ts';

export const storedTokensSchema = z
  .object({ userId: z.string().min(1), accessToken: z.string().min(1), refreshToken: z.string().min(1) })
  .strict();

/** The serialisable part of CoreDeps: what the host may choose for the worker's core. */
export const workerDepsSchema = z
  .object({
    dataDir: z.string().min(1),
    serverUrl: z.string().url().optional(),
    policy: z.object({ values: settings.omit({ locked: true }).partial().strict() }).strict().optional(),
    deviceName: z.string().min(1).max(200).optional(),
    /** The host prints report HTML to PDF on request (Electron's printToPDF); otherwise the core cannot print. */
    printer: z.literal('host').optional(),
  })
  .strict();
export type WorkerDeps = z.infer<typeof workerDepsSchema>;

/**
 * `host`: the host keeps the tokens (Electron: safeStorage) and passes the current ones in;
 * `core`: the core keeps them in its own database (tests, the browser host).
 */
export const tokenKeeperSchema = z.discriminatedUnion('keeper', [
  z.object({ keeper: z.literal('host'), current: storedTokensSchema.nullable() }).strict(),
  z.object({ keeper: z.literal('core') }).strict(),
]);

const callId = z.number().int().nonnegative();

export const initMessage = z.object({ type: z.literal('init'), deps: workerDepsSchema, tokens: tokenKeeperSchema }).strict();
export type InitMessage = z.infer<typeof initMessage>;

export const hostToWorkerSchema = z.discriminatedUnion('type', [
  initMessage,
  z.object({ type: z.literal('call'), id: callId, method: z.string().max(200), input: z.unknown().optional() }).strict(),
  z.object({ type: z.literal('close') }).strict(),
  z.object({ type: z.literal('printed'), id: callId, pdfBase64: z.string().optional(), error: z.string().optional() }).strict(),
]);
export type HostToWorker = z.infer<typeof hostToWorkerSchema>;

export const resultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: appErrorSchema }).strict(),
]);

const eventNames = Object.keys(events) as [EventName, ...EventName[]];
export const EVENT_NAMES: readonly EventName[] = eventNames;

export const LOG_LEVELS = ['error', 'warn', 'info'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const workerToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), deviceId: z.string() }).strict(),
  z.object({ type: z.literal('fatal'), message: z.string() }).strict(),
  z.object({ type: z.literal('result'), id: callId, result: resultSchema }).strict(),
  z.object({ type: z.literal('event'), event: z.enum(eventNames), payload: z.unknown() }).strict(),
  z.object({ type: z.literal('tokens'), tokens: storedTokensSchema.nullable() }).strict(),
  z
    .object({ type: z.literal('log'), level: z.enum(LOG_LEVELS), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
    .strict(),
  z.object({ type: z.literal('closed') }).strict(),
  z.object({ type: z.literal('print'), id: callId, html: z.string() }).strict(),
]);
export type WorkerToHost = z.infer<typeof workerToHostSchema>;

/** What the worker answers before `init`, after a failed `init`, or when the message itself is malformed. */
export function failure(code: 'VALIDATION' | 'INTERNAL' | 'STORAGE' | 'UNAVAILABLE', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
