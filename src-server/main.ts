// `npm run server`: the Shamay sync server. Embedded PGlite in --data-dir unless DATABASE_URL is set.
// Options: --port, --host, --data-dir, --blob-dir, --public-url, --seed-demo (env: PORT, SHAMAY_HOST,
// DATABASE_URL, SHAMAY_SERVER_DATA_DIR, SHAMAY_BLOB_DIR, SHAMAY_PUBLIC_URL, SHAMAY_SEED_DEMO=1,
// SHAMAY_LOG_LEVEL). The public URL is where share links point (behind a proxy, its outside address).
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv } from './config.ts';
import { startSyncServer } from './start.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    'blob-dir': { type: 'string' },
    'public-url': { type: 'string' },
    'seed-demo': { type: 'boolean' },
  },
});
const config = configFromEnv(process.env, {
  port: values.port,
  host: values.host,
  dataDir: values['data-dir'] ? resolve(values['data-dir']) : undefined,
  blobDir: values['blob-dir'] ? resolve(values['blob-dir']) : undefined,
  publicUrl: values['public-url'],
  seedDemo: values['seed-demo'],
});
await mkdir(join(config.dataDir), { recursive: true });
const server = await startSyncServer(config, { logger: { level: config.logLevel } });
console.log(`shamay sync server listening on ${server.url} (${server.database})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // In-flight requests finish (their transactions commit or roll back) before the database closes.
    void server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed', error);
        process.exit(1);
      },
    );
  });
}
