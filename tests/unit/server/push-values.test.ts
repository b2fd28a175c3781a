import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { serverColumns } from '../../../src-server/sync/tables.ts';
import { mutationValueProblem } from '../../../src-server/sync/values.ts';
import * as schema from '../../../src-shared/db/schema.pg.ts';
import { CLIENT_WRITABLE_TABLES, type Mutation } from '../../../src-shared/sync/protocol.ts';
import { hasLoneSurrogate, INDEXED_TEXT_LENGTH, MAX_TEXT_LENGTH, textLimit } from '../../../src-shared/sync/values.ts';

/** PostgreSQL's largest b-tree index row, in bytes. */
const BTREE_ROW_LIMIT = 2_704;

function update(table: string, changes: Record<string, unknown>): Mutation {
  return {
    mutationId: '0190f000-0000-7000-8000-000000000001',
    seq: 1,
    schemaVersion: 1,
    organizationId: '0190f000-0000-7000-8000-000000000002',
    table,
    rowId: '0190f000-0000-7000-8000-000000000003',
    op: 'update',
    changes,
    base: {},
    baseVersion: 0,
    blobSha256: null,
    activity: null,
  };
}

const problem = (table: string, changes: Record<string, unknown>) => mutationValueProblem(update(table, changes), serverColumns(table)!);

describe('values of a pushed mutation, checked before the database', () => {
  it('accepts what the app writes: Hebrew text, emoji pairs, objects, whole numbers, ISO times', () => {
    expect(problem('valuations', { title: 'דירת 4 חדרים ברחוב הרצל 12 🏠', meta: { legal: { owners: [] } }, final_valuation_agorot: 250_000_000 })).toBeNull();
    expect(problem('images', { is_cover: true, sort_order: 3, features: {} })).toBeNull();
    expect(problem('valuation_sessions', { expires_at: '2026-12-08T10:00:00.000Z', current_step: 2 })).toBeNull();
  });

  it('refuses each kind of bad value with a reason, long texts as too long', () => {
    expect(problem('valuations', { title: 'ש'.repeat(301) })).toEqual({ reason: 'title is longer than 300 characters.', tooLong: true });
    expect(problem('valuations', { address_full: 'א'.repeat(MAX_TEXT_LENGTH + 1) })?.tooLong).toBe(true);
    for (const changes of [
      { meta: 'not-an-object' },
      { meta: [1, 2] },
      { gis_analysis: 42 },
      { title: 'שבור \uD800' },
      { title: '\uDC00 הפוך' },
      { title: 'NUL\u0000' },
      { meta: { nested: { value: Number.POSITIVE_INFINITY } } },
      { meta: { ['\uD83D']: 1 } },
      { final_valuation_agorot: Number.NaN },
      { final_valuation_agorot: 1.5 },
      { final_valuation_agorot: 2 ** 60 },
      { title: 12 },
      { created_by_id: 'not-an-id' },
      { signed_at: 'yesterday' },
    ]) {
      expect(problem('valuations', changes), JSON.stringify(changes)).toMatchObject({ tooLong: false });
    }
    expect(problem('images', { is_cover: 'yes' })?.reason).toBe('is_cover must be true or false.');
    expect(problem('images', { sort_order: 2 ** 31 })?.reason).toBe('sort_order must be a whole number.');
  });

  it('tells a lone surrogate from a valid pair', () => {
    expect(hasLoneSurrogate('🏠')).toBe(false);
    expect(hasLoneSurrogate('🏠'.slice(0, 1))).toBe(true);
    expect(hasLoneSurrogate('🏠'.slice(1))).toBe(true);
  });

  it('limits every text column of a b-tree index so that no index row can exceed PostgreSQL’s limit', () => {
    const tables = Object.values(schema).filter((v) => is(v, PgTable)) as PgTable[];
    for (const table of tables) {
      const config = getTableConfig(table);
      if (!(CLIENT_WRITABLE_TABLES as readonly string[]).includes(config.name)) continue;
      for (const index of config.indexes) {
        if (index.config.method === 'gin') continue;
        let bytes = 0;
        for (const column of index.config.columns) {
          const name = (column as { name?: string }).name;
          if (!name) {
            bytes += 200 * 4; // an expression: the title's first 200 characters
            continue;
          }
          const sqlType = serverColumns(config.name)!.get(name)!.sqlType;
          if (sqlType !== 'text') {
            bytes += 16;
            continue;
          }
          expect(INDEXED_TEXT_LENGTH[config.name]?.[name], `${config.name}.${name} is in ${index.config.name}`).toBeDefined();
          bytes += textLimit(config.name, name) * 4;
        }
        expect(bytes, index.config.name).toBeLessThan(BTREE_ROW_LIMIT);
      }
    }
  });
});
