// Blobs are written to a temp file first and renamed into place, so the final location never
// holds a partial file. Temp files live under the store's root to keep the rename on one file system.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ioError } from './errors.ts';

const SUFFIX = '.part';

export interface TempFile {
  path: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * Writes chunks to a new temp file in dir while hashing and counting, then fsyncs it.
 * checkSize runs after each chunk and may throw to abort. On any failure the temp file is deleted.
 */
export async function writeTempFile(
  dir: string,
  chunks: AsyncIterable<Uint8Array>,
  checkSize: (bytesSoFar: number) => void,
): Promise<TempFile> {
  const path = join(dir, `${randomUUID()}${SUFFIX}`);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const file = await open(path, 'wx').catch((error: unknown) => {
    throw ioError('create a temporary file', error, { dir });
  });
  try {
    for await (const chunk of chunks) {
      sizeBytes += chunk.byteLength;
      checkSize(sizeBytes);
      hash.update(chunk);
      await file.write(chunk);
    }
    await file.sync();
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(path, { force: true });
    throw error;
  }
  await file.close();
  return { path, sha256: hash.digest('hex'), sizeBytes };
}

/** Creates dir and deletes temp files a crash left behind. Only one store may own dir. */
export function prepareTempDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    if (name.endsWith(SUFFIX)) rmSync(join(dir, name), { force: true });
  }
}
