import type { Valuation, ValuationSummary } from '../../../src-shared/contract/entities.ts';
import { AppError } from '../../../src-shared/contract/errors.ts';
import type { ParsedInput } from '../../../src-shared/contract/methods.ts';
import { searchTerms } from '../../../src-shared/domain/search-text.ts';
import type { Actor, CoreContext } from '../context.ts';
import { rowSyncStateSql } from '../store/row-sync-state.ts';
import { toEntity } from '../store/tables.ts';

const SORT_COLUMNS = { updatedAt: 'v.updated_at', createdAt: 'v.created_at', title: 'v.title', status: 'v.status' } as const;

export function listValuations(ctx: CoreContext, actor: Actor, input: ParsedInput<'valuations.list'>) {
  const where = ['v.organization_id = @organizationId'];
  const params: Record<string, unknown> = { organizationId: actor.organizationId, limit: input.limit, offset: input.offset };
  if (actor.role === 'CLIENT_VIEWER') where.push("v.status IN ('READY', 'SIGNED')");
  if (input.status?.length) {
    where.push(`v.status IN (${input.status.map((_, i) => `@status${i}`).join(', ')})`);
    input.status.forEach((status, i) => (params[`status${i}`] = status));
  }
  if (input.search?.trim()) {
    const terms = searchTerms(input.search);
    if (!terms) return { items: [], total: 0 };
    if (terms.kind === 'block_parcel') {
      where.push('v.rowid IN (SELECT rowid FROM valuations_search WHERE valuations_search MATCH @match)');
      params.match = terms.match;
    } else {
      // Each word may be in the valuation's fields or in one of its documents.
      terms.matches.forEach((match, i) => {
        where.push(
          `(v.rowid IN (SELECT rowid FROM valuations_search WHERE valuations_search MATCH @word${i})
            OR v.id IN (SELECT valuation_id FROM documents_search WHERE documents_search MATCH @word${i}))`,
        );
        params[`word${i}`] = match;
      });
    }
  }
  const whereSql = where.join(' AND ');
  const order = `${SORT_COLUMNS[input.sort]} ${input.direction === 'asc' ? 'ASC' : 'DESC'}, v.id ${input.direction === 'asc' ? 'ASC' : 'DESC'}`;
  const rows = ctx.db
    .prepare(
      `SELECT v.id, v.title, v.status, v.address_full AS addressFull, v.block, v.parcel, v.subparcel,
              json_extract(v.step1_data, '$.client.name') AS clientName, v.created_by_id AS createdById,
              u.name AS creatorName, v.final_valuation_agorot AS finalValuationAgorot, v.updated_at AS updatedAt,
              ${rowSyncStateSql('valuations', 'v.id', 'v.server_version')} AS syncState
       FROM valuations v LEFT JOIN users u ON u.id = v.created_by_id
       WHERE ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    )
    .all(params) as ValuationSummary[];
  const { total } = ctx.db.prepare(`SELECT count(*) AS total FROM valuations v WHERE ${whereSql}`).get(params) as { total: number };
  return { items: rows, total };
}

export function getValuation(ctx: CoreContext, actor: Actor, id: string): Valuation {
  const raw = ctx.db
    .prepare(
      `SELECT v.*, ${rowSyncStateSql('valuations', 'v.id', 'v.server_version')} AS sync_state
       FROM valuations v WHERE v.id = ? AND v.organization_id = ?`,
    )
    .get(id, actor.organizationId) as Record<string, unknown> | undefined;
  if (!raw || (actor.role === 'CLIENT_VIEWER' && !['READY', 'SIGNED'].includes(String(raw.status)))) {
    throw new AppError('NOT_FOUND', 'No such valuation in this organization.', { reason: 'VALUATION_NOT_FOUND', id });
  }
  return { ...toEntity<Omit<Valuation, 'syncState'>>('valuations', raw), syncState: raw.sync_state as Valuation['syncState'] };
}
