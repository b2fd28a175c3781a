// The Electron main process: thin glue. Every decision lives in a tested module beside this one
// (security, app-protocol, ipc, window-state, menu, token-store, log); the core runs in a
// utilityProcess (src-main/core/worker/entry.ts, built to out/main/core-worker.js).
import { extname, join, resolve, sep } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, screen, session, shell, utilityProcess } from 'electron';
import type { Result } from '../../src-shared/contract/errors.ts';
import { createWorkerClient, type HostPort, type WorkerClient } from '../core/worker/client.ts';
import { printHtmlToPdf } from './pdf-printer.ts';
import { GENERATED_FILE_TYPES } from '../../src-shared/domain/file-kinds.ts';
import { registerAppProtocol, registerAppSchemePrivileges } from './app-protocol.ts';
import { createInvokeHandler, forwardEvent, registerIpc } from './ipc.ts';
import { createFileLog, type FileLog } from './log.ts';
import { buildMenuTemplate, menuLanguage, type MenuLanguage } from './menu.ts';
import { loadPolicy } from './policy.ts';
import { startAutoUpdates } from './updater.ts';
import { APP_START_URL, installSecurityHandlers, secureWebPreferences, trustedOrigins } from './security.ts';
import { createTokenKeeper } from './token-store.ts';
import { loadWindowState, MIN_SIZE, restoreBounds, trackWindowState } from './window-state.ts';

const APP_NAME = 'Shamay';
const isDev = !app.isPackaged;
// electron-vite's dev server (development only; loopback origins only, see trustedOrigins).
const devServerUrl = isDev ? process.env.ELECTRON_RENDERER_URL : undefined;
const origins = trustedOrigins(devServerUrl);

// Tests and development runs may keep their data elsewhere; a packaged app never reads this.
const userDataOverride = isDev ? process.env.SHAMAY_USER_DATA_DIR : undefined;
if (userDataOverride) app.setPath('userData', userDataOverride);

// Before 'ready': app:// must be a privileged standard scheme; every renderer is sandboxed.
registerAppSchemePrivileges(protocol);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // A second start only focuses the first (see 'second-instance' below).
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  let window: BrowserWindow | null = null;
  let closing = false;
  let coreClosed = false;
  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });

  await app.whenReady();
  const userData = app.getPath('userData');
  const log = createFileLog({ file: join(userData, 'logs', 'main.log'), echo: isDev });
  log.info('starting', { version: app.getVersion(), electron: process.versions.electron, platform: process.platform, dev: isDev });
  process.on('uncaughtException', (error) => log.error('uncaught exception in main', { error: error.stack }));
  process.on('unhandledRejection', (error) => log.error('unhandled rejection in main', { error: error instanceof Error ? error.stack : String(error) }));

  installSecurityHandlers({ app, session: session.defaultSession, openExternal: (url) => shell.openExternal(url), origins, log });
  registerAppProtocol(protocol, net, join(import.meta.dirname, '../renderer'), log);

  // The UI language of the settings (Hebrew until the core has answered): menu and error boxes.
  let language: MenuLanguage = 'he';

  // ---- core ----
  const tokens = createTokenKeeper({ file: join(userData, 'tokens.bin'), cipher: safeStorage, platform: process.platform, log });
  const policy = loadPolicy({ log });
  log.info('policy', { source: policy.source });
  const core = startCore(log, {
    init: {
      deps: {
        dataDir: join(userData, 'data'),
        printer: 'host',
        ...(policy.settings ? { policy: policy.settings } : {}),
        // `npm start` points an unpackaged app at its embedded sync server; packaged apps use settings/policy.
        ...(!app.isPackaged && process.env.SHAMAY_SERVER_URL ? { serverUrl: process.env.SHAMAY_SERVER_URL } : {}),
      },
      tokens: { keeper: 'host', current: tokens.load() },
    },
    onEvent: (event, payload) => forwardEvent(window, event, payload),
    printPdf: printHtmlToPdf,
    onTokens: (current) => {
      try {
        tokens.save(current);
      } catch (error) {
        log.error('sign-in tokens could not be saved', { error: String(error) });
      }
    },
    log: (level, message, details) => log.write(level, `core: ${message}`, details),
  });
  core.ready.then(
    ({ deviceId }) => log.info('core ready', { deviceId }),
    (error: unknown) => {
      if (closing) return;
      const message = error instanceof Error ? error.message : String(error);
      log.error('the core could not start', { error: message });
      dialog.showErrorBox(language === 'he' ? 'שמאי לא הצליח לפתוח את הנתונים' : 'Shamay could not open its data', message);
    },
  );

  // ---- menu (in the language of the settings) ----
  const applyMenu = () =>
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ language, appName: APP_NAME, isDev, isMac: process.platform === 'darwin' })));
  const followSettings = (result: Result<unknown>) => {
    if (!result.ok) return;
    const next = menuLanguage((result.value as { language?: unknown }).language);
    if (next === language) return;
    language = next;
    applyMenu();
  };
  app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion() });
  applyMenu();
  void core.ready
    .then(async () => {
      const settings = await core.call('settings.get', {});
      followSettings(settings);
      // Updates come from the organization's own server (or UpdateUrl), as policy allows.
      const serverUrl = settings.ok ? ((settings.value as { serverUrl?: string | null }).serverUrl ?? null) : null;
      await startAutoUpdates({ policy: policy.updates, serverUrl, isPackaged: app.isPackaged, userData, log });
    })
    .catch((error: unknown) => log.error('start-up after core ready failed', { error: String(error) }));

  // ---- IPC: the one channel ----
  registerIpc(
    ipcMain,
    createInvokeHandler({
      core,
      appContents: () => (window && !window.isDestroyed() ? window.webContents : null),
      origins,
      log,
      onResult: (method, result) => {
        if (method === 'settings.get' || method === 'settings.update') followSettings(result);
        // The core resolves a generated file to a named copy in its data folder; the shell opens it.
        if (method === 'assets.open' && result.ok) openLocalFile((result.value as { path: string }).path, join(userData, 'data', 'files'), log);
      },
    }),
  );

  // ---- window ----
  const stateFile = join(userData, 'window-state.json');
  const createWindow = (): BrowserWindow => {
    const saved = loadWindowState(stateFile);
    const bounds = restoreBounds(saved, screen.getAllDisplays().map((d) => d.workArea), screen.getPrimaryDisplay().workArea);
    const win = new BrowserWindow({
      ...bounds,
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      show: false,
      title: APP_NAME,
      webPreferences: secureWebPreferences({ preload: join(import.meta.dirname, '../preload/preload.cjs'), devTools: isDev }),
    });
    if (saved?.isMaximized) win.maximize();
    if (saved?.isFullScreen) win.setFullScreen(true);
    trackWindowState(win, stateFile, { onError: (error) => log.warn('window state not saved', { error: String(error) }) });
    win.once('ready-to-show', () => win.show());
    win.webContents.on('render-process-gone', (_event, details) => log.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode }));
    win.on('closed', () => {
      if (window === win) window = null;
    });
    win.loadURL(devServerUrl ?? APP_START_URL).catch((error: unknown) => log.error('the UI could not be loaded', { error: String(error) }));
    return win;
  };
  window = createWindow();

  // ---- lifecycle ----
  app.on('activate', () => {
    if (!window || window.isDestroyed()) window = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (coreClosed) return;
    // Close SQLite cleanly before the process goes.
    event.preventDefault();
    if (closing) return;
    closing = true;
    void core.close().finally(() => {
      coreClosed = true;
      log.info('quit');
      app.quit();
    });
  });
}

function startCore(log: FileLog, options: Parameters<typeof createWorkerClient>[1]): WorkerClient {
  const child = utilityProcess.fork(join(import.meta.dirname, 'core-worker.js'), [], {
    serviceName: `${APP_NAME} core`,
    stdio: 'pipe',
    // react-dom/server (the report) picks its production build by NODE_ENV.
    env: { ...process.env, NODE_ENV: app.isPackaged ? 'production' : (process.env.NODE_ENV ?? 'development') },
  });
  child.stdout?.on('data', (chunk: Buffer) => log.info('core stdout', { text: chunk.toString('utf8').trimEnd() }));
  child.stderr?.on('data', (chunk: Buffer) => log.warn('core stderr', { text: chunk.toString('utf8').trimEnd() }));
  // Messages wait for the process to exist ('spawn'); the first one is `init`.
  let spawned = false;
  const queue: Parameters<HostPort['postMessage']>[0][] = [];
  child.once('spawn', () => {
    spawned = true;
    for (const message of queue.splice(0)) child.postMessage(message);
  });
  const port: HostPort = {
    postMessage: (message) => (spawned ? child.postMessage(message) : void queue.push(message)),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', (code) => listener(code)),
    terminate: () => void child.kill(),
  };
  return createWorkerClient(port, options);
}

/** The kinds of file the app generates; nothing else is ever handed to the system to open. */
const OPENABLE_EXTENSIONS = new Set(Object.values(GENERATED_FILE_TYPES).map((type) => `.${type.ext}`));

/** Opens a generated file the core copied into its data folder with the system's program for its type. */
function openLocalFile(path: string, filesDir: string, log: FileLog): void {
  const resolved = resolve(path);
  if (!resolved.startsWith(`${filesDir}${sep}`) || !OPENABLE_EXTENSIONS.has(extname(resolved).toLowerCase())) {
    log.warn('refused to open a file', { path: resolved.slice(0, 300) });
    return;
  }
  void shell.openPath(resolved).then((problem) => {
    if (problem) log.warn('could not open a file', { problem });
  });
}
