// The core worker with host-kept tokens (the Electron arrangement) against the real sync server:
// sign-in tokens come out of the worker as `tokens` messages, and a worker started later with those
// tokens in `init` syncs without signing in again.
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Result } from '../../../src-shared/contract/errors.ts';
import { DEMO_PASSWORD } from '../../../src-server/start.ts';
import { createCore } from '../../../src-main/core/create-core.ts';
import type { StoredTokens } from '../../../src-main/core/sync/server-client.ts';
import { createWorkerClient, type HostPort } from '../../../src-main/core/worker/client.ts';
import { serveCore, type WorkerPort } from '../../../src-main/core/worker/serve.ts';
import { startTestServer } from '../../helpers/sync-stack.ts';
import { tempDir } from '../../helpers/temp.ts';

function inMemoryWorker(dataDir: string, serverUrl: string, current: StoredTokens | null) {
  const toWorker: ((m: unknown) => void)[] = [];
  const toHost: ((m: unknown) => void)[] = [];
  const exits: ((code: number | null) => void)[] = [];
  const later = (listeners: ((m: unknown) => void)[], message: unknown) => {
    const copy = structuredClone(message);
    setImmediate(() => listeners.forEach((l) => l(copy)));
  };
  const workerPort: WorkerPort = { postMessage: (m) => later(toHost, m), onMessage: (l) => void toWorker.push(l) };
  const hostPort: HostPort = {
    postMessage: (m) => later(toWorker, m),
    onMessage: (l) => void toHost.push(l),
    onExit: (l) => void exits.push(l),
    terminate: () => setImmediate(() => exits.forEach((l) => l(0))),
  };
  // Tests turn the live stream off; everything else is what the worker entry does.
  serveCore(workerPort, { createCore: (deps) => createCore({ ...deps, sync: { live: false } }) });
  const saved: (StoredTokens | null)[] = [];
  const statuses: { phase: string }[] = [];
  const client = createWorkerClient(hostPort, {
    init: { deps: { dataDir, serverUrl }, tokens: { keeper: 'host', current } },
    onTokens: (tokens) => saved.push(tokens),
    onEvent: (event, payload) => {
      if (event === 'sync.status') statuses.push(payload as { phase: string });
    },
  });
  onTestFinished(() => client.close(2_000));
  return { client, saved, statuses };
}

const value = <T>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('core worker with tokens kept by the host', () => {
  it('reports tokens on sign-in and syncs in a later run with the tokens passed back in', async () => {
    const server = await startTestServer();
    const dataDir = tempDir();

    const first = inMemoryWorker(dataDir, server.url, null);
    const session = value<{ user: { id: string } | null }>(await first.client.call('session.signIn', { email: 'appraiser1@demo.shamay.local', password: DEMO_PASSWORD }));
    expect(session.user).not.toBeNull();
    await until(() => first.saved.length > 0, 'a tokens message');
    const tokens = first.saved.at(-1);
    expect(tokens).toEqual({ userId: session.user?.id, accessToken: expect.any(String), refreshToken: expect.any(String) });
    await first.client.close();

    // Next start: the host passes the tokens it kept; the database remembers the session.
    const second = inMemoryWorker(dataDir, server.url, tokens ?? null);
    expect(value<{ user: { id: string } | null }>(await second.client.call('session.current', {})).user?.id).toBe(session.user?.id);
    value(await second.client.call('sync.start', {}));
    await until(() => second.statuses.some((s) => s.phase === 'up_to_date' || s.phase === 'error'), 'a finished sync round');
    expect(second.statuses.map((s) => s.phase)).not.toContain('error');
    expect(value<{ total: number }>(await second.client.call('valuations.list', {})).total).toBeGreaterThan(0);
  });

  it('without tokens a later run cannot sync (the host kept nothing)', async () => {
    const server = await startTestServer();
    const dataDir = tempDir();
    const first = inMemoryWorker(dataDir, server.url, null);
    value(await first.client.call('session.signIn', { email: 'appraiser1@demo.shamay.local', password: DEMO_PASSWORD }));
    await first.client.close();

    const second = inMemoryWorker(dataDir, server.url, null);
    value(await second.client.call('sync.start', {}));
    await until(() => second.statuses.some((s) => s.phase === 'up_to_date' || s.phase === 'error'), 'a finished sync round');
    expect(second.statuses.map((s) => s.phase)).toContain('error');
  });
});
