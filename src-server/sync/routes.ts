import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { heldBlobsRequest, pullQuery, pushRequest } from '../../src-shared/sync/protocol.ts';
import { withTenant, type RequestAuth, type Role, type ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import type { LiveHub } from '../live/hub.ts';
import { pullChanges } from './pull.ts';
import { pushMutations } from './push.ts';

export interface SyncRouteDeps {
  authenticate(request: FastifyRequest): Promise<RequestAuth>;
  requireMembership(userId: string, organizationId: string): Promise<Role>;
  live: LiveHub;
}

const orgParams = z.object({ orgId: z.string().uuid('not a valid organization id') });
/** Heartbeats keep proxies from closing an idle stream and let the client notice a dead one. */
const HEARTBEAT_MS = 15_000;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new HttpError(400, 'VALIDATION', issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'Invalid request');
}

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext, deps: SyncRouteDeps): void {
  // Live streams never end by themselves: they are closed first when the server shuts down, so that
  // closing waits only for real requests (a push in flight commits or rolls back before the exit).
  const streams = new Set<{ end(): void }>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  const caller = async (request: FastifyRequest) => {
    const auth = await deps.authenticate(request);
    const { orgId } = parse(orgParams, request.params);
    const role = await deps.requireMembership(auth.userId, orgId);
    return { auth, orgId, role };
  };

  app.post('/v1/orgs/:orgId/push', async (request) => {
    const { auth, orgId, role } = await caller(request);
    const body = parse(pushRequest, request.body);
    if (auth.deviceId && body.deviceId !== auth.deviceId) throw new HttpError(403, 'FORBIDDEN', 'These changes were made on another device.');
    const results = await pushMutations(ctx.db, { userId: auth.userId, organizationId: orgId, role, deviceId: body.deviceId }, body.mutations, ctx.now);
    return { results };
  });

  app.get('/v1/orgs/:orgId/pull', async (request) => {
    const { auth, orgId, role } = await caller(request);
    const query = parse(pullQuery, request.query);
    return withTenant(ctx.db, { userId: auth.userId, organizationIds: [orgId] }, (tx) => pullChanges(tx, orgId, role, query.cursor, query.limit));
  });

  app.post('/v1/orgs/:orgId/blobs-held', async (request) => {
    const { auth, orgId } = await caller(request);
    const { sha256s } = parse(heldBlobsRequest, request.body);
    const rows = await withTenant(ctx.db, { userId: auth.userId, organizationIds: [orgId] }, (tx) =>
      tx.query<{ sha256: string }>('SELECT sha256 FROM server_blobs WHERE organization_id = $1 AND sha256 = ANY($2::text[])', [orgId, sha256s]),
    );
    return { held: rows.map((r) => r.sha256) };
  });

  app.get('/v1/orgs/:orgId/live', async (request, reply) => {
    const { auth, orgId } = await caller(request);
    const [head] = await withTenant(ctx.db, { userId: auth.userId, organizationIds: [orgId] }, (tx) =>
      tx.query<{ last_version: number }>('SELECT last_version FROM sync_counters WHERE organization_id = $1', [orgId]),
    );
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    const send = (version: number) => out.write(`event: changed\ndata: ${JSON.stringify({ organizationId: orgId, version })}\n\n`);
    out.write('retry: 2000\n\n');
    send(head?.last_version ?? 0);
    const unsubscribe = deps.live.subscribe(orgId, send);
    const heartbeat = setInterval(() => out.write(': heartbeat\n\n'), HEARTBEAT_MS);
    streams.add(out);
    request.raw.on('close', () => {
      streams.delete(out);
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
