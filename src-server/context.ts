import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from './config.ts';
import type { ServerDatabase, SqlSession } from './db/database.ts';

export interface ServerContext {
  db: ServerDatabase;
  config: ServerConfig;
  blobDir: string;
  now: () => Date;
  log: FastifyBaseLogger;
}

/** The caller of a request, established by the auth hook from a valid access token. */
export interface RequestAuth {
  userId: string;
  sessionId: string;
  deviceId: string | null;
}

export type Role = 'OWNER' | 'ORG_ADMIN' | 'APPRAISER' | 'CLIENT_VIEWER';

/**
 * Runs fn in a transaction as the restricted role shamay_app with row-level security scoped to the
 * given organizations: even a bug in a query cannot read or write another organization's rows.
 */
export async function withTenant<T>(
  db: ServerDatabase,
  scope: { userId: string; organizationIds: string[] },
  fn: (tx: SqlSession) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.exec('SET LOCAL ROLE shamay_app');
    await tx.query(
      "SELECT set_config('shamay.organization_ids', $1, true), set_config('shamay.user_id', $2, true)",
      [scope.organizationIds.join(','), scope.userId],
    );
    return fn(tx);
  });
}
