// The desktop app's update feed, served from a directory (SHAMAY_UPDATES_DIR):
//
//   GET /updates/:channel/:file      e.g. /updates/stable/latest.yml, /updates/beta/Shamay-Setup-1.4.0.exe
//
//   $SHAMAY_UPDATES_DIR/
//     stable/  latest.yml  latest-mac.yml  latest-linux.yml  <installers, zips, AppImages, .blockmap files>
//     beta/    …the same for the beta channel
//
// The files are exactly what `npm run dist` writes to release/<version>/; publishing is copying them
// (feeds last, so a client never sees a feed before its installer). The server does not interpret them:
// electron-updater checks each file's sha512 from the feed and the installer's code signature, and
// decides staged rollouts (stagingPercentage) itself.
//
// No authentication: installers hold no organization data and electron-updater runs in the main
// process, which has no session token. Keep the server inside the organization's network (or put
// the path behind the reverse proxy's own access rule); docs/deployment.md says so.
//
// Safety: channel and file names are single path segments from a strict alphabet; the resolved real
// path must stay inside the updates directory (no `..`, no symlink out of it); only regular files.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { multipartLayout, parseRangeHeader, type ByteRange } from './ranges.ts';

export const UPDATES_DIR_ENV = 'SHAMAY_UPDATES_DIR';

const CHANNEL = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._+-]{0,199}$/;

/** The updates directory from the environment, absolute; null when unset (the routes answer 404). */
export function updatesDirFromEnv(env: Record<string, string | undefined>): string | null {
  const value = env[UPDATES_DIR_ENV]?.trim();
  return value ? resolve(value) : null;
}

export interface UpdateRoutesOptions {
  /** The directory; default SHAMAY_UPDATES_DIR. null or unset: the feed is off (404). */
  dir?: string | null;
}

export function isSafeChannel(channel: string): boolean {
  return CHANNEL.test(channel);
}

export function isSafeFileName(file: string): boolean {
  return FILE_NAME.test(file) && !file.includes('..');
}

function contentTypeOf(file: string): string {
  switch (extname(file).toLowerCase()) {
    case '.yml':
    case '.yaml':
      return 'text/yaml; charset=utf-8';
    case '.json':
      return 'application/json';
    case '.zip':
      return 'application/zip';
    default:
      return 'application/octet-stream';
  }
}

const notFound = () => new HttpError(404, 'NOT_FOUND', 'No such update file.');

export function registerUpdateRoutes(app: FastifyInstance, ctx: Pick<ServerContext, 'log'>, options: UpdateRoutesOptions = {}): void {
  const configured = options.dir === undefined ? updatesDirFromEnv(process.env) : options.dir;
  const dir = configured ? (isAbsolute(configured) ? configured : resolve(configured)) : null;
  if (dir) ctx.log.info({ dir }, 'serving desktop app updates from a directory');

  // The real path of the directory, resolved once it exists (it may be created after start).
  let root: string | null = null;
  const realRoot = async (): Promise<string | null> => {
    if (root || !dir) return root;
    try {
      root = await realpath(dir);
    } catch {
      return null;
    }
    return root;
  };

  app.get<{ Params: { channel: string; file: string } }>('/updates/:channel/:file', async (request, reply) => {
    if (!dir) throw new HttpError(404, 'UPDATES_NOT_CONFIGURED', 'This server does not host app updates (SHAMAY_UPDATES_DIR is not set).');
    const { channel, file } = request.params;
    if (!isSafeChannel(channel) || !isSafeFileName(file)) throw notFound();
    const base = await realRoot();
    if (!base) throw notFound();

    let path: string;
    try {
      path = await realpath(join(base, channel, file));
    } catch {
      throw notFound();
    }
    if (!path.startsWith(base + sep)) throw notFound();
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw notFound();

    const size = info.size;
    const type = contentTypeOf(file);
    const isFeed = /\.ya?ml$/i.test(file);
    const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    reply.headers({
      'accept-ranges': 'bytes',
      // Feeds change with every release and rollout step; installers never change under one name.
      'cache-control': isFeed ? 'no-cache' : 'public, max-age=86400',
      etag,
      'last-modified': info.mtime.toUTCString(),
      'x-content-type-options': 'nosniff',
    });

    if (request.headers['if-none-match'] === etag) return reply.code(304).send();

    const ifRange = request.headers['if-range'];
    const ranges = ifRange && ifRange !== etag ? null : parseRangeHeader(request.headers.range, size);
    if (ranges === 'unsatisfiable') {
      return reply.code(416).header('content-range', `bytes */${size}`).send();
    }
    if (!ranges) {
      reply.code(200).type(type).header('content-length', String(size));
      return reply.send(createReadStream(path));
    }
    if (ranges.length === 1) {
      const [range] = ranges as [ByteRange];
      reply
        .code(206)
        .type(type)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .header('content-length', String(range.end - range.start + 1));
      return reply.send(createReadStream(path, { start: range.start, end: range.end }));
    }
    return sendMultipart(reply, path, ranges, size, type);
  });
}

function sendMultipart(reply: FastifyReply, path: string, ranges: ByteRange[], size: number, type: string) {
  const layout = multipartLayout(ranges, size, type, `shamay-${randomBytes(12).toString('hex')}`);
  async function* body() {
    for (const [index, range] of ranges.entries()) {
      yield layout.heads[index] as Buffer;
      for await (const chunk of createReadStream(path, { start: range.start, end: range.end })) yield chunk as Buffer;
    }
    yield layout.tail;
  }
  reply
    .code(206)
    .header('content-type', `multipart/byteranges; boundary=${layout.boundary}`)
    .header('content-length', String(layout.contentLength));
  return reply.send(Readable.from(body()));
}
