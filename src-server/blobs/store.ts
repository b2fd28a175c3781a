// The server's content-addressed file store: blobDir/ab/cd/<sha256>. One copy per content, shared
// by every organization that uploaded it; who may read it is decided by server_blobs rows, not here.
// Only a validated sha256 ever becomes part of a path.
import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** Throws unless value is 64 lower-case hex digits, so it can never name anything but a blob. */
export function assertSha256(value: string): void {
  if (!isSha256(value)) throw new Error(`not a sha256 hex digest: ${JSON.stringify(String(value).slice(0, 100))}`);
}

/** Where a blob lives: blobDir/ab/cd/<sha256>. */
export function blobPath(blobDir: string, sha256: string): string {
  assertSha256(sha256);
  return join(blobDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** The size of the stored blob, or null when it is not on disk. */
export async function storedBlobSize(blobDir: string, sha256: string): Promise<number | null> {
  const info = await stat(blobPath(blobDir, sha256)).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  });
  return info?.isFile() ? info.size : null;
}

/**
 * Moves a complete, verified file into place (the source must be on the same file system). When the
 * same content is already stored (another organization uploaded it) the source is deleted and the
 * existing copy kept; a stored copy of the wrong size is damaged and is replaced.
 * Returns true when an existing copy was kept.
 */
export async function commitBlob(blobDir: string, sha256: string, sourcePath: string, sizeBytes: number): Promise<boolean> {
  const target = blobPath(blobDir, sha256);
  const existing = await storedBlobSize(blobDir, sha256);
  if (existing === sizeBytes) {
    await rm(sourcePath, { force: true });
    return true;
  }
  await mkdir(dirname(target), { recursive: true });
  await rename(sourcePath, target);
  await syncDirectory(dirname(target));
  return false;
}

/** A stream of the blob's bytes start..end (inclusive); null when the file is not on disk. */
export async function openBlobStream(blobDir: string, sha256: string, range?: { start: number; end: number }): Promise<ReadStream | null> {
  const handle = await open(blobPath(blobDir, sha256), 'r').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  });
  if (!handle) return null;
  return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
}

/** Hashes a file as a stream. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Makes a rename durable. Directories cannot be opened for fsync on Windows; NTFS journals it anyway. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}
