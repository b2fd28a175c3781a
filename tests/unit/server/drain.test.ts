import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { drainRequest } from '../../../src-server/http/drain.ts';

const request = () => new PassThrough() as PassThrough & IncomingMessage;

describe('reading the rest of a refused body', () => {
  it('reads to the end of a body within the bounds', async () => {
    const body = request();
    const drained = drainRequest(body, 1_000, 1_000);
    for (let i = 0; i < 3; i++) body.write(Buffer.alloc(100));
    body.end();
    expect(await drained).toBe(true);
  });

  it('stops past the byte bound or the time bound (the connection is then closed)', async () => {
    const large = request();
    const tooMuch = drainRequest(large, 250, 1_000);
    for (let i = 0; i < 3; i++) large.write(Buffer.alloc(100));
    expect(await tooMuch).toBe(false);
    const slow = request();
    const started = Date.now();
    expect(await drainRequest(slow, 1_000, 50)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
