// The browser host: the same core that Electron runs, served to a browser over HTTP on 127.0.0.1.
// One transport of the one contract (ARCHITECTURE.md): POST /api/call carries { method, input } to
// core.dispatch and returns its Result unchanged; GET /api/events streams the core's events as
// Server-Sent Events; everything else is the built renderer. A random bearer token (given to the page
// in the URL fragment) guards the API, a Host check stops DNS rebinding, and file sources by path are
// refused so that a web page cannot make the core read arbitrary local files.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { events as contractEvents, type EventName } from '../../src-shared/contract/events.ts';
import type { Core } from '../core/create-core.ts';

/** documents.add carries a file as base64 (the contract allows 70 MB of it) inside a JSON envelope. */
export const HOST_BODY_LIMIT = 80 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  // React itself needs no inline styles, but style attributes in markup and injected <style> elements do.
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shamay</title></head>
<body><h1>The renderer is not built</h1><p>Run <code>npm run build:web</code> and reload this page.</p></body></html>`;

export interface BrowserHostOptions {
  core: Pick<Core, 'dispatch' | 'on'>;
  /** The Vite build of src-renderer (holds index.html). */
  staticDir?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** 32 random bytes (base64url) per start unless given (e.g. to keep a page working across restarts). */
  token?: string;
}

export interface BrowserHost {
  /** The address to open: http://127.0.0.1:<port>/#token=<token> */
  url: string;
  port: number;
  token: string;
  stop(): Promise<void>;
}

export class HostRequestError extends Error {
  readonly statusCode: number;
  constructor(statusCode: number, message: string) {
    super(message);
    this.name = 'HostRequestError';
    this.statusCode = statusCode;
  }
}

export function newHostToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Constant-time comparison (hashing first makes the lengths equal and hides the token's length). */
function tokenMatches(presented: string | undefined, expected: Buffer): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  return timingSafeEqual(digest(presented), expected);
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim());
  return match?.[1];
}

function queryToken(request: FastifyRequest): string | undefined {
  const token = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof token === 'string' ? token : undefined;
}

/** The envelope of POST /api/call; anything else is a 400. */
export function parseEnvelope(body: unknown): { method: string; input: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HostRequestError(400, 'The request body must be a JSON object { method, input }.');
  }
  const { method, input, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw new HostRequestError(400, `Unexpected field in the envelope: ${Object.keys(rest)[0]?.slice(0, 50)}`);
  if (typeof method !== 'string' || method.length === 0 || method.length > 200) {
    throw new HostRequestError(400, 'The envelope needs a method name (a string).');
  }
  if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) {
    throw new HostRequestError(400, 'The envelope input must be a JSON object when given.');
  }
  refuseLocalPaths(input);
  return { method, input };
}

/**
 * The contract's fileSource accepts { path } — a file on the machine that runs the core. That is right
 * for Electron (the user picked the file in a native dialog) but over HTTP any page that got hold of
 * the token could make the core read arbitrary files, so this transport takes bytes only.
 */
function refuseLocalPaths(input: unknown): void {
  if (typeof input !== 'object' || input === null) return;
  const source = (input as Record<string, unknown>).source;
  if (typeof source === 'object' && source !== null && Object.hasOwn(source, 'path')) {
    throw new HostRequestError(400, 'The browser host does not read files by path: send the file content as source.bytesBase64.');
  }
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { core } = options;
  const token = options.token ?? newHostToken();
  if (token.length < 16) throw new Error('The browser host token must be at least 16 characters.');
  const expected = digest(token);
  const staticDir = resolve(options.staticDir ?? 'out/renderer');
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const app = Fastify({ logger: false, bodyLimit: HOST_BODY_LIMIT, forceCloseConnections: true });
  const streams = new Set<ServerResponse>();

  app.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    void reply.status(status).send({ error: status === 500 ? 'Internal error of the browser host.' : (error.message ?? 'Bad request') });
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send({ error: 'Not found' });
  });

  // DNS rebinding: a page on evil.example that re-points its name at 127.0.0.1 still sends its own Host.
  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    const host = request.headers.host?.toLowerCase();
    if (!host || !allowedHosts.has(host)) {
      return reply.status(403).send({ error: 'Forbidden host' });
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase())) {
      return reply.status(403).send({ error: 'Forbidden origin' });
    }
    if (request.url.startsWith('/api/')) {
      reply.header('cache-control', 'no-store');
      // Checked before the body is read: a caller without the token never reaches the core.
      const presented = bearerToken(request) ?? (request.url.startsWith('/api/events') ? queryToken(request) : undefined);
      if (!tokenMatches(presented, expected)) {
        return reply.status(401).header('www-authenticate', 'Bearer').send({ error: 'Missing or wrong token' });
      }
    }
    return undefined;
  });

  app.post('/api/call', async (request, reply) => {
    let envelope: { method: string; input: unknown };
    try {
      envelope = parseEnvelope(request.body);
    } catch (error) {
      if (error instanceof HostRequestError) return reply.status(error.statusCode).send({ error: error.message });
      throw error;
    }
    try {
      return await core.dispatch(envelope.method, envelope.input);
    } catch (error) {
      // dispatch turns every failure into a Result; this is a last resort.
      console.error('browser host: dispatch threw', error);
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong; the details were logged.', details: { reason: 'UNEXPECTED' } } };
    }
  });

  app.get('/api/events', { exposeHeadRoute: false }, (request, reply) => {
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    out.write('retry: 2000\n\n');
    const unsubscribes = (Object.keys(contractEvents) as EventName[]).map((name) =>
      core.on(name, (payload) => {
        out.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
      }),
    );
    const heartbeat = setInterval(() => out.write(': heartbeat\n\n'), HEARTBEAT_MS);
    streams.add(out);
    const done = () => {
      if (!streams.delete(out)) return;
      clearInterval(heartbeat);
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
    request.raw.on('close', done);
    out.on('close', done);
  });

  app.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    exposeHeadRoute: false,
    handler: (request, reply) => serveStatic(staticDir, request, reply),
  });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  let stopped: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    stop() {
      stopped ??= (async () => {
        for (const stream of streams) stream.end();
        await app.close();
      })();
      return stopped;
    },
  };
}

async function serveStatic(root: string, request: FastifyRequest, reply: FastifyReply) {
  const rawPath = request.url.split('?')[0] ?? '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return reply.status(400).send({ error: 'Bad path' });
  }
  const segments = decoded.split(/[/\\]+/).filter((s) => s.length > 0);
  // No way out of the static folder, and no hidden files: refuse rather than normalize.
  if (decoded.includes('\0') || segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) {
    return reply.status(404).send({ error: 'Not found' });
  }
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) return sendNotBuilt(reply);

  const file = segments.length === 0 ? null : await findFile(realRoot, segments);
  if (file) return sendFile(reply, file, segments[0] === 'assets');
  // A client route (no file extension) gets the app; a missing asset is a 404.
  const last = segments.at(-1);
  // Browsers ask for /favicon.ico by themselves; no icon is not an error worth a console message.
  if (segments.length === 1 && last === 'favicon.ico') return reply.status(204).send();
  if (last !== undefined && extname(last) !== '') return reply.status(404).send({ error: 'Not found' });
  const index = await findFile(realRoot, ['index.html']);
  return index ? sendFile(reply, index, false) : sendNotBuilt(reply);
}

async function findFile(realRoot: string, segments: string[]): Promise<{ path: string; size: number } | null> {
  const candidate = resolve(realRoot, ...segments);
  if (!candidate.startsWith(realRoot + sep)) return null;
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(realRoot + sep)) return null; // a symlink pointing out of the folder
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

function sendFile(reply: FastifyReply, file: { path: string; size: number }, immutable: boolean) {
  const type = MIME_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
  void reply
    .header('content-type', type)
    .header('content-length', String(file.size))
    // Vite puts content-hashed names under assets/; everything else (index.html) is revalidated.
    .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (reply.request.method === 'HEAD') return reply.send();
  return reply.send(createReadStream(file.path));
}

function sendNotBuilt(reply: FastifyReply) {
  return reply.status(503).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT_PAGE);
}
