// A blob's name is its sha256, so a hash is also a path component: validate before use.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { BlobError } from './errors.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** Throws INVALID_HASH unless value is 64 lower-case hex digits (so never '../x'). */
export function assertSha256(value: string): void {
  if (!isSha256(value)) {
    throw new BlobError('INVALID_HASH', 'Not a valid sha256: expected 64 lower-case hex digits.', { value: String(value).slice(0, 100) });
  }
}

/** Hashes a file as a stream; file-system errors are passed on unchanged. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
