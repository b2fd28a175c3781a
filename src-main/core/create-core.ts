// The application core: plain Node, no electron. Electron runs it in a utilityProcess, the browser
// host and the tests run it in a Node process; all of them talk to it only through dispatch().
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { EventName, EventPayload } from '../../src-shared/contract/events.ts';
import type { Result } from '../../src-shared/contract/errors.ts';
import type { MethodName } from '../../src-shared/contract/methods.ts';
import { latestVersion } from '../../src-shared/db/migrations.ts';
import { MIGRATIONS } from '../../src-shared/db/migrations.generated.ts';
import { activityHandlers } from './activity/handlers.ts';
import { assetHandlers } from './assets/handlers.ts';
import { createBlobStore } from './blobs/blob-store.ts';
import { createLocalState, type AuthClient, type CoreContext } from './context.ts';
import { openLocalDatabase } from './db/open.ts';
import { createDispatch, type DispatchLog } from './dispatch.ts';
import { documentHandlers } from './documents/handlers.ts';
import type { HandlerMap } from './handlers.ts';
import { imageHandlers } from './images/handlers.ts';
import { sessionHandlers } from './session/handlers.ts';
import { readSettings, settingsHandlers, type SettingsPolicy } from './settings/handlers.ts';
import { createWriter } from './store/writer.ts';
import { NO_SYNC_ENGINE, syncLocalHandlers, type SyncEngineControl } from './sync/local-handlers.ts';
import { valuationHandlers } from './valuations/handlers.ts';
import { wizardHandlers } from './wizard/handlers.ts';

export interface CoreDeps {
  /** Holds shamay.sqlite, blobs/ and backups/. */
  dataDir: string;
  clock?: () => Date;
  auth?: AuthClient;
  syncEngine?: SyncEngineControl;
  policy?: SettingsPolicy;
  log?: DispatchLog;
}

export interface Core {
  dispatch(method: MethodName | string, input?: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  readonly deviceId: string;
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
  };
  const applyLimits = (settings: { documentMaxBytes: number; imageMaxBytes: number }) =>
    ctx.blobs.setLimits({ documentBytes: settings.documentMaxBytes, imageBytes: settings.imageMaxBytes });
  applyLimits(readSettings(ctx, deps.policy));

  const handlers = {
    ...sessionHandlers,
    ...valuationHandlers,
    ...wizardHandlers,
    ...documentHandlers,
    ...imageHandlers,
    ...assetHandlers,
    ...activityHandlers,
    ...syncLocalHandlers(deps.syncEngine ?? NO_SYNC_ENGINE),
    ...settingsHandlers(deps.policy, applyLimits),
  } satisfies HandlerMap;

  return {
    dispatch: createDispatch(handlers, ctx, deps.log ?? consoleLog),
    on(event, listener) {
      events.on(event, listener as (payload: unknown) => void);
      return () => events.off(event, listener as (payload: unknown) => void);
    },
    deviceId,
    close: () => db.close(),
  };
}
