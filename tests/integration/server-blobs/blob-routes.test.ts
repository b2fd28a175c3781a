// The server's blob endpoints over real HTTP on 127.0.0.1, with PGlite in memory and a real blob
// directory: upload/HEAD/GET round trips, resumable uploads across a disconnect, refusals that change
// nothing, and tenant isolation (a known hash is no key to another organization's file).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBlobRoutes } from '../../../src-server/blobs/routes.ts';
import { serverConfigSchema } from '../../../src-server/config.ts';
import type { RequestAuth, Role, ServerContext } from '../../../src-server/context.ts';
import type { ServerDatabase } from '../../../src-server/db/database.ts';
import { openServerDatabase } from '../../../src-server/db/open.ts';
import { HttpError, installErrorHandler } from '../../../src-server/http/errors.ts';

const MAX_BLOB_BYTES = 2 * 1024 * 1024;

const ORG_A = randomUUID();
const ORG_B = randomUUID();
const ALICE = randomUUID(); // OWNER of A
const BOB = randomUUID(); // APPRAISER of B
const CAROL = randomUUID(); // CLIENT_VIEWER of A
const DAVE = randomUUID(); // member of nothing

// ---- fixtures -------------------------------------------------------------------------------------

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/** A PNG of random pixels: it does not compress, so its size follows width x height. */
async function noisePng(width: number, height: number): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).png().toBuffer();
}

function windowsExecutable(): Buffer {
  const bytes = Buffer.alloc(1024);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c); // e_lfanew: where the PE header starts
  bytes.write('PE\0\0', 0x80, 'latin1');
  randomBytes(64).copy(bytes, 0x200); // a fresh hash for every call
  return bytes;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

// ---- the server -----------------------------------------------------------------------------------

let db: ServerDatabase;
let app: FastifyInstance;
let blobDir: string;
let base: string;

beforeAll(async () => {
  db = (await openServerDatabase({})).db;
  await db.query('INSERT INTO organizations (id, name) VALUES ($1, $2), ($3, $4)', [ORG_A, 'Org A', ORG_B, 'Org B']);
  const users: [string, string][] = [
    [ALICE, 'alice'],
    [BOB, 'bob'],
    [CAROL, 'carol'],
    [DAVE, 'dave'],
  ];
  for (const [id, name] of users) {
    await db.query('INSERT INTO users (id, email, name) VALUES ($1, $2, $3)', [id, `${name}@example.test`, name]);
  }
  const memberships: [string, string, Role][] = [
    [ALICE, ORG_A, 'OWNER'],
    [BOB, ORG_B, 'APPRAISER'],
    [CAROL, ORG_A, 'CLIENT_VIEWER'],
  ];
  for (const [userId, organizationId, role] of memberships) {
    await db.query('INSERT INTO memberships (id, user_id, organization_id, role) VALUES ($1, $2, $3, $4)', [
      randomUUID(),
      userId,
      organizationId,
      role,
    ]);
  }

  blobDir = mkdtempSync(join(tmpdir(), 'shamay-server-blobs-'));
  app = Fastify({ logger: false });
  installErrorHandler(app);
  const ctx: ServerContext = {
    db,
    config: serverConfigSchema.parse({ maxBlobBytes: MAX_BLOB_BYTES, blobDir }),
    blobDir,
    now: () => new Date(),
    log: app.log,
  };
  registerBlobRoutes(app, ctx, {
    // Test-only stand-in for token auth: the caller names itself.
    async authenticate(request: FastifyRequest): Promise<RequestAuth> {
      const userId = request.headers['x-test-user'];
      if (typeof userId !== 'string' || userId === '') throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in first.');
      return { userId, sessionId: 'test-session', deviceId: null };
    },
    async requireMembership(userId: string, organizationId: string): Promise<Role> {
      const rows = await db.query<{ role: Role }>('SELECT role FROM memberships WHERE user_id = $1 AND organization_id = $2', [
        userId,
        organizationId,
      ]);
      const role = rows[0]?.role;
      if (!role) throw new HttpError(404, 'NOT_FOUND', 'No such organization.');
      return role;
    },
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  base = address;
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  if (blobDir) rmSync(blobDir, { recursive: true, force: true });
});

// ---- helpers --------------------------------------------------------------------------------------

const blobUrl = (org: string, sha: string): string => `${base}/v1/orgs/${org}/blobs/${sha}`;

interface PutOptions {
  offset?: number;
  length?: number;
  type?: string;
  user?: string;
}

function put(org: string, sha: string, body: Uint8Array, options: PutOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    'x-test-user': options.user ?? ALICE,
    'content-type': options.type ?? 'application/octet-stream',
    'upload-length': String(options.length ?? body.byteLength),
  };
  if (options.offset !== undefined) headers['upload-offset'] = String(options.offset);
  return fetch(blobUrl(org, sha), { method: 'PUT', headers, body });
}

const head = (org: string, sha: string, user = ALICE): Promise<Response> =>
  fetch(blobUrl(org, sha), { method: 'HEAD', headers: { 'x-test-user': user } });

const get = (org: string, sha: string, user = ALICE, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(blobUrl(org, sha), { headers: { 'x-test-user': user, ...headers } });

async function bytesOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

async function errorOf(response: Response): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  return ((await response.json()) as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;
}

/** Organizations with a server_blobs row for sha. */
async function holders(sha: string): Promise<string[]> {
  const rows = await db.query<{ organization_id: string }>('SELECT organization_id FROM server_blobs WHERE sha256 = $1 ORDER BY 1', [sha]);
  return rows.map((row) => row.organization_id);
}

/** Every file under the blob directory whose name contains sha: stored copies and partial uploads. */
function filesNamed(sha: string): string[] {
  return readdirSync(blobDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.includes(sha))
    .map((entry) => join(entry.parentPath, entry.name));
}

const storedPath = (sha: string): string => join(blobDir, sha.slice(0, 2), sha.slice(2, 4), sha);
const partialOnDisk = (org: string, sha: string): number => {
  try {
    return statSync(join(blobDir, 'uploads', org, `${sha}.part`)).size;
  } catch {
    return -1;
  }
};

async function expectNothingStored(sha: string): Promise<void> {
  expect(await holders(sha)).toEqual([]);
  expect(filesNamed(sha)).toEqual([]);
  const probe = await head(ORG_A, sha);
  expect(probe.status).toBe(404);
  expect(probe.headers.get('upload-offset')).toBeNull();
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// ---- tests ----------------------------------------------------------------------------------------

describe('blob routes: upload, HEAD, GET', () => {
  it('round-trips a PNG larger than a default request body limit, and a PDF', async () => {
    const png = await noisePng(620, 620);
    expect(png.byteLength).toBeGreaterThan(1024 * 1024);
    const sha = sha256(png);

    expect((await head(ORG_A, sha)).status).toBe(404);
    const uploaded = await put(ORG_A, sha, png, { type: 'image/png' });
    expect(uploaded.status).toBe(201);
    expect(await uploaded.json()).toEqual({ sha256: sha, sizeBytes: png.byteLength });

    const probe = await head(ORG_A, sha);
    expect(probe.status).toBe(200);
    expect(probe.headers.get('content-length')).toBe(String(png.byteLength));
    expect(probe.headers.get('content-type')).toBe('image/png');

    const fetched = await get(ORG_A, sha);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(fetched.headers.get('content-length')).toBe(String(png.byteLength));
    expect(fetched.headers.get('etag')).toBe(`"${sha}"`);
    expect((await bytesOf(fetched)).equals(png)).toBe(true);

    const rows = await db.query<{ size_bytes: number; mime_type: string; uploaded_by_id: string }>(
      'SELECT size_bytes, mime_type, uploaded_by_id FROM server_blobs WHERE sha256 = $1 AND organization_id = $2',
      [sha, ORG_A],
    );
    expect(rows).toEqual([{ size_bytes: png.byteLength, mime_type: 'image/png', uploaded_by_id: ALICE }]);
    expect(filesNamed(sha)).toEqual([storedPath(sha)]);

    const pdfSha = sha256(PDF);
    expect((await put(ORG_A, pdfSha, PDF)).status).toBe(201);
    const pdf = await get(ORG_A, pdfSha);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((await bytesOf(pdf)).equals(PDF)).toBe(true);
  });

  it('answers a second upload of a blob the organization holds with 200, without rewriting it', async () => {
    const png = await noisePng(40, 40);
    const sha = sha256(png);
    expect((await put(ORG_A, sha, png)).status).toBe(201);
    const before = statSync(storedPath(sha));

    const again = await put(ORG_A, sha, png);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ sha256: sha, sizeBytes: png.byteLength });
    const after = statSync(storedPath(sha));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await holders(sha)).toEqual([ORG_A]);
  });

  it('serves a single Range with 206, a suffix range, and 416 past the end', async () => {
    const png = await noisePng(64, 64);
    const sha = sha256(png);
    expect((await put(ORG_A, sha, png)).status).toBe(201);

    const middle = await get(ORG_A, sha, ALICE, { range: 'bytes=10-19' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 10-19/${png.byteLength}`);
    expect(middle.headers.get('content-length')).toBe('10');
    expect((await bytesOf(middle)).equals(png.subarray(10, 20))).toBe(true);

    const rest = await get(ORG_A, sha, ALICE, { range: `bytes=${png.byteLength - 100}-` });
    expect(rest.status).toBe(206);
    expect((await bytesOf(rest)).equals(png.subarray(png.byteLength - 100))).toBe(true);

    const tail = await get(ORG_A, sha, ALICE, { range: 'bytes=-16' });
    expect(tail.status).toBe(206);
    expect((await bytesOf(tail)).equals(png.subarray(png.byteLength - 16))).toBe(true);

    const beyond = await get(ORG_A, sha, ALICE, { range: `bytes=${png.byteLength}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${png.byteLength}`);

    const cached = await get(ORG_A, sha, ALICE, { 'if-none-match': `"${sha}"` });
    expect(cached.status).toBe(304);
  });

  it('accepts CSV text sent as text/csv, and refuses the same kind of text sent as octet-stream', async () => {
    const csv = Buffer.from(`גוש,חלקה,עיר\r\n6638,88,תל אביב\r\n${randomUUID()}\r\n`, 'utf8');
    const sha = sha256(csv);
    const refused = await put(ORG_A, sha, csv, { type: 'application/octet-stream' });
    expect(refused.status).toBe(415);
    expect((await errorOf(refused)).code).toBe('TYPE_NOT_ALLOWED');
    await expectNothingStored(sha);

    const accepted = await put(ORG_A, sha, csv, { type: 'text/csv; charset=utf-8' });
    expect(accepted.status).toBe(201);
    const fetched = await get(ORG_A, sha);
    expect(fetched.headers.get('content-type')).toBe('text/csv');
    expect((await bytesOf(fetched)).equals(csv)).toBe(true);
  });
});

describe('blob routes: resumable uploads', () => {
  it('keeps what arrived before a disconnect; HEAD gives the offset and the upload completes from there', async () => {
    const png = await noisePng(300, 300);
    const sha = sha256(png);
    const first = png.subarray(0, 100_000);

    // A slow body: the first part, then the connection is cut before the rest is sent.
    const controller = new AbortController();
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(stream) {
        if (!sent) {
          sent = true;
          stream.enqueue(first);
          return;
        }
        await waitFor(() => partialOnDisk(ORG_A, sha) === first.byteLength);
        controller.abort();
        await new Promise(() => undefined); // the rest never comes
      },
    });
    const interrupted = fetch(blobUrl(ORG_A, sha), {
      method: 'PUT',
      headers: { 'x-test-user': ALICE, 'content-type': 'image/png', 'upload-length': String(png.byteLength) },
      body,
      duplex: 'half',
      signal: controller.signal,
    } as RequestInit);
    await expect(interrupted).rejects.toThrow();

    const probe = await head(ORG_A, sha);
    expect(probe.status).toBe(404);
    expect(probe.headers.get('upload-offset')).toBe(String(first.byteLength));
    expect(await holders(sha)).toEqual([]);

    // Second chunk, from where the server says.
    const second = await put(ORG_A, sha, png.subarray(100_000, 200_000), { offset: 100_000, length: png.byteLength, type: 'image/png' });
    expect(second.status).toBe(202);
    expect(await second.json()).toEqual({ offset: 200_000 });
    expect(second.headers.get('upload-offset')).toBe('200000');

    // A wrong offset is refused with the right one, and changes nothing.
    const wrong = await put(ORG_A, sha, png.subarray(0, 50_000), { offset: 0, length: png.byteLength, type: 'image/png' });
    expect(wrong.status).toBe(409);
    expect(wrong.headers.get('upload-offset')).toBe('200000');
    const conflict = await errorOf(wrong);
    expect(conflict.code).toBe('OFFSET_MISMATCH');
    expect(conflict.details).toEqual({ offset: 200_000 });
    expect(partialOnDisk(ORG_A, sha)).toBe(200_000);

    const last = await put(ORG_A, sha, png.subarray(200_000), { offset: 200_000, length: png.byteLength, type: 'image/png' });
    expect(last.status).toBe(201);
    expect(await last.json()).toEqual({ sha256: sha, sizeBytes: png.byteLength });
    expect(partialOnDisk(ORG_A, sha)).toBe(-1);

    const fetched = await get(ORG_A, sha);
    expect((await bytesOf(fetched)).equals(png)).toBe(true);
    expect(await holders(sha)).toEqual([ORG_A]);
  });
});

describe('blob routes: bad input changes nothing', () => {
  it('refuses bytes that do not hash to the URL with 422 HASH_MISMATCH, in one piece or in chunks', async () => {
    const png = await noisePng(50, 50);
    const claimed = sha256(Buffer.concat([png, Buffer.from('x')]));
    const whole = await put(ORG_A, claimed, png);
    expect(whole.status).toBe(422);
    const error = await errorOf(whole);
    expect(error.code).toBe('HASH_MISMATCH');
    expect(error.details?.actual).toBe(sha256(png));
    await expectNothingStored(claimed);

    const half = Math.floor(png.byteLength / 2);
    expect((await put(ORG_A, claimed, png.subarray(0, half), { length: png.byteLength })).status).toBe(202);
    const end = await put(ORG_A, claimed, png.subarray(half), { offset: half, length: png.byteLength });
    expect(end.status).toBe(422);
    await expectNothingStored(claimed);
  });

  it('refuses a file over the limit with 413, by its declared length and by the bytes that arrive', async () => {
    const big = randomBytes(MAX_BLOB_BYTES + 1);
    const sha = sha256(big);
    const declared = await put(ORG_A, sha, big);
    expect(declared.status).toBe(413);
    expect((await errorOf(declared)).code).toBe('TOO_LARGE');
    await expectNothingStored(sha);

    // A body longer than its Upload-Length, with a Content-Length and streamed without one.
    const bytes = randomBytes(300);
    const bytesSha = sha256(bytes.subarray(0, 200));
    const withLength = await put(ORG_A, bytesSha, bytes, { length: 200 });
    expect(withLength.status).toBe(413);
    await expectNothingStored(bytesSha);

    const streamed = await fetch(blobUrl(ORG_A, bytesSha), {
      method: 'PUT',
      headers: { 'x-test-user': ALICE, 'content-type': 'application/octet-stream', 'upload-length': '200' },
      body: new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(bytes.subarray(0, 150));
          stream.enqueue(bytes.subarray(150));
          stream.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    await expectNothingStored(bytesSha);
  });

  it('refuses a Windows executable sent as a PNG with 415, and stores nothing', async () => {
    const exe = windowsExecutable();
    const sha = sha256(exe);
    const response = await put(ORG_A, sha, exe, { type: 'image/png' });
    expect(response.status).toBe(415);
    const error = await errorOf(response);
    expect(error.code).toBe('TYPE_NOT_ALLOWED');
    expect(error.message).toContain('Windows executable');
    await expectNothingStored(sha);
  });

  it('refuses a Content-Type that is not a file type with 415 before reading the body', async () => {
    const sha = sha256(PDF);
    const response = await put(ORG_B, sha, PDF, { type: 'text/html', user: BOB });
    expect(response.status).toBe(415);
    expect((await errorOf(response)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await holders(sha)).not.toContain(ORG_B);
  });

  it('takes a JSON export sent as application/json when it is text, and refuses binary data sent so', async () => {
    const json = Buffer.from(JSON.stringify({ format: 'shamay.valuation', version: 1, title: 'דירה' }));
    const accepted = await put(ORG_B, sha256(json), json, { type: 'application/json', user: BOB });
    expect(accepted.status).toBe(201);
    expect(await holders(sha256(json))).toContain(ORG_B);
    const binary = Buffer.from([0x00, 0x01, 0x02, 0x7b, 0x00, 0xff, 0x10, 0x00]);
    const refused = await put(ORG_B, sha256(binary), binary, { type: 'application/json', user: BOB });
    expect((await errorOf(refused)).code).toBe('TYPE_NOT_ALLOWED');
    await expectNothingStored(sha256(binary));
  });

  it('requires Upload-Length and whole numbers in the upload headers', async () => {
    const sha = sha256(PDF);
    const missing = await fetch(blobUrl(ORG_B, sha), {
      method: 'PUT',
      headers: { 'x-test-user': BOB, 'content-type': 'application/pdf' },
      body: PDF,
    });
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).code).toBe('VALIDATION');

    const negative = await put(ORG_B, sha, PDF, { offset: -1, user: BOB });
    expect(negative.status).toBe(400);
    expect(await holders(sha)).not.toContain(ORG_B);
    expect(partialOnDisk(ORG_B, sha)).toBe(-1);
  });

  it('refuses a malformed organization id or sha256 in the URL with 400, path traversal included', async () => {
    const sha = sha256(PDF);
    const cases = [
      blobUrl('not-a-uuid', sha),
      blobUrl(ORG_A.toUpperCase(), sha),
      blobUrl(ORG_A, sha.toUpperCase()),
      blobUrl(ORG_A, sha.slice(1)),
      blobUrl(ORG_A, encodeURIComponent('../../etc/passwd')),
      blobUrl(ORG_A, encodeURIComponent(`../${sha}`)),
      blobUrl(encodeURIComponent(`../${ORG_B}`), sha),
    ];
    for (const url of cases) {
      for (const method of ['HEAD', 'GET', 'PUT'] as const) {
        const response = await fetch(url, {
          method,
          headers: { 'x-test-user': ALICE, 'content-type': 'application/pdf', 'upload-length': String(PDF.byteLength) },
          ...(method === 'PUT' ? { body: PDF } : {}),
        });
        expect(response.status, `${method} ${url}`).toBe(400);
        if (method !== 'HEAD') expect((await errorOf(response)).code).toBe('VALIDATION');
      }
    }
    expect(readdirSync(blobDir).every((name) => name === 'uploads' || /^[0-9a-f]{2}$/.test(name))).toBe(true);
  });
});

describe('blob routes: who may do what', () => {
  it('asks for authentication first', async () => {
    const response = await fetch(blobUrl(ORG_A, sha256(PDF)));
    expect(response.status).toBe(401);
  });

  it("never shows organization B organization A's blob by its known hash, until B uploads the bytes itself", async () => {
    const png = await noisePng(80, 80);
    const sha = sha256(png);
    expect((await put(ORG_A, sha, png)).status).toBe(201);
    const unknown = sha256(randomBytes(32));

    for (const method of ['HEAD', 'GET'] as const) {
      const known = await fetch(blobUrl(ORG_B, sha), { method, headers: { 'x-test-user': BOB } });
      const none = await fetch(blobUrl(ORG_B, unknown), { method, headers: { 'x-test-user': BOB } });
      expect(known.status).toBe(404);
      expect(known.headers.get('upload-offset')).toBeNull();
      expect(known.headers.get('content-length')).toBe(none.headers.get('content-length'));
      expect(await known.text()).toBe(await none.text());
    }
    // Nor through A's URL: B is not a member there.
    expect((await head(ORG_A, sha, BOB)).status).toBe(404);
    expect((await get(ORG_A, sha, BOB)).status).toBe(404);

    // A partial upload by B does not piggyback on A's copy or A's partials, and shows only B's offset.
    const half = Math.floor(png.byteLength / 2);
    expect((await put(ORG_B, sha, png.subarray(0, half), { user: BOB, length: png.byteLength })).status).toBe(202);
    expect((await head(ORG_B, sha, BOB)).headers.get('upload-offset')).toBe(String(half));
    const done = await put(ORG_B, sha, png.subarray(half), { user: BOB, offset: half, length: png.byteLength });
    expect(done.status).toBe(201);

    const mine = await get(ORG_B, sha, BOB);
    expect(mine.status).toBe(200);
    expect((await bytesOf(mine)).equals(png)).toBe(true);
    expect(await holders(sha)).toEqual([ORG_A, ORG_B].sort());
    expect(filesNamed(sha)).toEqual([storedPath(sha)]); // one copy on disk
  });

  it("does not reveal another organization's partial upload", async () => {
    const png = await noisePng(90, 90);
    const sha = sha256(png);
    expect((await put(ORG_A, sha, png.subarray(0, 1000), { length: png.byteLength })).status).toBe(202);
    const probe = await head(ORG_B, sha, BOB);
    expect(probe.status).toBe(404);
    expect(probe.headers.get('upload-offset')).toBeNull();
    // B starts at 0, not at A's offset.
    const fromZero = await put(ORG_B, sha, png.subarray(0, 10), { user: BOB, length: png.byteLength });
    expect(fromZero.status).toBe(202);
    expect(await fromZero.json()).toEqual({ offset: 10 });
  });

  it('answers a user who is not a member with 404 on every endpoint', async () => {
    const sha = sha256(PDF);
    expect((await put(ORG_A, sha, PDF)).status).toBeLessThan(300);
    expect((await head(ORG_A, sha, DAVE)).status).toBe(404);
    expect((await get(ORG_A, sha, DAVE)).status).toBe(404);
    const upload = await put(ORG_A, sha, PDF, { user: DAVE });
    expect(upload.status).toBe(404);
    expect((await errorOf(upload)).code).toBe('NOT_FOUND');
  });

  it('lets a CLIENT_VIEWER read but not upload (403 FORBIDDEN)', async () => {
    const png = await noisePng(30, 30);
    const sha = sha256(png);
    const refused = await put(ORG_A, sha, png, { user: CAROL });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('FORBIDDEN');
    await expectNothingStored(sha);

    expect((await put(ORG_A, sha, png)).status).toBe(201);
    expect((await head(ORG_A, sha, CAROL)).status).toBe(200);
    const read = await get(ORG_A, sha, CAROL);
    expect(read.status).toBe(200);
    expect((await bytesOf(read)).equals(png)).toBe(true);
  });
});
