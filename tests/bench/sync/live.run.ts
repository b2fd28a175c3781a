// "An edit on client A visible on client B with live notifications: p50/p95 ms. Target p95 < 300 ms."
//
// A server process (a fresh database on DATABASE_URL / SHAMAY_TEST_DATABASE_URL when set, and the
// embedded PGlite) and two cores with live sync, signed in as two appraisers of the demo office and
// synced once. Then, EDITS times: A renames a valuation (valuations.update: the writer kicks the
// engine, which pushes after its debounce); the time runs until B has emitted data.changed and
// valuations.get on B returns the new title. Each edit is split at the start of A's push request:
// debounce (edit -> push starts) and the rest (push, live event, B's pull -> B shows the title);
// A's push request time is printed too (B may show the title before A has read the answer).
// Run: node tests/bench/sync/live.run.ts   (env SHAMAY_BENCH_EDITS, default 50)
import { setTimeout as sleep } from 'node:timers/promises';
import { freshPostgresDatabase, percentile, postgresUrl, startServerProcess, syncedClient } from './stack.ts';

const EDITS = Number(process.env.SHAMAY_BENCH_EDITS ?? 50);
const TIMEOUT_MS = 10_000;

/** A fetch that remembers when the last push request started and ended. */
function pushTimer() {
  const last = { start: 0, end: 0 };
  const timed: typeof fetch = async (input, init) => {
    const push = init?.method === 'POST' && String(input).endsWith('/push');
    if (push) last.start = performance.now();
    const response = await fetch(input, init);
    if (push) last.end = performance.now();
    return response;
  };
  return { last, fetch: timed };
}

async function bench(label: string, databaseUrl: string): Promise<string> {
  const server = await startServerProcess({ DATABASE_URL: databaseUrl });
  const timer = pushTimer();
  const a = await syncedClient(server.url, 'appraiser1@demo.shamay.local', { fetch: timer.fetch, sync: { live: true } });
  const b = await syncedClient(server.url, 'appraiser2@demo.shamay.local', { sync: { live: true } });
  try {
    const list = await a.core.dispatch('valuations.list', { status: ['DRAFT', 'IN_PROGRESS'], limit: 5 });
    if (!list.ok) throw new Error(list.error.message);
    const ids = (list.value as { items: { id: string }[] }).items.map((v) => v.id);
    const total: number[] = [];
    const parts = { debounce: [] as number[], rest: [] as number[], push: [] as number[] };
    await sleep(500); // both live streams open
    for (let i = 0; i < EDITS; i++) {
      const id = ids[i % ids.length]!;
      const title = `עריכה חיה ${i} ${Date.now()}`;
      const seen = new Promise<number>((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error(`edit ${i} not visible on B after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
        const off = b.core.on('data.changed', () => {
          void b.core.dispatch('valuations.get', { id }).then((got) => {
            if (got.ok && (got.value as { title: string }).title === title) {
              const at = performance.now();
              clearTimeout(timeout);
              off();
              resolve(at);
            }
          });
        });
      });
      timer.last.start = timer.last.end = 0;
      const started = performance.now();
      const edit = await a.core.dispatch('valuations.update', { id, fields: { title } });
      if (!edit.ok) throw new Error(edit.error.message);
      const at = await seen;
      total.push(at - started);
      parts.debounce.push(timer.last.start - started);
      parts.rest.push(at - timer.last.start);
      while (!timer.last.end) await sleep(5);
      parts.push.push(timer.last.end - timer.last.start);
      await sleep(300 + Math.random() * 200); // let both finish their rounds, and not edit in step with a timer
    }
    const figures = (samples: number[]) => {
      const sorted = [...samples].sort((x, y) => x - y);
      return `p50 ${Math.round(percentile(sorted, 0.5))} ms, p95 ${Math.round(percentile(sorted, 0.95))} ms, max ${Math.round(sorted.at(-1)!)} ms`;
    };
    return [
      `${label}: edit on A visible on B: ${figures(total)} (target p95 < 300 ms), ${EDITS} edits`,
      `  debounce (edit -> A's push starts):       ${figures(parts.debounce)}`,
      `  push + live event + B's pull -> B shows: ${figures(parts.rest)}`,
      `  (A's push request alone:                 ${figures(parts.push)})`,
    ].join('\n');
  } finally {
    a.close();
    b.close();
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
console.log(`\nLive: an edit on client A visible on client B:\n${lines.join('\n')}`);
