// The browser host as a process:
//   node src-main/host/main.ts --data-dir <dir> [--server-url <url>] [--port N] [--static out/renderer] [--token T]
// Prints exactly one line on stdout when it is ready — `shamay browser host: <url>` — and stops
// cleanly (the core's database closed) on SIGINT/SIGTERM. The token may also come from
// SHAMAY_HOST_TOKEN (the e2e tests restart the host with the same port and token, so an open page
// keeps working); otherwise a new one is generated on every start.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core/create-core.ts';
import { localPdfPrinter } from './local-printer.ts';
import { startBrowserHost } from './server.ts';

const USAGE = 'usage: node src-main/host/main.ts --data-dir <dir> [--server-url <url>] [--port N] [--static out/renderer] [--token T]';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'server-url': { type: 'string' },
    port: { type: 'string' },
    static: { type: 'string' },
    token: { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const dataDirArg = values['data-dir'] ?? process.env.SHAMAY_CLIENT_DATA_DIR;
if (!dataDirArg) {
  console.error(`--data-dir is required\n${USAGE}`);
  process.exit(2);
}
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number\n${USAGE}`);
  process.exit(2);
}

const dataDir = resolve(dataDirArg);
mkdirSync(dataDir, { recursive: true });
const serverUrl = values['server-url'] ?? process.env.SHAMAY_SERVER_URL;
const printer = localPdfPrinter();
const core = createCore({ dataDir, ...(serverUrl ? { serverUrl } : {}), ...(printer ? { printPdf: printer.print } : {}) });
const token = values.token ?? (process.env.SHAMAY_HOST_TOKEN || undefined);
let host: Awaited<ReturnType<typeof startBrowserHost>>;
try {
  host = await startBrowserHost({
    core,
    staticDir: resolve(values.static ?? 'out/renderer'),
    port,
    ...(token ? { token } : {}),
  });
} catch (error) {
  core.close();
  console.error(`shamay browser host could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
console.log(`shamay browser host: ${host.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void host
      .stop()
      .catch((error: unknown) => console.error('browser host: stop failed', error))
      .then(() => printer?.close())
      .finally(() => {
        try {
          core.close();
          process.exit(0);
        } catch (error) {
          console.error('browser host: closing the core failed', error);
          process.exit(1);
        }
      });
  });
}
