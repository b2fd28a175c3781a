// Electron smoke test: launches the built app with Playwright's _electron where an Electron binary
// exists; elsewhere (CI images and sandboxes that cannot download it) it is skipped with a clear note.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const SKIP_MESSAGE = 'Electron binary not present (cannot be downloaded here): smoke test skipped';

/**
 * The Electron executable, or null. Not require('electron'): when the binary is missing its index.js
 * tries to download it. This reads the same path.txt (and ELECTRON_OVERRIDE_DIST_PATH) it would.
 */
function electronBinary(): string | null {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : override ? 'electron' : null;
  if (!relative) return null;
  const executable = join(override ?? join(packageDir, 'dist'), relative);
  return existsSync(executable) ? executable : null;
}

const binary = electronBinary();

// What page.evaluate() callbacks see (this project's Node typings have no DOM). The callbacks run in
// the page, so they cannot call helpers from here: each casts globalThis itself.
interface PageGlobals {
  location: { href: string };
  fetch: typeof fetch;
  open(url: string): unknown;
  shamay?: { invoke(method: string, input: unknown): Promise<unknown>; platform?: string };
  require?: unknown;
  process?: unknown;
}

if (!binary) {
  describe('Electron smoke', () => {
    it.skip(SKIP_MESSAGE, () => {});
  });
} else {
  describe('Electron smoke', () => {
    let app: ElectronApplication;
    let page: Page;
    const userData = mkdtempSync(join(tmpdir(), 'shamay-electron-'));

    beforeAll(async () => {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
      // As root (CI containers) Chromium refuses to start without --no-sandbox; elsewhere the OS sandbox stays on.
      app = await _electron.launch({
        executablePath: binary,
        args: [join(ROOT, 'out/main/main.js'), ...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
        cwd: ROOT,
        env: { ...process.env, SHAMAY_USER_DATA_DIR: userData, ELECTRON_RENDERER_URL: '' },
        timeout: 60_000,
      });
      page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
    }, 240_000);

    afterAll(async () => {
      await app?.close();
      rmSync(userData, { recursive: true, force: true });
    });

    it('shows the UI from app://shamay with a CSP', async () => {
      expect(page.url()).toMatch(/^app:\/\/shamay\//);
      const csp = await page.evaluate(async () => {
        const w = globalThis as unknown as PageGlobals;
        return (await w.fetch(w.location.href)).headers.get('content-security-policy');
      });
      expect(csp).toContain("default-src 'self'");
    });

    it('exposes only the typed bridge, no Node', async () => {
      const shape = await page.evaluate(() => {
        const w = globalThis as unknown as PageGlobals;
        return { keys: Object.keys(w.shamay ?? {}).sort(), platform: w.shamay?.platform, require: typeof w.require, process: typeof w.process };
      });
      expect(shape).toEqual({ keys: ['invoke', 'on', 'platform'], platform: 'electron', require: 'undefined', process: 'undefined' });
    });

    it('reaches the core in its utility process', async () => {
      const result = await page.evaluate(() => (globalThis as unknown as PageGlobals).shamay?.invoke('settings.get', {}));
      expect(result).toMatchObject({ ok: true, value: { language: 'he' } });
      const refused = await page.evaluate(() => (globalThis as unknown as PageGlobals).shamay?.invoke('no.such', {}));
      expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    });

    it('blocks window.open and navigation away from the app', async () => {
      // (Not an https URL: that one would open the system browser, by design.)
      const opened = await page.evaluate(() => {
        const w = globalThis as unknown as PageGlobals;
        return [w.open('app://shamay/second'), w.open('file:///etc/passwd')].every((child) => child === null);
      });
      expect(opened).toBe(true);
      expect(app.windows()).toHaveLength(1);
      await page.evaluate(() => {
        (globalThis as unknown as PageGlobals).location.href = 'file:///etc/passwd';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toMatch(/^app:\/\/shamay\//);
    });
  });
}
