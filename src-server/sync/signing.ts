// The one way a valuation becomes SIGNED through push: an update that carries the status with the
// seal (signed_by_id, signed_at, report_sha256) and nothing else. The server checks who signs, that
// the sealed PDF is an asset of this valuation whose file it holds, and that no other device changed
// the valuation or its documents and images after the version the PDF was printed from.
import { canTransition } from '../../src-shared/domain/lifecycle.ts';
import type { ValuationStatus } from '../../src-shared/domain/enums.ts';
import type { Mutation, RejectionCode } from '../../src-shared/sync/protocol.ts';
import type { PushActor } from './push.ts';
import type { BatchState, Row } from './batch-state.ts';

export const SEAL_COLUMNS = ['signed_by_id', 'signed_at', 'report_sha256'] as const;
const SIGNING_COLUMNS = new Set<string>(['status', ...SEAL_COLUMNS]);
/** A device's clock may run a little ahead; a signature dated further in the future is refused. */
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export type SigningDecision = { refuse: RejectionCode; reason: string } | { apply: Row };

export function isSigning(m: Mutation): boolean {
  return m.table === 'valuations' && m.op === 'update' && m.changes.status === 'SIGNED';
}

export async function decideSigning(state: BatchState, actor: PushActor, m: Mutation, current: Row, now: Date): Promise<SigningDecision> {
  const refuse = (code: RejectionCode, reason: string): SigningDecision => ({ refuse: code, reason });
  if (current.status === 'SIGNED') {
    return current.report_sha256 === m.changes.report_sha256 && current.signed_by_id === actor.userId
      ? { apply: {} } // the same seal again (a retried signing): nothing to change
      : refuse('LIFECYCLE', 'This valuation was already signed on another device.');
  }
  const extra = Object.keys(m.changes).filter((c) => !SIGNING_COLUMNS.has(c));
  if (extra.length) return refuse('INVALID', `Signing changes only the status and the seal, not ${extra.join(', ')}.`);
  const decision = canTransition({
    from: current.status as ValuationStatus,
    to: 'SIGNED',
    role: actor.role,
    isAppraiser: current.created_by_id === actor.userId,
    viaSigning: true,
  });
  if (!decision.allowed) return refuse(decision.code, decision.reason);
  if (m.changes.signed_by_id !== actor.userId) return refuse('FORBIDDEN', 'A valuation is signed by the person who signs it.');
  const signedAt = typeof m.changes.signed_at === 'string' ? Date.parse(m.changes.signed_at) : Number.NaN;
  if (Number.isNaN(signedAt) || signedAt > now.getTime() + MAX_CLOCK_SKEW_MS) return refuse('INVALID', 'The signing time is missing or in the future.');
  const sha256 = m.changes.report_sha256;
  if (typeof sha256 !== 'string' || m.blobSha256 !== sha256) return refuse('INVALID', 'The seal must name the sealed report file.');
  if (!(await state.findAsset(String(current.id), sha256, 'PDF'))) {
    return refuse('NOT_FOUND', 'The sealed report is not among this valuation’s files.');
  }
  // The PDF shows the valuation and its files as the signing device had them (baseVersion: the newest
  // version among them there). A change made after that on another device is missing from it.
  if (await state.changedElsewhereSince(String(current.id), m.baseVersion, actor.deviceId)) {
    return refuse('LIFECYCLE', 'Someone changed this valuation after you signed it; review the change and sign again.');
  }
  return {
    apply: { status: 'SIGNED', signed_by_id: actor.userId, signed_at: new Date(signedAt).toISOString(), report_sha256: sha256 },
  };
}
