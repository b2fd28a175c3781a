// Share links as the office manages them (signed in, member of the organization, not a client viewer):
//
//   POST /v1/orgs/:orgId/shares                       { assetId, expiresInDays 1..90, password? 6..200 } -> 201 share
//   GET  /v1/orgs/:orgId/shares?assetId=…|valuationId=…  -> { shares: [share, …] }, newest first
//   POST /v1/orgs/:orgId/shares/:shareId/revoke       -> the share, revoked (again: unchanged)
//
// A share is the contract's shareEntity; its url is built on the server's public address.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contract } from '../../src-shared/contract/methods.ts';
import { id } from '../../src-shared/contract/entities.ts';
import { hashPassword } from '../auth/passwords.ts';
import { parseBody } from '../auth/routes.ts';
import { withTenant, type RequestAuth, type Role, type ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { createShare, listShares, revokeShare, type ShareActor, type ShareFilter } from './manage.ts';
import { publicBaseUrl } from './public-url.ts';
import { shareJson } from './share-row.ts';

export interface ShareRouteDeps {
  authenticate(request: FastifyRequest): Promise<RequestAuth>;
  requireMembership(userId: string, organizationId: string): Promise<Role>;
}

/** The body is exactly the app contract's input of shares.create: one definition for both ends. */
const createShareBody = contract['shares.create'].input;
const orgParams = z.object({ orgId: id });
const shareParams = z.object({ orgId: id, shareId: id });
const listQuery = z.union([z.object({ assetId: id }).strict(), z.object({ valuationId: id }).strict()]);

export function registerOfficeShareRoutes(app: FastifyInstance, ctx: ServerContext, deps: ShareRouteDeps): void {
  /** Authenticates, reads the URL, checks membership and refuses client viewers, in that order. */
  async function officeCaller<P extends { orgId: string }>(request: FastifyRequest, params: z.ZodType<P>): Promise<{ actor: ShareActor; params: P }> {
    const auth = await deps.authenticate(request);
    const parsed = parseParams(params, request.params);
    const role = await deps.requireMembership(auth.userId, parsed.orgId);
    if (role === 'CLIENT_VIEWER') throw new HttpError(403, 'FORBIDDEN', 'A client viewer cannot create, list or revoke share links.');
    return { actor: { userId: auth.userId, organizationId: parsed.orgId }, params: parsed };
  }
  const tenant = (actor: ShareActor) => ({ userId: actor.userId, organizationIds: [actor.organizationId] });

  app.post('/v1/orgs/:orgId/shares', async (request, reply) => {
    const { actor } = await officeCaller(request, orgParams);
    const body = parseBody(createShareBody, request.body);
    const baseUrl = publicBaseUrl(ctx.config, request);
    // argon2 takes tens of milliseconds: not inside the transaction that holds the feed's lock.
    const passwordHash = body.password === undefined ? null : await hashPassword(body.password);
    const share = await withTenant(ctx.db, tenant(actor), (tx) =>
      createShare(tx, actor, { assetId: body.assetId, expiresInDays: body.expiresInDays, passwordHash }, ctx.now()),
    );
    reply.code(201).header('cache-control', 'no-store');
    return shareJson(share, baseUrl);
  });

  app.get('/v1/orgs/:orgId/shares', async (request, reply) => {
    const { actor } = await officeCaller(request, orgParams);
    const filter: ShareFilter = parseQuery(request.query);
    const baseUrl = publicBaseUrl(ctx.config, request);
    const shares = await withTenant(ctx.db, tenant(actor), (tx) => listShares(tx, actor.organizationId, filter));
    reply.header('cache-control', 'no-store');
    return { shares: shares.map((share) => shareJson(share, baseUrl)) };
  });

  app.post('/v1/orgs/:orgId/shares/:shareId/revoke', async (request, reply) => {
    const { actor, params } = await officeCaller(request, shareParams);
    const baseUrl = publicBaseUrl(ctx.config, request);
    const share = await withTenant(ctx.db, tenant(actor), (tx) => revokeShare(tx, actor, params.shareId, ctx.now()));
    reply.header('cache-control', 'no-store');
    return shareJson(share, baseUrl);
  });
}

function parseParams<T>(schema: z.ZodType<T>, params: unknown): T {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const field = String(result.error.issues[0]?.path[0] ?? 'id');
  throw new HttpError(400, 'VALIDATION', `The ${field} in the URL is not a valid id (a lower-case UUID).`, { field });
}

function parseQuery(query: unknown): ShareFilter {
  const result = listQuery.safeParse(query);
  if (result.success) return result.data;
  throw new HttpError(400, 'VALIDATION', 'Give exactly one of assetId or valuationId (a lower-case UUID) in the query.');
}
