// Creating, listing and revoking share links for the office (authenticated callers). Every write
// runs in one transaction under row-level security and goes through the change feed, because
// document_shares, document_access_logs and activity_logs are pulled by the devices.
import { v7 as uuidv7 } from 'uuid';
import type { SqlSession } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { VersionAllocator } from '../sync/change-feed.ts';
import { insertAccessLog, insertOutboxEvent, insertShareActivity } from './feed-writes.ts';
import { shareColumns, type ShareRow } from './share-row.ts';
import { newShareToken } from './token.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Valuation statuses whose sealed report may be shared (an archived one was signed before). */
const SHAREABLE_STATUSES = new Set(['SIGNED', 'ARCHIVED']);

export interface ShareActor {
  userId: string;
  organizationId: string;
}

export interface NewShare {
  assetId: string;
  expiresInDays: number;
  /** The argon2id hash of the link's password (hashed before the transaction), or null. */
  passwordHash: string | null;
}

interface SharedReport {
  id: string;
  valuation_id: string;
  asset_type: string;
  sha256: string;
  status: string;
  signed_at: string | null;
  report_sha256: string | null;
  held: boolean;
}

/** Refuses anything but the sealed report PDF of a signed valuation whose file the server holds. */
async function shareableReport(tx: SqlSession, actor: ShareActor, assetId: string): Promise<SharedReport> {
  const [report] = await tx.query<SharedReport>(
    `SELECT a.id, a.valuation_id, a.asset_type, a.sha256, v.status, v.signed_at, v.report_sha256,
            EXISTS (SELECT 1 FROM server_blobs b WHERE b.organization_id = a.organization_id AND b.sha256 = a.sha256
              AND b.mime_type = 'application/pdf') AS held
     FROM assets a JOIN valuations v ON v.id = a.valuation_id
     WHERE a.id = $1 AND a.organization_id = $2`,
    [assetId, actor.organizationId],
  );
  if (!report) throw new HttpError(404, 'NOT_FOUND', 'This organization has no such report.');
  if (!SHAREABLE_STATUSES.has(report.status) || !report.signed_at || !report.report_sha256) {
    throw new HttpError(409, 'LIFECYCLE', 'Only a signed report can be shared; this valuation has not been signed.', { status: report.status });
  }
  if (report.asset_type !== 'PDF' || report.sha256 !== report.report_sha256) {
    throw new HttpError(422, 'NOT_SIGNED_REPORT', 'Only the signed report PDF itself can be shared; this file is a draft or another export of the valuation.');
  }
  if (!report.held) {
    throw new HttpError(409, 'BLOB_MISSING', 'The server does not have the report file yet; let the device that signed it sync, then try again.');
  }
  return report;
}

export async function createShare(tx: SqlSession, actor: ShareActor, input: NewShare, now: Date): Promise<ShareRow> {
  const report = await shareableReport(tx, actor, input.assetId);
  const allocator = await VersionAllocator.lock(tx, actor.organizationId);
  const id = uuidv7();
  const version = allocator.next();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
  const [share] = await tx.query<ShareRow>(
    `INSERT INTO document_shares (id, organization_id, asset_id, shared_by_id, share_token, expires_at, has_password, access_count,
       created_at, updated_at, server_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $8, $9)
     RETURNING ${shareColumns()}`,
    [id, actor.organizationId, report.id, actor.userId, newShareToken(), expiresAt.toISOString(), input.passwordHash !== null, now.toISOString(), version],
  );
  if (!share) throw new Error('INSERT … RETURNING gave no row');
  allocator.record({ table: 'document_shares', rowId: id, version, deleted: false, actorId: actor.userId });
  if (input.passwordHash !== null) {
    await tx.query('INSERT INTO share_passwords (share_id, password_hash, created_at) VALUES ($1, $2, $3)', [id, input.passwordHash, now.toISOString()]);
  }
  await insertShareActivity(tx, allocator, {
    assetId: report.id,
    valuationId: report.valuation_id,
    action: 'shared',
    actorId: actor.userId,
    payload: { shareId: id, expiresAt: share.expires_at, hasPassword: share.has_password },
    at: now,
  });
  await insertAccessLog(tx, allocator, { shareId: id, assetId: report.id, documentId: null, userId: actor.userId, action: 'share', success: true, at: now });
  await insertOutboxEvent(tx, actor.organizationId, 'document_shares.insert', { shareId: id, assetId: report.id, actorId: actor.userId, at: now.toISOString() });
  await allocator.flush();
  return share;
}

export type ShareFilter = { assetId: string } | { valuationId: string };

export async function listShares(tx: SqlSession, organizationId: string, filter: ShareFilter): Promise<ShareRow[]> {
  const [condition, value] =
    'assetId' in filter
      ? ['s.asset_id = $2', filter.assetId]
      : ['s.asset_id IN (SELECT id FROM assets WHERE valuation_id = $2 AND organization_id = $1)', filter.valuationId];
  return tx.query<ShareRow>(
    `SELECT ${shareColumns('s')} FROM document_shares s WHERE s.organization_id = $1 AND ${condition} ORDER BY s.created_at DESC, s.id DESC`,
    [organizationId, value],
  );
}

/** Ends a link at once. Revoking a revoked link changes nothing and answers the share as it is. */
export async function revokeShare(tx: SqlSession, actor: ShareActor, shareId: string, now: Date): Promise<ShareRow> {
  // Lock order as in every feed write: the organization's counter first, then the row.
  const allocator = await VersionAllocator.lock(tx, actor.organizationId);
  const [current] = await tx.query<ShareRow & { valuation_id: string | null }>(
    `SELECT ${shareColumns('s')}, a.valuation_id FROM document_shares s LEFT JOIN assets a ON a.id = s.asset_id
     WHERE s.id = $1 AND s.organization_id = $2 FOR UPDATE OF s`,
    [shareId, actor.organizationId],
  );
  if (!current) throw new HttpError(404, 'NOT_FOUND', 'This organization has no such share link.');
  if (current.revoked_at) return withoutValuation(current);

  const version = allocator.next();
  const [revoked] = await tx.query<ShareRow>(
    `UPDATE document_shares SET revoked_at = $2, updated_at = $2, server_version = $3 WHERE id = $1 RETURNING ${shareColumns()}`,
    [shareId, now.toISOString(), version],
  );
  if (!revoked) throw new Error('UPDATE … RETURNING gave no row');
  allocator.record({ table: 'document_shares', rowId: shareId, version, deleted: false, actorId: actor.userId });
  if (current.asset_id && current.valuation_id) {
    await insertShareActivity(tx, allocator, {
      assetId: current.asset_id,
      valuationId: current.valuation_id,
      action: 'revoked',
      actorId: actor.userId,
      payload: { shareId },
      at: now,
    });
  }
  await insertOutboxEvent(tx, actor.organizationId, 'document_shares.update', { shareId, revoked: true, actorId: actor.userId, at: now.toISOString() });
  await allocator.flush();
  return revoked;
}

function withoutValuation(row: ShareRow & { valuation_id: string | null }): ShareRow {
  const { valuation_id: _, ...share } = row;
  return share;
}
