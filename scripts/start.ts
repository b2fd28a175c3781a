// `npm start`: the embedded default in one command. Starts the sync server in this process (PGlite
// under .shamay-data/server, or DATABASE_URL; the demo office is seeded on first run), then the
// desktop app pointed at it. Where Electron cannot run (no binary, no display) it says so and serves
// the same app to a browser instead: the browser host on 127.0.0.1 with the core's data under
// .shamay-data/client. Ctrl+C stops everything.
// `npm run dev:web` (scripts/dev-web.ts) runs the browser variant with the renderer rebuilt on change.
//
// `npm start -- --client-only --server-url <url>` starts a client only (another user of the same office)
// against a running sync server, with a data folder of its own (scripts/start-args.ts).
//
// Environment: SHAMAY_DATA_DIR (default .shamay-data), DATABASE_URL, SHAMAY_SERVER_PORT (8787),
// SHAMAY_WEB_PORT (8788), SHAMAY_LOG_LEVEL (server log level, default error). A port that is taken is
// replaced by a free one. The browser version keeps its port and access token in the data folder
// (scripts/local-address.ts), so its address stays the same across restarts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createCore, type Core } from '../src-main/core/create-core.ts';
import type { ChromiumPdfPrinter } from '../src-main/host/chromium-pdf-printer.ts';
import { cachedPrinter, demoReportPrinter } from '../src-main/host/demo-reports.ts';
import { localPdfPrinter } from '../src-main/host/local-printer.ts';
import { newHostToken, startBrowserHost, type BrowserHost } from '../src-main/host/server.ts';
import { serverConfigSchema } from '../src-server/config.ts';
import { DEMO_PASSWORD, startSyncServer, type RunningServer } from '../src-server/start.ts';
import { LOCAL_ADDRESS_FILE, readLocalAddress, saveLocalAddress } from './local-address.ts';
import { parseStartArgs, StartArgsError } from './start-args.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const RENDERER_OUT = join(ROOT, 'out', 'renderer');
export const VITE_RENDERER_CONFIG = 'vite.renderer.config.ts';
const VITE_BIN = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const ELECTRON_VITE_BIN = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
/** The demo's printed signed reports by the sha256 of their HTML: a fresh data folder seeds without printing. */
export const DEMO_REPORT_CACHE = join(ROOT, 'node_modules', '.cache', 'shamay-demo-reports');
const DEMO_EMAIL = 'appraiser1@demo.shamay.local';
const SECOND_DEMO_EMAIL = 'appraiser2@demo.shamay.local';

export interface StartOptions {
  /** 'auto': Electron where it can run, else the browser host. 'web': always the browser host. */
  mode: 'auto' | 'web';
  /** Keep rebuilding the renderer on change (vite build --watch); web mode only. */
  watch: boolean;
  /** A client only: the running sync server it uses (none is started here). */
  serverUrl?: string;
  /** The data folder; else SHAMAY_DATA_DIR, else .shamay-data (.shamay-data/second-client for a client only). */
  dataDir?: string;
}

/** Whom to sign in as: a second client is another user of the office. */
function signInHint(clientOnly: boolean): string {
  return clientOnly
    ? `Sign in as a user of the office (on the demo office: ${SECOND_DEMO_EMAIL} / ${DEMO_PASSWORD}).`
    : `Sign in with ${DEMO_EMAIL} / ${DEMO_PASSWORD} (also owner@, admin@, appraiser2@ and viewer@demo.shamay.local, same password).`;
}

/** Whether the sync server answers its health check (a client works offline either way). */
async function serverAnswers(serverUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${serverUrl}/health`, { signal: AbortSignal.timeout(3_000) });
    return response.ok;
  } catch {
    return false;
  }
}

// ---- the renderer build ------------------------------------------------------------------------

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** out/renderer/index.html is missing or older than what goes into it. */
export function rendererIsStale(): boolean {
  const index = join(RENDERER_OUT, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = Math.max(
    newestMtime(join(ROOT, 'src-renderer')),
    newestMtime(join(ROOT, 'src-shared')), // the contract is bundled into the renderer
    newestMtime(join(ROOT, VITE_RENDERER_CONFIG)),
  );
  return sources > built;
}

function viteArgs(extra: string[] = []): string[] {
  return [VITE_BIN, 'build', '--config', VITE_RENDERER_CONFIG, ...extra];
}

function canBuildRenderer(): boolean {
  if (!existsSync(join(ROOT, VITE_RENDERER_CONFIG))) {
    console.warn(`${VITE_RENDERER_CONFIG} is missing: the renderer cannot be built; the page will say so.`);
    return false;
  }
  return true;
}

/** `vite build --config vite.renderer.config.ts` when the build is missing or stale. */
export async function buildRendererIfStale(): Promise<void> {
  if (!rendererIsStale() || !canBuildRenderer()) return;
  console.log('building the renderer (vite build --config vite.renderer.config.ts) ...');
  const child = spawn(process.execPath, viteArgs(['--logLevel', 'warn']), { cwd: ROOT, stdio: 'inherit' });
  const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
  if (code === 0) return;
  if (!existsSync(join(RENDERER_OUT, 'index.html'))) throw new Error(`the renderer build failed (exit code ${code})`);
  console.warn(`the renderer build failed (exit code ${code}); serving the previous build from ${RENDERER_OUT}.`);
}

/** `vite build --watch`; resolves once the first build has written index.html. */
export async function watchRenderer(): Promise<ChildProcess | null> {
  if (!canBuildRenderer()) return null;
  console.log('building the renderer and watching for changes (vite build --watch) ...');
  const index = join(RENDERER_OUT, 'index.html');
  const startedAt = Date.now();
  const child = spawn(process.execPath, viteArgs(['--watch', '--logLevel', 'warn']), { cwd: ROOT, stdio: 'inherit' });
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const deadline = startedAt + 180_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`vite build --watch stopped (exit code ${exited})`);
    if (existsSync(index) && statSync(index).mtimeMs >= startedAt - 1000) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  console.warn('the first renderer build is taking long; starting anyway.');
  return child;
}

// ---- Electron ------------------------------------------------------------------------------------

/**
 * Why Electron cannot run here, or null when it can. Deliberately not `require('electron')`: when its
 * binary is missing that call tries to download it.
 */
export function electronUnavailableReason(): string | null {
  const pkgDir = join(ROOT, 'node_modules', 'electron');
  if (!existsSync(join(pkgDir, 'package.json'))) return 'the electron package is not installed';
  let relative = '';
  try {
    relative = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim();
  } catch {
    // no path.txt: the postinstall download never happened
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative || 'electron') : relative ? join(pkgDir, 'dist', relative) : null;
  if (!binary || !existsSync(binary)) return 'its binary is not installed';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display';
  if (!existsSync(join(ROOT, 'electron.vite.config.ts')) || !existsSync(join(ROOT, 'src-main', 'electron'))) {
    return 'the desktop shell is not in this checkout';
  }
  return null;
}

// ---- helpers -------------------------------------------------------------------------------------

/** The preferred port when it is free on 127.0.0.1, else 0 (the OS picks one). */
export function freePort(preferred: number, what: string): Promise<number> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => {
      console.log(`port ${preferred} is taken; the ${what} uses a free one.`);
      done(0);
    });
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => done(preferred)));
  });
}

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, not ${raw}`);
  return port;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One `npm start` per data folder: two would open the same PGlite directory and local store. */
function takeLock(dataDir: string): () => void {
  const file = join(dataDir, 'start.pid');
  let holder = Number.NaN;
  try {
    holder = Number(readFileSync(file, 'utf8').trim());
  } catch {
    // no lock file
  }
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
    throw new Error(
      `Shamay is already running from ${dataDir} (process ${holder}). Stop it first, or set SHAMAY_DATA_DIR to another folder. ` +
        `(If no such process is Shamay, delete ${file}.)`,
    );
  }
  writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
    } catch {
      // already gone
    }
  };
}

// ---- start ---------------------------------------------------------------------------------------

export async function start(options: StartOptions): Promise<void> {
  const clientOnly = options.serverUrl !== undefined;
  const dataDir = resolve(options.dataDir ?? process.env.SHAMAY_DATA_DIR ?? join(ROOT, '.shamay-data', ...(clientOnly ? ['second-client'] : [])));
  if (!clientOnly) mkdirSync(join(dataDir, 'server'), { recursive: true });
  mkdirSync(join(dataDir, 'client'), { recursive: true });
  let releaseLock = () => undefined as void;

  let server: RunningServer | null = null;
  let core: Core | null = null;
  let host: BrowserHost | null = null;
  let child: ChildProcess | null = null;
  let printer: ChromiumPdfPrinter | null = null;
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    try {
      await host?.stop();
      core?.close();
      await printer?.close();
      await server?.stop();
    } catch (error) {
      console.error('shutdown failed', error);
      code = code || 1;
    }
    releaseLock();
    process.exit(code);
  };
  let interrupts = 0;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (++interrupts > 1) {
        console.error('stopping now');
        releaseLock();
        process.exit(130);
      }
      console.log('\nstopping ...');
      void shutdown(0);
    });
  }

  try {
    releaseLock = takeLock(dataDir);
    const electronProblem = options.mode === 'web' ? null : electronUnavailableReason();
    const useElectron = options.mode === 'auto' && electronProblem === null;

    // The renderer: electron-vite builds its own; the browser host serves out/renderer.
    if (!useElectron) {
      if (options.watch) child = await watchRenderer();
      else await buildRendererIfStale();
    }

    let serverUrl: string;
    if (options.serverUrl !== undefined) {
      serverUrl = options.serverUrl;
      const answers = await serverAnswers(serverUrl);
      console.log(`a client only, data in ${dataDir}; sync server: ${serverUrl}${answers ? '' : ' (not answering now: the app works offline and syncs once it does)'}`);
    } else {
      const databaseUrl = process.env.DATABASE_URL || undefined;
      const serverDir = join(dataDir, 'server');
      console.log(`starting the sync server (${databaseUrl ? 'DATABASE_URL' : `PGlite in ${serverDir}`}; the demo office is seeded on first run) ...`);
      // The machine's Chromium prints the demo's signed reports when the office is seeded (and, in
      // the browser version, the reports the user prints).
      printer = localPdfPrinter();
      if (!printer && !useElectron) console.log('No Chromium found (set SHAMAY_CHROMIUM): reports can be previewed but not printed to PDF or signed.');
      const config = serverConfigSchema.parse({
        host: '127.0.0.1',
        port: await freePort(portFromEnv('SHAMAY_SERVER_PORT', 8787), 'sync server'),
        databaseUrl,
        dataDir: serverDir,
        seedDemo: true,
      });
      server = await startSyncServer(config, {
        logger: { level: process.env.SHAMAY_LOG_LEVEL ?? 'error' },
        ...(printer ? { demoReports: demoReportPrinter(cachedPrinter(printer.print, DEMO_REPORT_CACHE)) } : {}),
      });
      serverUrl = server.url;
      console.log(`sync server: ${server.url} (${server.database})`);
      console.log(`a second client (another user of the office): npm start -- --client-only --server-url ${server.url}`);
    }

    if (useElectron) {
      // Electron prints with its own Chromium; the machine's was for the demo's signed reports only.
      await printer?.close();
      printer = null;
      console.log('starting the desktop app (electron-vite preview) ...');
      child = spawn(process.execPath, [ELECTRON_VITE_BIN, 'preview'], {
        cwd: ROOT,
        stdio: 'inherit',
        // The shell's development overrides (read only when the app is not packaged): its userData
        // folder (the core's data is <userData>/data) and the sync server.
        env: { ...process.env, SHAMAY_SERVER_URL: serverUrl, SHAMAY_USER_DATA_DIR: join(dataDir, 'desktop') },
      });
      child.on('exit', (code) => void shutdown(code ?? 0));
      console.log(`${signInHint(clientOnly)} Closing the app or Ctrl+C stops everything.`);
      return;
    }

    if (options.mode === 'auto') {
      console.log(`\nElectron cannot run on this machine (${electronProblem}). Starting the browser version instead — open this address:`);
    } else {
      console.log('\nthe browser version — open this address:');
    }
    if (clientOnly) {
      printer = localPdfPrinter();
      if (!printer) console.log('No Chromium found (set SHAMAY_CHROMIUM): reports can be previewed but not printed to PDF or signed.');
    }
    core = createCore({ dataDir: join(dataDir, 'client'), serverUrl, ...(printer ? { printPdf: printer.print } : {}) });
    // The same address as the last start of this data folder, unless SHAMAY_WEB_PORT says otherwise.
    const saved = readLocalAddress(dataDir);
    const port = await freePort(portFromEnv('SHAMAY_WEB_PORT', saved?.port ?? 8788), 'browser host');
    host = await startBrowserHost({ core, staticDir: RENDERER_OUT, port, token: saved?.token ?? newHostToken() });
    saveLocalAddress(dataDir, { port: host.port, token: host.token });
    console.log(`\n  ${host.url}\n`);
    console.log(signInHint(clientOnly));
    console.log(`The address works only on this computer and stays the same while ${join(dataDir, LOCAL_ADDRESS_FILE)} is kept. Ctrl+C stops everything.`);
    if (child) child.on('exit', (code) => !stopping && console.error(`the renderer watcher stopped (exit code ${code}); restart to rebuild.`));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
  }
}

if (import.meta.main) {
  try {
    await start({ mode: 'auto', watch: false, ...parseStartArgs(process.argv.slice(2)) });
  } catch (error) {
    if (!(error instanceof StartArgsError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
