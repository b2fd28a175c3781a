// Re-hashing stored blobs: a blob whose content no longer matches its name is corrupt.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isSha256, sha256OfFile } from './hashing.ts';

export interface BlobProblem {
  sha256: string;
  /** The hash of what is on disk now; null when it is missing or unreadable. */
  actual: string | null;
  problem: 'mismatch' | 'missing' | 'unreadable';
}

const FAN_OUT = /^[0-9a-f]{2}$/;

/** null when the file at path still hashes to sha256. */
export async function checkBlob(path: string, sha256: string): Promise<BlobProblem | null> {
  try {
    const actual = await sha256OfFile(path);
    return actual === sha256 ? null : { sha256, actual, problem: 'mismatch' };
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { sha256, actual: null, problem: missing ? 'missing' : 'unreadable' };
  }
}

/** The hashes stored under root in its ab/cd/<sha256> layout; anything else there is ignored. */
export async function listStoredHashes(root: string): Promise<string[]> {
  const hashes: string[] = [];
  for (const first of await subdirs(root)) {
    for (const second of await subdirs(join(root, first))) {
      for (const name of await readdir(join(root, first, second))) {
        if (isSha256(name) && name.startsWith(first + second)) hashes.push(name);
      }
    }
  }
  return hashes;
}

async function subdirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory() && FAN_OUT.test(entry.name)).map((entry) => entry.name);
}
