// The sync server's HTTP application: stateless (all state in PostgreSQL and the blob directory), so
// several instances can run behind a load balancer.
import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_PUSH_BODY_BYTES, PROTOCOL_VERSION } from '../src-shared/sync/protocol.ts';
import { createAuthHook, registerAuthRoutes } from './auth/routes.ts';
import { requireMembership } from './auth/service.ts';
import { registerBlobRoutes } from './blobs/routes.ts';
import type { ServerContext } from './context.ts';
import { installErrorHandler } from './http/errors.ts';
import type { LiveHub } from './live/hub.ts';
import { registerShareRoutes } from './shares/routes.ts';
import { registerSyncRoutes } from './sync/routes.ts';
import { registerUpdateRoutes } from './updates/routes.ts';

/** JSON bodies (push batches) are capped; file uploads have their own limit on the blob routes. */
export const JSON_BODY_LIMIT = MAX_PUSH_BODY_BYTES;

export function buildServer(ctx: Omit<ServerContext, 'log'>, live: LiveHub, logger: boolean | { level: string } = false): { app: FastifyInstance; ctx: ServerContext } {
  const trustProxy: boolean | string[] = ctx.config.trustProxy ?? false;
  const app = Fastify({ logger, bodyLimit: JSON_BODY_LIMIT, forceCloseConnections: 'idle', trustProxy });
  const full: ServerContext = { ...ctx, log: app.log };
  installErrorHandler(app);
  const authenticate = createAuthHook(full);
  const membership = (userId: string, organizationId: string) => requireMembership(full.db, userId, organizationId);

  app.get('/health', async () => ({ status: 'ok', database: full.db.kind, protocol: PROTOCOL_VERSION }));
  registerAuthRoutes(app, full);
  registerBlobRoutes(app, full, { authenticate, requireMembership: membership });
  registerSyncRoutes(app, full, { authenticate, requireMembership: membership, live });
  registerShareRoutes(app, full, { authenticate, requireMembership: membership });
  registerUpdateRoutes(app, full);
  return { app, ctx: full };
}
