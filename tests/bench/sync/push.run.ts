// "Push of 10,000 mutations to real PostgreSQL: mutations/s. Target >= 5,000/s."
//
// A server process (real PostgreSQL: a fresh database on DATABASE_URL or SHAMAY_TEST_DATABASE_URL;
// then the embedded PGlite) seeded with the demo office; a client core signs in, syncs once, and
// makes 10,000 local writes while sync is paused: 90% valuations.update of two or three fields on the
// editable valuations, 10% valuations.create. Then core.syncNow() is timed (pushes in batches of
// MAX_PUSH_MUTATIONS, then pulls the feed); the push phase ends when the first pull request starts.
// "Server side" is the time of the push requests alone as the client sees them (upload, server work,
// the answer read). Run: node tests/bench/sync/push.run.ts   (env SHAMAY_BENCH_MUTATIONS, default 10000)
import { MAX_PUSH_MUTATIONS } from '../../../src-shared/sync/protocol.ts';
import { freshPostgresDatabase, percentile, postgresUrl, startServerProcess, syncedClient, syncOrThrow } from './stack.ts';

const MUTATIONS = Number(process.env.SHAMAY_BENCH_MUTATIONS ?? 10_000);
const SERVER_VALUATIONS = 1_000;
const rate = (n: number, ms: number) => `${Math.round((1000 * n) / ms).toLocaleString('en-US')}/s`;

async function bench(label: string, databaseUrl: string): Promise<string> {
  const server = await startServerProcess({ DATABASE_URL: databaseUrl, SHAMAY_DEMO_VALUATIONS: String(SERVER_VALUATIONS) });
  const pushMs: number[] = [];
  let measuring = false;
  let pushEnded = 0;
  const bytes = { up: 0, down: 0 };
  const timedFetch: typeof fetch = async (input, init) => {
    const started = performance.now();
    if (measuring && !pushEnded && String(input).includes('/pull?')) pushEnded = started;
    const response = await fetch(input, init);
    if (init?.method !== 'POST' || !String(input).endsWith('/push')) return response;
    const body = await response.arrayBuffer();
    pushMs.push(performance.now() - started);
    bytes.up += Buffer.byteLength(String(init.body));
    bytes.down += body.byteLength;
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  const client = await syncedClient(server.url, 'appraiser1@demo.shamay.local', { fetch: timedFetch, sync: { live: false } });
  try {
    const { core } = client;
    const call = async (method: string, input: unknown) => {
      const result = await core.dispatch(method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value;
    };
    const { items } = (await call('valuations.list', { status: ['DRAFT', 'IN_PROGRESS', 'READY'], limit: 500 })) as { items: { id: string; title: string }[] };
    await call('sync.pause', {});
    const writesStarted = performance.now();
    for (let i = 0; i < MUTATIONS; i++) {
      if (i % 10 === 9) {
        await call('valuations.create', { title: `שומה ${i}, רח׳ הרצל ${i % 200}, חיפה`, addressFull: `רח׳ הרצל ${i % 200}, חיפה`, block: '11000', parcel: String(i % 900 + 1) });
      } else {
        const { id, title } = items[i % items.length]!;
        const fields = i % 3 === 0 ? { title: `${title} (${i})`, finalValuationAgorot: 100_000 * i } : { finalValuationAgorot: 100_000 * i, pricePerSqmAgorot: 1_000 * i, subparcel: String(i % 50 + 1) };
        await call('valuations.update', { id, fields });
      }
    }
    const writesMs = performance.now() - writesStarted;
    const { pending } = (await call('sync.pendingCount', {})) as { pending: number };
    if (pending !== MUTATIONS) throw new Error(`expected ${MUTATIONS} pending mutations, found ${pending}`);

    // Unpausing starts a round; syncNow() then waits for it (and runs one more round after it).
    const started = performance.now();
    measuring = true;
    await call('sync.start', {});
    await syncOrThrow(core);
    const totalMs = performance.now() - started;
    const pushPhaseMs = pushEnded - started;
    const { pending: left } = (await call('sync.pendingCount', {})) as { pending: number };
    if (left !== 0) throw new Error(`${left} mutations were not pushed`);
    const serverMs = pushMs.reduce((a, b) => a + b, 0);
    const sorted = [...pushMs].sort((a, b) => a - b);
    return [
      `${label}: ${MUTATIONS.toLocaleString('en-US')} mutations (${MUTATIONS / 10} creates, the rest updates of ${items.length} valuations), made in ${(writesMs / 1000).toFixed(1)} s`,
      `  push phase ${(pushPhaseMs / 1000).toFixed(2)} s = ${rate(MUTATIONS, pushPhaseMs)} (target >= 5,000/s); whole syncNow incl. pull ${(totalMs / 1000).toFixed(2)} s = ${rate(MUTATIONS, totalMs)}`,
      `  server side as the client sees it: ${pushMs.length} push requests of up to ${MAX_PUSH_MUTATIONS}, ${(serverMs / 1000).toFixed(2)} s = ${rate(MUTATIONS, serverMs)}, ` +
        `per request p50 ${Math.round(percentile(sorted, 0.5))} ms, max ${Math.round(sorted.at(-1)!)} ms, ` +
        `${(bytes.up / pushMs.length / 1e6).toFixed(2)} MB up / ${(bytes.down / pushMs.length / 1e6).toFixed(2)} MB down each`,
      `  client side (outbox read, settling the answers): ${((pushPhaseMs - serverMs) / 1000).toFixed(2)} s = ${Math.round(100 - (100 * serverMs) / pushPhaseMs)}% of the push phase`,
    ].join('\n');
  } finally {
    client.close();
    await server.stop();
  }
}

const lines: string[] = [];
if (postgresUrl) {
  const database = await freshPostgresDatabase(postgresUrl);
  try {
    lines.push(await bench('PostgreSQL', database.url));
  } finally {
    await database.drop();
  }
} else {
  lines.push('PostgreSQL: skipped (set DATABASE_URL, or run under scripts/with-postgres.sh for SHAMAY_TEST_DATABASE_URL)');
}
lines.push(await bench('PGlite (embedded)', ''));
console.log(`\nPush of ${MUTATIONS.toLocaleString('en-US')} mutations through core.syncNow():\n${lines.join('\n')}`);
