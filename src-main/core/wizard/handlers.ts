import type { WizardSession } from '../../../src-shared/contract/entities.ts';
import { AppError } from '../../../src-shared/contract/errors.ts';
import { canEdit, canWrite } from '../../../src-shared/domain/lifecycle.ts';
import { enforce, requireActor, type Actor, type CoreContext } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { toEntity } from '../store/tables.ts';
import { getValuation } from '../valuations/queries.ts';

type Methods = 'wizard.start' | 'wizard.resume' | 'wizard.autosave' | 'wizard.completeStep';

/** An untouched wizard session expires after 30 days; its data stays in the valuation. */
const SESSION_LIFETIME_MS = 30 * 24 * 3600 * 1000;
const STEP_FIELDS = ['step1_data', 'step2_data', 'step3_data', 'step4_data', 'step5_data'] as const;

function getSession(ctx: CoreContext, actor: Actor, id: string): WizardSession {
  const raw = ctx.db
    .prepare('SELECT * FROM valuation_sessions WHERE id = ? AND organization_id = ? AND user_id = ?')
    .get(id, actor.organizationId, actor.userId) as Record<string, unknown> | undefined;
  if (!raw) throw new AppError('NOT_FOUND', 'No such wizard session.', { reason: 'WIZARD_SESSION_NOT_FOUND', id });
  return toEntity<WizardSession>('valuation_sessions', raw);
}

function requireActive(ctx: CoreContext, session: WizardSession & { expiresAt?: string | null }): void {
  if (session.status !== 'ACTIVE') throw new AppError('LIFECYCLE', `This wizard session is ${session.status.toLowerCase()}.`, { reason: 'WIZARD_SESSION_CLOSED' });
  if (session.expiresAt && session.expiresAt <= ctx.now()) throw new AppError('LIFECYCLE', 'This wizard session has expired; start a new one.', { reason: 'WIZARD_SESSION_EXPIRED' });
}

function requireEditableValuation(ctx: CoreContext, actor: Actor, valuationId: string | null) {
  if (!valuationId) return null;
  const valuation = getValuation(ctx, actor, valuationId);
  enforce(canEdit(valuation.status, actor.role));
  return valuation;
}

export const wizardHandlers: HandlerMap<Methods> = {
  'wizard.start': ({ valuationId }, ctx) => {
    const actor = requireActor(ctx);
    enforce(canWrite(actor.role));
    requireEditableValuation(ctx, actor, valuationId ?? null);
    const id = ctx.newId();
    const now = ctx.now();
    ctx.writer.write(actor, [
      {
        table: 'valuation_sessions',
        op: 'insert',
        rowId: id,
        values: {
          id,
          session_id: ctx.newId(),
          valuation_id: valuationId ?? null,
          organization_id: actor.organizationId,
          user_id: actor.userId,
          status: 'ACTIVE',
          current_step: 1,
          step_data: {},
          wizard_data: {},
          expires_at: new Date(Date.parse(now) + SESSION_LIFETIME_MS).toISOString(),
          created_at: now,
          updated_at: now,
        },
        activity: { subjectType: 'session', subjectId: id, valuationId: valuationId ?? null, action: 'created' },
      },
    ]);
    return getSession(ctx, actor, id);
  },

  'wizard.resume': ({ valuationId }, ctx) => {
    const actor = requireActor(ctx);
    const raw = ctx.db
      .prepare(
        `SELECT * FROM valuation_sessions WHERE organization_id = ? AND user_id = ? AND status = 'ACTIVE'
           AND (? IS NULL OR valuation_id = ?) AND (expires_at IS NULL OR expires_at > ?)
         ORDER BY updated_at DESC, id DESC LIMIT 1`,
      )
      .get(actor.organizationId, actor.userId, valuationId ?? null, valuationId ?? null, ctx.now()) as Record<string, unknown> | undefined;
    return raw ? toEntity<WizardSession>('valuation_sessions', raw) : null;
  },

  // Called by the renderer about once a second while the user types: folded into one pending mutation.
  'wizard.autosave': ({ id, currentStep, stepData, wizardData }, ctx) => {
    const actor = requireActor(ctx);
    const session = getSession(ctx, actor, id);
    requireActive(ctx, session);
    ctx.writer.write(actor, [
      {
        table: 'valuation_sessions',
        op: 'update',
        rowId: id,
        values: { current_step: currentStep, step_data: stepData, wizard_data: wizardData },
        activity: { subjectType: 'session', subjectId: id, valuationId: session.valuationId, action: 'updated' },
        coalesce: true,
      },
    ]);
    return getSession(ctx, actor, id);
  },

  'wizard.completeStep': ({ id, step, data }, ctx) => {
    const actor = requireActor(ctx);
    const session = getSession(ctx, actor, id);
    requireActive(ctx, session);
    const valuation = requireEditableValuation(ctx, actor, session.valuationId);
    const stepData = { ...session.stepData, [`step${step}`]: data };
    const changes = [
      {
        table: 'valuation_sessions' as const,
        op: 'update' as const,
        rowId: id,
        values: {
          current_step: Math.min(step + 1, 5),
          step_data: stepData,
          status: step === 5 ? 'COMPLETED' : 'ACTIVE',
        },
        activity: { subjectType: 'session' as const, subjectId: id, valuationId: session.valuationId, action: 'completed' as const, payload: { step } },
      },
    ];
    if (valuation) {
      ctx.writer.write(actor, [
        ...changes,
        {
          table: 'valuations',
          op: 'update',
          rowId: valuation.id,
          values: { [STEP_FIELDS[step - 1]!]: data },
          activity: { subjectType: 'valuation', subjectId: valuation.id, valuationId: valuation.id, action: 'updated', payload: { fields: [STEP_FIELDS[step - 1]], step } },
        },
      ]);
      ctx.emit('data.changed', { tables: ['valuations'], ids: [valuation.id] });
    } else {
      ctx.writer.write(actor, changes);
    }
    return getSession(ctx, actor, id);
  },
};
