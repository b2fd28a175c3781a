// A stored image for the report: read from the blob store, turned upright, scaled to fit 1400 px,
// flattened on white and embedded as a JPEG data: URL. An image whose file has not arrived yet (a
// synced row ahead of its file) or cannot be decoded is left out: a draft's preview never fails on it.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { SourceImage } from '../../../src-shared/domain/report/model.ts';
import type { BlobStore } from '../blobs/blob-store.ts';

export const REPORT_IMAGE_MAX_PX = 1400;
const JPEG_QUALITY = 82;

export async function embedImage(blobs: BlobStore, sha256: string): Promise<SourceImage | null> {
  try {
    // Read into memory so sharp keeps no file handle open (Windows would block a later remove).
    const input = await readFile(blobs.path(sha256));
    const { data, info } = await sharp(input)
      .rotate()
      .resize({ width: REPORT_IMAGE_MAX_PX, height: REPORT_IMAGE_MAX_PX, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer({ resolveWithObject: true });
    return { dataUrl: `data:image/jpeg;base64,${data.toString('base64')}`, width: info.width, height: info.height };
  } catch {
    return null;
  }
}
