// THE one file of the shell's security defaults. Every decision is a pure function tested in plain
// Node (tests/unit/electron/security.test.ts); installSecurityHandlers() only wires them into Electron.
// Only types are imported from electron, so this file loads outside Electron.
import type { App, Session, WebContents, WebPreferences } from 'electron';
import { reportStyleCspSource } from '../core/report/html/style-hash.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'shamay';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window opens; the protocol serves index.html for it. */
export const APP_START_URL = `${APP_ORIGIN}/`;

/**
 * Origins whose pages the window may show and whose main frame may call the core. In production only
 * app://shamay; a development build started by electron-vite also trusts its loopback dev server.
 */
export function trustedOrigins(devServerUrl?: string): readonly string[] {
  const dev = devServerUrl ? loopbackOrigin(devServerUrl) : null;
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}

function loopbackOrigin(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'http:' || parsed.username || parsed.password) return null;
  return ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) ? parsed.origin : null;
}

// ---- BrowserWindow ----------------------------------------------------------------------------

export interface WebPreferencesOptions {
  preload: string;
  /** DevTools only in development builds. */
  devTools: boolean;
}

export function secureWebPreferences(options: WebPreferencesOptions): WebPreferences {
  return {
    preload: options.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    // Dropping a file on the window must not navigate to it.
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools,
  };
}

// ---- Content-Security-Policy --------------------------------------------------------------------

/**
 * Sent with every HTML page of app://. No 'unsafe-inline' and no 'unsafe-eval': Vite's production
 * build emits script and style files, and React's `style={{…}}` sets properties through the CSSOM,
 * which CSP does not restrict. data:/blob: images are for previews of photos and scanned documents.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The report preview (an iframe srcdoc inherits this policy) carries one <style>, allowed by its hash,
  // with the report's font inlined as data:.
  `style-src 'self' ${reportStyleCspSource()}`,
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

// ---- Navigation and new windows -------------------------------------------------------------------

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** `new URL('app://x').origin` is "null" in Node for non-special schemes; this is scheme://host. */
function originOf(url: URL): string {
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : `${url.protocol}//${url.host}`;
}

/** Dot segments, encoded dots or separators, backslashes and NUL: never part of a URL of ours. */
const SUSPICIOUS = /(^|[/\\])\.\.?([/\\]|$)|%2e|%2f|%5c|%00|\\|\0/i;

/** The window may only show the app's own pages (the dev server's too, in a dev build). */
export function isAllowedNavigation(url: string, origins: readonly string[] = [APP_ORIGIN]): boolean {
  if (typeof url !== 'string' || url.length > 4096) return false;
  const parsed = parseUrl(url);
  if (!parsed || parsed.username || parsed.password) return false;
  if (!origins.includes(originOf(parsed))) return false;
  // The raw path (before the parser resolves dot segments); query and fragment are the page's business.
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url)?.[1] ?? '';
  return !SUSPICIOUS.test(path);
}

export type ExternalLinkAction = 'open-external' | 'deny';

/** A link or window.open() that leaves the app: https pages open in the system browser, nothing else. */
export function externalLinkAction(url: string): ExternalLinkAction {
  if (typeof url !== 'string' || url.length > 2048) return 'deny';
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:' || !parsed.hostname || parsed.username || parsed.password) return 'deny';
  return 'open-external';
}

// ---- Permissions -----------------------------------------------------------------------------------

/**
 * Permissions a page of ours may get. Only writing plain text to the clipboard (copying a share link
 * or a report's sha256 with navigator.clipboard.writeText); the UI needs no camera, microphone,
 * location, notifications, clipboard reading, HID/serial/USB or fullscreen API.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function permissionDecision(permission: string): boolean {
  return ALLOWED_PERMISSIONS.includes(permission);
}

// ---- IPC sender ------------------------------------------------------------------------------------

/**
 * An IPC call is trusted only from the window's main frame showing one of our pages: the sender
 * frame's URL must be the main frame's URL and be at a trusted origin. (ipc.ts also checks that the
 * sender frame IS the main frame and that the webContents is our window's.)
 */
export function isTrustedIpcSender(
  frameUrl: string | null | undefined,
  mainFrameUrl: string | null | undefined,
  origins: readonly string[] = [APP_ORIGIN],
): boolean {
  if (!frameUrl || !mainFrameUrl || frameUrl !== mainFrameUrl) return false;
  const parsed = parseUrl(frameUrl);
  return parsed !== null && !parsed.username && !parsed.password && origins.includes(originOf(parsed));
}

// ---- Wiring ----------------------------------------------------------------------------------------

export interface SecurityLog {
  warn(message: string, details?: Record<string, unknown>): void;
}

export interface SecurityHandlerOptions {
  app: Pick<App, 'on'>;
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;
  /** shell.openExternal */
  openExternal(url: string): Promise<void>;
  origins?: readonly string[];
  log: SecurityLog;
}

/** Applies the policy above to the session and to every webContents the app will ever create. */
export function installSecurityHandlers(options: SecurityHandlerOptions): void {
  const { log } = options;
  options.app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options));

  options.session.setPermissionRequestHandler((_contents, permission, callback) => {
    const granted = permissionDecision(permission);
    if (!granted) log.warn('permission request denied', { permission });
    callback(granted);
  });
  options.session.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission));
  options.session.setDevicePermissionHandler(() => false);
}

/** Navigation, redirects, new windows and <webview> for one webContents. */
export function guardWebContents(contents: WebContents, options: SecurityHandlerOptions): void {
  const { log } = options;
  const origins = options.origins ?? [APP_ORIGIN];
  const openOutside = (url: string) => {
    if (externalLinkAction(url) !== 'open-external') return;
    options.openExternal(url).catch((error: unknown) => log.warn('could not open a link in the browser', { error: String(error) }));
  };

  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, origins)) return;
    event.preventDefault();
    log.warn('navigation blocked', { url: event.url.slice(0, 200) });
    openOutside(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    // The main frame is handled by will-navigate above; sub-frames may only show our pages, or the
    // report preview's srcdoc (which inherits our CSP and runs no script: sandbox="").
    if (event.isMainFrame || event.url === 'about:srcdoc' || isAllowedNavigation(event.url, origins)) return;
    event.preventDefault();
    log.warn('frame navigation blocked', { url: event.url.slice(0, 200) });
  });
  contents.on('will-redirect', (event) => {
    if (isAllowedNavigation(event.url, origins)) return;
    event.preventDefault();
    log.warn('redirect blocked', { url: event.url.slice(0, 200) });
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview blocked');
  });
}
