// The one way the renderer reaches the core, whatever carries it: Electron's preload exposes this as
// `window.shamay`; the browser host is reached over HTTP by src-renderer/api/transport-web.ts, which
// implements the same shape.
import type { Result } from './errors.ts';
import type { EventName, EventPayload } from './events.ts';

export interface CoreBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  readonly platform: 'electron' | 'web';
}

/** The single IPC channel between the renderer and the Electron main process. */
export const IPC_CHANNEL = 'shamay:invoke';
/** Core events forwarded to the renderer. */
export const IPC_EVENT_CHANNEL = 'shamay:event';
