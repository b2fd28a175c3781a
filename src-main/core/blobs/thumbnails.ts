// Thumbnails are blobs too: WebP, stored by their own sha256. The caller records the
// asset_variants row (READY with these figures, or FAILED with the reason).
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { BlobStore } from './blob-store.ts';
import { ioError } from './errors.ts';

export type ThumbnailResult =
  | { status: 'READY'; sha256: string; width: number; height: number; sizeBytes: number; mime: 'image/webp' }
  | { status: 'FAILED'; reason: string };

/**
 * Scales a stored image to fit maxSize x maxSize (never enlarging, EXIF rotation applied).
 * Content sharp cannot decode, such as HEIC (its prebuilt libvips has no HEVC decoder), is a
 * FAILED result rather than an error; a missing blob still throws NOT_FOUND.
 */
export async function makeThumbnail(store: BlobStore, sha256: string, options: { maxSize?: number } = {}): Promise<ThumbnailResult> {
  const maxSize = options.maxSize ?? 320;
  // Read into memory (images are capped by the store's limit) so sharp keeps no file handle open,
  // which on Windows would block a later remove().
  const input = await readFile(store.path(sha256)).catch((error: unknown) => {
    throw ioError('read the stored image', error, { sha256 });
  });
  const output = await sharp(input)
    .rotate()
    .resize({ width: maxSize, height: maxSize, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer({ resolveWithObject: true })
    .catch((error: unknown) => ({ error }));
  if ('error' in output) {
    const reason = output.error instanceof Error ? output.error.message : String(output.error);
    return { status: 'FAILED', reason: `Could not make a thumbnail: ${reason}` };
  }
  const stored = await store.put({ bytes: output.data }, 'thumbnail.webp', 'image', { derived: true });
  return {
    status: 'READY',
    sha256: stored.sha256,
    width: output.info.width,
    height: output.info.height,
    sizeBytes: stored.sizeBytes,
    mime: 'image/webp',
  };
}
