// The report's logo and signature live inside the settings as small PNG data URLs: they are printed
// on every report, must survive without the blob store's reference counting, and are tiny once scaled.
import { readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import type { z } from 'zod';
import { imageDataUrl } from '../../../src-shared/contract/entities.ts';
import { AppError } from '../../../src-shared/contract/errors.ts';
import type { fileSource } from '../../../src-shared/contract/methods.ts';

const MAX_SOURCE_BYTES = 10 * 1024 * 1024;
/** Enough for a sharp print at the size a logo or signature takes on an A4 page. */
const MAX_WIDTH = 900;
const MAX_HEIGHT = 450;
const ACCEPTED_FORMATS = new Set(['png', 'jpeg', 'webp', 'tiff']);

async function sourceBytes(source: z.output<typeof fileSource>): Promise<Buffer> {
  const tooLarge = () => new AppError('VALIDATION', `The image is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB.`, { reason: 'TOO_LARGE' });
  if ('bytesBase64' in source) {
    const bytes = Buffer.from(source.bytesBase64, 'base64');
    if (bytes.byteLength > MAX_SOURCE_BYTES) throw tooLarge();
    return bytes;
  }
  const size = await stat(source.path).then((s) => s.size, () => null);
  if (size === null) throw new AppError('STORAGE', 'The image file could not be read.', { reason: 'IO' });
  if (size > MAX_SOURCE_BYTES) throw tooLarge();
  return readFile(source.path);
}

/** The image scaled down to fit the report and encoded as a PNG data URL; anything but an image is refused. */
export async function reportImageDataUrl(source: z.output<typeof fileSource>): Promise<string> {
  const bytes = await sourceBytes(source);
  const format = await sharp(bytes)
    .metadata()
    .then((m) => m.format, () => undefined);
  if (!format || !ACCEPTED_FORMATS.has(format)) {
    throw new AppError('VALIDATION', 'Choose a PNG, JPEG, WebP or TIFF image.', { reason: 'NOT_AN_IMAGE' });
  }
  const png = await sharp(bytes).rotate().resize({ width: MAX_WIDTH, height: MAX_HEIGHT, fit: 'inside', withoutEnlargement: true }).png().toBuffer();
  const dataUrl = `data:image/png;base64,${png.toString('base64')}`;
  if (!imageDataUrl.safeParse(dataUrl).success) throw new AppError('VALIDATION', 'The image is too detailed to keep; use a simpler one.', { reason: 'IMAGE_TOO_DETAILED' });
  return dataUrl;
}
