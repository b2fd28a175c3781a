// Blob endpoints of the sync server: files content-addressed by sha256, per organization.
//
//   HEAD /v1/orgs/:orgId/blobs/:sha256  200 + Content-Length when the organization holds it; else 404,
//                                       with Upload-Offset when it has a partial upload to resume
//   PUT  /v1/orgs/:orgId/blobs/:sha256  raw body at Upload-Offset (default 0) of Upload-Length bytes:
//                                       202 {offset} for a chunk, 201 {sha256, sizeBytes} once the whole
//                                       file arrived, hashed to the URL's sha256 and passed the allow
//                                       list; 200 when the organization already holds it
//   GET  /v1/orgs/:orgId/blobs/:sha256  the bytes; a single Range gives 206
//
// An organization holds a blob when it has a server_blobs row for it, which is only written after the
// file is stored and verified (ARCHITECTURE.md guarantee 7). Another organization's copy of the same
// content is invisible: its hash gets the same 404 as an unknown one, and possession is proven only
// by uploading the bytes (stored once on disk, recorded per organization).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ALLOWED_FILE_KINDS, ALLOWED_FILE_KINDS_TEXT } from '../../src-shared/domain/file-kinds.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { authorizeBlobRequest, findHeldBlob, recordHeldBlob, type BlobAccess, type BlobRouteDeps, type HeldBlob } from './access.ts';
import { detectBlobType } from './detect.ts';
import { commitBlob, openBlobStream, sha256OfFile, storedBlobSize } from './store.ts';
import { appendToPartial, createUploadLocks, partialPath, partialSize, removePartial } from './uploads.ts';

export type { BlobRouteDeps } from './access.ts';
export { sweepStaleUploads } from './uploads.ts';

export const BLOB_ROUTE = '/v1/orgs/:orgId/blobs/:sha256';

/** How long a PUT waits for another PUT of the same blob by the same organization to finish. */
const PUT_LOCK_WAIT_MS = 10_000;
/** How long a HEAD waits for an upload in progress to settle, so it reports a stable offset. */
const HEAD_SETTLE_MS = 2_000;

const OCTET_STREAM = 'application/octet-stream';
/** Content-Types a PUT may carry: the raw bytes, or the file's own type from the allow list. */
const UPLOAD_CONTENT_TYPES = [OCTET_STREAM, ...Object.keys(ALLOWED_FILE_KINDS)];

type PutOutcome =
  | { kind: 'reply'; status: 200 | 201 | 202; offset: number; body: Record<string, unknown> }
  | { kind: 'interrupted'; offset: number };

export function registerBlobRoutes(app: FastifyInstance, ctx: ServerContext, deps: BlobRouteDeps): void {
  const locks = createUploadLocks();
  const accessByRequest = new WeakMap<FastifyRequest, BlobAccess>();

  /** Runs before the body is parsed: nobody gets as far as streaming bytes without passing. */
  const authorize = (intent: 'read' | 'write') => async (request: FastifyRequest) => {
    accessByRequest.set(request, await authorizeBlobRequest(request, deps, intent));
    if (intent === 'write') checkUploadContentType(request);
  };
  const accessOf = (request: FastifyRequest): BlobAccess => {
    const access = accessByRequest.get(request);
    if (!access) throw new Error('blob route reached without authorization');
    return access;
  };

  /** The organization holds the blob and its file is on disk, whole. */
  async function heldAndStored(access: BlobAccess): Promise<HeldBlob | null> {
    const held = await findHeldBlob(ctx, access);
    if (!held) return null;
    const size = await storedBlobSize(ctx.blobDir, access.sha256);
    if (size === held.sizeBytes) return held;
    ctx.log.error({ sha256: access.sha256, expected: held.sizeBytes, found: size }, 'stored blob is missing or damaged');
    return null;
  }

  async function put(request: FastifyRequest, reply: FastifyReply, access: BlobAccess, upload: UploadHeaders): Promise<PutOutcome> {
    const { organizationId, sha256 } = access;
    const path = partialPath(ctx.blobDir, organizationId, sha256);

    const held = await heldAndStored(access);
    if (held) {
      await removePartial(path);
      return { kind: 'reply', status: 200, offset: held.sizeBytes, body: { sha256, sizeBytes: held.sizeBytes } };
    }

    const current = (await partialSize(path)) ?? 0;
    if (upload.offset !== current) {
      reply.header('upload-offset', String(current));
      throw new HttpError(409, 'OFFSET_MISMATCH', `This upload continues at byte ${current}, not at ${upload.offset}: resend from there.`, {
        offset: current,
      });
    }

    const written = await appendToPartial(path, upload.offset, bodyOf(request), upload.length);
    if (written.offset === 0) await removePartial(path);
    if (written.outcome === 'interrupted') return { kind: 'interrupted', offset: written.offset };
    if (written.outcome === 'overflow') {
      reply.header('upload-offset', String(upload.offset));
      throw new HttpError(413, 'TOO_LARGE', `The body runs past Upload-Length (${upload.length} bytes); nothing of it was kept.`, {
        uploadLength: upload.length,
      });
    }
    if (written.offset < upload.length) {
      return { kind: 'reply', status: 202, offset: written.offset, body: { offset: written.offset } };
    }

    // The whole file is here: it must be what the URL names, and of an allowed type.
    const actual = await sha256OfFile(path);
    if (actual !== sha256) {
      await removePartial(path);
      throw new HttpError(
        422,
        'HASH_MISMATCH',
        'The uploaded bytes do not hash to the sha256 in the URL; the upload was discarded. Start again from byte 0.',
        { expected: sha256, actual },
      );
    }
    const type = await detectBlobType(path, mediaType(request.headers['content-type']));
    if (!type.allowed) {
      await removePartial(path);
      throw new HttpError(415, 'TYPE_NOT_ALLOWED', type.message, { detectedMime: type.detectedMime });
    }
    await commitBlob(ctx.blobDir, sha256, path, written.offset);
    await recordHeldBlob(ctx, access, { sizeBytes: written.offset, mimeType: type.mime });
    return { kind: 'reply', status: 201, offset: written.offset, body: { sha256, sizeBytes: written.offset } };
  }

  void app.register(async (scope) => {
    // Upload bodies are streamed to disk as they arrive, never buffered: the parser hands the
    // request stream itself to the handler. Registered in this scope only.
    for (const type of UPLOAD_CONTENT_TYPES) {
      if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
      scope.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
    }

    scope.route({
      method: 'HEAD',
      url: BLOB_ROUTE,
      onRequest: authorize('read'),
      handler: async (request, reply) => {
        const access = accessOf(request);
        const held = await heldAndStored(access);
        if (held) {
          reply.code(200).headers({ ...blobHeaders(access.sha256, held), 'content-length': String(held.sizeBytes) });
          return reply.send();
        }
        const key = lockKey(access);
        await locks.settled(key, HEAD_SETTLE_MS);
        const received = await partialSize(partialPath(ctx.blobDir, access.organizationId, access.sha256));
        if (received !== null) reply.header('upload-offset', String(received));
        throw notFound();
      },
    });

    scope.route({
      method: 'GET',
      url: BLOB_ROUTE,
      exposeHeadRoute: false,
      onRequest: authorize('read'),
      handler: async (request, reply) => {
        const access = accessOf(request);
        const held = await heldAndStored(access);
        if (!held) throw notFound();
        reply.headers(blobHeaders(access.sha256, held));
        if (matchesEtag(request.headers['if-none-match'], access.sha256)) return reply.code(304).send();

        const range = parseRange(request.headers.range, held.sizeBytes);
        if (range === 'unsatisfiable') {
          reply.header('content-range', `bytes */${held.sizeBytes}`);
          throw new HttpError(416, 'RANGE_NOT_SATISFIABLE', `The file has ${held.sizeBytes} bytes; the requested range lies outside it.`);
        }
        const stream = await openBlobStream(ctx.blobDir, access.sha256, range ?? undefined);
        if (!stream) throw notFound();
        if (range) {
          reply
            .code(206)
            .header('content-range', `bytes ${range.start}-${range.end}/${held.sizeBytes}`)
            .header('content-length', String(range.end - range.start + 1));
        } else {
          reply.code(200).header('content-length', String(held.sizeBytes));
        }
        return reply.send(stream);
      },
    });

    scope.route({
      method: 'PUT',
      url: BLOB_ROUTE,
      onRequest: authorize('write'),
      // A refusal sent before the body was read closes the connection instead of reading the rest.
      onSend: async (request, reply, payload) => {
        if (!request.raw.readableEnded) reply.header('connection', 'close');
        return payload;
      },
      handler: async (request, reply) => {
        const access = accessOf(request);
        const upload = readUploadHeaders(request, ctx.config.maxBlobBytes);
        const outcome = await locks.run(lockKey(access), PUT_LOCK_WAIT_MS, () => put(request, reply, access, upload));
        if (!outcome) {
          const current = (await partialSize(partialPath(ctx.blobDir, access.organizationId, access.sha256))) ?? 0;
          reply.header('upload-offset', String(current));
          throw new HttpError(409, 'UPLOAD_IN_PROGRESS', 'Another upload of this file is in progress; try again shortly.', { offset: current });
        }
        const result = outcome.value;
        if (result.kind === 'interrupted') {
          // The client is gone; what arrived is kept, and HEAD tells it where to resume.
          ctx.log.info({ organizationId: access.organizationId, sha256: access.sha256, offset: result.offset }, 'blob upload interrupted');
          reply.hijack();
          reply.raw.destroy();
          return;
        }
        return reply.code(result.status).header('upload-offset', String(result.offset)).send(result.body);
      },
    });
  });
}

interface UploadHeaders {
  offset: number;
  length: number;
}

/** Upload-Length (required) and Upload-Offset (default 0), checked against the limit and the body. */
function readUploadHeaders(request: FastifyRequest, maxBytes: number): UploadHeaders {
  const length = byteCountHeader(request, 'upload-length', 'Upload-Length');
  if (length === null) {
    throw new HttpError(400, 'VALIDATION', "The Upload-Length header is required: the file's total size in bytes.", { field: 'Upload-Length' });
  }
  if (length < 1) throw new HttpError(400, 'VALIDATION', 'An empty file cannot be uploaded.', { field: 'Upload-Length' });
  if (length > maxBytes) {
    throw new HttpError(413, 'TOO_LARGE', `The file is ${length} bytes; files may be at most ${maxBytes} bytes.`, { maxBytes });
  }
  const offset = byteCountHeader(request, 'upload-offset', 'Upload-Offset') ?? 0;
  if (offset > length) {
    throw new HttpError(400, 'VALIDATION', `Upload-Offset (${offset}) lies past Upload-Length (${length}).`, { field: 'Upload-Offset' });
  }
  const contentLength = request.headers['content-length'];
  if (contentLength !== undefined && offset + Number(contentLength) > length) {
    throw new HttpError(413, 'TOO_LARGE', `The body (${contentLength} bytes) runs past Upload-Length (${length} bytes) from offset ${offset}.`, {
      uploadLength: length,
    });
  }
  return { offset, length };
}

function byteCountHeader(request: FastifyRequest, name: string, label: string): number | null {
  const raw = request.headers[name];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw.trim())) {
    throw new HttpError(400, 'VALIDATION', `${label} must be a whole number of bytes.`, { field: label });
  }
  return Number(raw.trim());
}

function checkUploadContentType(request: FastifyRequest): void {
  const type = mediaType(request.headers['content-type']);
  if (type !== null && UPLOAD_CONTENT_TYPES.includes(type)) return;
  const got = type === null ? 'no Content-Type' : `Content-Type ${type.slice(0, 100)}`;
  throw new HttpError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `Upload the raw file with Content-Type ${OCTET_STREAM} (text/csv for CSV) or its own type; got ${got}. Allowed files: ${ALLOWED_FILE_KINDS_TEXT}.`,
  );
}

/** 'text/csv; charset=utf-8' -> 'text/csv'; null when absent. */
function mediaType(header: string | undefined): string | null {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

function bodyOf(request: FastifyRequest): AsyncIterable<Uint8Array> | undefined {
  const body = request.body as Partial<AsyncIterable<Uint8Array>> | undefined;
  return body && typeof body[Symbol.asyncIterator] === 'function' ? (body as AsyncIterable<Uint8Array>) : undefined;
}

function blobHeaders(sha256: string, held: HeldBlob): Record<string, string> {
  return {
    'content-type': held.mimeType,
    etag: `"${sha256}"`,
    'accept-ranges': 'bytes',
    'cache-control': 'private',
    'x-content-type-options': 'nosniff',
  };
}

function matchesEtag(header: string | undefined, sha256: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const value = tag.trim().replace(/^W\//, '');
    return value === '*' || value === `"${sha256}"`;
  });
}

/**
 * A single 'bytes=a-b', 'bytes=a-' or 'bytes=-n'. Anything else (several ranges, other units,
 * nonsense) is ignored and the whole file sent, as HTTP allows.
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

function lockKey(access: BlobAccess): string {
  return `${access.organizationId}/${access.sha256}`;
}

/** The same answer for an unknown hash and for another organization's blob. */
function notFound(): HttpError {
  return new HttpError(404, 'NOT_FOUND', 'This organization has no such file.');
}
