// The access-token signing key lives in the database (server_secrets) so that every server instance
// behind a load balancer signs and accepts the same tokens. It is created at first use.
import { randomBytes } from 'node:crypto';
import type { SqlSession } from '../db/database.ts';

export const ACCESS_TOKEN_KEY_NAME = 'access_token_key';
const KEY_BYTES = 32;

// The key never changes once written, so each database handle reads it once.
const cache = new WeakMap<SqlSession, Promise<Uint8Array>>();

/**
 * The HS256 key for access tokens (32 bytes). At first use it inserts a random key with
 * ON CONFLICT DO NOTHING and reads the row back, so instances starting together agree on one key.
 */
export function getSigningKey(db: SqlSession): Promise<Uint8Array> {
  let key = cache.get(db);
  if (!key) {
    key = loadOrCreate(db);
    cache.set(db, key);
    // A failure (database down) must not stick: the next call tries again.
    key.catch(() => cache.delete(db));
  }
  return key;
}

async function loadOrCreate(db: SqlSession): Promise<Uint8Array> {
  const read = async () =>
    (await db.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [ACCESS_TOKEN_KEY_NAME]))[0]?.value;
  let value = await read();
  if (value === undefined) {
    await db.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
      ACCESS_TOKEN_KEY_NAME,
      randomBytes(KEY_BYTES).toString('base64'),
    ]);
    value = await read();
  }
  if (value === undefined) throw new Error(`server_secrets: could not create ${ACCESS_TOKEN_KEY_NAME}`);
  const key = Buffer.from(value, 'base64');
  if (key.length < KEY_BYTES) throw new Error(`server_secrets: ${ACCESS_TOKEN_KEY_NAME} is shorter than ${KEY_BYTES} bytes`);
  return new Uint8Array(key);
}
