// The CoreBridge in a plain browser, reaching the core through the browser host (src-main/host):
// invoke = POST /api/call with a bearer token; on = one shared EventSource on /api/events.
// The host opens the page as http://127.0.0.1:<port>/#token=<token>; the token is taken from the
// fragment on first load, kept in sessionStorage (per tab, gone when the tab closes) and removed from
// the visible address so it is not bookmarked, shared or left in the history.
import type { CoreBridge } from '../../src-shared/contract/bridge.ts';
import type { AppErrorShape, Result } from '../../src-shared/contract/errors.ts';
import type { EventName, EventPayload } from '../../src-shared/contract/events.ts';

const TOKEN_KEY = 'shamay.hostToken';
/** When the host refuses the event stream (EventSource then gives up), try again after this long. */
const EVENTS_RETRY_MS = 3000;
let memoryToken: string | null = null;

/** Takes `#token=…` out of the address (once) and returns the token of this tab, if any. */
export function readHostToken(): string | null {
  // Only the token is taken out; whatever else the fragment holds (the app's hash route) stays as it is.
  const match = /^#(?:(.*?)&)?token=([^&]*)(?:&(.*))?$/.exec(location.hash);
  if (match) {
    let fromUrl = match[2] ?? '';
    try {
      fromUrl = decodeURIComponent(fromUrl);
    } catch {
      // keep it as it came
    }
    const rest = [match[1], match[3]].filter((part): part is string => !!part).join('&');
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    if (fromUrl) {
      try {
        sessionStorage.setItem(TOKEN_KEY, fromUrl);
      } catch {
        // Storage disabled: the token lives in memory for this page only.
      }
      memoryToken = fromUrl;
    }
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}

function failure(code: AppErrorShape['code'], message: string, reason: string): Result<never> {
  return { ok: false, error: { code, message, details: { reason } } };
}

export interface WebBridgeOptions {
  /** Where the host is; the page's own origin by default. */
  baseUrl?: string;
  /** The token; read from the address / sessionStorage by default. */
  token?: string | null;
}

export function createWebBridge(options: WebBridgeOptions = {}): CoreBridge {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const token = options.token !== undefined ? options.token : readHostToken();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const listenerCount = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);

  const deliver = (event: EventName) => (message: MessageEvent<string>) => {
    let payload: unknown;
    try {
      payload = JSON.parse(message.data);
    } catch {
      return;
    }
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`listener of ${event} failed`, error);
      }
    }
  };

  const attach = (es: EventSource, event: EventName) => es.addEventListener(event, deliver(event) as EventListener);

  const open = () => {
    if (source || !token) return;
    const es = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
    for (const event of listeners.keys()) attach(es, event);
    // EventSource reconnects by itself after a dropped connection; it gives up only when the host
    // answers with an error status (e.g. while it restarts). Then start over after a pause.
    es.addEventListener('error', () => {
      if (es.readyState !== EventSource.CLOSED || source !== es) return;
      source = null;
      retryTimer ??= setTimeout(() => {
        retryTimer = null;
        if (listenerCount() > 0) open();
      }, EVENTS_RETRY_MS);
    });
    source = es;
  };

  const closeIfIdle = () => {
    if (listenerCount() > 0) return;
    source?.close();
    source = null;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  };

  return {
    platform: 'web',

    async invoke(method: string, input: unknown): Promise<Result<unknown>> {
      if (!token) {
        return failure('UNAVAILABLE', 'This page has no access key. Open the address printed by the Shamay browser host.', 'HOST_TOKEN_MISSING');
      }
      let response: Response;
      try {
        response = await fetch(`${base}/api/call`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ method, input: input ?? {} }),
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch {
        return failure('UNAVAILABLE', 'The Shamay browser host cannot be reached. Is it still running?', 'HOST_UNREACHABLE');
      }
      if (response.status === 401) {
        return failure('UNAVAILABLE', 'The browser host refused the access key of this page. Open the address it printed again.', 'HOST_TOKEN_REFUSED');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return failure('INTERNAL', `The browser host sent an unreadable answer (HTTP ${response.status}).`, 'HOST_BAD_RESPONSE');
      }
      if (response.ok && typeof body === 'object' && body !== null && 'ok' in body) return body as Result<unknown>;
      const message = typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : `HTTP ${response.status}`;
      if (response.status === 400 || response.status === 413 || response.status === 415) return failure('VALIDATION', message, 'HOST_REFUSED_REQUEST');
      return failure('INTERNAL', message, 'HOST_ERROR');
    },

    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const wrapped = listener as (payload: unknown) => void;
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        if (source) attach(source, event);
      }
      set.add(wrapped);
      open();
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        listeners.get(event)?.delete(wrapped);
        closeIfIdle();
      };
    },
  };
}
