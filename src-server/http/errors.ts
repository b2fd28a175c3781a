import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { drainRequest } from './drain.ts';

/** A request the server refuses on purpose: status, a stable code and a sentence for people. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Every error leaves as { error: { code, message } }; unexpected ones are logged and say nothing inside. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof HttpError) {
      if (error.status === 413) await drainBeforeAnswer(request, reply);
      return reply.status(error.status).send({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      const code = status === 413 ? 'TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
      if (status === 413) await drainBeforeAnswer(request, reply);
      return reply.status(status).send({ error: { code, message: (error as Error).message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal server error; the details were logged.' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
  );
}

/** A body too large is read to its end (within bounds) so that the client sees the 413 rather than a broken pipe. */
async function drainBeforeAnswer(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!(await drainRequest(request.raw))) reply.header('connection', 'close');
}
