import { join } from 'node:path';
import { buildServer } from './app.ts';
import { hashPassword } from './auth/passwords.ts';
import type { ServerConfig } from './config.ts';
import { openServerDatabase } from './db/open.ts';
import { seedDemoOrganization, type DemoReportPrinter } from './db/seed-demo.ts';
import { startLiveHub } from './live/hub.ts';
import { publishUnversionedRows } from './sync/change-feed.ts';
import { PULLED_TABLES } from '../src-shared/sync/protocol.ts';
import { generateDemoPeople } from '../src-shared/seed/index.ts';

/** The password of every demo account (README). */
export const DEMO_PASSWORD = 'shamay-demo';

export interface RunningServer {
  url: string;
  port: number;
  database: 'pglite' | 'postgres';
  stop(): Promise<void>;
}

/** Opens (and migrates) the database, optionally seeds the demo office, and listens. */
export async function startSyncServer(
  config: ServerConfig,
  options: {
    logger?: boolean | { level: string };
    now?: () => Date;
    /** Prints the demo's signed reports; without it they are seeded as READY (the server prints nothing). */
    demoReports?: DemoReportPrinter;
    /** Where the seeding says what it did (console.log unless given). */
    log?: (line: string) => void;
  } = {},
): Promise<RunningServer> {
  const { db } = await openServerDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pgdata'),
    backupDir: join(config.dataDir, 'backups'),
  });
  const blobDir = config.blobDir ?? join(config.dataDir, 'blobs');
  if (config.seedDemo) await seedDemo(db, config.demoValuations, { ...options, blobDir });
  const live = await startLiveHub(db, () => undefined);
  const { app } = buildServer(
    { db, config, blobDir, now: options.now ?? (() => new Date()) },
    live,
    options.logger ?? false,
  );
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://${config.host}:${port}`,
    port,
    database: db.kind,
    async stop() {
      await app.close();
      await live.close();
      await db.close();
    },
  };
}

async function seedDemo(
  db: Awaited<ReturnType<typeof openServerDatabase>>['db'],
  valuations: number,
  options: { now?: () => Date; demoReports?: DemoReportPrinter; log?: (line: string) => void; blobDir: string },
) {
  const { now, demoReports, blobDir, log = console.log } = options;
  const started = performance.now();
  const seeded = await seedDemoOrganization(db, { seed: 1, valuations, ...(now ? { now: now() } : {}) }, demoReports ? { print: demoReports, blobDir } : undefined);
  if (!seeded.seeded) return;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (seeded.unsealed > 0) {
    log(`demo office seeded in ${seconds} s; its ${seeded.unsealed} signed valuations are seeded as READY (ready to sign): no report printer here, and a seal needs the printed report.`);
  } else {
    log(`demo office seeded in ${seconds} s (${seeded.sealed} signed valuations with their sealed report PDF).`);
  }
  const people = generateDemoPeople(1);
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const user of [people.owner, people.orgAdmin, ...people.appraisers, people.clientViewer]) {
      await tx.query('INSERT INTO user_credentials (user_id, password_hash) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING', [user.id, hash]);
    }
    await publishUnversionedRows(tx, people.organization.id, PULLED_TABLES);
  });
}
