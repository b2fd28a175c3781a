import type { ActivityEntry } from '../../../src-shared/contract/entities.ts';
import { requireActor } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';

export const activityHandlers: HandlerMap<'activity.query'> = {
  'activity.query': (input, ctx) => {
    const actor = requireActor(ctx);
    const where = ['a.organization_id = @organizationId'];
    const params: Record<string, unknown> = { organizationId: actor.organizationId, limit: input.limit };
    const filters = [
      ['valuationId', 'a.valuation_id = @valuationId'],
      ['actorId', 'a.actor_id = @actorId'],
      ['from', 'a.created_at >= @from'],
      ['to', 'a.created_at < @to'],
      ['before', 'a.created_at < @before'],
    ] as const;
    for (const [key, condition] of filters) {
      if (input[key] === undefined) continue;
      where.push(condition);
      params[key] = input[key];
    }
    if (input.actions?.length) {
      where.push(`a.action IN (${input.actions.map((_, i) => `@action${i}`).join(', ')})`);
      input.actions.forEach((action, i) => (params[`action${i}`] = action));
    }
    const rows = ctx.db
      .prepare(
        `SELECT a.id, a.subject_type AS subjectType, a.subject_id AS subjectId, a.valuation_id AS valuationId, a.action,
                a.actor_id AS actorId, u.name AS actorName, a.payload, a.created_at AS createdAt
         FROM activity_logs a LEFT JOIN users u ON u.id = a.actor_id
         WHERE ${where.join(' AND ')} ORDER BY a.created_at DESC, a.id DESC LIMIT @limit`,
      )
      .all(params) as (Omit<ActivityEntry, 'payload'> & { payload: string })[];
    return rows.map((row) => ({ ...row, payload: JSON.parse(row.payload) as Record<string, unknown> }));
  },
};
