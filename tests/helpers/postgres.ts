import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The real PostgreSQL server for integration tests. .ci/run starts one and exports its URL; a developer
 * can point SHAMAY_TEST_DATABASE_URL at their own. Tests against it are skipped when it is absent.
 */
export const TEST_DATABASE_URL = process.env.SHAMAY_TEST_DATABASE_URL;

if (!TEST_DATABASE_URL) {
  console.warn('SHAMAY_TEST_DATABASE_URL is not set: real-PostgreSQL tests are skipped (.ci/run sets it).');
}

/** Creates an empty database of its own for one test and returns its URL and a function that drops it. */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('SHAMAY_TEST_DATABASE_URL is not set');
  const name = `shamay_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
