import type { z } from 'zod';
import type { fileSource } from '../../../src-shared/contract/methods.ts';
import type { BlobSource } from '../blobs/sources.ts';

/** The contract's file source (a path chosen by the user, or bytes) as the blob store reads it. */
export function toBlobSource(source: z.output<typeof fileSource>): BlobSource {
  return 'path' in source ? { path: source.path } : { bytes: Buffer.from(source.bytesBase64, 'base64') };
}
