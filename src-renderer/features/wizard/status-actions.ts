// The status changes the wizard header offers as buttons. Pure.
import type { Valuation } from '../../../src-shared/contract/entities.ts';
import type { MembershipRole, ValuationStatus } from '../../../src-shared/domain/enums.ts';
import { canTransition, STATUS_TRANSITIONS } from '../../../src-shared/domain/lifecycle.ts';

/** Status changes offered as buttons: signing goes through the report, archiving has its own action. */
export function statusActions(valuation: Pick<Valuation, 'status' | 'createdById'>, role: MembershipRole | null, userId: string | null): ValuationStatus[] {
  if (!role) return [];
  const isAppraiser = valuation.createdById === userId;
  const direct = STATUS_TRANSITIONS[valuation.status].filter(
    (to) => to !== 'SIGNED' && to !== 'ARCHIVED' && canTransition({ from: valuation.status, to, role, isAppraiser }).allowed,
  );
  // A draft that is finished goes to "ready" in one click, through "in progress" on its way.
  return valuation.status === 'DRAFT' && direct.includes('IN_PROGRESS') ? [...direct, 'READY'] : direct;
}

