// Picks the transport once: Electron's preload exposes window.shamay; otherwise the browser host.
import type { CoreBridge } from '../../src-shared/contract/bridge.ts';
import { createApiClient, type ApiClient } from '../../src-shared/contract/client.ts';
import { createWebBridge } from './transport-web.ts';

declare global {
  interface Window {
    shamay?: CoreBridge;
  }
}

export const api: ApiClient = createApiClient(window.shamay ?? createWebBridge());

/** The desktop app opens files with the system's programs; the browser version saves them as downloads. */
export const opensFilesNatively = window.shamay !== undefined;
