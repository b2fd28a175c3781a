// What a public link leads to. The token is the credential, so the share is found without a tenant
// context: one narrow query on the server's own connection (as sign-in finds a user) that yields only
// the share's id and organization. Everything after that — reading the report, counting the view,
// logging refusals — runs under row-level security for that organization and through the change feed.
// The log rows are coalesced so that requests on a link cannot flood the feed: refusals of a closed
// link here (one per share per hour), views by the caller (request-limit.ts).
import { withTenant, type ServerContext } from '../context.ts';
import type { SqlSession } from '../db/database.ts';
import { VersionAllocator } from '../sync/change-feed.ts';
import { insertAccessLog } from './feed-writes.ts';

export interface PublicShare {
  id: string;
  organizationId: string;
  assetId: string;
  expiresAt: string;
  revokedAt: string | null;
  hasPassword: boolean;
  /** null when the link has no password (or its hash is missing, which then refuses every password). */
  passwordHash: string | null;
  fileName: string;
  sha256: string;
  /** The size recorded when the organization's copy of the PDF was verified; null if it holds none. */
  heldBytes: number | null;
}

export type ShareState = 'open' | 'expired' | 'revoked';

/** The share behind a token, or null for an unknown token or one whose report is no longer the sealed PDF. */
export async function findPublicShare(ctx: ServerContext, token: string): Promise<PublicShare | null> {
  const [found] = await ctx.db.query<{ id: string; organization_id: string }>(
    'SELECT id, organization_id FROM document_shares WHERE share_token = $1',
    [token],
  );
  if (!found) return null;
  const [row] = await withTenant(ctx.db, publicScope(found.organization_id), (tx) =>
    tx.query<{
      id: string;
      asset_id: string;
      expires_at: string;
      revoked_at: string | null;
      has_password: boolean;
      password_hash: string | null;
      file_name: string;
      sha256: string;
      held_bytes: number | null;
    }>(
      `SELECT s.id, s.asset_id, s.expires_at, s.revoked_at, s.has_password, p.password_hash, a.file_name, a.sha256,
              b.size_bytes AS held_bytes
       FROM document_shares s
       JOIN assets a ON a.id = s.asset_id AND a.organization_id = s.organization_id AND a.asset_type = 'PDF'
       JOIN valuations v ON v.id = a.valuation_id AND v.signed_at IS NOT NULL AND v.report_sha256 = a.sha256
       LEFT JOIN share_passwords p ON p.share_id = s.id
       LEFT JOIN server_blobs b ON b.sha256 = a.sha256 AND b.organization_id = s.organization_id AND b.mime_type = 'application/pdf'
       WHERE s.id = $1 AND s.organization_id = $2`,
      [found.id, found.organization_id],
    ),
  );
  if (!row) return null;
  return {
    id: row.id,
    organizationId: found.organization_id,
    assetId: row.asset_id,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    hasPassword: row.has_password,
    passwordHash: row.has_password ? row.password_hash : null,
    fileName: row.file_name,
    sha256: row.sha256,
    heldBytes: row.held_bytes === null ? null : Number(row.held_bytes),
  };
}

export function shareState(share: { expiresAt: string; revokedAt: string | null }, now: Date): ShareState {
  if (share.revokedAt) return 'revoked';
  if (new Date(share.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'open';
}

/** A refusal of an expired or revoked link is logged at most once per share in this (sliding) window. */
export const CLOSED_REFUSAL_LOG_WINDOW_MS = 60 * 60 * 1000;

/**
 * Counts one view, and logs it when `log` (the caller coalesces view rows, see request-limit.ts), in one
 * transaction. The link is checked again under the row lock, so a revocation or expiry that landed since
 * it was read wins: then the view is not counted, the refusal is logged as recordClosedRefusal does, and
 * the state that refused it is returned.
 */
export async function recordView(ctx: ServerContext, share: PublicShare, now: Date, options: { log: boolean }): Promise<ShareState> {
  return withTenant(ctx.db, publicScope(share.organizationId), async (tx) => {
    // Lock order as in every feed write: the organization's counter first, then the row.
    const allocator = await VersionAllocator.lock(tx, share.organizationId);
    const [current] = await tx.query<{ expires_at: string; revoked_at: string | null }>(
      'SELECT expires_at, revoked_at FROM document_shares WHERE id = $1 FOR UPDATE',
      [share.id],
    );
    const link = current ? { expiresAt: current.expires_at, revokedAt: current.revoked_at } : null;
    const state = link ? shareState(link, now) : 'revoked';
    if (state === 'open') {
      // Every served view counts (the share row's feed entry is updated in place, no new row).
      const version = allocator.next();
      await tx.query('UPDATE document_shares SET access_count = access_count + 1, updated_at = $2, server_version = $3 WHERE id = $1', [
        share.id,
        now.toISOString(),
        version,
      ]);
      allocator.record({ table: 'document_shares', rowId: share.id, version, deleted: false, actorId: null });
      if (options.log) await logView(tx, allocator, share, true, now);
    } else if (link && !(await closedRefusalLogged(tx, share.id, link, now))) {
      // (A share deleted meanwhile — its report was deleted — has nothing left to log against.)
      await logView(tx, allocator, share, false, now);
    }
    await allocator.flush();
    return state;
  });
}

/**
 * Logs a refused attempt on an expired or revoked link — at most one row per share per hour
 * (CLOSED_REFUSAL_LOG_WINDOW_MS), counted from the moment the link closed, so the first refusal after an
 * expiry or a revocation is always logged. When a row is there already nothing is written and the
 * organization's counter is not even locked.
 */
export async function recordClosedRefusal(ctx: ServerContext, share: PublicShare, now: Date): Promise<void> {
  await withTenant(ctx.db, publicScope(share.organizationId), async (tx) => {
    if (await closedRefusalLogged(tx, share.id, share, now)) return;
    const allocator = await VersionAllocator.lock(tx, share.organizationId);
    // Again under the lock: a concurrent refusal may have logged it meanwhile.
    if (await closedRefusalLogged(tx, share.id, share, now)) return;
    await logView(tx, allocator, share, false, now);
    await allocator.flush();
  });
}

/** Logs a wrong password (one row each; the password limiter bounds them, see rate-limit.ts). */
export async function recordWrongPassword(ctx: ServerContext, share: PublicShare, now: Date): Promise<void> {
  await withTenant(ctx.db, publicScope(share.organizationId), async (tx) => {
    const allocator = await VersionAllocator.lock(tx, share.organizationId);
    await logView(tx, allocator, share, false, now);
    await allocator.flush();
  });
}

/**
 * Whether a refusal is logged for this share since it closed and within the last hour. A refusal row
 * written after the link closed can only be for the closed link: passwords are not asked any more.
 */
async function closedRefusalLogged(
  tx: SqlSession,
  shareId: string,
  link: { expiresAt: string; revokedAt: string | null },
  now: Date,
): Promise<boolean> {
  const closedAt = new Date(link.revokedAt ?? link.expiresAt).getTime();
  const since = new Date(Math.max(closedAt, now.getTime() - CLOSED_REFUSAL_LOG_WINDOW_MS)).toISOString();
  const rows = await tx.query(
    "SELECT 1 FROM document_access_logs WHERE share_id = $1 AND action = 'view' AND success = false AND created_at >= $2 LIMIT 1",
    [shareId, since],
  );
  return rows.length > 0;
}

async function logView(tx: SqlSession, allocator: VersionAllocator, share: PublicShare, success: boolean, now: Date): Promise<void> {
  await insertAccessLog(tx, allocator, { shareId: share.id, assetId: share.assetId, documentId: null, userId: null, action: 'view', success, at: now });
}

/** Row-level security scoped to the share's organization; nobody is signed in. */
function publicScope(organizationId: string): { userId: string; organizationIds: string[] } {
  return { userId: '', organizationIds: [organizationId] };
}
