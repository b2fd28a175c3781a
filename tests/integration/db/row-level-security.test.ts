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
  for (const [org, title] of [[A, 'של א'], [B, 'של ב']]) {
    await db.query('INSERT INTO valuations (id, organization_id, created_by_id, title) VALUES (gen_random_uuid(), $1, $2, $3)', [org, USER, title]);
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
  describe.skipIf(engine.skip)(`row-level security on ${engine.name}`, () => {
    it("hides and protects another organization's rows even from a query that forgets to filter", async () => {
      const { db, drop } = await engine.open();
      try {
        await twoOffices(db);
        const scope = { userId: USER, organizationIds: [A] };
        const titles = await withTenant(db, scope, (tx) => tx.query<{ title: string }>('SELECT title FROM valuations ORDER BY title'));
        expect(titles).toEqual([{ title: 'של א' }]);
        const orgs = await withTenant(db, scope, (tx) => tx.query<{ name: string }>('SELECT name FROM organizations'));
        expect(orgs).toEqual([{ name: 'משרד א' }]);
        await expect(
          withTenant(db, scope, (tx) => tx.query('INSERT INTO valuations (id, organization_id, created_by_id, title) VALUES (gen_random_uuid(), $1, $2, $3)', [B, USER, 'חדירה'])),
        ).rejects.toThrow(/row-level security/);
        const updated = await withTenant(db, scope, (tx) => tx.query<{ id: string }>("UPDATE valuations SET title = 'נדרס' WHERE organization_id = $1 RETURNING id", [B]));
        expect(updated).toEqual([]);
        const untouched = await db.query<{ title: string }>('SELECT title FROM valuations WHERE organization_id = $1', [B]);
        expect(untouched).toEqual([{ title: 'של ב' }]);
        // No scope at all sees nothing.
        const none = await withTenant(db, { userId: USER, organizationIds: [] }, (tx) => tx.query('SELECT id FROM valuations'));
        expect(none).toEqual([]);

        // A share's password hash is as private as its share (the table has no organization column).
        for (const org of [A, B]) {
          await db.query(
            `WITH v AS (SELECT id FROM valuations WHERE organization_id = $1),
                  a AS (INSERT INTO assets (id, valuation_id, organization_id, asset_type, file_name, storage_key, sha256, size_bytes, slug, generated_by_id)
                        SELECT gen_random_uuid(), v.id, $1, 'PDF', 'r.pdf', 'k', repeat('a', 64), 1, 'signed-report', $2 FROM v RETURNING id),
                  s AS (INSERT INTO document_shares (id, organization_id, asset_id, shared_by_id, share_token, expires_at, has_password)
                        SELECT gen_random_uuid(), $1, a.id, $2, $1 || '-token', now() + interval '1 day', true FROM a RETURNING id)
             INSERT INTO share_passwords (share_id, password_hash) SELECT id, 'hash of ' || $1 FROM s`,
            [org, USER],
          );
        }
        const hashes = await withTenant(db, scope, (tx) => tx.query<{ password_hash: string }>('SELECT password_hash FROM share_passwords'));
        expect(hashes).toEqual([{ password_hash: `hash of ${A}` }]);
        const [openShareOfB] = await db.query<{ id: string }>(
          `INSERT INTO document_shares (id, organization_id, asset_id, shared_by_id, share_token, expires_at)
           SELECT gen_random_uuid(), organization_id, asset_id, shared_by_id, 'b-open-token', expires_at FROM document_shares WHERE organization_id = $1
           RETURNING id`,
          [B],
        );
        await expect(
          withTenant(db, scope, (tx) => tx.query("INSERT INTO share_passwords (share_id, password_hash) VALUES ($1, 'x')", [openShareOfB!.id])),
        ).rejects.toThrow(/row-level security/);
      } finally {
        await db.close();
        await drop();
      }
    });
  });
}
