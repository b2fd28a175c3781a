// Reading the organization's comparables library from the local store.
import { AppError } from '../../../src-shared/contract/errors.ts';
import type { ComparableEntity, ComparableSearch } from '../../../src-shared/domain/comparables/contract.ts';
import { dealKey, pricePerSqmAgorot } from '../../../src-shared/domain/comparables/preview.ts';
import type { Actor, CoreContext } from '../context.ts';
import { rowSyncStateSql } from '../store/row-sync-state.ts';
import { toEntity } from '../store/tables.ts';

const SELECT = `SELECT c.*, ${rowSyncStateSql('comparables', 'c.id', 'c.server_version')} AS sync_state FROM comparables c`;

export function toComparable(raw: Record<string, unknown>): ComparableEntity {
  const entity = toEntity<Omit<ComparableEntity, 'syncState' | 'pricePerSqmAgorot'>>('comparables', raw);
  return {
    ...entity,
    pricePerSqmAgorot: entity.areaHundredths ? pricePerSqmAgorot(entity.priceAgorot, entity.areaHundredths) : null,
    syncState: raw.sync_state as ComparableEntity['syncState'],
  };
}

export function getComparable(ctx: CoreContext, actor: Actor, id: string): ComparableEntity {
  const raw = ctx.db.prepare(`${SELECT} WHERE c.id = ? AND c.organization_id = ?`).get(id, actor.organizationId) as Record<string, unknown> | undefined;
  if (!raw) throw new AppError('NOT_FOUND', 'No such comparable in this organization.', { reason: 'COMPARABLE_NOT_FOUND', id });
  return toComparable(raw);
}

/** Lower case, for substring matching of Hebrew and English place names. */
const lower = (expr: string) => `lower(coalesce(${expr}, ''))`;

export function searchComparables(ctx: CoreContext, actor: Actor, input: ComparableSearch): { items: ComparableEntity[]; total: number } {
  const where = ['c.organization_id = @organizationId'];
  const params: Record<string, unknown> = { organizationId: actor.organizationId, limit: input.limit, offset: input.offset };
  if (input.block !== undefined) {
    where.push('c.block = @block');
    params.block = String(Number(input.block));
  }
  if (input.parcel !== undefined) {
    where.push('c.parcel = @parcel');
    params.parcel = String(Number(input.parcel));
  }
  // A street or city may be in its own column or only inside the full address.
  if (input.street !== undefined) {
    where.push(`(instr(${lower('c.street')}, @street) > 0 OR instr(${lower('c.address')}, @street) > 0)`);
    params.street = input.street.toLowerCase();
  }
  if (input.city !== undefined) {
    where.push(`(instr(${lower('c.city')}, @city) > 0 OR instr(${lower('c.address')}, @city) > 0)`);
    params.city = input.city.toLowerCase();
  }
  if (input.from !== undefined) {
    where.push('c.deal_date >= @from');
    params.from = input.from;
  }
  if (input.to !== undefined) {
    where.push('c.deal_date <= @to');
    params.to = input.to;
  }
  if (input.roomsMin !== undefined) {
    where.push('c.rooms_tenths >= @roomsMin');
    params.roomsMin = Math.round(input.roomsMin * 10);
  }
  if (input.roomsMax !== undefined) {
    where.push('c.rooms_tenths <= @roomsMax');
    params.roomsMax = Math.round(input.roomsMax * 10);
  }
  if (input.areaMin !== undefined) {
    where.push('c.area_hundredths >= @areaMin');
    params.areaMin = Math.round(input.areaMin * 100);
  }
  if (input.areaMax !== undefined) {
    where.push('c.area_hundredths <= @areaMax');
    params.areaMax = Math.round(input.areaMax * 100);
  }
  const whereSql = where.join(' AND ');
  const rows = ctx.db
    .prepare(`${SELECT} WHERE ${whereSql} ORDER BY c.deal_date DESC, c.id DESC LIMIT @limit OFFSET @offset`)
    .all(params) as Record<string, unknown>[];
  const { total } = ctx.db.prepare(`SELECT count(*) AS total FROM comparables c WHERE ${whereSql}`).get(params) as { total: number };
  return { items: rows.map(toComparable), total };
}

/** The deal keys (see dealKey) already in the library among deals on the given dates. */
export function existingDealKeys(ctx: CoreContext, actor: Actor, dates: Iterable<string>): Set<string> {
  const keys = new Set<string>();
  const all = [...new Set(dates)];
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500);
    const rows = ctx.db
      .prepare(
        `SELECT deal_date AS dealDate, price_agorot AS priceAgorot, block, parcel, subparcel, street, house_number AS houseNumber, city, address
         FROM comparables WHERE organization_id = ? AND deal_date IN (${chunk.map(() => '?').join(', ')})`,
      )
      .all(actor.organizationId, ...chunk) as Parameters<typeof dealKey>[0][];
    for (const row of rows) {
      const key = dealKey(row);
      if (key) keys.add(key);
    }
  }
  return keys;
}
