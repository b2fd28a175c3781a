import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderMigrationBundle } from '../../../scripts/migration-bundle.ts';
import {
  DatabaseFromTheFutureError,
  isTableRebuild,
  pendingMigrations,
  splitStatements,
  withoutForeignKeyPragmas,
} from '../../../src-shared/db/migrations.ts';
import { MIGRATIONS } from '../../../src-shared/db/migrations.generated.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('bundled migrations', () => {
  it('match the SQL in migrations/ (run `npm run db:generate` or `npm run db:bundle` after a schema change)', () => {
    expect(readFileSync(`${root}src-shared/db/migrations.generated.ts`, 'utf8')).toBe(renderMigrationBundle(root));
  });

  it('are numbered 1..n without gaps in both dialects', () => {
    for (const list of [MIGRATIONS.sqlite, MIGRATIONS.postgres]) {
      expect(list.map((m) => m.version)).toEqual(list.map((_, i) => i + 1));
    }
  });
});

describe('migration planning', () => {
  const list = [1, 2, 3].map((version) => ({ version, tag: `m${version}`, sql: 'SELECT 1;' }));

  it('returns what is left to apply', () => {
    expect(pendingMigrations(list, 0).map((m) => m.version)).toEqual([1, 2, 3]);
    expect(pendingMigrations(list, 2).map((m) => m.version)).toEqual([3]);
    expect(pendingMigrations(list, 3)).toEqual([]);
  });

  it('refuses a database newer than the app with a message a person can act on', () => {
    expect(() => pendingMigrations(list, 4)).toThrow(DatabaseFromTheFutureError);
    expect(() => pendingMigrations(list, 4)).toThrow('schema version 4; this app knows up to 3');
  });

  it('recognises drizzle-kit table rebuilds and drops their ineffective PRAGMAs', () => {
    const rebuild = 'PRAGMA foreign_keys=OFF;--> statement-breakpoint\nCREATE TABLE `__new_x` (id text);--> statement-breakpoint\nDROP TABLE `x`;--> statement-breakpoint\nPRAGMA foreign_keys=ON;';
    expect(isTableRebuild(rebuild)).toBe(true);
    expect(isTableRebuild('CREATE TABLE y (id text);')).toBe(false);
    expect(withoutForeignKeyPragmas(splitStatements(rebuild))).toEqual(['CREATE TABLE `__new_x` (id text);', 'DROP TABLE `x`;']);
  });
});
