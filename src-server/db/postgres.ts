import pg from 'pg';
import type { ServerDatabase, SqlSession } from './database.ts';
import { TYPE_PARSERS } from './type-parsers.ts';

export async function openPostgres(connectionString: string): Promise<ServerDatabase> {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that the server drops (restart, failover) must not crash the process; the
  // pool replaces it on the next query.
  pool.on('error', (error) => console.warn('postgres: idle connection lost:', error.message));
  // Fail at start-up, with the driver's own message, rather than on the first request.
  await pool.query('SELECT 1');
  const session = (client: pg.Pool | pg.PoolClient): SqlSession => ({
    async query<Row>(text: string, params?: unknown[]) {
      return (await client.query(text, params)).rows as Row[];
    },
    async exec(text: string) {
      await client.query(text);
    },
  });
  return {
    kind: 'postgres',
    ...session(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(session(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    listen: (channel, onMessage) => listenWithReconnect(connectionString, channel, onMessage),
    // A real server is backed up by its operators (pg_dump, base backups); see README.
    backup: async () => false,
    close: () => pool.end(),
  };
}

/**
 * LISTEN on a dedicated connection (pooled connections come and go). If the connection drops it is
 * re-established; subscribers miss nothing important, because clients also pull on reconnect.
 */
async function listenWithReconnect(connectionString: string, channel: string, onMessage: (payload: string) => void) {
  let stopped = false;
  let client: pg.Client | null = null;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    next.on('error', () => {
      if (!stopped) setTimeout(() => void connect().catch(() => undefined), 1000);
    });
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => undefined);
  };
}
