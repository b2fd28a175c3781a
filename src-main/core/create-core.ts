// The application core: plain Node, no electron. Electron runs it in a utilityProcess, the browser
// host and the tests run it in a Node process; all of them talk to it only through dispatch().
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { EventName, EventPayload } from '../../src-shared/contract/events.ts';
import type { Settings } from '../../src-shared/contract/entities.ts';
import type { Result } from '../../src-shared/contract/errors.ts';
import type { MethodName } from '../../src-shared/contract/methods.ts';
import { latestVersion } from '../../src-shared/db/migrations.ts';
import { MIGRATIONS } from '../../src-shared/db/migrations.generated.ts';
import { activityHandlers } from './activity/handlers.ts';
import { assetHandlers } from './assets/handlers.ts';
import { comparableHandlers } from './comparables/handlers.ts'; // comparables library
import { createBlobStore } from './blobs/blob-store.ts';
import { createLocalState, type AuthClient, type CoreContext, type PdfPrinter } from './context.ts';
import { openLocalDatabase } from './db/open.ts';
import { createDispatch, type DispatchLog } from './dispatch.ts';
import { documentHandlers } from './documents/handlers.ts';
import { exportHandlers } from './exports/handlers.ts';
import type { HandlerMap } from './handlers.ts';
import { imageHandlers } from './images/handlers.ts';
import { sessionHandlers } from './session/handlers.ts';
import { shareHandlers } from './shares/handlers.ts';
import { signingHandlers } from './signing/handlers.ts';
import { readSettings, settingsHandlers, type SettingsPolicy } from './settings/handlers.ts';
import { createWriter } from './store/writer.ts';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './sync/engine.ts';
import { NO_SYNC_ENGINE, syncLocalHandlers, type SyncEngineControl } from './sync/local-handlers.ts';
import { serverAuth } from './sync/server-auth.ts';
import { createServerClient, type StoredTokens, type TokenStore } from './sync/server-client.ts';
import { valuationHandlers } from './valuations/handlers.ts';
import { wizardHandlers } from './wizard/handlers.ts';

export interface CoreDeps {
  /** Holds shamay.sqlite, blobs/ and backups/. */
  dataDir: string;
  clock?: () => Date;
  /** The sync server; otherwise the server URL from settings (or policy); none means offline only. */
  serverUrl?: string;
  /** Where access and refresh tokens are kept (Electron passes one backed by safeStorage). */
  tokenStore?: TokenStore;
  fetch?: typeof fetch;
  /** Sign-in without a sync server (tests of the offline core). */
  auth?: AuthClient;
  sync?: Omit<SyncEngineOptions, 'client'>;
  /** Prints report HTML to PDF; without one, signing and PDF export answer UNAVAILABLE. */
  printPdf?: PdfPrinter;
  policy?: SettingsPolicy;
  log?: DispatchLog;
  deviceName?: string;
  appVersion?: string;
}

export interface Core {
  dispatch(method: MethodName | string, input?: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  readonly deviceId: string;
  /** Runs one sync round now (tests and "sync now"); resolves when it is done or has failed. */
  syncNow(): Promise<void>;
  close(): void;
}

const consoleLog: DispatchLog = { error: (message, details) => console.error(message, details) };

export function createCore(deps: CoreDeps): Core {
  const clock = deps.clock ?? (() => new Date());
  const { db } = openLocalDatabase({ file: join(deps.dataDir, 'shamay.sqlite'), now: clock });
  const state = createLocalState(db);
  let deviceId = state.get<string>('deviceId');
  if (!deviceId) {
    deviceId = uuidv7();
    state.set('deviceId', deviceId);
  }
  const now = () => clock().toISOString();
  const newId = () => uuidv7();
  const events = new EventEmitter();
  const ctx: CoreContext = {
    db,
    writer: createWriter({ db, deviceId, schemaVersion: latestVersion(MIGRATIONS.sqlite), now, newId }),
    blobs: createBlobStore({ root: join(deps.dataDir, 'blobs'), limits: { documentBytes: 1, imageBytes: 1 } }),
    deviceId,
    dataDir: deps.dataDir,
    auth: deps.auth,
    now,
    newId,
    emit: (event, payload) => events.emit(event, payload),
    state,
    server: null,
    printPdf: deps.printPdf ?? null,
  };
  // A server given at start (npm start, the browser host) is fixed for this run, like a policy value.
  const policy: SettingsPolicy | undefined = deps.serverUrl
    ? { values: { ...deps.policy?.values, serverUrl: deps.serverUrl } }
    : deps.policy;
  const tokenStore: TokenStore = deps.tokenStore ?? {
    load: () => state.get<StoredTokens>('auth'),
    save: (tokens) => (tokens ? state.set('auth', tokens) : db.prepare("DELETE FROM sync_state WHERE key = 'auth'").run()),
  };
  let engine: SyncEngine | null = null;
  let connectedTo: string | null = null;
  // Read through a function: TypeScript cannot see that connect() reassigns it.
  const current = (): SyncEngine | null => engine;
  /** (Re)connects to a sync server; none means offline only. */
  const connect = (url: string | null) => {
    engine?.stop();
    engine = null;
    ctx.auth = deps.auth;
    ctx.server = null;
    connectedTo = url;
    if (!url) return;
    const client = createServerClient({ baseUrl: url, tokens: tokenStore, deviceId, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
    ctx.server = client;
    if (!deps.auth) ctx.auth = serverAuth(client, deviceId, deps.deviceName ?? hostname());
    engine = createSyncEngine(ctx, { client, ...deps.sync });
  };
  connect(readSettings(ctx, policy).serverUrl);
  const local = ctx.writer;
  // Every local write asks the engine to push soon.
  ctx.writer = {
    write(actor, changes) {
      const written = local.write(actor, changes);
      engine?.kick();
      return written;
    },
  };
  const engineControl: SyncEngineControl = {
    status: () => (current() ?? NO_SYNC_ENGINE).status(),
    start: () => current()?.start(),
    pause: () => current()?.pause(),
  };
  const onSettings = (settings: Settings) => {
    applyLimits(settings);
    if (settings.serverUrl === connectedTo) return;
    // Another server: its tokens and change-feed positions mean nothing here; sign in again.
    tokenStore.save(undefined);
    db.prepare("DELETE FROM sync_state WHERE key LIKE 'pullCursor:%'").run();
    connect(settings.serverUrl);
  };

  const applyLimits = (settings: { documentMaxBytes: number; imageMaxBytes: number }) =>
    ctx.blobs.setLimits({ documentBytes: settings.documentMaxBytes, imageBytes: settings.imageMaxBytes });
  applyLimits(readSettings(ctx, policy));

  const handlers = {
    ...sessionHandlers,
    ...valuationHandlers,
    ...wizardHandlers,
    ...documentHandlers,
    ...imageHandlers,
    ...assetHandlers,
    ...exportHandlers,
    ...signingHandlers,
    ...shareHandlers,
    ...activityHandlers,
    ...comparableHandlers, // comparables library
    ...syncLocalHandlers(engineControl),
    ...settingsHandlers(policy, onSettings),
    'app.info': () => ({ version: deps.appVersion ?? '0.1.0', dataDir: deps.dataDir, deviceId, schemaVersion: latestVersion(MIGRATIONS.sqlite) }),
  } satisfies HandlerMap;

  const dispatch = createDispatch(handlers, ctx, deps.log ?? consoleLog);
  // A session that starts (or moves to another office) syncs at once; so does a core opened signed in.
  const SYNC_AFTER = new Set(['session.signIn', 'session.continueOffline', 'session.switchOrganization']);
  if (ctx.state.get('session')) current()?.start();

  return {
    async dispatch(method, input) {
      const result = await dispatch(method, input);
      if (result.ok && SYNC_AFTER.has(method)) current()?.start();
      // Signing out forgets the tokens too; the next person signs in with their own.
      if (result.ok && method === 'session.signOut') {
        current()?.pause();
        tokenStore.save(undefined);
      }
      return result;
    },
    on(event, listener) {
      events.on(event, listener as (payload: unknown) => void);
      return () => events.off(event, listener as (payload: unknown) => void);
    },
    deviceId,
    syncNow: async () => {
      const running = current();
      if (!running) throw new Error('no sync server is configured');
      await running.syncNow();
    },
    close: () => {
      if (!db.open) return; // closing twice (a test's cleanup after its own close) is harmless
      current()?.stop();
      db.pragma('optimize');
      db.close();
    },
  };
}
