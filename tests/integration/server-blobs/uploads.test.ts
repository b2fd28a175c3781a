// The helpers behind the blob routes: partial-upload housekeeping, the per-blob lock and Range parsing.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../src-server/blobs/routes.ts';
import { appendToPartial, createUploadLocks, partialPath, sweepStaleUploads } from '../../../src-server/blobs/uploads.ts';
import { tempDir } from '../../helpers/temp.ts';

const SHA = 'ab'.repeat(32);

describe('partial uploads', () => {
  it('builds paths only from a validated organization id and sha256', () => {
    const org = randomUUID();
    expect(partialPath('/blobs', org, SHA)).toBe(join('/blobs', 'uploads', org, `${SHA}.part`));
    expect(() => partialPath('/blobs', '../x', SHA)).toThrow();
    expect(() => partialPath('/blobs', org, '../../etc/passwd')).toThrow();
    expect(() => partialPath('/blobs', org, SHA.toUpperCase())).toThrow();
  });

  it('appends at the offset and leaves the partial as it was when a body overflows', async () => {
    const path = partialPath(tempDir(), randomUUID(), SHA);
    const chunks = (...parts: string[]) => (async function* () {
      for (const part of parts) yield Buffer.from(part);
    })();
    expect(await appendToPartial(path, 0, chunks('abc', 'def'), 10)).toEqual({ outcome: 'complete', offset: 6 });
    expect(await appendToPartial(path, 6, chunks('gh', 'ijk'), 10)).toEqual({ outcome: 'overflow', offset: 6 });
    expect(await appendToPartial(path, 6, chunks('ghij'), 10)).toEqual({ outcome: 'complete', offset: 10 });
    const broken = (async function* () {
      yield Buffer.from('x');
      throw new Error('aborted');
    })();
    const other = partialPath(tempDir(), randomUUID(), SHA);
    expect(await appendToPartial(other, 0, broken, 10)).toEqual({ outcome: 'interrupted', offset: 1 });
  });

  it('sweeps partials untouched since the cutoff, and nothing else', async () => {
    const dir = tempDir();
    const org = randomUUID();
    const old = partialPath(dir, org, SHA);
    const fresh = partialPath(dir, org, 'cd'.repeat(32));
    mkdirSync(join(dir, 'uploads', org), { recursive: true });
    writeFileSync(old, 'old');
    writeFileSync(fresh, 'fresh');
    const stranger = join(dir, 'uploads', org, 'notes.txt');
    writeFileSync(stranger, 'keep');
    const weekAgo = new Date(Date.now() - 7 * 24 * 3600 * 1000);
    utimesSync(old, weekAgo, weekAgo);
    utimesSync(stranger, weekAgo, weekAgo);

    expect(await sweepStaleUploads(dir, new Date(Date.now() - 24 * 3600 * 1000))).toBe(1);
    expect([existsSync(old), existsSync(fresh), existsSync(stranger)]).toEqual([false, true, true]);
    expect(await sweepStaleUploads(tempDir(), new Date())).toBe(0);
  });
});

describe('upload locks', () => {
  it('runs one holder at a time per key and gives up after the wait', async () => {
    const locks = createUploadLocks();
    let release!: () => void;
    const first = locks.run('k', 1000, () => new Promise<string>((resolve) => (release = () => resolve('first'))));
    expect(await locks.run('k', 20, async () => 'second')).toBeNull();
    expect(await locks.run('other', 20, async () => 'other')).toEqual({ value: 'other' });
    const third = locks.run('k', 1000, async () => 'third');
    release();
    expect(await first).toEqual({ value: 'first' });
    expect(await third).toEqual({ value: 'third' });
    await locks.settled('k', 1000);
  });
});

describe('Range', () => {
  it('reads a single byte range and ignores what it does not understand', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-200', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=95-', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('bytes=9-3', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
  });
});
