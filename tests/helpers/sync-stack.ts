import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createCore, type Core, type CoreDeps } from '../../src-main/core/create-core.ts';
import { serverConfigSchema } from '../../src-server/config.ts';
import type { DemoReportPrinter } from '../../src-server/db/seed-demo.ts';
import { DEMO_PASSWORD, startSyncServer, type RunningServer } from '../../src-server/start.ts';
import { stubDemoReports } from './demo-reports.ts';
import { call } from './core.ts';
import { createScratchDatabase } from './postgres.ts';
import { tempDir } from './temp.ts';

export interface TestServer extends RunningServer {
  dataDir: string;
  databaseUrl: string | undefined;
  restart(): Promise<TestServer>;
}

/**
 * A real sync server on 127.0.0.1 with the demo office, on PGlite or (with `postgres`) a scratch
 * PostgreSQL database. Its signed demo valuations are sealed with stand-in PDFs (stubDemoReports)
 * unless `demoReports` prints them, or `demoValuations` changes the office's size.
 */
export async function startTestServer(
  options: { postgres?: boolean; port?: number; dataDir?: string; databaseUrl?: string; demoReports?: DemoReportPrinter; demoValuations?: number } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir('shamay-server-');
  let databaseUrl = options.databaseUrl;
  if (options.postgres && !databaseUrl) {
    const scratch = await createScratchDatabase();
    databaseUrl = scratch.url;
    onTestFinished(() => scratch.drop());
  }
  const config = serverConfigSchema.parse({ port: options.port ?? 0, dataDir, databaseUrl, seedDemo: true, logLevel: 'silent', demoValuations: options.demoValuations });
  const running = await startSyncServer(config, { demoReports: options.demoReports ?? stubDemoReports, log: () => undefined });
  let stopped = false;
  const server: TestServer = {
    ...running,
    dataDir,
    databaseUrl,
    async stop() {
      if (stopped) return;
      stopped = true;
      await running.stop();
    },
    async restart() {
      await server.stop();
      return startTestServer({ port: running.port, dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
    },
  };
  onTestFinished(() => server.stop());
  return server;
}

/** A client core with its own data folder, signed in to the server as a demo person. */
export async function startClient(server: { url: string }, email = 'appraiser1@demo.shamay.local', deps: Partial<CoreDeps> = {}): Promise<{ core: Core; dataDir: string }> {
  const dataDir = deps.dataDir ?? tempDir('shamay-client-');
  // Tests decide who syncs when (syncNow); the engine does nothing on its own unless asked to.
  const core = createCore({ dataDir, serverUrl: server.url, ...deps, sync: { live: false, background: false, ...deps.sync } });
  onTestFinished(() => core.close());
  await call(core, 'session.signIn', { email, password: DEMO_PASSWORD });
  return { core, dataDir };
}

export { join };
