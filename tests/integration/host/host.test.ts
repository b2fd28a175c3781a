// The browser host over real HTTP on 127.0.0.1, with a real core on a temporary folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../src-main/core/create-core.ts';
import { startBrowserHost, type BrowserHost } from '../../../src-main/host/server.ts';
import { generateDemoPeople } from '../../../src-shared/seed/index.ts';
import { demoAuth } from '../../helpers/core.ts';

let root: string;
let core: Core;
let dispatch: ReturnType<typeof vi.fn<Core['dispatch']>>;
let host: BrowserHost;
let base: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'shamay-host-test-'));
  const staticDir = join(root, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title><div id="root"></div>');
  writeFileSync(join(staticDir, 'assets', 'app-abc123.js'), 'console.log("app");');
  writeFileSync(join(staticDir, '.env'), 'HIDDEN=1');
  writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET');
  core = createCore({ dataDir: join(root, 'data'), auth: demoAuth(generateDemoPeople(1)) });
  dispatch = vi.fn<Core['dispatch']>((method, input) => core.dispatch(method, input));
  host = await startBrowserHost({ core: { dispatch, on: core.on }, staticDir });
  base = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  await host?.stop();
  core?.close();
  rmSync(root, { recursive: true, force: true });
});

function call(body: unknown, token: string | null = host.token, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A request with a raw path and any Host header (fetch normalizes `..` and forbids setting Host). */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser host: the token', () => {
  it('is 32 random bytes in base64url and appears in the URL fragment', () => {
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
  });

  it('refuses a missing or wrong token with 401 before the core is called', async () => {
    dispatch.mockClear();
    const missing = await call({ method: 'session.current', input: {} }, null);
    expect(missing.status).toBe(401);
    const wrong = await call({ method: 'session.current', input: {} }, `${host.token.slice(0, -1)}x`);
    expect(wrong.status).toBe(401);
    const short = await call({ method: 'session.current', input: {} }, 'abc');
    expect(short.status).toBe(401);
    const basic = await call({ method: 'session.current', input: {} }, null, { authorization: `Basic ${host.token}` });
    expect(basic.status).toBe(401);
    // The token in the query string is for the event stream only.
    const inQuery = await fetch(`${base}/api/call?token=${host.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'session.current', input: {} }),
    });
    expect(inQuery.status).toBe(401);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses the event stream without the token', async () => {
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
    expect((await fetch(`${base}/api/events?token=nope`)).status).toBe(401);
  });
});

describe('browser host: calls', () => {
  it('returns the core Result for a valid call', async () => {
    const response = await call({ method: 'session.current', input: {} });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const result = (await response.json()) as { ok: boolean; value: { user: unknown; deviceId: string } };
    expect(result.ok).toBe(true);
    expect(result.value.user).toBeNull();
    expect(result.value.deviceId).toBe(core.deviceId);

    const settings = (await (await call({ method: 'settings.get' })).json()) as { ok: boolean; value: Record<string, unknown> };
    expect(settings).toEqual(await core.dispatch('settings.get', {}));
  });

  it('returns typed errors with status 200', async () => {
    const response = await call({ method: 'valuations.list', input: { limit: 0 } });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { ok: boolean; error: { code: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('VALIDATION');

    const unknown = (await (await call({ method: 'no.such.method', input: {} })).json()) as { ok: boolean; error: { code: string } };
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

  });

  it('carries files as bytes, beyond the default 1 MB body limit', async () => {
    const ok = async <T>(method: string, input: unknown): Promise<T> => {
      const response = await call({ method, input });
      expect(response.status).toBe(200);
      const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      return result.value;
    };
    // Before sign-in the core answers with its own typed error.
    const early = (await (await call({ method: 'documents.add', input: { valuationId: '0190a000-0000-7000-8000-000000000001', docType: 'OTHER', fileName: 'a.pdf', source: { bytesBase64: 'JVBERi0=' } } })).json()) as { ok: boolean; error: { code: string } };
    expect(early).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    await ok('session.signIn', { email: 'appraiser1@demo.shamay.local', password: 'demo' });
    const valuation = await ok<{ id: string }>('valuations.create', { title: 'Over HTTP' });
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
        `trailer << /Root 1 0 R >>\n%${'x'.repeat(3 * 1024 * 1024)}\n%%EOF\n`,
    );
    const added = await ok<{ document: { id: string; fileName: string } }>('documents.add', {
      valuationId: valuation.id,
      docType: 'OTHER',
      fileName: 'big.pdf',
      source: { bytesBase64: pdf.toString('base64') },
    });
    expect(added.document.fileName).toBe('big.pdf');
    const listed = await ok<{ id: string }[]>('documents.list', { valuationId: valuation.id });
    expect(listed.map((d) => d.id)).toEqual([added.document.id]);
  });

  it('refuses file sources by path, without calling the core', async () => {
    dispatch.mockClear();
    for (const method of ['documents.add', 'images.add']) {
      const response = await call({
        method,
        input: { valuationId: '0190a000-0000-7000-8000-000000000001', docType: 'OTHER', fileName: 'passwd', source: { path: '/etc/passwd' } },
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/by path/);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('answers a malformed envelope with 400', async () => {
    dispatch.mockClear();
    for (const body of ['{not json', '[]', '"session.current"', 'null', JSON.stringify({ input: {} }), JSON.stringify({ method: 42 }), JSON.stringify({ method: 'session.current', input: [1] }), JSON.stringify({ method: 'session.current', extra: 1 })]) {
      const response = await call(body);
      expect(response.status, body).toBe(400);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a cross-origin caller even with the token', async () => {
    const response = await call({ method: 'session.current', input: {} }, host.token, { origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    expect((await call({ method: 'session.current', input: {} }, host.token, { origin: 'null' })).status).toBe(403);
    const sameOrigin = await call({ method: 'session.current', input: {} }, host.token, { origin: base });
    expect(sameOrigin.status).toBe(200);
  });
});

describe('browser host: events', () => {
  it('streams sync.status after sync.pause as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/events?token=${encodeURIComponent(host.token)}`, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const first = await reader.read(); // the stream is open (retry hint) before we act
    text += first.value ?? '';

    const paused = (await (await call({ method: 'sync.pause', input: {} })).json()) as { ok: boolean };
    expect(paused.ok).toBe(true);
    const deadline = Date.now() + 5000;
    while (!/event: sync\.status\ndata: .*\n\n/.test(text) && Date.now() < deadline) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += chunk.value;
    }
    controller.abort();
    const match = /event: sync\.status\ndata: (.*)\n\n/.exec(text);
    expect(match, text).not.toBeNull();
    expect(JSON.parse(match![1]!)).toMatchObject({ phase: 'paused', paused: true });
    await call({ method: 'sync.start', input: {} });
  });

  it('accepts the bearer header on the event stream too', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/events`, { headers: { authorization: `Bearer ${host.token}` }, signal: controller.signal });
    expect(response.status).toBe(200);
    controller.abort();
  });
});

describe('browser host: static files', () => {
  it('serves the renderer with a strict CSP and nosniff', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "connect-src 'self'", "img-src 'self' data: blob:", "object-src 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');

    const script = await fetch(`${base}/assets/app-abc123.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(await script.text()).toBe('console.log("app");');
  });

  it('falls back to index.html for client routes, 404 for missing files', async () => {
    const route = await fetch(`${base}/valuations/0190a000-0000-7000-8000-000000000001/wizard?step=2`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<div id="root">');
    expect(route.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/.env`)).status).toBe(404);
    expect((await fetch(`${base}/favicon.ico`)).status).toBe(204);
  });

  it('refuses path traversal', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..', '/%00']) {
      const response = await raw(path, { host: `127.0.0.1:${host.port}` });
      expect(response.body, path).not.toContain('TOP-SECRET');
      expect(response.body, path).not.toContain('root:');
      expect([400, 404], path).toContain(response.status);
    }
  });

  it('refuses a spoofed Host header (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port + 1}`]) {
      const page = await raw('/', { host: hostHeader });
      expect([403, 421], hostHeader).toContain(page.status);
      const api = await raw(`/api/events?token=${host.token}`, { host: hostHeader });
      expect([403, 421], hostHeader).toContain(api.status);
    }
    expect((await raw('/', { host: `localhost:${host.port}` })).status).toBe(200);
    expect((await raw('/', { host: `127.0.0.1:${host.port}` })).status).toBe(200);
  });
});

describe('browser host: lifecycle', () => {
  it('starts with a given token and port, and stops while an event stream is open', async () => {
    const token = 'a-given-token-of-enough-length-0123456789';
    const other = await startBrowserHost({ core, staticDir: join(root, 'static'), token });
    expect(other.token).toBe(token);
    const controller = new AbortController();
    const stream = await fetch(`http://127.0.0.1:${other.port}/api/events?token=${token}`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    const started = Date.now();
    await other.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    controller.abort();
    const again = await startBrowserHost({ core, staticDir: join(root, 'static'), token, port: other.port });
    expect(again.port).toBe(other.port);
    expect((await fetch(`http://127.0.0.1:${again.port}/api/call`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"method":"sync.status"}' })).status).toBe(200);
    await again.stop();
  });
});
