// Share links to signed reports. The server creates, serves, counts and revokes them, so creating and
// revoking need it; listing falls back to the rows the last sync brought when it cannot be reached.
import { AppError } from '../../../src-shared/contract/errors.ts';
import { requireActor, type Actor, type CoreContext } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { localShares } from './local-shares.ts';
import { callShareServer, noServer, serverUnreachable, shareError } from './server-errors.ts';

type Methods = 'shares.create' | 'shares.list' | 'shares.revoke';

/** The signed-in office user; client viewers see reports but do not hand out links to them. */
function officeActor(ctx: CoreContext): Actor {
  const actor = requireActor(ctx);
  if (actor.role === 'CLIENT_VIEWER') throw new AppError('FORBIDDEN', 'A client viewer cannot create, list or revoke share links.', { reason: 'READ_ONLY_ROLE' });
  return actor;
}

/** The report must be on the server before the server can share it. */
function requireUploadedReport(ctx: CoreContext, actor: Actor, assetId: string): void {
  const asset = ctx.db.prepare('SELECT server_version FROM assets WHERE id = ? AND organization_id = ?').get(assetId, actor.organizationId) as
    | { server_version: number }
    | undefined;
  if (!asset) throw new AppError('NOT_FOUND', 'No such report in this organization.', { reason: 'REPORT_NOT_FOUND', id: assetId });
  if (asset.server_version === 0) {
    throw new AppError('CONFLICT', 'This report has not reached the server yet: let sync finish, then share it.', { reason: 'SHARE_NOT_ON_SERVER', id: assetId });
  }
}

export const shareHandlers: HandlerMap<Methods> = {
  'shares.create': async (input, ctx) => {
    const actor = officeActor(ctx);
    const server = ctx.server;
    if (!server) throw noServer();
    requireUploadedReport(ctx, actor, input.assetId);
    return callShareServer(() => server.createShare(actor.organizationId, input));
  },

  'shares.list': async ({ valuationId }, ctx) => {
    const actor = officeActor(ctx);
    const server = ctx.server;
    if (server) {
      try {
        return await server.listShares(actor.organizationId, { valuationId });
      } catch (error) {
        if (!serverUnreachable(error)) throw shareError(error);
      }
    }
    return localShares(ctx, actor.organizationId, valuationId);
  },

  'shares.revoke': async ({ id }, ctx) => {
    const actor = officeActor(ctx);
    const server = ctx.server;
    if (!server) throw noServer();
    return callShareServer(() => server.revokeShare(actor.organizationId, id));
  },
};
