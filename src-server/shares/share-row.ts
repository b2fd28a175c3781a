// A document_shares row as the server reads it, and its shape on the wire (the contract's shareEntity).
import type { ShareEntity } from '../../src-shared/contract/entities.ts';
import { shareUrl } from './token.ts';

export interface ShareRow {
  id: string;
  organization_id: string;
  asset_id: string | null;
  document_id: string | null;
  shared_by_id: string;
  share_token: string;
  expires_at: string;
  has_password: boolean;
  access_count: number;
  revoked_at: string | null;
  created_at: string;
}

/** The columns of ShareRow, for SELECT and RETURNING (prefix with an alias where tables are joined). */
export function shareColumns(alias = ''): string {
  const p = alias ? `${alias}.` : '';
  return ['id', 'organization_id', 'asset_id', 'document_id', 'shared_by_id', 'share_token', 'expires_at', 'has_password', 'access_count', 'revoked_at', 'created_at']
    .map((c) => `${p}${c}`)
    .join(', ');
}

export function shareJson(row: ShareRow, baseUrl: string): ShareEntity {
  return {
    id: row.id,
    assetId: row.asset_id,
    sharedById: row.shared_by_id,
    url: shareUrl(baseUrl, row.share_token),
    expiresAt: row.expires_at,
    hasPassword: row.has_password,
    accessCount: Number(row.access_count),
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
  };
}
