// Resumable uploads: each organization's unfinished upload of a blob is a partial file,
// blobDir/uploads/<organization id>/<sha256>.part, whose size is the offset the client resumes from.
// Partials are per organization, so one organization can never complete (or learn about) another's.
// Only the validated organization uuid and sha256 ever become part of a path.
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertSha256, isSha256 } from './store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Same file system as the store, so a finished partial is renamed into place. */
export function partialPath(blobDir: string, organizationId: string, sha256: string): string {
  if (!isUuid(organizationId)) throw new Error(`not an organization id: ${JSON.stringify(String(organizationId).slice(0, 100))}`);
  assertSha256(sha256);
  return join(blobDir, 'uploads', organizationId, `${sha256}.part`);
}

/** Bytes received so far, or null when there is no partial upload. */
export async function partialSize(path: string): Promise<number | null> {
  const info = await stat(path).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  });
  return info?.isFile() ? info.size : null;
}

export async function removePartial(path: string): Promise<void> {
  await rm(path, { force: true });
}

/**
 * Deletes partial uploads nobody has added to since cutoff (abandoned by their clients); returns how
 * many. Only files named like partials are touched; folders stay (an upload may be creating one).
 */
export async function sweepStaleUploads(blobDir: string, cutoff: Date): Promise<number> {
  const root = join(blobDir, 'uploads');
  const organizations = await readdir(root, { withFileTypes: true }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  let removed = 0;
  for (const organization of organizations) {
    if (!organization.isDirectory() || !isUuid(organization.name)) continue;
    const dir = join(root, organization.name);
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.part') || !isSha256(name.slice(0, -'.part'.length))) continue;
      const info = await stat(join(dir, name)).catch(() => null);
      if (info?.isFile() && info.mtimeMs < cutoff.getTime()) {
        await rm(join(dir, name), { force: true });
        removed++;
      }
    }
  }
  return removed;
}

export interface AppendResult {
  /**
   * complete: the body ended normally. interrupted: the body broke off (client disconnect); what
   * arrived is kept. overflow: the body ran past uploadLength; nothing of it was kept.
   */
  outcome: 'complete' | 'interrupted' | 'overflow';
  /** The partial's size afterwards: where the next chunk starts. */
  offset: number;
}

/**
 * Writes body into the partial at offset (the caller checked that offset is its current size and
 * holds the upload's lock), chunk by chunk as it arrives, never holding more than a chunk in
 * memory. Every byte that arrived before a disconnect is kept and fsynced; a body that would run
 * past uploadLength leaves the partial as it was.
 */
export async function appendToPartial(
  path: string,
  offset: number,
  body: AsyncIterable<Uint8Array> | undefined,
  uploadLength: number,
): Promise<AppendResult> {
  await mkdir(dirname(path), { recursive: true });
  const file = await open(path, offset === 0 ? 'w' : 'r+');
  let position = offset;
  let outcome: AppendResult['outcome'] = 'complete';
  try {
    if (body) {
      // Not `for await`: leaving that loop early destroys the request stream, and with it the
      // socket the refusal still has to be sent on.
      const chunks = body[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<Uint8Array>;
        try {
          next = await chunks.next();
        } catch {
          outcome = 'interrupted';
          break;
        }
        if (next.done) break;
        const chunk = next.value;
        if (position + chunk.byteLength > uploadLength) {
          outcome = 'overflow';
          break;
        }
        await file.write(chunk, 0, chunk.byteLength, position);
        position += chunk.byteLength;
      }
    }
    if (outcome === 'overflow') {
      await file.truncate(offset);
      position = offset;
    }
    await file.sync();
  } finally {
    await file.close();
  }
  return { outcome, offset: position };
}

/**
 * One upload at a time per (organization, blob) in this process: a resumed upload waits for the
 * interrupted one to finish writing what it received.
 */
export interface UploadLocks {
  /** Runs fn holding the lock for key; null (fn not run) if the lock was not free within waitMs. */
  run<T>(key: string, waitMs: number, fn: () => Promise<T>): Promise<{ value: T } | null>;
  /** Resolves when nothing holds key (or after waitMs, whichever comes first). */
  settled(key: string, waitMs: number): Promise<void>;
}

export function createUploadLocks(): UploadLocks {
  const tails = new Map<string, Promise<void>>();

  const within = async (promise: Promise<void>, waitMs: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), waitMs);
    });
    try {
      return await Promise.race([promise.then(() => true as const), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async run(key, waitMs, fn) {
      const previous = tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tail = previous.then(() => mine);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      try {
        if (!(await within(previous, waitMs))) return null;
        return { value: await fn() };
      } finally {
        release();
      }
    },
    async settled(key, waitMs) {
      const tail = tails.get(key);
      if (tail) await within(tail, waitMs);
    },
  };
}
