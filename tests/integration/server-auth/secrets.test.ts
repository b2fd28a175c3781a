import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_KEY_NAME, getSigningKey } from '../../../src-server/auth/secrets.ts';
import type { ServerDatabase } from '../../../src-server/db/database.ts';
import { openServerDatabase } from '../../../src-server/db/open.ts';
import { createScratchDatabase, TEST_DATABASE_URL } from '../../helpers/postgres.ts';

describe.skipIf(!TEST_DATABASE_URL)('signing key shared by several server instances (PostgreSQL)', () => {
  let url: string;
  let drop: () => Promise<void>;
  const handles: ServerDatabase[] = [];

  beforeAll(async () => {
    ({ url, drop } = await createScratchDatabase());
    for (let i = 0; i < 4; i++) handles.push((await openServerDatabase({ databaseUrl: url })).db);
  });
  afterAll(async () => {
    for (const db of handles) await db.close();
    await drop?.();
  });

  it('instances starting together create one key and all use it', async () => {
    const keys = await Promise.all(handles.map((db) => getSigningKey(db)));
    const encoded = new Set(keys.map((k) => Buffer.from(k).toString('base64')));
    expect(encoded.size).toBe(1);
    const rows = await handles[0]!.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [ACCESS_TOKEN_KEY_NAME]);
    expect(rows.map((r) => r.value)).toEqual([...encoded]);
  });
});
