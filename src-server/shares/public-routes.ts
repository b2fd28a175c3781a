// The public side of share links, no sign-in:
//
//   GET  /s/:token   the signed report PDF, or the password page of a protected link
//   POST /s/:token   form field `password` (application/x-www-form-urlencoded): the PDF, or the page again
//
// Every answer other than the PDF is a small HTML page: 404 for an unknown token (and for anything the
// link cannot show, so that nothing beyond 404 tells whether a token exists), 410 expired/revoked,
// 401 wrong password, 429 too many requests or too many wrong passwords. Every served view counts on
// the share; views, refusals of a closed link and wrong passwords are logged in document_access_logs,
// coalesced so that no stream of requests can flood the organization's change feed: before anything
// else each request passes the request limits (request-limit.ts), which bound how often the feed is
// written at all, then views are logged at most once per link and address per 10 minutes (at most 20
// per link per hour) and refusals of an expired or revoked link at most once per link per hour
// (public-access.ts). Wrong passwords are each logged; their own limiter bounds them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyPassword } from '../auth/passwords.ts';
import { RateLimitedError } from '../auth/rate-limit.ts';
import { openBlobStream, storedBlobSize } from '../blobs/store.ts';
import type { ServerContext } from '../context.ts';
import { inlineDisposition } from './content-disposition.ts';
import { pages, PAGE_HEADERS, type Page } from './pages.ts';
import { findPublicShare, recordClosedRefusal, recordView, recordWrongPassword, shareState, type PublicShare } from './public-access.ts';
import { SharePasswordLimiter } from './rate-limit.ts';
import { clientKey, ShareRequestLimiter, ViewLogThrottle } from './request-limit.ts';
import { isShareToken } from './token.ts';

export const PUBLIC_SHARE_ROUTE = '/s/:token';

const FORM = 'application/x-www-form-urlencoded';
/** A password of at most 200 characters, percent-encoded, fits easily. */
const FORM_BODY_LIMIT = 4 * 1024;

export function registerPublicShareRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const requests = new ShareRequestLimiter(ctx.now);
  const viewLogs = new ViewLogThrottle(ctx.now);
  const limiter = new SharePasswordLimiter(ctx.db, ctx.now);

  /** null: no password offered (GET); '' when a form arrived without one. */
  async function open(request: FastifyRequest, reply: FastifyReply, password: string | null) {
    const token = (request.params as { token?: unknown }).token;
    const client = clientKey(request.ip);
    // First of all, before the token is even looked up: a flood stops here, having written nothing.
    const limited = requests.take(typeof token === 'string' ? token : '', client);
    if (limited) {
      reply.header('retry-after', String(limited.retryAfterSeconds));
      return sendPage(reply, pages.tooManyRequests(limited.retryAfterSeconds));
    }
    if (!isShareToken(token)) return sendPage(reply, pages.notFound());
    const share = await findPublicShare(ctx, token);
    if (!share) return sendPage(reply, pages.notFound());

    const state = shareState(share, ctx.now());
    if (state !== 'open') {
      await recordClosedRefusal(ctx, share, ctx.now());
      return sendPage(reply, state === 'expired' ? pages.expired() : pages.revoked());
    }
    if (share.hasPassword) {
      if (password === null) return sendPage(reply, pages.password(200));
      if (password === '') return sendPage(reply, pages.password(400));
      const ip = request.ip || null;
      try {
        // Before the password is looked at: while limited, even the right one does not get in.
        await limiter.check(token, ip);
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        reply.header('retry-after', String(error.retryAfterSeconds));
        return sendPage(reply, pages.rateLimited(error.retryAfterSeconds));
      }
      if (!(await verifyPassword(share.passwordHash, password))) {
        await limiter.recordFailure(token, ip);
        await recordWrongPassword(ctx, share, ctx.now());
        return sendPage(reply, pages.password(401));
      }
      await limiter.recordSuccess(token);
    }
    return serveReport(request, reply, share, client);
  }

  async function serveReport(request: FastifyRequest, reply: FastifyReply, share: PublicShare, client: string | null) {
    const size = share.heldBytes === null ? null : await storedBlobSize(ctx.blobDir, share.sha256);
    const stream = size !== null && size === share.heldBytes ? await openBlobStream(ctx.blobDir, share.sha256) : null;
    if (!stream) {
      request.log.error({ shareId: share.id, sha256: share.sha256 }, 'a shared report file is missing or damaged');
      return sendPage(reply, pages.notFound());
    }
    // Counted every time; logged only when this link and address have not been logged lately.
    const logClaim = viewLogs.claim(share.id, client);
    let state;
    try {
      state = await recordView(ctx, share, ctx.now(), { log: logClaim !== null });
    } catch (error) {
      logClaim?.release();
      stream.destroy();
      throw error;
    }
    if (state !== 'open') {
      logClaim?.release();
      stream.destroy();
      return sendPage(reply, state === 'expired' ? pages.expired() : pages.revoked());
    }
    return reply
      .code(200)
      .headers({
        'content-type': 'application/pdf',
        'content-length': String(size),
        'content-disposition': inlineDisposition(share.fileName),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-robots-tag': 'noindex, nofollow',
      })
      .send(stream);
  }

  void app.register(async (scope) => {
    // Only the password form is accepted here (JSON and the rest get 415), and only a small one.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
      done(null, new URLSearchParams(String(body)));
    });
    // People, not programs, open these links: failures are pages too, and say nothing inside.
    scope.setErrorHandler((error, request, reply) => {
      const status = (error as { statusCode?: number }).statusCode;
      const clientError = status !== undefined && status >= 400 && status < 500;
      if (!clientError) request.log.error({ err: error }, 'share link failed');
      return sendPage(reply, pages.failed(clientError ? status : 500));
    });

    // No automatic HEAD: a HEAD must not count as a view.
    scope.route({ method: 'GET', url: PUBLIC_SHARE_ROUTE, exposeHeadRoute: false, handler: (request, reply) => open(request, reply, null) });
    scope.route({ method: 'POST', url: PUBLIC_SHARE_ROUTE, handler: (request, reply) => open(request, reply, passwordOf(request.body)) });
  });
}

function passwordOf(body: unknown): string {
  return body instanceof URLSearchParams ? (body.get('password') ?? '') : '';
}

function sendPage(reply: FastifyReply, page: Page) {
  return reply.code(page.status).headers(PAGE_HEADERS).send(page.html);
}
