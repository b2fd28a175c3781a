// Share links as the last sync left them in the local store (document_shares is pulled), so someone
// offline still sees a valuation's links and their access counts as of then.
import type { ShareEntity } from '../../../src-shared/contract/entities.ts';
import type { CoreContext } from '../context.ts';

interface LocalShareRow {
  id: string;
  asset_id: string | null;
  shared_by_id: string;
  share_token: string;
  expires_at: string;
  has_password: number;
  access_count: number;
  revoked_at: string | null;
  created_at: string;
}

export function localShares(ctx: CoreContext, organizationId: string, valuationId: string): ShareEntity[] {
  const rows = ctx.db
    .prepare(
      `SELECT s.id, s.asset_id, s.shared_by_id, s.share_token, s.expires_at, s.has_password, s.access_count, s.revoked_at, s.created_at
       FROM document_shares s JOIN assets a ON a.id = s.asset_id
       WHERE s.organization_id = ? AND a.valuation_id = ? ORDER BY s.created_at DESC, s.id DESC`,
    )
    .all(organizationId, valuationId) as LocalShareRow[];
  const baseUrl = ctx.server?.baseUrl ?? null;
  return rows.map((row) => ({
    id: row.id,
    assetId: row.asset_id,
    sharedById: row.shared_by_id,
    // The server's link is /s/<token> on its public address; the address the app knows is the best guess.
    url: baseUrl ? `${baseUrl}/s/${row.share_token}` : null,
    expiresAt: row.expires_at,
    hasPassword: row.has_password === 1,
    accessCount: row.access_count,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
  }));
}
