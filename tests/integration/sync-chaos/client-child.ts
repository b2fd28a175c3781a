// Child process of convergence.test.ts: a client (the real core) on a data folder, run so that the
// test can kill it with SIGKILL in the middle of a push or a pull.
//
//   node tests/integration/sync-chaos/client-child.ts '<json ChildConfig>'
//
// It reports, one JSON line each, appended with fs.writeSync (so a reported line survives the kill):
//   {t:'ready'}                   signed in, core open
//   {t:'edit', record}            an edit committed locally (the outbox entries it wrote)
//   {t:'push', mutations}         a push body about to be sent
//   {t:'request', kind, n}        a request about to go out (n counts requests of that kind)
//   {t:'idle', pending}           a sync round finished
// Plain Node (type stripping), no vitest.
import { openSync, writeSync } from 'node:fs';
import { createCore } from '../../../src-main/core/create-core.ts';
import { chaosFetch, Editor, newNetControl, Random, type RequestKind } from './chaos-lib.ts';

export interface ChildConfig {
  dataDir: string;
  serverUrl: string;
  email: string;
  password: string;
  logFile: string;
  seed: number;
  stream: number;
  label: string;
  hot: string[];
  imageBase: number;
  /** init: sign in and sync once, then exit. edit-push: offline edits, then sync until killed. pull: sync until killed. */
  mode: 'init' | 'edit-push' | 'pull';
  edits: number;
  counterStart: number;
  pullLimit: number;
  failRate: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const out = openSync(config.logFile, 'a');
const report = (line: Record<string, unknown>) => writeSync(out, `${JSON.stringify(line)}\n`);

const net = newNetControl(new Random(config.seed, config.stream), config.failRate);
const counts = new Map<RequestKind, number>();
net.onPush = (mutations) => report({ t: 'push', mutations });
net.beforeSend = (kind) => {
  const n = (counts.get(kind) ?? 0) + 1;
  counts.set(kind, n);
  report({ t: 'request', kind, n });
};
const core = createCore({
  dataDir: config.dataDir,
  serverUrl: config.serverUrl,
  sync: { live: false, pullLimit: config.pullLimit, maxBackoffMs: 1_000 },
  fetch: chaosFetch(net),
  log: { error: (message, details) => console.error(message, details) },
});

const current = await core.dispatch('session.current', {});
if (!current.ok || !(current.value as { user: unknown }).user) {
  const signedIn = await core.dispatch('session.signIn', { email: config.email, password: config.password });
  if (!signedIn.ok) {
    console.error('sign-in failed', signedIn.error);
    process.exit(1);
  }
}
report({ t: 'ready', deviceId: core.deviceId });

const pending = async () => {
  const status = await core.dispatch('sync.status', {});
  return status.ok ? (status.value as { pending: number; lastError: string | null }) : { pending: -1, lastError: 'status failed' };
};

if (config.mode === 'init') {
  net.failRate = 0;
  await core.syncNow();
  report({ t: 'idle', ...(await pending()) });
  core.close();
  process.exit(0);
}

if (config.mode === 'edit-push') {
  net.online = false;
  const editor = new Editor({
    label: config.label,
    dispatch: (method, input) => core.dispatch(method, input) as never,
    dataDir: config.dataDir,
    rng: new Random(config.seed, config.stream + 1),
    hot: config.hot,
    imageBase: config.imageBase,
  });
  editor.setCounter(config.counterStart);
  let done = 0;
  for (let attempts = 0; done < config.edits && attempts < config.edits * 4; attempts++) {
    const record = await editor.next();
    if (!record) continue;
    done++;
    report({ t: 'edit', record });
  }
  editor.close();
  net.online = true;
}

// Sync until the test kills this process.
for (;;) {
  await core.syncNow();
  report({ t: 'idle', ...(await pending()) });
  await new Promise((resolve) => setTimeout(resolve, 50));
}
