// What a public link leads to. The token is the credential, so the share is found without a tenant
// context: one narrow query on the server's own connection (as sign-in finds a user) that yields only
// the share's id and organization. Everything after that — reading the report, counting the view,
// logging refusals — runs under row-level security for that organization and through the change feed.
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

/**
 * Counts one view and logs it, in one transaction. The link is checked again under the row lock, so a
 * revocation or expiry that landed since it was read wins: then only a failed attempt is logged, and
 * the state that refused it is returned.
 */
export async function recordView(ctx: ServerContext, share: PublicShare, now: Date): Promise<ShareState> {
  return withTenant(ctx.db, publicScope(share.organizationId), async (tx) => {
    // Lock order as in every feed write: the organization's counter first, then the row.
    const allocator = await VersionAllocator.lock(tx, share.organizationId);
    const [current] = await tx.query<{ expires_at: string; revoked_at: string | null }>(
      'SELECT expires_at, revoked_at FROM document_shares WHERE id = $1 FOR UPDATE',
      [share.id],
    );
    const state = current ? shareState({ expiresAt: current.expires_at, revokedAt: current.revoked_at }, now) : 'revoked';
    if (state === 'open') {
      const version = allocator.next();
      await tx.query('UPDATE document_shares SET access_count = access_count + 1, updated_at = $2, server_version = $3 WHERE id = $1', [
        share.id,
        now.toISOString(),
        version,
      ]);
      allocator.record({ table: 'document_shares', rowId: share.id, version, deleted: false, actorId: null });
    }
    // A share deleted meanwhile (its report was deleted) has nothing left to log against.
    if (current) await logView(tx, allocator, share, state === 'open', now);
    await allocator.flush();
    return state;
  });
}

/** Logs a refused attempt (expired, revoked, wrong password). */
export async function recordRefusal(ctx: ServerContext, share: PublicShare, now: Date): Promise<void> {
  await withTenant(ctx.db, publicScope(share.organizationId), async (tx) => {
    const allocator = await VersionAllocator.lock(tx, share.organizationId);
    await logView(tx, allocator, share, false, now);
    await allocator.flush();
  });
}

async function logView(tx: SqlSession, allocator: VersionAllocator, share: PublicShare, success: boolean, now: Date): Promise<void> {
  await insertAccessLog(tx, allocator, { shareId: share.id, assetId: share.assetId, documentId: null, userId: null, action: 'view', success, at: now });
}

/** Row-level security scoped to the share's organization; nobody is signed in. */
function publicScope(organizationId: string): { userId: string; organizationIds: string[] } {
  return { userId: '', organizationIds: [organizationId] };
}
