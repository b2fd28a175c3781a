// The app:// protocol: the UI is served from the renderer build folder (out/renderer) at
// app://shamay/, never from file://. resolveAppPath() is the traversal guard (pure), the request
// handler is testable with any file fetcher, and the two register* functions are the Electron glue.
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Net, Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security.ts';

export type AppPathResolution =
  | { ok: true; filePath: string; indexFallback: boolean }
  | { ok: false; status: 400 | 403 | 404; reason: string };

const MAX_URL_LENGTH = 4096;
const INDEX = 'index.html';

/**
 * Maps an app://shamay/… URL to a file under rootDir. Refuses (403) dot segments, encoded dots,
 * slashes or backslashes, backslashes, NUL, drive letters, hidden files and anything that would
 * resolve outside rootDir; a last segment without an extension is a client route (index.html).
 */
export function resolveAppPath(rootDir: string, requestUrl: string): AppPathResolution {
  if (typeof requestUrl !== 'string' || requestUrl.length > MAX_URL_LENGTH) return refuse(400, 'bad url');
  // The raw path, before URL parsing normalises "..", "%2e%2e" and "\" away: an attempt is refused
  // outright rather than served as some other file.
  const raw = /^app:\/\/[^/?#]*([^?#]*)/i.exec(requestUrl)?.[1];
  if (raw === undefined) return refuse(400, 'not an app:// url');
  if (/\\|\0|%00|%5c|%2f/i.test(raw)) return refuse(403, 'separator or NUL in path');
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400, 'bad url');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return refuse(404, 'unknown host');

  const segments: string[] = [];
  for (const encoded of raw.split('/')) {
    if (encoded === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return refuse(400, 'bad escape');
    }
    if (segment === '.' || segment === '..') return refuse(403, 'dot segment');
    if (segment.startsWith('.')) return refuse(403, 'hidden file');
    // After one decoding: no separators, NUL, drive letters or streams, no second layer of escapes.
    if (/[/\\\0:%]/.test(segment)) return refuse(403, 'forbidden character');
    segments.push(segment);
  }

  const last = segments.at(-1);
  const indexFallback = last === undefined || extname(last) === '';
  const root = resolve(rootDir);
  const filePath = indexFallback ? resolve(root, INDEX) : resolve(root, ...segments);
  const rel = relative(root, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return refuse(403, 'outside the root');
  return { ok: true, filePath, indexFallback };
}

function refuse(status: 400 | 403 | 404, reason: string): AppPathResolution {
  return { ok: false, status, reason };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return MIME[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export interface AppRequestHandlerOptions {
  rootDir: string;
  /** Fetches a file:// URL (Electron: net.fetch). */
  fetchFile(fileUrl: string): Promise<Response>;
  log?: { warn(message: string, details?: Record<string, unknown>): void };
}

/** The protocol.handle('app', …) handler, independent of Electron. */
export function createAppRequestHandler(options: AppRequestHandlerOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed');
    const resolved = resolveAppPath(options.rootDir, request.url);
    if (!resolved.ok) {
      if (resolved.status === 403) options.log?.warn('app:// request refused', { url: request.url.slice(0, 200), reason: resolved.reason });
      return plain(resolved.status, resolved.status === 404 ? 'Not Found' : 'Forbidden');
    }
    let file: Response;
    try {
      file = await options.fetchFile(pathToFileURL(resolved.filePath).href);
    } catch {
      return plain(404, 'Not Found');
    }
    if (!file.ok) return plain(404, 'Not Found');
    const type = contentTypeFor(resolved.filePath);
    const headers = new Headers({ 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' });
    if (type.startsWith('text/html')) {
      headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      headers.set('Cache-Control', 'no-cache');
      headers.set('Referrer-Policy', 'no-referrer');
    }
    return new Response(request.method === 'HEAD' ? null : file.body, { status: 200, headers });
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}

/** Must run before the app is ready. */
export function registerAppSchemePrivileges(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    // standard: origin app://shamay, relative URLs and localStorage work; secure: a secure context;
    // codeCache: V8 keeps compiled scripts between starts.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** After ready: serve app:// from rootDir on the default session. */
export function registerAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  net: Pick<Net, 'fetch'>,
  rootDir: string,
  log?: AppRequestHandlerOptions['log'],
): void {
  const handler = createAppRequestHandler({ rootDir, fetchFile: (url) => net.fetch(url), ...(log ? { log } : {}) });
  protocol.handle(APP_SCHEME, handler);
}
