// Size limits per kind. They are user settings, so the store takes them from its caller.
import { BlobError } from './errors.ts';
import type { BlobKind } from './file-types.ts';
import { safeDisplayName } from './file-names.ts';

export interface BlobLimits {
  documentBytes: number;
  imageBytes: number;
}

const KB = 1024;
const MB = 1024 * KB;

export const DEFAULT_BLOB_LIMITS: BlobLimits = { documentBytes: 50 * MB, imageBytes: 25 * MB };

/** Throws TOO_LARGE, e.g. "The file 'plan.pdf' is 61.2 MB; the limit for documents is 50 MB." */
export function assertWithinLimit(sizeBytes: number, kind: BlobKind, limits: BlobLimits, declaredName: string): void {
  const limit = kind === 'image' ? limits.imageBytes : limits.documentBytes;
  if (sizeBytes <= limit) return;
  const name = safeDisplayName(declaredName);
  throw new BlobError(
    'TOO_LARGE',
    `The file '${name}' is ${formatBytes(sizeBytes)}; the limit for ${kind}s is ${formatBytes(limit)}.`,
    { declaredName: name, sizeBytes, limitBytes: limit, kind },
  );
}

/** 61.2 MB, 50 MB, 12 KB, 900 bytes. */
export function formatBytes(bytes: number): string {
  if (bytes < KB) return `${bytes} bytes`;
  const [value, unit] = bytes < MB ? [bytes / KB, 'KB'] : [bytes / MB, 'MB'];
  return `${Number(value.toFixed(1))} ${unit}`;
}
