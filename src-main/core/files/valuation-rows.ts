import { AppError } from '../../../src-shared/contract/errors.ts';
import type { ActivitySubjectType } from '../../../src-shared/domain/enums.ts';
import { canEdit } from '../../../src-shared/domain/lifecycle.ts';
import { enforce, type Actor, type CoreContext } from '../context.ts';
import type { Change } from '../store/writer.ts';
import { getValuation } from '../valuations/queries.ts';

/**
 * Reading rows that belong to a valuation (documents, images): found in the caller's organization,
 * visible only when their valuation is (a client viewer sees READY and SIGNED ones), and editable
 * only while their valuation may change.
 */
export function valuationRows<T extends { valuationId: string }>(options: {
  /** SELECT … FROM <table> <alias> */
  select: string;
  alias: string;
  noun: string;
  /** The reason a missing row is refused with. */
  notFound: 'DOCUMENT_NOT_FOUND' | 'IMAGE_NOT_FOUND';
  toEntity(raw: Record<string, unknown>): T;
}) {
  const get = (ctx: CoreContext, actor: Actor, id: string): T => {
    const raw = ctx.db
      .prepare(`${options.select} WHERE ${options.alias}.id = ? AND ${options.alias}.organization_id = ?`)
      .get(id, actor.organizationId) as Record<string, unknown> | undefined;
    if (!raw) throw new AppError('NOT_FOUND', `No such ${options.noun}.`, { reason: options.notFound, id });
    getValuation(ctx, actor, String(raw.valuation_id));
    return options.toEntity(raw);
  };
  const editable = (ctx: CoreContext, actor: Actor, id: string): T => {
    const row = get(ctx, actor, id);
    enforce(canEdit(getValuation(ctx, actor, row.valuationId).status, actor.role));
    return row;
  };
  return { get, editable };
}

/** The activity entry of a change to a row that belongs to a valuation. */
export function valuationRowActivity(subjectType: ActivitySubjectType) {
  return (row: { id: string; valuationId: string }, action: Change['activity']['action'], payload?: Record<string, unknown>) => ({
    subjectType,
    subjectId: row.id,
    valuationId: row.valuationId,
    action,
    ...(payload ? { payload } : {}),
  });
}
