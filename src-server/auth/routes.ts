// HTTP endpoints of authentication, and the hook every other route file uses to authenticate.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { loginRequest, refreshRequest } from '../../src-shared/sync/protocol.ts';
import type { RequestAuth, ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { RateLimitedError } from './rate-limit.ts';
import { authServiceFor } from './service.ts';

/**
 * Returns the function route handlers call first: `const auth = await authenticate(request)`.
 * 401 UNAUTHENTICATED (header missing or malformed, bad token), TOKEN_EXPIRED, SESSION_REVOKED.
 */
export function createAuthHook(ctx: ServerContext): (request: FastifyRequest) => Promise<RequestAuth> {
  const service = authServiceFor(ctx);
  return (request) => service.authenticate(request.headers.authorization);
}

/**
 * Validates a request body against a protocol schema: 400 VALIDATION with the first problem, naming
 * the field but never echoing a value (so a password never appears in a response or a log).
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  const message = body === undefined || body === null ? 'The request needs a JSON body.' : `${path}${issue?.message ?? 'invalid'}`;
  throw new HttpError(400, 'VALIDATION', message);
}

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const service = authServiceFor(ctx);
  const authenticate = createAuthHook(ctx);

  app.post('/v1/auth/login', async (request, reply) => {
    const body = parseBody(loginRequest, request.body);
    try {
      const tokens = await service.login(body.email, body.password, body.device, request.ip || null);
      noStore(reply);
      return tokens;
    } catch (error) {
      if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
      throw error;
    }
  });

  app.post('/v1/auth/refresh', async (request, reply) => {
    const body = parseBody(refreshRequest, request.body);
    const tokens = await service.refresh(body.refreshToken, body.deviceId);
    noStore(reply);
    return tokens;
  });

  app.post('/v1/auth/logout', async (request, reply) => {
    const auth = await authenticate(request);
    await service.logout(auth.sessionId);
    return reply.status(204).send();
  });

  app.get('/v1/me', async (request, reply) => {
    const auth = await authenticate(request);
    noStore(reply);
    return service.me(auth.userId);
  });
}
