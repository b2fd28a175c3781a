// A file the app generates from a valuation (a report PDF, DOCX, CSV or JSON) is kept like any other
// file: content-addressed in the blob store, and as a new version of the valuation's asset with that
// slug, so colleagues receive it with the next sync and older versions stay.
import type { AssetEntity } from '../../../src-shared/contract/entities.ts';
import { AppError } from '../../../src-shared/contract/errors.ts';
import type { AssetType } from '../../../src-shared/domain/enums.ts';
import type { Actor, CoreContext } from '../context.ts';
import { rowSyncStateSql } from '../store/row-sync-state.ts';
import { toEntity } from '../store/tables.ts';
import type { Change } from '../store/writer.ts';

export interface GeneratedFile {
  assetType: AssetType;
  /** Which file of the valuation this is ('report-pdf', 'signed-report', ...): versions count per slug. */
  slug: string;
  fileName: string;
  bytes: Uint8Array;
}

export interface StoredFile {
  change: Change;
  assetId: string;
}

/** Stores the bytes and returns the asset row's insert, to be written with whatever else belongs with it. */
export async function storeGeneratedFile(ctx: CoreContext, actor: Actor, valuationId: string, file: GeneratedFile): Promise<StoredFile> {
  // Generated files are the app's own output: not held to the user's upload limits.
  const blob = await ctx.blobs.put({ bytes: file.bytes }, file.fileName, 'document', { derived: true });
  const assetId = ctx.newId();
  const now = ctx.now();
  const { last } = ctx.db
    .prepare('SELECT coalesce(max(version), 0) AS last FROM assets WHERE valuation_id = ? AND slug = ?')
    .get(valuationId, file.slug) as { last: number };
  const version = last + 1;
  return {
    assetId,
    change: {
      table: 'assets',
      op: 'insert',
      rowId: assetId,
      values: {
        id: assetId,
        valuation_id: valuationId,
        organization_id: actor.organizationId,
        asset_type: file.assetType,
        file_name: file.fileName,
        storage_key: blob.storageKey,
        sha256: blob.sha256,
        size_bytes: blob.sizeBytes,
        slug: file.slug,
        generated_by_id: actor.userId,
        version,
        created_at: now,
        updated_at: now,
      },
      blobSha256: blob.sha256,
      activity: {
        subjectType: 'asset',
        subjectId: assetId,
        valuationId,
        action: 'generated',
        payload: { assetType: file.assetType, slug: file.slug, version, sha256: blob.sha256 },
      },
    },
  };
}

/** An asset of the caller's organization (NOT_FOUND for anything else). */
export function getAsset(ctx: CoreContext, actor: Actor, id: string): AssetEntity {
  const raw = ctx.db
    .prepare(`SELECT a.*, ${rowSyncStateSql('assets', 'a.id', 'a.server_version')} AS sync_state FROM assets a WHERE a.id = ? AND a.organization_id = ?`)
    .get(id, actor.organizationId) as Record<string, unknown> | undefined;
  if (!raw) throw new AppError('NOT_FOUND', 'No such file.', { reason: 'FILE_NOT_FOUND', id });
  return { ...toEntity<Omit<AssetEntity, 'syncState'>>('assets', raw), syncState: raw.sync_state as AssetEntity['syncState'] };
}
