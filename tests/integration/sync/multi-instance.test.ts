// Two `npm run server` processes on one PostgreSQL database and one blob folder serve one office
// (issue #16): a laptop on each converges (rows and files), a push through one instance reaches the
// other's live stream, failed sign-ins count against one budget whichever instance they reach, and
// when one instance is killed with SIGKILL the other carries on.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { call } from '../../helpers/core.ts';
import { createScratchDatabase, TEST_DATABASE_URL } from '../../helpers/postgres.ts';
import { rawClient } from '../../helpers/http-client.ts';
import { startClient } from '../../helpers/sync-stack.ts';
import { tempDir } from '../../helpers/temp.ts';
import { DEMO_PASSWORD } from '../sync-chaos/harness.ts';

const MAIN = fileURLToPath(new URL('../../../src-server/main.ts', import.meta.url));

interface Instance {
  url: string;
  kill9(): Promise<void>;
}

async function startInstance(databaseUrl: string, blobDir: string, seed: boolean): Promise<Instance> {
  const args = [MAIN, '--port', '0', '--data-dir', tempDir('shamay-instance-'), '--blob-dir', blobDir, ...(seed ? ['--seed-demo'] : [])];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, SHAMAY_LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(log);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.once('exit', (code, signal) => reject(new Error(`the server exited while starting (${code ?? signal}):\n${log.slice(-3000)}`)));
  });
  const kill9 = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };
  onTestFinished(kill9);
  return { url, kill9 };
}

/** Reads a live stream until it announces a version above `above`. */
async function nextVersion(stream: ReadableStreamDefaultReader<Uint8Array>, above: number, timeoutMs = 10_000): Promise<number> {
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { value, done } = await Promise.race([stream.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no live event in time')), deadline - Date.now()))]);
    if (done) break;
    text += decoder.decode(value, { stream: true });
    for (const match of text.matchAll(/event: changed\ndata: (\{.*\})/g)) {
      const version = (JSON.parse(match[1]!) as { version: number }).version;
      if (version > above) return version;
    }
  }
  throw new Error(`the live stream never passed version ${above}`);
}

describe.skipIf(!TEST_DATABASE_URL)('several server instances on one PostgreSQL', () => {
  it('converge, share live notifications and sign-in throttles, and survive one instance killed -9', async () => {
    const scratch = await createScratchDatabase();
    onTestFinished(() => scratch.drop());
    const blobDir = join(tempDir('shamay-shared-blobs-'), 'blobs');
    const a = await startInstance(scratch.url, blobDir, true);
    const b = await startInstance(scratch.url, blobDir, false);

    const onA = await startClient({ url: a.url });
    const onB = await startClient({ url: b.url }, 'appraiser2@demo.shamay.local');
    await onA.core.syncNow();
    await onB.core.syncNow();

    // B's live stream hears of a push made through A.
    const watcher = await rawClient(b.url, 'owner@demo.shamay.local');
    const live = await fetch(`${b.url}/v1/orgs/${watcher.organizationId}/live`, { headers: { authorization: `Bearer ${watcher.token}` } });
    const stream = live.body!.getReader();
    const head = await nextVersion(stream, -1);
    const created = await call(onA.core, 'valuations.create', { title: 'שומה שנוצרה דרך שרת א', addressFull: 'רח׳ הנביאים 3, ירושלים' });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n% נסח טאבו\ntrailer<<>>\n%%EOF\n');
    const { document } = await call(onA.core, 'documents.add', { valuationId: created.id, docType: 'TABU', fileName: 'נסח.pdf', source: { bytesBase64: pdf.toString('base64') } });
    await onA.core.syncNow();
    expect(await nextVersion(stream, head)).toBeGreaterThan(head);
    await stream.cancel();

    // The laptop on B receives the row and the file A's laptop uploaded through A; B's edit reaches A's laptop.
    await onB.core.syncNow();
    expect(await call(onB.core, 'valuations.get', { id: created.id })).toMatchObject({ title: 'שומה שנוצרה דרך שרת א', syncState: 'synced' });
    const file = await call(onB.core, 'files.read', { sha256: document.sha256 });
    expect(Buffer.from(file.bytesBase64, 'base64').equals(pdf)).toBe(true);
    await call(onB.core, 'valuations.update', { id: created.id, fields: { addressFull: 'רח׳ הנביאים 5, ירושלים' } });
    await onB.core.syncNow();
    await onA.core.syncNow();
    const listA = await call(onA.core, 'valuations.list', { limit: 200 });
    const listB = await call(onB.core, 'valuations.list', { limit: 200 });
    expect(listA.items.map((v) => [v.id, v.title, v.addressFull]).sort()).toEqual(listB.items.map((v) => [v.id, v.title, v.addressFull]).sort());
    expect((await call(onA.core, 'valuations.get', { id: created.id })).addressFull).toBe('רח׳ הנביאים 5, ירושלים');

    // Five wrong passwords, spread over both instances, use up the e-mail's one budget.
    const login = (url: string, password: string) =>
      fetch(`${url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.shamay.local', password, device: { id: crypto.randomUUID(), name: 'בדיקה', platform: 'linux' } }),
      });
    const wrong = [];
    for (const url of [a.url, b.url, a.url, b.url, a.url]) wrong.push((await login(url, 'wrong-password')).status);
    expect(wrong).toEqual([401, 401, 401, 401, 401]);
    expect((await login(b.url, DEMO_PASSWORD)).status).toBe(429);
    expect((await login(a.url, DEMO_PASSWORD)).status).toBe(429);

    // A dies mid-flight; B carries on for everyone.
    await a.kill9();
    await call(onB.core, 'valuations.update', { id: created.id, fields: { title: 'נערך אחרי שנפל שרת א' } });
    await onB.core.syncNow();
    expect(await call(onB.core, 'sync.status', {})).toMatchObject({ pending: 0, phase: 'up_to_date' });
    const late = await rawClient(b.url, 'appraiser1@demo.shamay.local');
    const pulled = await late.pull(0, 5_000);
    const row = pulled.body.changes.find((c) => c.table === 'valuations' && c.row.id === created.id)?.row;
    expect(row).toMatchObject({ title: 'נערך אחרי שנפל שרת א', address_full: 'רח׳ הנביאים 5, ירושלים' });
  }, 120_000);
});
