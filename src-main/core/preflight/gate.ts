// The preflight as a gate on a status change: READY is refused while a hard stop blocks it (the
// signing work applies the same gate to SIGNED). The refusal is a LIFECYCLE error whose
// details.issues link each blocking issue to its field.
import { AppError } from '../../../src-shared/contract/errors.ts';
import type { PreflightTarget } from '../../../src-shared/domain/validation/preflight.ts';
import type { Actor, CoreContext } from '../context.ts';
import { statusCheckOf } from './context.ts';

/** Throws LIFECYCLE when the valuation may not move to `target` yet. */
export function enforcePreflight(ctx: CoreContext, actor: Actor, valuationId: string, target: PreflightTarget): void {
  const check = statusCheckOf(ctx, actor, valuationId, target);
  if (check.allowed) return;
  const count = check.blocking.length;
  const message = count === 1 ? '1 required item is missing; see the preflight.' : `${count} required items are missing; see the preflight.`;
  throw new AppError('LIFECYCLE', message, {
    reason: 'PREFLIGHT_BLOCKS',
    count,
    target,
    issues: check.blocking.map(({ code, field, messageKey, params }) => ({ code, field, messageKey, params })),
  });
}
