// Who may move a valuation between statuses, and what each status allows. The client checks these
// for a quick answer; the server checks them again and is the authority.
import type { ErrorReason } from '../contract/error-reasons.ts';
import type { MembershipRole, ValuationStatus } from './enums.ts';

export const STATUS_TRANSITIONS: Readonly<Record<ValuationStatus, readonly ValuationStatus[]>> = {
  DRAFT: ['IN_PROGRESS', 'ARCHIVED'],
  IN_PROGRESS: ['DRAFT', 'READY', 'ARCHIVED'],
  READY: ['IN_PROGRESS', 'SIGNED', 'ARCHIVED'],
  SIGNED: ['ARCHIVED'],
  ARCHIVED: [],
};

const OFFICE_ROLES: readonly MembershipRole[] = ['OWNER', 'ORG_ADMIN'];

/** A refusal says why twice: `why` for the person (a reason code the UI words), `reason` in English for logs and the wire. */
export type Decision = { allowed: true } | { allowed: false; code: 'FORBIDDEN' | 'LIFECYCLE'; why: ErrorReason; reason: string };

const allow: Decision = { allowed: true };
const forbid = (why: ErrorReason, reason: string): Decision => ({ allowed: false, code: 'FORBIDDEN', why, reason });
const lifecycle = (why: ErrorReason, reason: string): Decision => ({ allowed: false, code: 'LIFECYCLE', why, reason });

export function canWrite(role: MembershipRole): Decision {
  return role === 'CLIENT_VIEWER' ? forbid('READ_ONLY_ROLE', 'A client viewer can read but not change anything.') : allow;
}

/** Field edits, documents and images are allowed only while the valuation is not SIGNED or ARCHIVED. */
export function canEdit(status: ValuationStatus, role: MembershipRole): Decision {
  const write = canWrite(role);
  if (!write.allowed) return write;
  if (status === 'SIGNED') return lifecycle('SIGNED_READ_ONLY', 'A signed valuation cannot be changed; create a revision instead.');
  if (status === 'ARCHIVED') return lifecycle('ARCHIVED_READ_ONLY', 'An archived valuation cannot be changed.');
  return allow;
}

/**
 * Generated files (exports, the sealed report) may be added to a signed valuation too: they copy it,
 * they do not change it. Not to an archived one.
 */
export function canGenerateFiles(status: ValuationStatus, role: MembershipRole): Decision {
  const write = canWrite(role);
  if (!write.allowed) return write;
  if (status === 'ARCHIVED') return lifecycle('ARCHIVED_READ_ONLY', 'An archived valuation cannot be changed.');
  return allow;
}

export interface TransitionRequest {
  from: ValuationStatus;
  to: ValuationStatus;
  role: MembershipRole;
  /** The acting user created (is the appraiser of) the valuation. */
  isAppraiser: boolean;
  /** Signing goes through the report's sealing path, never a bare status change. */
  viaSigning?: boolean;
}

export function canTransition({ from, to, role, isAppraiser, viaSigning = false }: TransitionRequest): Decision {
  const write = canWrite(role);
  if (!write.allowed) return write;
  if (!STATUS_TRANSITIONS[from].includes(to)) return lifecycle('TRANSITION_NOT_ALLOWED', `A valuation cannot go from ${from} to ${to}.`);
  const office = OFFICE_ROLES.includes(role);
  if (to === 'SIGNED') {
    if (!viaSigning) return lifecycle('SIGN_BY_SEALING', 'A valuation is signed by signing its report, which seals the PDF.');
    if (!isAppraiser && !office) return forbid('SIGNER_NOT_ALLOWED', "Only the valuation's appraiser or an office admin may sign it.");
  }
  if (to === 'ARCHIVED' && !isAppraiser && !office) {
    return forbid('ARCHIVER_NOT_ALLOWED', "Only the valuation's appraiser or an office admin may archive it.");
  }
  if (from === 'SIGNED' && !office) return forbid('ARCHIVE_SIGNED_OFFICE_ONLY', 'Only an office admin may archive a signed valuation.');
  return allow;
}

/** Only drafts can be deleted; everything else is archived so its history stays. */
export function canDelete(status: ValuationStatus, role: MembershipRole, isAppraiser: boolean): Decision {
  const write = canWrite(role);
  if (!write.allowed) return write;
  if (status !== 'DRAFT') return lifecycle('DELETE_DRAFT_ONLY', 'Only a draft can be deleted; archive it instead.');
  if (!isAppraiser && !OFFICE_ROLES.includes(role)) return forbid('DELETER_NOT_ALLOWED', "Only the draft's appraiser or an office admin may delete it.");
  return allow;
}
