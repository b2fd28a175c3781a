// Content-addressed file store under dataDir/blobs: root/ab/cd/<sha256>. The user's file name is
// only ever returned for display; it never becomes part of a path.
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { dirname, join } from 'node:path';
import { ioError } from './errors.ts';
import { safeDisplayName } from './file-names.ts';
import { assertKind, detectFileType, HEAD_BYTES, sniffFileType, type BlobKind } from './file-types.ts';
import { assertSha256 } from './hashing.ts';
import { checkBlob, listStoredHashes, type BlobProblem } from './integrity.ts';
import { assertWithinLimit, type BlobLimits } from './limits.ts';
import { chunksOf, inspectSource, type BlobSource } from './sources.ts';
import { prepareTempDir, writeTempFile, type TempFile } from './temp-files.ts';

export interface BlobStoreOptions {
  root: string;
  limits: BlobLimits;
  /** Must be on the same file system as root; defaults to root/tmp. */
  tmpDir?: string;
}

export interface StoredBlob {
  sha256: string;
  sizeBytes: number;
  mime: string;
  ext: string;
  kind: BlobKind;
  displayName: string;
  /** Path relative to root with forward slashes: 'ab/cd/<sha256>'. */
  storageKey: string;
  /** True when the same content was already stored. */
  deduplicated: boolean;
}

export interface VerifyReport {
  checked: number;
  corrupt: BlobProblem[];
}

export interface BlobStore {
  readonly root: string;
  /** `derived` files (thumbnails the app makes) are not held to the user's upload limits. */
  put(source: BlobSource, declaredName: string, expected?: BlobKind, options?: { derived?: boolean }): Promise<StoredBlob>;
  path(sha256: string): string;
  has(sha256: string): Promise<boolean>;
  readStream(sha256: string): Promise<Readable>;
  /** Deletes a blob; the caller makes sure no row references it. False if it was not there. */
  remove(sha256: string): Promise<boolean>;
  /** Re-hashes every stored blob; hashes in `expected` that are not on disk are reported missing. */
  verify(expected?: Iterable<string>): Promise<VerifyReport>;
  verifyOne(sha256: string): Promise<BlobProblem | null>;
  /** Applies changed settings without reopening the store. */
  setLimits(limits: BlobLimits): void;
}

/** Opens the store, creating its folders and deleting temp files left by a crash. */
export function createBlobStore(options: BlobStoreOptions): BlobStore {
  const { root } = options;
  const tmpDir = options.tmpDir ?? join(root, 'tmp');
  let limits = options.limits;
  prepareTempDir(tmpDir);

  const storageKey = (sha256: string): string => {
    assertSha256(sha256);
    return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  };
  const path = (sha256: string): string => join(root, ...storageKey(sha256).split('/'));

  async function put(source: BlobSource, declaredName: string, expected?: BlobKind, options: { derived?: boolean } = {}): Promise<StoredBlob> {
    const within = (bytes: number, kind: BlobKind) => {
      if (!options.derived) assertWithinLimit(bytes, kind, limits, declaredName);
    };
    // Refuse by type and size from the first bytes, before copying anything.
    const { head, sizeBytes: declaredSize } = await inspectSource(source, HEAD_BYTES);
    const sniffed = await sniffFileType(head, declaredName);
    assertKind(sniffed, expected, declaredName);
    within(declaredSize, sniffed.kind);

    // The source may still change while it is read: the copy is checked again as it is written.
    const temp = await writeTempFile(tmpDir, chunksOf(source), (bytes) => within(bytes, sniffed.kind));
    try {
      const type = await detectFileType({ path: temp.path }, declaredName);
      assertKind(type, expected, declaredName);
      within(temp.sizeBytes, type.kind);
      const deduplicated = await commit(temp);
      return {
        sha256: temp.sha256,
        sizeBytes: temp.sizeBytes,
        ...type,
        displayName: safeDisplayName(declaredName),
        storageKey: storageKey(temp.sha256),
        deduplicated,
      };
    } finally {
      await rm(temp.path, { force: true });
    }
  }

  /** Moves a complete temp file into place; returns true when identical content was already there. */
  async function commit(temp: TempFile): Promise<boolean> {
    const target = path(temp.sha256);
    try {
      const existing = await stat(target).catch(() => null);
      // Same name means same content, unless the stored copy is damaged: then replace it.
      if (existing?.isFile() && existing.size === temp.sizeBytes) return true;
      await mkdir(dirname(target), { recursive: true });
      await rename(temp.path, target);
      await syncDirectory(dirname(target));
      return false;
    } catch (error) {
      throw ioError('store the file', error, { sha256: temp.sha256 });
    }
  }

  return {
    root,
    put,
    path,
    async has(sha256) {
      const info = await stat(path(sha256)).catch(() => null);
      return info?.isFile() ?? false;
    },
    async readStream(sha256) {
      const file = await open(path(sha256), 'r').catch((error: unknown) => {
        throw ioError('open the stored file', error, { sha256 });
      });
      return file.createReadStream();
    },
    async remove(sha256) {
      const target = path(sha256);
      try {
        await rm(target);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw ioError('delete the stored file', error, { sha256 });
      }
    },
    async verify(expected = []) {
      const hashes = new Set(await listStoredHashes(root).catch((error: unknown) => {
        throw ioError('list the stored files', error);
      }));
      for (const sha256 of expected) {
        assertSha256(sha256);
        hashes.add(sha256);
      }
      const corrupt: BlobProblem[] = [];
      for (const sha256 of hashes) {
        const problem = await checkBlob(path(sha256), sha256);
        if (problem) corrupt.push(problem);
      }
      return { checked: hashes.size, corrupt };
    },
    async verifyOne(sha256) {
      return checkBlob(path(sha256), sha256);
    },
    setLimits(next) {
      limits = next;
    },
  };
}

/** Makes a rename durable. Directories cannot be opened for fsync on Windows; NTFS journals it anyway. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}
