// Migration 0011 (issue #16) on a database that already holds pushes: mutation ids become unique per
// organization, a device's seq may repeat, a long title no longer breaks the title index, and the
// function that tells another organization's row ids apart answers across row-level security.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migratePostgres } from '../../../src-server/db/migrate.ts';
import { openPglite } from '../../../src-server/db/pglite.ts';
import { MIGRATIONS } from '../../../src-shared/db/migrations.generated.ts';
import { tempDir } from '../../helpers/temp.ts';

const MIGRATION = MIGRATIONS.postgres.find((m) => m.tag.startsWith('0011_'))!;
const ORG_A = '0190f000-0000-7000-8000-00000000000a';
const ORG_B = '0190f000-0000-7000-8000-00000000000b';
const USER = '0190f000-0000-7000-8000-0000000000c1';
const DEVICE = '0190f000-0000-7000-8000-0000000000d1';
const MUTATION = '0190f000-0000-7000-8000-0000000000e1';
const VALUATION_B = '0190f000-0000-7000-8000-0000000000f1';

describe('migration 0011: isolated push', () => {
  it('keeps recorded pushes and makes ids unique per organization, seqs repeatable, long titles indexable', async () => {
    const db = await openPglite(join(tempDir(), 'pgdata'));
    try {
      await migratePostgres(db, MIGRATIONS.postgres.filter((m) => m.version < MIGRATION.version));
      await db.query(`INSERT INTO organizations (id, name) VALUES ($1, 'משרד א'), ($2, 'משרד ב')`, [ORG_A, ORG_B]);
      await db.query(`INSERT INTO users (id, email, name) VALUES ($1, 'a@example.com', 'שמאי')`, [USER]);
      const record = (org: string, mutation: string, seq: number) =>
        db.query(
          `INSERT INTO applied_mutations (mutation_id, organization_id, device_id, device_seq, user_id, schema_version, result)
           VALUES ($1, $2, $3, $4, $5, 1, '{"outcome":"applied"}')`,
          [mutation, org, DEVICE, seq, USER],
        );
      await record(ORG_A, MUTATION, 1);
      await expect(record(ORG_B, MUTATION, 2)).rejects.toThrow(); // before: one id across all organizations
      // 3,000 characters in no pattern the index could compress (a pasted block of mixed scripts).
      let seed = 7;
      const longTitle = Array.from({ length: 3_000 }, () => String.fromCharCode(0x4e00 + ((seed = (seed * 48_271) % 2_147_483_647) % 20_000))).join('');
      await expect(db.query(`INSERT INTO valuations (id, organization_id, created_by_id, title) VALUES ($1, $2, $3, $4)`, [VALUATION_B, ORG_B, USER, longTitle])).rejects.toThrow(/index row/);

      await migratePostgres(db, MIGRATIONS.postgres);

      const kept = await db.query<{ mutation_id: string; organization_id: string }>('SELECT mutation_id, organization_id FROM applied_mutations');
      expect(kept).toEqual([{ mutation_id: MUTATION, organization_id: ORG_A }]);
      await record(ORG_B, MUTATION, 1); // another organization's id, and the same device seq again
      await expect(record(ORG_A, MUTATION, 3)).rejects.toThrow(); // still unique within one organization
      await db.query(`INSERT INTO valuations (id, organization_id, created_by_id, title) VALUES ($1, $2, $3, $4)`, [VALUATION_B, ORG_B, USER, longTitle]);

      const asTenant = async (org: string) => {
        const [row] = await db.transaction(async (tx) => {
          await tx.exec('SET LOCAL ROLE shamay_app');
          await tx.query("SELECT set_config('shamay.organization_ids', $1, true)", [org]);
          return tx.query<{ elsewhere: boolean; visible: number }>(
            `SELECT shamay_row_of_other_organization('valuations', $1) AS elsewhere, (SELECT count(*)::int FROM valuations WHERE id = $1) AS visible`,
            [VALUATION_B],
          );
        });
        return row;
      };
      expect(await asTenant(ORG_A)).toEqual({ elsewhere: true, visible: 0 });
      expect(await asTenant(ORG_B)).toEqual({ elsewhere: false, visible: 1 });
    } finally {
      await db.close();
    }
  });
});
