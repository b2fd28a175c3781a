// Where put() reads from: a file on disk or bytes in memory, read the same way.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { ioError } from './errors.ts';

export type BlobSource = { path: string } | { bytes: Uint8Array };

const CHUNK_BYTES = 64 * 1024;

/** The first headBytes of the source and its total size, without reading the rest. */
export async function inspectSource(source: BlobSource, headBytes: number): Promise<{ head: Uint8Array; sizeBytes: number }> {
  if ('bytes' in source) return { head: source.bytes.subarray(0, headBytes), sizeBytes: source.bytes.byteLength };
  try {
    const file = await open(source.path, 'r');
    try {
      const { size } = await file.stat();
      const { buffer, bytesRead } = await file.read(new Uint8Array(headBytes), 0, headBytes, 0);
      return { head: buffer.subarray(0, bytesRead), sizeBytes: size };
    } finally {
      await file.close();
    }
  } catch (error) {
    throw ioError('read the file', error);
  }
}

/** The source's content in chunks; stopping the iteration early closes the file. */
export async function* chunksOf(source: BlobSource): AsyncGenerator<Uint8Array> {
  if ('bytes' in source) {
    for (let offset = 0; offset < source.bytes.byteLength; offset += CHUNK_BYTES) {
      yield source.bytes.subarray(offset, offset + CHUNK_BYTES);
    }
    return;
  }
  try {
    yield* createReadStream(source.path, { highWaterMark: CHUNK_BYTES });
  } catch (error) {
    throw ioError('read the file', error);
  }
}
