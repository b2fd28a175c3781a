import { canDelete, canEdit, canTransition, canWrite } from '../../../src-shared/domain/lifecycle.ts';
import type { Issue } from '../../../src-shared/domain/validation/preflight.ts';
import { enforce, requireActor, type CoreContext } from '../context.ts';
import { preflightOf } from '../preflight/context.ts';
import { enforcePreflight } from '../preflight/gate.ts';
import type { HandlerMap } from '../handlers.ts';
import { decodeColumns, keysToColumns } from '../store/tables.ts';
import type { Change } from '../store/writer.ts';
import { getValuation, listValuations } from './queries.ts';

type Methods =
  | 'valuations.list'
  | 'valuations.get'
  | 'valuations.create'
  | 'valuations.update'
  | 'valuations.changeStatus'
  | 'valuations.duplicate'
  | 'valuations.archive'
  | 'valuations.deleteDraft'
  | 'valuations.preflight';

// Copied into a duplicate; identity, status, signature and values computed from the old data are not.
export const DUPLICATED_FIELDS = [
  'address_full',
  'block',
  'parcel',
  'subparcel',
  'meta',
  'step1_data',
  'step2_data',
  'step3_data',
  'step4_data',
  'gis_screenshots',
  'gis_analysis',
  'garmushka_measurements',
  'garmushka_images',
  'comparable_data',
  'property_analysis',
] as const;

/** Marks a duplicate's title; the whole title stays within the 300 characters a title may have. */
const COPY_SUFFIX = ' (עותק)';

function changed(ctx: CoreContext, ids: string[]) {
  ctx.emit('data.changed', { tables: ['valuations', 'activity_logs'], ids });
}

function statusChange(ctx: CoreContext, id: string, from: string, to: string): Change {
  return {
    table: 'valuations',
    op: 'update',
    rowId: id,
    values: { status: to },
    activity: {
      subjectType: 'valuation',
      subjectId: id,
      valuationId: id,
      action: to === 'ARCHIVED' ? 'archived' : 'status_changed',
      payload: { from, to },
    },
  };
}

export const valuationHandlers: HandlerMap<Methods> = {
  'valuations.list': (input, ctx) => listValuations(ctx, requireActor(ctx), input),

  'valuations.get': ({ id }, ctx) => getValuation(ctx, requireActor(ctx), id),

  'valuations.create': (fields, ctx) => {
    const actor = requireActor(ctx);
    enforce(canWrite(actor.role));
    const id = ctx.newId();
    const now = ctx.now();
    const values = {
      id,
      organization_id: actor.organizationId,
      created_by_id: actor.userId,
      status: 'DRAFT',
      meta: {},
      ...keysToColumns('valuations', fields),
      created_at: now,
      updated_at: now,
    };
    ctx.writer.write(actor, [
      {
        table: 'valuations',
        op: 'insert',
        rowId: id,
        values,
        activity: { subjectType: 'valuation', subjectId: id, valuationId: id, action: 'created' },
      },
    ]);
    changed(ctx, [id]);
    return getValuation(ctx, actor, id);
  },

  'valuations.update': ({ id, fields }, ctx) => {
    const actor = requireActor(ctx);
    const current = getValuation(ctx, actor, id);
    enforce(canEdit(current.status, actor.role));
    const values = keysToColumns('valuations', fields);
    if (Object.keys(values).length === 0) return current;
    ctx.writer.write(actor, [
      {
        table: 'valuations',
        op: 'update',
        rowId: id,
        values,
        activity: { subjectType: 'valuation', subjectId: id, valuationId: id, action: 'updated', payload: { fields: Object.keys(values) } },
      },
    ]);
    changed(ctx, [id]);
    return getValuation(ctx, actor, id);
  },

  'valuations.changeStatus': ({ id, status }, ctx) => {
    const actor = requireActor(ctx);
    const current = getValuation(ctx, actor, id);
    if (current.status === status) return current;
    enforce(canTransition({ from: current.status, to: status, role: actor.role, isAppraiser: current.createdById === actor.userId }));
    // READY means "ready to sign": refused while the preflight has a hard stop (SIGNED: the signing work).
    if (status === 'READY') enforcePreflight(ctx, actor, id, 'READY');
    ctx.writer.write(actor, [statusChange(ctx, id, current.status, status)]);
    changed(ctx, [id]);
    return getValuation(ctx, actor, id);
  },

  'valuations.preflight': ({ id }, ctx) => {
    const { hardStops, warnings } = preflightOf(ctx, requireActor(ctx), id);
    const plain = (issues: Issue[]) => issues.map((issue) => ({ ...issue, params: { ...issue.params }, blocks: [...issue.blocks] }));
    return { hardStops: plain(hardStops), warnings: plain(warnings) };
  },

  'valuations.archive': ({ id }, ctx) => {
    const actor = requireActor(ctx);
    const current = getValuation(ctx, actor, id);
    enforce(canTransition({ from: current.status, to: 'ARCHIVED', role: actor.role, isAppraiser: current.createdById === actor.userId }));
    ctx.writer.write(actor, [statusChange(ctx, id, current.status, 'ARCHIVED')]);
    changed(ctx, [id]);
    return getValuation(ctx, actor, id);
  },

  'valuations.duplicate': ({ id }, ctx) => {
    const actor = requireActor(ctx);
    enforce(canWrite(actor.role));
    getValuation(ctx, actor, id);
    const source = decodeColumns('valuations', ctx.db.prepare('SELECT * FROM valuations WHERE id = ?').get(id) as Record<string, unknown>);
    const copyId = ctx.newId();
    const now = ctx.now();
    const values: Record<string, unknown> = {
      id: copyId,
      organization_id: actor.organizationId,
      created_by_id: actor.userId,
      status: 'DRAFT',
      title: `${String(source.title).slice(0, 300 - COPY_SUFFIX.length)}${COPY_SUFFIX}`,
      created_at: now,
      updated_at: now,
    };
    for (const field of DUPLICATED_FIELDS) values[field] = source[field] ?? null;
    ctx.writer.write(actor, [
      {
        table: 'valuations',
        op: 'insert',
        rowId: copyId,
        values,
        activity: { subjectType: 'valuation', subjectId: copyId, valuationId: copyId, action: 'duplicated', payload: { from: id } },
      },
    ]);
    changed(ctx, [copyId]);
    return getValuation(ctx, actor, copyId);
  },

  'valuations.deleteDraft': ({ id }, ctx) => {
    const actor = requireActor(ctx);
    const current = getValuation(ctx, actor, id);
    enforce(canDelete(current.status, actor.role, current.createdById === actor.userId));
    ctx.writer.write(actor, [
      {
        table: 'valuations',
        op: 'delete',
        rowId: id,
        values: {},
        activity: { subjectType: 'valuation', subjectId: id, valuationId: id, action: 'deleted', payload: { title: current.title } },
      },
    ]);
    changed(ctx, [id]);
    return { ok: true as const };
  },
};
