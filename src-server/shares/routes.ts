// Share links to signed reports: the office's endpoints (signed in) and the public link itself.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { registerOfficeShareRoutes, type ShareRouteDeps } from './office-routes.ts';
import { registerPublicShareRoutes } from './public-routes.ts';

export type { ShareRouteDeps } from './office-routes.ts';

export function registerShareRoutes(app: FastifyInstance, ctx: ServerContext, deps: ShareRouteDeps): void {
  registerOfficeShareRoutes(app, ctx, deps);
  registerPublicShareRoutes(app, ctx);
}
