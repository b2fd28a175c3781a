// The decisions step 5 shows on screen, kept pure so they are unit tested: who may sign and why not,
// which generated file is the sealed report, where a share link stands, and the share form's checks.
// The core decides again on every call; these only choose what to offer and what to say.
import type { AssetEntity, ShareEntity, Valuation } from '../../../src-shared/contract/entities.ts';
import type { MembershipRole } from '../../../src-shared/domain/enums.ts';
import { canGenerateFiles, canTransition, canWrite } from '../../../src-shared/domain/lifecycle.ts';

/** Why signing is not offered (an i18n key under report.sign.blocked). */
export type SignBlock = 'viewer' | 'notAppraiser' | 'notReady' | 'archived' | 'hardStops';

export type SignState =
  | { kind: 'signed' }
  | { kind: 'allowed' }
  /** Allowed by role and status; the preflight has not answered yet. */
  | { kind: 'checking' }
  | { kind: 'blocked'; reason: SignBlock; count: number };

export interface SignStateInput {
  valuation: Pick<Valuation, 'status' | 'createdById'>;
  role: MembershipRole | null;
  userId: string | null;
  /** Hard stops that block SIGNED; null while the preflight is loading or failed. */
  signingStops: number | null;
}

const blocked = (reason: SignBlock, count = 0): SignState => ({ kind: 'blocked', reason, count });

/** Whether this user may sign this valuation now, following the lifecycle's signing rule. */
export function signState({ valuation, role, userId, signingStops }: SignStateInput): SignState {
  if (valuation.status === 'SIGNED') return { kind: 'signed' };
  if (!role || !canWrite(role).allowed) return blocked('viewer');
  const request = { to: 'SIGNED', role, isAppraiser: userId !== null && valuation.createdById === userId, viaSigning: true } as const;
  // Who may sign at all comes first: "mark it ready" is no help to someone who may never sign it.
  if (!canTransition({ ...request, from: 'READY' }).allowed) return blocked('notAppraiser');
  if (!canTransition({ ...request, from: valuation.status }).allowed) return blocked(valuation.status === 'ARCHIVED' ? 'archived' : 'notReady');
  if (signingStops === null) return { kind: 'checking' };
  return signingStops > 0 ? blocked('hardStops', signingStops) : { kind: 'allowed' };
}

/** The hard stops among the preflight's issues that block signing. */
export function signingStopCount(hardStops: readonly { blocks: readonly string[] }[]): number {
  return hardStops.filter((issue) => issue.blocks.includes('SIGNED')).length;
}

/** A signed valuation gets a revision from anyone who may write. */
export function mayRevise(status: Valuation['status'], role: MembershipRole | null): boolean {
  return status === 'SIGNED' && !!role && canWrite(role).allowed;
}

/** Exports are copies: allowed on a signed valuation too, not on an archived one, never to a viewer. */
export function mayExport(status: Valuation['status'], role: MembershipRole | null): boolean {
  return !!role && canGenerateFiles(status, role).allowed;
}

/** Share links are for office users, on the sealed report of a signed valuation. */
export function mayShare(status: Valuation['status'], role: MembershipRole | null): boolean {
  return status === 'SIGNED' && !!role && role !== 'CLIENT_VIEWER';
}

/** The sealed report among the generated files: the PDF whose sha256 the valuation recorded. */
export function sealedAsset<A extends Pick<AssetEntity, 'sha256' | 'assetType'>>(assets: readonly A[], reportSha256: string | null): A | null {
  if (!reportSha256) return null;
  return assets.find((asset) => asset.assetType === 'PDF' && asset.sha256 === reportSha256) ?? null;
}

/** A digest short enough to read aloud and long enough to tell files apart: "3f2a9b1c 04d7e6a5". */
export function shortSha256(sha256: string): string {
  return `${sha256.slice(0, 8)} ${sha256.slice(8, 16)}`;
}

export type ShareStatus = 'active' | 'expired' | 'revoked';

/** Revoked wins over expired; a link is expired from its expiry instant on. */
export function shareStatus(share: Pick<ShareEntity, 'expiresAt' | 'revokedAt'>, now: number): ShareStatus {
  if (share.revokedAt) return 'revoked';
  const expires = Date.parse(share.expiresAt);
  return Number.isNaN(expires) || expires <= now ? 'expired' : 'active';
}

export const SHARE_DAYS = { min: 1, max: 90, default: 14 } as const;
export const SHARE_PASSWORD = { min: 6, max: 200 } as const;

export interface ShareForm {
  days: string;
  password: string;
}

export type ShareFormResult =
  | { ok: true; input: { expiresInDays: number; password?: string } }
  | { ok: false; errors: { days?: 'daysRange'; password?: 'passwordLength' } };

/** The share form as shares.create's input, or which field is wrong (i18n keys under report.share.errors). */
export function parseShareForm(form: ShareForm): ShareFormResult {
  const errors: { days?: 'daysRange'; password?: 'passwordLength' } = {};
  const daysText = form.days.trim();
  const days = /^\d+$/.test(daysText) ? Number(daysText) : NaN;
  if (!Number.isInteger(days) || days < SHARE_DAYS.min || days > SHARE_DAYS.max) errors.days = 'daysRange';
  // A password is taken as typed (spaces count), but one made only of spaces is no password.
  const password = form.password.trim() === '' ? '' : form.password;
  if (password && (password.length < SHARE_PASSWORD.min || password.length > SHARE_PASSWORD.max)) errors.password = 'passwordLength';
  if (errors.days || errors.password) return { ok: false, errors };
  return { ok: true, input: password ? { expiresInDays: days, password } : { expiresInDays: days } };
}

/** The report is laid out for A4 (210 mm at 96 px per inch); the preview shrinks it to fit, never enlarges. */
export const A4_WIDTH_PX = 794;

export function previewScale(paneWidth: number): number {
  if (!(paneWidth > 0)) return 1;
  // Two decimals, rounded down, so the scaled page never pokes out of its pane by a sub-pixel.
  return Math.min(1, Math.floor((paneWidth / A4_WIDTH_PX) * 100) / 100);
}
