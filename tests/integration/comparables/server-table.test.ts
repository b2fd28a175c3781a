import { describe, expect, it } from 'vitest';
import { withTenant } from '../../../src-server/context.ts';
import type { ServerDatabase } from '../../../src-server/db/database.ts';
import { openServerDatabase } from '../../../src-server/db/open.ts';
import { createScratchDatabase, TEST_DATABASE_URL } from '../../helpers/postgres.ts';

const A = '01900000-0000-7000-8000-00000000000a';
const B = '01900000-0000-7000-8000-00000000000b';
const USER = '01900000-0000-7000-8000-0000000000f1';

async function twoOffices(db: ServerDatabase) {
  await db.query('INSERT INTO organizations (id, name) VALUES ($1, $2), ($3, $4)', [A, 'משרד א', B, 'משרד ב']);
  await db.query("INSERT INTO users (id, email, name) VALUES ($1, 'a@x.co', 'א')", [USER]);
  for (const [org, street] of [[A, 'הרצל'], [B, 'ביאליק']]) {
    await db.query(
      `INSERT INTO comparables (id, organization_id, source, deal_date, street, price_agorot, created_by_id)
       VALUES (gen_random_uuid(), $1, 'SPREADSHEET', '2024-01-15', $2, 285000000, $3)`,
      [org, street, USER],
    );
  }
}

const engines = [
  { name: 'PGlite', skip: false, open: async () => ({ ...(await openServerDatabase({})), drop: async () => undefined }) },
  {
    name: 'PostgreSQL 15',
    skip: !TEST_DATABASE_URL,
    open: async () => {
      const scratch = await createScratchDatabase();
      return { ...(await openServerDatabase({ databaseUrl: scratch.url })), drop: scratch.drop };
    },
  },
];

for (const engine of engines) {
  describe.skipIf(engine.skip)(`the comparables table on ${engine.name}`, () => {
    it("keeps another organization's comparables out of sight and out of reach (row-level security)", async () => {
      const { db, drop } = await engine.open();
      try {
        await twoOffices(db);
        const scope = { userId: USER, organizationIds: [A] };
        const seen = await withTenant(db, scope, (tx) => tx.query<{ street: string }>('SELECT street FROM comparables'));
        expect(seen).toEqual([{ street: 'הרצל' }]);
        await expect(
          withTenant(db, scope, (tx) =>
            tx.query(
              `INSERT INTO comparables (id, organization_id, source, deal_date, price_agorot, created_by_id)
               VALUES (gen_random_uuid(), $1, 'MANUAL', '2024-01-01', 1, $2)`,
              [B, USER],
            ),
          ),
        ).rejects.toThrow(/row-level security/);
        const removed = await withTenant(db, scope, (tx) => tx.query<{ id: string }>('DELETE FROM comparables WHERE organization_id = $1 RETURNING id', [B]));
        expect(removed).toEqual([]);
      } finally {
        await db.close();
        await drop();
      }
    });

    it('keeps updated_at current and refuses negative money, a bad source and a date that is not ISO', async () => {
      const { db, drop } = await engine.open();
      try {
        await twoOffices(db);
        await db.query("UPDATE comparables SET updated_at = '2000-01-01T00:00:00Z' WHERE organization_id = $1", [A]);
        await db.query("UPDATE comparables SET floor = '3' WHERE organization_id = $1", [A]);
        const [row] = await db.query<{ year: number }>('SELECT extract(year FROM updated_at)::int AS year FROM comparables WHERE organization_id = $1', [A]);
        expect(row?.year).toBeGreaterThan(2020);
        const insert = (source: string, date: string, price: number) =>
          db.query(
            `INSERT INTO comparables (id, organization_id, source, deal_date, price_agorot, created_by_id)
             VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`,
            [A, source, date, price, USER],
          );
        await expect(insert('SPREADSHEET', '2024-01-15', -1)).rejects.toThrow(/comparables_price_agorot_non_negative/);
        await expect(insert('EXCEL', '2024-01-15', 1)).rejects.toThrow(/comparables_source_check/);
        await expect(insert('SPREADSHEET', '15/01/2024', 1)).rejects.toThrow(/comparables_deal_date_format/);
      } finally {
        await db.close();
        await drop();
      }
    });
  });
}
