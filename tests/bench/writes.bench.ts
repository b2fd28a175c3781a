// "Writes with outbox + activity vs. plain better-sqlite3 inserts of the same rows: ratio. Target < 2x."
//
// Fresh data folders made the same way (the core's migrations, WAL, synchronous=NORMAL, foreign keys
// on, signed in), one per variant, one SQLite transaction per write in every variant (that is what
// the app does), the same seed rows (about 1.5 kB of JSON each):
// - plain:    prepared INSERT / UPDATE of the valuation rows with better-sqlite3;
// - writer:   createWriter(...).write(): the row change + its sync_mutations row + its activity_logs row;
// - dispatch: core.dispatch('valuations.create' | 'valuations.update'): zod parsing of input and output,
//             the permission checks, the writer, and the read-back of the row.
// Every database is opened by openLocalDatabase, as the app opens it: the same pragmas, and its
// per-SQL-text statement cache (the writer prepares its statements on every write).
// The variants run interleaved in rounds (rotating which goes first), so a busy moment on the machine
// does not land on one variant only. Rates are over the whole time, WAL checkpoints included.
// Figures are printed; nothing is asserted about time (ARCHITECTURE.md "Testing").
//
//   npm run bench -- writes     (or: npx vitest bench --run tests/bench/writes)
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { expect, test } from 'vitest';
import type { MethodInput } from '../../src-shared/contract/methods.ts';
import { latestVersion } from '../../src-shared/db/migrations.ts';
import { MIGRATIONS } from '../../src-shared/db/migrations.generated.ts';
import { generateDemoPeople, generateValuations } from '../../src-shared/seed/index.ts';
import { openLocalDatabase } from '../../src-main/core/db/open.ts';
import { keysToColumns } from '../../src-main/core/store/tables.ts';
import { createWriter, type Actor } from '../../src-main/core/store/writer.ts';
import { signedInCore } from '../helpers/core.ts';
import { percentile, perSecond, table } from './bench-helpers.ts';

const WRITES = 5_000;
const ROUNDS = 10;
const WARMUP = 200;

type Editable = MethodInput<'valuations.create'>;

interface Variant {
  name: string;
  create(i: number): unknown;
  update(i: number): unknown;
}

/** A migrated, signed-in local database of its own, reopened as the core opens it. */
async function freshDatabase() {
  const { core, people, dataDir } = await signedInCore('appraiser1@demo.shamay.local');
  const deviceId = core.deviceId;
  core.close();
  const { db } = openLocalDatabase({ file: join(dataDir, 'shamay.sqlite') });
  const actor: Actor = { userId: people.appraisers[0].id, organizationId: people.organization.id };
  return { db, deviceId, actor };
}

/** The row valuations.create makes from the fields (columns as the core names them). */
function createValues(actor: Actor, fields: Editable): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    id: uuidv7(),
    organization_id: actor.organizationId,
    created_by_id: actor.userId,
    status: 'DRAFT',
    meta: {},
    ...keysToColumns('valuations', fields),
    created_at: now,
    updated_at: now,
  };
}

function updateFields(i: number, base: Editable) {
  return { title: `${base.title} — עדכון ${i}`, step1Data: { ...base.step1Data, revision: i }, finalValuationAgorot: 100_000 * (i + 1) };
}

/** A writer-backed variant: the same calls the valuation handlers make. */
function writerVariant(name: string, store: Awaited<ReturnType<typeof freshDatabase>>, seedAt: (i: number) => Editable): Variant {
  const writer = createWriter({
    db: store.db,
    deviceId: store.deviceId,
    schemaVersion: latestVersion(MIGRATIONS.sqlite),
    now: () => new Date().toISOString(),
    newId: () => uuidv7(),
  });
  const ids: string[] = [];
  return {
    name,
    create(i) {
      const values = createValues(store.actor, seedAt(i));
      const id = String(values.id);
      writer.write(store.actor, [
        { table: 'valuations', op: 'insert', rowId: id, values, activity: { subjectType: 'valuation', subjectId: id, valuationId: id, action: 'created' } },
      ]);
      ids.push(id);
    },
    update(i) {
      const id = ids[i % ids.length]!;
      const values = keysToColumns('valuations', updateFields(i, seedAt(i)));
      writer.write(store.actor, [
        {
          table: 'valuations',
          op: 'update',
          rowId: id,
          values,
          activity: { subjectType: 'valuation', subjectId: id, valuationId: id, action: 'updated', payload: { fields: Object.keys(values) } },
        },
      ]);
    },
  };
}

interface Measured {
  totalMs: number;
  samples: number[];
}

/** Runs `op` of every variant WRITES times, interleaved in ROUNDS rounds; per-write latencies kept. */
async function interleaved(variants: readonly Variant[], op: 'create' | 'update'): Promise<Map<string, Measured>> {
  const results = new Map(variants.map((v) => [v.name, { totalMs: 0, samples: [] as number[] }]));
  const next = new Map(variants.map((v) => [v.name, 0]));
  const run = async (variant: Variant, count: number, measured: Measured | undefined) => {
    for (let k = 0; k < count; k++) {
      const i = next.get(variant.name)!;
      next.set(variant.name, i + 1);
      const start = performance.now();
      const pending = variant[op](i);
      if (pending instanceof Promise) await pending;
      const elapsed = performance.now() - start;
      if (measured) {
        measured.totalMs += elapsed;
        measured.samples.push(elapsed);
      }
    }
  };
  for (const variant of variants) await run(variant, WARMUP, undefined);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(round + k) % variants.length]!;
      await run(variant, WRITES / ROUNDS, results.get(variant.name));
    }
  }
  return results;
}

test('valuation writes: outbox + activity vs plain inserts', { timeout: 600_000 }, async () => {
  const people = generateDemoPeople(1);
  const seeds: Editable[] = [];
  for (const { valuation: v } of generateValuations({ seed: 2, valuations: WRITES + WARMUP }, people)) {
    seeds.push({
      title: v.title,
      addressFull: v.addressFull,
      block: v.block,
      parcel: v.parcel,
      subparcel: v.subparcel,
      meta: v.meta,
      step1Data: v.step1Data,
      finalValuationAgorot: v.finalValuationAgorot,
      pricePerSqmAgorot: v.pricePerSqmAgorot,
      comparableData: v.comparableData,
    });
  }
  const seedAt = (i: number) => seeds[i % seeds.length]!;

  // ---- plain better-sqlite3 -------------------------------------------------------------------
  const plain = await freshDatabase();
  const columns = Object.keys(createValues(plain.actor, seedAt(0)));
  const jsonColumns = new Set(['meta', 'step1_data', 'comparable_data']);
  const plainInsert = plain.db.prepare(
    `INSERT INTO valuations (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const plainUpdate = plain.db.prepare('UPDATE valuations SET title = ?, step1_data = ?, final_valuation_agorot = ?, updated_at = ? WHERE id = ?');
  const plainCreate = plain.db.transaction((values: Record<string, unknown>) =>
    plainInsert.run(columns.map((c) => (jsonColumns.has(c) && values[c] != null ? JSON.stringify(values[c]) : (values[c] ?? null)))),
  );
  const plainChange = plain.db.transaction((id: string, values: Record<string, unknown>) =>
    plainUpdate.run(values.title, JSON.stringify(values.step1_data), values.final_valuation_agorot, new Date().toISOString(), id),
  );
  const plainIds: string[] = [];

  // ---- the writer, as the core uses it ------------------------------------------------------------
  const direct = await freshDatabase();

  // ---- the whole core ---------------------------------------------------------------------------
  const { core } = await signedInCore('appraiser1@demo.shamay.local');
  const dispatchIds: string[] = [];

  const variants: Variant[] = [
    {
      name: 'plain better-sqlite3',
      create(i) {
        const values = createValues(plain.actor, seedAt(i));
        plainCreate(values);
        plainIds.push(String(values.id));
      },
      update(i) {
        plainChange(plainIds[i % plainIds.length]!, keysToColumns('valuations', updateFields(i, seedAt(i))));
      },
    },
    writerVariant('writer (row + outbox + activity)', direct, seedAt),
    {
      name: 'dispatch (zod + checks + writer + read-back)',
      async create(i) {
        const result = await core.dispatch('valuations.create', seedAt(i));
        if (!result.ok) throw new Error(`valuations.create failed: ${result.error.message}`);
        dispatchIds.push((result.value as { id: string }).id);
      },
      async update(i) {
        const result = await core.dispatch('valuations.update', { id: dispatchIds[i % dispatchIds.length]!, fields: updateFields(i, seedAt(i)) });
        if (!result.ok) throw new Error(`valuations.update failed: ${result.error.message}`);
      },
    },
  ];

  const creates = await interleaved(variants, 'create');
  const updates = await interleaved(variants, 'update');

  // Every variant wrote the same rows; the writer one outbox + one activity row per write.
  const count = (db: Database.Database, sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const created = count(plain.db, 'SELECT count(*) AS n FROM valuations');
  expect(created).toBe(WRITES + WARMUP);
  expect(count(direct.db, 'SELECT count(*) AS n FROM valuations')).toBe(created);
  expect(count(direct.db, 'SELECT count(*) AS n FROM sync_mutations')).toBe(2 * created);
  expect(count(direct.db, 'SELECT count(*) AS n FROM activity_logs')).toBe(2 * created);
  plain.db.close();
  direct.db.close();
  core.close();

  const report = (what: string, results: Map<string, Measured>) => {
    const base = results.get(variants[0]!.name)!;
    const rows = [['variant', 'writes/s', 'ratio', 'p50 ms', 'p95 ms']];
    const ratios: Record<string, string> = {};
    for (const variant of variants) {
      const measured = results.get(variant.name)!;
      const sorted = [...measured.samples].sort((a, b) => a - b);
      const ratio = measured.totalMs / base.totalMs;
      ratios[variant.name] = `${ratio.toFixed(2)}x`;
      rows.push([
        variant.name,
        perSecond((1000 * measured.samples.length) / measured.totalMs),
        `${ratio.toFixed(2)}x`,
        percentile(sorted, 0.5).toFixed(3),
        percentile(sorted, 0.95).toFixed(3),
      ]);
    }
    return { text: `${what}, ${WRITES.toLocaleString('en-US')} writes per variant, one transaction each:\n${table(rows)}`, ratios };
  };
  const c = report('valuations.create', creates);
  const u = report('valuations.update', updates);
  console.log(
    [
      '',
      c.text,
      '',
      u.text,
      '',
      `Writes with outbox + activity vs. plain better-sqlite3 inserts of the same rows (target < 2x): ` +
        `create: writer ${c.ratios[variants[1]!.name]}, dispatch ${c.ratios[variants[2]!.name]}; ` +
        `update: writer ${u.ratios[variants[1]!.name]}, dispatch ${u.ratios[variants[2]!.name]}`,
      '',
    ].join('\n'),
  );
});
