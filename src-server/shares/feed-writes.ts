// The rows a share writes besides itself. document_access_logs and activity_logs are pulled by the
// devices, so each insert takes its version from the transaction's VersionAllocator and is recorded
// in the change feed, exactly like a pushed row; outbox events are for other systems (push.ts rule 6).
import { v7 as uuidv7 } from 'uuid';
import type { ActivityAction, DocumentAccessAction } from '../../src-shared/domain/enums.ts';
import type { SqlSession } from '../db/database.ts';
import type { VersionAllocator } from '../sync/change-feed.ts';

export interface AccessLogEntry {
  shareId: string;
  assetId: string | null;
  documentId: string | null;
  /** The signed-in person, or null for someone opening a public link. */
  userId: string | null;
  action: DocumentAccessAction;
  success: boolean;
  at: Date;
}

export async function insertAccessLog(tx: SqlSession, allocator: VersionAllocator, entry: AccessLogEntry): Promise<string> {
  const id = uuidv7();
  const version = allocator.next();
  await tx.query(
    `INSERT INTO document_access_logs (id, organization_id, document_id, asset_id, share_id, user_id, action, success, created_at, server_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [id, allocator.organizationId, entry.documentId, entry.assetId, entry.shareId, entry.userId, entry.action, entry.success, entry.at.toISOString(), version],
  );
  allocator.record({ table: 'document_access_logs', rowId: id, version, deleted: false, actorId: entry.userId });
  return id;
}

export interface ActivityEntry {
  assetId: string;
  valuationId: string;
  action: Extract<ActivityAction, 'shared' | 'revoked'>;
  actorId: string;
  payload: Record<string, unknown>;
  at: Date;
}

/** An activity row about the shared report (subject: the asset); the payload names the share. */
export async function insertShareActivity(tx: SqlSession, allocator: VersionAllocator, entry: ActivityEntry): Promise<void> {
  const id = uuidv7();
  const version = allocator.next();
  await tx.query(
    `INSERT INTO activity_logs (id, organization_id, subject_type, subject_id, valuation_id, action, actor_id, payload, created_at, server_version)
     VALUES ($1, $2, 'asset', $3, $4, $5, $6, $7::jsonb, $8, $9)`,
    [id, allocator.organizationId, entry.assetId, entry.valuationId, entry.action, entry.actorId, JSON.stringify(entry.payload), entry.at.toISOString(), version],
  );
  allocator.record({ table: 'activity_logs', rowId: id, version, deleted: false, actorId: entry.actorId });
}

export async function insertOutboxEvent(tx: SqlSession, organizationId: string, eventType: string, payload: Record<string, unknown>): Promise<void> {
  await tx.query('INSERT INTO outbox (organization_id, event_type, payload) VALUES ($1, $2, $3::jsonb)', [organizationId, eventType, JSON.stringify(payload)]);
}
