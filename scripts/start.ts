// `npm start`: prepares the embedded default — a sync-server database on PGlite with the demo
// organization, and a local client store — under .shamay-data/ (or SHAMAY_DATA_DIR).
// The desktop shell and the browser host attach here as they land (see README "Status").
import { join, resolve } from 'node:path';
import { openLocalDatabase } from '../src-main/core/db/open.ts';
import { openServerDatabase } from '../src-server/db/open.ts';
import { seedDemoOrganization } from '../src-server/db/seed-demo.ts';

const dataDir = resolve(process.env.SHAMAY_DATA_DIR ?? '.shamay-data');
const serverDir = join(dataDir, 'server');

const server = await openServerDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: join(serverDir, 'pgdata'),
  backupDir: join(serverDir, 'backups'),
});
console.log(
  `sync database: ${server.db.kind === 'pglite' ? join(serverDir, 'pgdata') : 'DATABASE_URL'} ` +
    `(schema v${server.migration.toVersion}${server.migration.fromVersion !== server.migration.toVersion ? `, migrated from v${server.migration.fromVersion}` : ''})`,
);
if (await seedDemoOrganization(server.db, { seed: 1, valuations: 50 })) {
  console.log('demo organization seeded: 5 people, 50 valuations');
}
const [counts] = await server.db.query<{ organizations: number; valuations: number }>(
  'SELECT (SELECT count(*)::int FROM organizations) AS organizations, (SELECT count(*)::int FROM valuations) AS valuations',
);
console.log(`sync database holds ${counts?.organizations} organization(s), ${counts?.valuations} valuation(s)`);
await server.db.close();

const local = openLocalDatabase({ file: join(dataDir, 'client', 'shamay.sqlite') });
console.log(`local store: ${join(dataDir, 'client', 'shamay.sqlite')} (schema v${local.migration.toVersion})`);
local.db.close();
