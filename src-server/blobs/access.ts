// Who may touch a blob: a member of the organization named in the URL (a client viewer only reads),
// and only blobs that organization holds, i.e. has a server_blobs row for. Knowing a hash proves
// nothing: another organization's copy of the same content stays invisible until this one uploads it.
import type { FastifyRequest } from 'fastify';
import { withTenant, type RequestAuth, type Role, type ServerContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { isSha256 } from './store.ts';
import { isUuid } from './uploads.ts';

export interface BlobRouteDeps {
  /** Establishes the caller; throws HttpError 401 when there is none. */
  authenticate(request: FastifyRequest): Promise<RequestAuth>;
  /** The caller's role in the organization; throws HttpError 404 for non-members. */
  requireMembership(userId: string, organizationId: string): Promise<Role>;
}

export interface BlobAccess {
  auth: RequestAuth;
  organizationId: string;
  sha256: string;
  role: Role;
}

/** Authenticates, validates the URL, checks membership and, for writes, the role; in that order. */
export async function authorizeBlobRequest(
  request: FastifyRequest,
  deps: BlobRouteDeps,
  intent: 'read' | 'write',
): Promise<BlobAccess> {
  const auth = await deps.authenticate(request);
  const params = (request.params ?? {}) as Record<string, unknown>;
  const organizationId = params.orgId;
  const sha256 = params.sha256;
  if (typeof organizationId !== 'string' || !isUuid(organizationId)) {
    throw new HttpError(400, 'VALIDATION', 'The organization id in the URL is not a valid id (a lower-case UUID).', { field: 'orgId' });
  }
  if (typeof sha256 !== 'string' || !isSha256(sha256)) {
    throw new HttpError(400, 'VALIDATION', 'The blob in the URL is not a sha256 (64 lower-case hex digits).', { field: 'sha256' });
  }
  const role = await deps.requireMembership(auth.userId, organizationId);
  if (intent === 'write' && role === 'CLIENT_VIEWER') {
    throw new HttpError(403, 'FORBIDDEN', 'A client viewer may read files but not upload them.');
  }
  return { auth, organizationId, sha256, role };
}

export interface HeldBlob {
  sizeBytes: number;
  mimeType: string;
}

/** The organization's server_blobs row for the blob, read under row-level security. */
export async function findHeldBlob(ctx: ServerContext, access: BlobAccess): Promise<HeldBlob | null> {
  const rows = await withTenant(ctx.db, scopeOf(access), (tx) =>
    tx.query<{ size_bytes: number | string; mime_type: string }>(
      'SELECT size_bytes, mime_type FROM server_blobs WHERE sha256 = $1 AND organization_id = $2',
      [access.sha256, access.organizationId],
    ),
  );
  const row = rows[0];
  return row ? { sizeBytes: Number(row.size_bytes), mimeType: row.mime_type } : null;
}

/** Records that the organization holds the blob (already stored and verified). */
export async function recordHeldBlob(ctx: ServerContext, access: BlobAccess, blob: HeldBlob): Promise<void> {
  await withTenant(ctx.db, scopeOf(access), (tx) =>
    tx.query(
      `INSERT INTO server_blobs (sha256, organization_id, size_bytes, mime_type, uploaded_by_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (sha256, organization_id) DO NOTHING`,
      [access.sha256, access.organizationId, blob.sizeBytes, blob.mimeType, access.auth.userId, ctx.now().toISOString()],
    ),
  );
}

function scopeOf(access: BlobAccess): { userId: string; organizationIds: string[] } {
  return { userId: access.auth.userId, organizationIds: [access.organizationId] };
}
