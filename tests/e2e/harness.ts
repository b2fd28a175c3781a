// End-to-end harness: the real renderer build, the real sync server and the real browser host, each
// in its own process, driven by Debian's Chromium through playwright-core. Nothing here talks to
// anything but 127.0.0.1.
//
//   const stack = createStack();             // tracks every process, browser and folder it makes
//   try {
//     const server = await stack.server();   // src-server/main.ts --seed-demo on PGlite
//     const host = await stack.host({ serverUrl: server.url });  // src-main/host/main.ts
//     const page = await stack.page(host);
//     ...
//   } finally {
//     await stack.close();                   // kills what is left, removes the folders
//   }
//
// This file does not import vitest, so the UI benchmark (tests/bench/ui) uses it as well.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { newHostToken } from '../../src-main/host/server.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const DEMO_APPRAISER_1 = 'appraiser1@demo.shamay.local';
export const DEMO_APPRAISER_2 = 'appraiser2@demo.shamay.local';
export { DEMO_PASSWORD } from '../../src-server/start.ts';

const RENDERER_OUT = join(ROOT, 'out/renderer');
/** What the renderer bundle is made of: a newer file in any of these means the build is stale. */
const RENDERER_INPUTS = [join(ROOT, 'src-renderer'), join(ROOT, 'src-shared'), join(ROOT, 'vite.renderer.config.ts')];

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function rendererIsFresh(): boolean {
  const index = join(RENDERER_OUT, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return RENDERER_INPUTS.every((input) => !existsSync(input) || newestMtime(input) <= built);
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds out/renderer unless it is newer than its sources, then copies it to a private folder, so
 * that a rebuild by someone else while a test runs (vite empties out/renderer first) cannot pull the
 * files from under the page. Several test files may call this at once: a lock folder serialises the
 * build. Returns the copy (pass it as --static).
 */
export function prepareRenderer(into: string): string {
  const lock = join(ROOT, 'out/.e2e-renderer-build.lock');
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than three minutes belongs to a run that died.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error(`the renderer build lock ${lock} was held too long`);
      sleepSync(200);
    }
  }
  try {
    if (!rendererIsFresh()) {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    }
    const copy = join(into, 'renderer');
    cpSync(RENDERER_OUT, copy, { recursive: true });
    return copy;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A child process that printed a ready line; stop() asks it to end (SIGTERM) and waits. */
interface Child {
  process: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const living = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // If the test process itself goes away, its servers and hosts must not outlive it.
  process.once('exit', () => {
    for (const child of living) child.kill('SIGKILL');
  });
}

async function startChild(name: string, args: string[], ready: RegExp, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<Child & { match: RegExpExecArray }> {
  installExitHook();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  living.add(child);
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.once('exit', () => living.delete(child));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const match = await new Promise<RegExpExecArray>((resolveReady, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready.exec(output);
      if (found) {
        clearTimeout(timer);
        resolveReady(found);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
  return {
    process: child,
    match,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  running(): boolean;
  /** SIGTERM: in-flight requests finish, the database closes. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder (the demo office is not seeded twice). */
  start(): Promise<void>;
  output(): string;
}

export interface HostProcess {
  /** http://127.0.0.1:<port>/#token=<token> */
  url: string;
  port: number;
  token: string;
  dataDir: string;
  running(): boolean;
  /** Ends the process: SIGTERM closes the core cleanly, SIGKILL is a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again with the same data folder, port and token, so an open page keeps working after a reload. */
  start(): Promise<void>;
  output(): string;
}

export interface StackPage {
  page: Page;
  context: BrowserContext;
  /** console.error messages and uncaught page errors seen so far. */
  errors: string[];
}

export interface Stack {
  /** A scratch folder removed by close(). */
  dir(prefix: string): string;
  /** The renderer build (copied once per stack). */
  staticDir(): string;
  server(options?: { env?: Record<string, string> }): Promise<ServerProcess>;
  host(options: { serverUrl?: string; dataDir?: string }): Promise<HostProcess>;
  browser(): Promise<Browser>;
  /** A new browser context (its own sessionStorage) with one page opened on the host. */
  /** deviceScaleFactor 2 with half the viewport is the browser at 200 % zoom (the same CSS pixels). */
  page(host: HostProcess, options?: { viewport?: { width: number; height: number }; locale?: string; deviceScaleFactor?: number }): Promise<StackPage>;
  close(): Promise<void>;
}

export function createStack(): Stack {
  const dirs: string[] = [];
  const stops: (() => Promise<void>)[] = [];
  let browser: Browser | null = null;
  let renderer: string | null = null;

  const dir = (prefix: string) => {
    const made = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(made);
    return made;
  };

  const stack: Stack = {
    dir,

    staticDir() {
      renderer ??= prepareRenderer(dir('shamay-e2e-static-'));
      return renderer;
    },

    async server(options = {}) {
      const dataDir = dir('shamay-e2e-server-');
      let port = 0;
      let child: (Child & { match: RegExpExecArray }) | null = null;
      let log = '';
      const start = async () => {
        child = await startChild(
          'sync server',
          ['src-server/main.ts', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir, '--seed-demo'],
          /listening on (http:\/\/127\.0\.0\.1:(\d+))/,
          { SHAMAY_LOG_LEVEL: 'warn', ...options.env },
          120_000,
        );
        port = Number(child.match[2]);
      };
      await start();
      const server: ServerProcess = {
        url: `http://127.0.0.1:${port}`,
        port,
        dataDir,
        running: () => child !== null,
        async stop() {
          const current = child;
          child = null;
          if (current) {
            await current.stop('SIGTERM');
            log += current.output();
          }
        },
        async start() {
          if (child) throw new Error('the sync server is already running');
          await start();
        },
        output: () => log + ((child as Child | null)?.output() ?? ''),
      };
      stops.push(() => server.stop());
      return server;
    },

    async host(options) {
      const staticDir = stack.staticDir();
      const dataDir = options.dataDir ?? dir('shamay-e2e-client-');
      const token = newHostToken();
      let port = 0;
      let child: (Child & { match: RegExpExecArray }) | null = null;
      let log = '';
      const start = async () => {
        const args = ['src-main/host/main.ts', '--data-dir', dataDir, '--port', String(port), `--token=${token}`, '--static', staticDir];
        if (options.serverUrl) args.push('--server-url', options.serverUrl);
        child = await startChild('browser host', args, /shamay browser host: (http:\/\/127\.0\.0\.1:(\d+)\/#token=\S+)/);
        port = Number(child.match[2]);
      };
      await start();
      const host: HostProcess = {
        url: `http://127.0.0.1:${port}/#token=${token}`,
        port,
        token,
        dataDir,
        running: () => child !== null,
        async stop(signal = 'SIGTERM') {
          const current = child;
          child = null;
          if (current) {
            await current.stop(signal);
            log += current.output();
          }
        },
        async start() {
          if (child) throw new Error('the browser host is already running');
          await start();
        },
        output: () => log + ((child as Child | null)?.output() ?? ''),
      };
      stops.push(() => host.stop());
      return host;
    },

    async browser() {
      browser ??= await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
      return browser;
    },

    async page(host, options = {}) {
      const context = await (await stack.browser()).newContext({
        viewport: options.viewport ?? { width: 1280, height: 800 },
        deviceScaleFactor: options.deviceScaleFactor ?? 1,
        locale: options.locale ?? 'he-IL',
        timezoneId: 'Asia/Jerusalem',
        serviceWorkers: 'block',
      });
      // Belt and braces: the page may only reach its own host.
      await context.route(/^(?!https?:\/\/(127\.0\.0\.1|localhost)[:/]).*/, (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
      await page.goto(host.url);
      return { page, context, errors };
    },

    async close() {
      const failures: unknown[] = [];
      if (browser) {
        await browser.close().catch((error: unknown) => failures.push(error));
        browser = null;
      }
      for (const stop of stops.reverse()) await stop().catch((error: unknown) => failures.push(error));
      stops.length = 0;
      for (const made of dirs) rmSync(made, { recursive: true, force: true });
      dirs.length = 0;
      if (failures.length) throw new AggregateError(failures, 'e2e clean-up failed');
    },
  };
  return stack;
}

/** Signs in through the form (labels in whichever language the page shows). */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
}

/** A small but real PDF (one blank page, valid cross-reference table). */
export function smallPdf(text = 'Shamay e2e'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null, // the content stream, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 18 Tf 72 760 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * Calls the core through the host's API, as the page does. For diagnostics only (what the core says
 * when the screen shows something else); the tests act through the UI.
 */
export async function hostCall(host: Pick<HostProcess, 'port' | 'token'>, method: string, input: Record<string, unknown> = {}): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
    body: JSON.stringify({ method, input }),
  });
  return response.json();
}
