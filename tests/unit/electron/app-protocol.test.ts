import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contentTypeFor, createAppRequestHandler, registerAppProtocol, registerAppSchemePrivileges, resolveAppPath } from '../../../src-main/electron/app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/electron/security.ts';
import { tempDir } from '../../helpers/temp.ts';

const ROOT = resolve('/srv/app/out/renderer');

describe('resolveAppPath', () => {
  it.each([
    ['app://shamay/', 'index.html', true],
    ['app://shamay', 'index.html', true],
    ['app://shamay/index.html', 'index.html', false],
    ['app://shamay/assets/index-B4pfZlyS.js', 'assets/index-B4pfZlyS.js', false],
    ['app://shamay/assets/fonts/Rubik%20Bold.woff2', 'assets/fonts/Rubik Bold.woff2', false],
    ['app://shamay/assets/%D7%A9%D7%9E%D7%90%D7%99.png', 'assets/שמאי.png', false],
    ['app://shamay/valuations/0190b3c4-7d1e-7000-8000-000000000001', 'index.html', true],
    ['app://shamay/valuations/', 'index.html', true],
    ['app://shamay/wizard?step=2#top', 'index.html', true],
    ['app://shamay/styles.css?v=3', 'styles.css', false],
  ])('%s -> %s', (url, file, indexFallback) => {
    expect(resolveAppPath(ROOT, url)).toEqual({ ok: true, filePath: join(ROOT, file), indexFallback });
  });

  it.each([
    'app://shamay/../secret.txt',
    'app://shamay/../../etc/passwd',
    'app://shamay/assets/../../etc/passwd',
    'app://shamay/%2e%2e/secret.txt',
    'app://shamay/%2E%2E/%2E%2E/etc/passwd',
    'app://shamay/.%2e/secret.txt',
    'app://shamay/%2e%2e%2fsecret.txt',
    'app://shamay/..%2f..%2fetc%2fpasswd',
    'app://shamay/..%5c..%5cwindows%5cwin.ini',
    'app://shamay/%252e%252e/secret.txt',
    'app://shamay/..\\..\\windows\\win.ini',
    'app://shamay/assets\\..\\..\\secret.txt',
    'app://shamay/%2fetc%2fpasswd',
    'app://shamay/C:/Windows/win.ini',
    'app://shamay/C%3A%5CWindows%5Cwin.ini',
    'app://shamay/index.html%00.png',
    'app://shamay/./index.html',
    'app://shamay/.env',
    'app://shamay/.vite/manifest.json',
  ])('refuses %s', (url) => {
    const resolved = resolveAppPath(ROOT, url);
    expect(resolved.ok, JSON.stringify(resolved)).toBe(false);
    if (!resolved.ok) expect([400, 403]).toContain(resolved.status);
  });

  it.each(['app://other/index.html', 'file:///etc/passwd', 'https://shamay/index.html', 'app://user@shamay/x.js'])('does not serve %s', (url) => {
    expect(resolveAppPath(ROOT, url).ok).toBe(false);
  });

  it('refuses malformed escapes and absurd lengths', () => {
    expect(resolveAppPath(ROOT, 'app://shamay/%E0%A4%A.js')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppPath(ROOT, `app://shamay/${'a'.repeat(5000)}.js`)).toMatchObject({ ok: false, status: 400 });
  });

  it('every accepted path stays inside the root', () => {
    const attempts = ['..', '%2e%2e', '.%2e', '%2e.', '%252e', '%5c', '%2f', '\\', '%00', 'a', 'b.js', '', ':', '%3a'];
    for (const a of attempts) {
      for (const b of attempts) {
        const resolved = resolveAppPath(ROOT, `app://shamay/${a}/${b}/x.js`);
        if (resolved.ok) expect(resolved.filePath.startsWith(ROOT + sep)).toBe(true);
      }
    }
  });
});

describe('the app:// request handler', () => {
  let root: string;
  // Stands in for Electron's net.fetch on file:// URLs.
  const fetchFile = vi.fn(async (fileUrl: string) => {
    try {
      return new Response(readFileSync(fileURLToPath(fileUrl)));
    } catch {
      throw new TypeError('net::ERR_FILE_NOT_FOUND');
    }
  });

  beforeEach(() => {
    root = tempDir();
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Shamay</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
    writeFileSync(join(root, '..', `${root.split(/[/\\]/).pop()}-secret.txt`), 'secret');
    fetchFile.mockClear();
  });

  const get = (url: string, method = 'GET') => createAppRequestHandler({ rootDir: root, fetchFile })(new Request(url, { method }));

  it('serves index.html with the CSP', async () => {
    const response = await get('app://shamay/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Shamay</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves client routes with index.html', async () => {
    const response = await get('app://shamay/valuations/123');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Shamay</title>');
  });

  it('serves assets with their type and without the HTML-only headers', async () => {
    const js = await get('app://shamay/assets/app.js');
    expect(js.status).toBe(200);
    expect(await js.text()).toBe('console.log(1)');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBeNull();
    expect((await get('app://shamay/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for missing files and HEAD without a body', async () => {
    expect((await get('app://shamay/assets/missing.js')).status).toBe(404);
    const head = await get('app://shamay/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never serves a file outside the root', async () => {
    const secret = `${root.split(/[/\\]/).pop()}-secret.txt`;
    // Encoded separators survive URL parsing and are refused outright.
    for (const url of [`app://shamay/..%2f${secret}`, `app://shamay/..%5c${secret}`, `app://shamay/%252e%252e/${secret}`]) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expect(await response.text()).not.toContain('secret');
    }
    // "../" and "%2e%2e/" are dot segments that the URL parser (Request here, Chromium in Electron)
    // resolves before the handler sees the URL: they stay inside the root and find nothing.
    for (const url of [`app://shamay/../${secret}`, `app://shamay/%2e%2e/${secret}`, `app://shamay/assets/../../${secret}`]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('secret');
    }
    expect(fetchFile.mock.calls.length).toBeGreaterThan(0);
    expect(fetchFile.mock.calls.every(([url]) => fileURLToPath(url).startsWith(root))).toBe(true);
  });

  it('refuses other hosts and methods', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://shamay/index.html', 'POST')).status).toBe(405);
  });
});

describe('registration glue', () => {
  it('registers app:// as a standard, secure, fetch-capable scheme', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppSchemePrivileges({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
  });

  it('handles app:// through net.fetch', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'index.html'), 'hello');
    const handle = vi.fn();
    const fetch = vi.fn(async (url: string) => new Response(readFileSync(fileURLToPath(url))));
    registerAppProtocol({ handle }, { fetch } as unknown as Parameters<typeof registerAppProtocol>[1], root);
    expect(handle.mock.calls[0]?.[0]).toBe('app');
    const handler = handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    expect(await (await handler(new Request('app://shamay/'))).text()).toBe('hello');
    expect(fetch).toHaveBeenCalledWith(expect.stringMatching(/^file:\/\/.*index\.html$/));
  });

  it('knows the types the build emits', () => {
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
