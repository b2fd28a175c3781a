// "List + filter + search over 50,000 valuations: p50/p95 ms. Target p95 < 30 ms."
//
// A real core on a fresh data folder, signed in as an appraiser; 50,000 seed valuations are inserted
// straight into its database file (the search index is kept by the triggers), plus a few hundred
// created through the core so some rows have pending outbox entries. Then valuations.list goes
// through core.dispatch (zod parsing of input and output included) with the mix the list screen
// sends. Figures are printed; nothing is asserted about time (ARCHITECTURE.md "Testing").
//
//   npm run bench -- valuations-list     (or: npx vitest bench --run tests/bench/valuations-list)
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import type { MethodInput } from '../../src-shared/contract/methods.ts';
import * as schema from '../../src-shared/db/schema.sqlite.ts';
import { generateValuations, type ValuationRow } from '../../src-shared/seed/index.ts';
import { call, signedInCore } from '../helpers/core.ts';
import { insertProjected } from '../helpers/sqlite-fill.ts';
import { ms, percentile, samplesOf, table } from './bench-helpers.ts';

const VALUATIONS = 50_000;
const CHUNK = 5_000;
const ITERATIONS = 100;
type ListInput = MethodInput<'valuations.list'>;

test('valuations.list over 50,000 valuations', { timeout: 600_000 }, async ({ bench }) => {
  const { core, people, dataDir } = await signedInCore('appraiser1@demo.shamay.local');
  const db = new Database(join(dataDir, 'shamay.sqlite'));
  const fillStart = performance.now();
  // The other people of the office (valuations reference their creators); the signed-in one exists.
  insertProjected(db, schema.users, [people.owner, people.orgAdmin, people.appraisers[1], people.clientViewer]);
  const samples: ValuationRow[] = [];
  let chunk: ValuationRow[] = [];
  let index = 0;
  for (const { valuation } of generateValuations({ seed: 1, valuations: VALUATIONS }, people)) {
    chunk.push(valuation);
    if (index++ % 2_500 === 0) samples.push(valuation);
    if (chunk.length === CHUNK) {
      insertProjected(db, schema.valuations, chunk);
      chunk = [];
    }
  }
  insertProjected(db, schema.valuations, chunk);
  db.close();
  const fillMs = performance.now() - fillStart;
  // Recent local work: rows with pending outbox entries, as on a real desk.
  for (let i = 0; i < 300; i++) {
    await call(core, 'valuations.create', { title: `שומה חדשה ${i}, רח׳ הרצל ${i}, חיפה`, addressFull: `רח׳ הרצל ${i}, חיפה`, block: '11000', parcel: String(i + 1) });
  }
  const total = (await call(core, 'valuations.list', { limit: 1 })).total;
  expect(total).toBe(VALUATIONS + 300);

  const blockParcel = samples.flatMap((v) => [`${v.block}/${v.parcel}`, `${v.block}/${v.parcel}/${v.subparcel}`, `${v.block}/`]);
  const kinds: Record<string, ListInput[]> = {
    'no filter': [{}, { direction: 'asc' }, { sort: 'createdAt' }],
    'status filter': [{ status: ['IN_PROGRESS'] }, { status: ['DRAFT', 'READY'] }, { status: ['SIGNED'] }],
    'word search': [{ search: 'תל אביב' }, { search: 'הרצל' }, { search: 'דיזנגוף' }, { search: 'ירושלים' }, { search: 'בנק' }],
    'prefix search (2-3 letters)': [{ search: 'רמ' }, { search: 'הר' }, { search: 'דיז' }, { search: 'ירו' }, { search: 'שד' }],
    'block/parcel search': blockParcel.map((search) => ({ search })),
    'sort by title': [{ sort: 'title', direction: 'asc' }, { sort: 'title', direction: 'desc' }, { sort: 'status' }],
    'page at offset 1000': [{ offset: 1000 }, { offset: 1000, status: ['SIGNED'] }, { offset: 1000, sort: 'title' }],
    'search + filter + page': [
      { search: 'תל אביב', status: ['SIGNED', 'ARCHIVED'] },
      { search: 'הר', status: ['IN_PROGRESS'], sort: 'title' },
      { search: 'תל אביב', offset: 1000 },
    ],
  };

  // How many rows each search variant matches, for reading the figures.
  const matches: string[] = [];
  for (const [kind, inputs] of Object.entries(kinds)) {
    if (!kind.includes('search')) continue;
    for (const input of inputs.slice(0, 6)) {
      const { total: n } = await call(core, 'valuations.list', { ...input, limit: 1 });
      matches.push(`${JSON.stringify(input.search)}${input.status ? ` [${input.status.join(',')}]` : ''}: ${n}`);
    }
  }

  const registrations = Object.entries(kinds).map(([kind, inputs]) => {
    let i = 0;
    return bench(kind, async () => {
      const result = await core.dispatch('valuations.list', inputs[i++ % inputs.length]);
      if (!result.ok) throw new Error(`valuations.list failed: ${result.error.code} ${result.error.message}`);
    });
  });
  const results = await bench.compare(...registrations, { iterations: ITERATIONS, time: 0, warmupIterations: 10, warmupTime: 0, retainSamples: true });
  const rows: string[][] = [['kind', 'p50 ms', 'p95 ms', 'max ms', 'calls']];
  const all: number[] = [];
  for (const kind of Object.keys(kinds)) {
    const sorted = samplesOf(results.get(kind));
    all.push(...sorted);
    rows.push([kind, ms(percentile(sorted, 0.5)), ms(percentile(sorted, 0.95)), ms(sorted.at(-1)!), String(sorted.length)]);
  }
  all.sort((a, b) => a - b);
  rows.push(['overall', ms(percentile(all, 0.5)), ms(percentile(all, 0.95)), ms(all.at(-1)!), String(all.length)]);
  core.close();

  console.log(
    [
      '',
      `valuations.list through core.dispatch, ${total.toLocaleString('en-US')} valuations (filled in ${(fillMs / 1000).toFixed(1)} s), page size 100:`,
      table(rows),
      `search matches: ${matches.join('; ')}`,
      '',
      `List + filter + search over 50,000 valuations: p50 ${ms(percentile(all, 0.5))} ms, p95 ${ms(percentile(all, 0.95))} ms (target p95 < 30 ms)`,
      '',
    ].join('\n'),
  );
});
