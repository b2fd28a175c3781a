import type { ImageEntity } from '../../../src-shared/contract/entities.ts';
import { canEdit } from '../../../src-shared/domain/lifecycle.ts';
import { makeThumbnail } from '../blobs/thumbnails.ts';
import { enforce, requireActor } from '../context.ts';
import { withStoredFiles } from '../files/orphans.ts';
import { valuationRowActivity, valuationRows } from '../files/valuation-rows.ts';
import { toBlobSource } from '../files/sources.ts';
import type { HandlerMap } from '../handlers.ts';
import { rowSyncStateSql } from '../store/row-sync-state.ts';
import { keysToColumns, toEntity } from '../store/tables.ts';
import type { Change } from '../store/writer.ts';
import { getValuation } from '../valuations/queries.ts';

type Methods = 'images.add' | 'images.list' | 'images.update' | 'images.setCover' | 'images.remove';

const SELECT_IMAGE = `SELECT i.*, ${rowSyncStateSql('images', 'i.id', 'i.server_version')} AS sync_state,
  (SELECT sha256 FROM asset_variants av WHERE av.image_id = i.id AND av.variant_type = 'thumbnail' AND av.status = 'READY'
   ORDER BY av.created_at DESC LIMIT 1) AS thumbnail_sha256
  FROM images i`;

function toImage(raw: Record<string, unknown>): ImageEntity {
  return {
    ...toEntity<Omit<ImageEntity, 'syncState' | 'thumbnailSha256'>>('images', raw),
    thumbnailSha256: (raw.thumbnail_sha256 as string | null) ?? null,
    syncState: raw.sync_state as ImageEntity['syncState'],
  };
}

const images = valuationRows({ select: SELECT_IMAGE, alias: 'i', noun: 'image', notFound: 'IMAGE_NOT_FOUND', toEntity: toImage });
const getImage = images.get;
const editableImage = images.editable;
const activity = valuationRowActivity('image');

export const imageHandlers: HandlerMap<Methods> = {
  'images.add': async ({ valuationId, fileName, source, roomType }, ctx) => {
    const actor = requireActor(ctx);
    enforce(canEdit(getValuation(ctx, actor, valuationId).status, actor.role));
    const blob = await ctx.blobs.put(toBlobSource(source), fileName, 'image');
    const findDuplicate = () =>
      ctx.db.prepare(`${SELECT_IMAGE} WHERE i.valuation_id = ? AND i.sha256 = ?`).get(valuationId, blob.sha256) as
        | Record<string, unknown>
        | undefined;
    const before = findDuplicate();
    if (before) return { image: toImage(before), duplicateOf: String(before.id) };
    return withStoredFiles(ctx, [blob.sha256], async () => {
      const thumbnail = await makeThumbnail(ctx.blobs, blob.sha256);
      // The same photo may have been added meanwhile (dropped twice at once): check again after the await.
      const duplicate = findDuplicate();
      if (duplicate) return { image: toImage(duplicate), duplicateOf: String(duplicate.id) };
      // A pull may have removed or signed the valuation while the file was being stored.
      enforce(canEdit(getValuation(ctx, actor, valuationId).status, actor.role));
      const { n } = ctx.db.prepare('SELECT count(*) AS n FROM images WHERE valuation_id = ?').get(valuationId) as { n: number };
      const id = ctx.newId();
      const variantId = ctx.newId();
      const now = ctx.now();
      ctx.writer.write(actor, [
        {
          table: 'images',
          op: 'insert',
          rowId: id,
          values: {
            id,
            valuation_id: valuationId,
            organization_id: actor.organizationId,
            file_name: blob.displayName,
            storage_key: blob.sha256,
            sha256: blob.sha256,
            size_bytes: blob.sizeBytes,
            mime_type: blob.mime,
            room_type: roomType ?? (n === 0 ? 'EXTERIOR' : 'OTHER'),
            is_cover: n === 0, // the first photo is the facade / cover until the user picks another
            sort_order: n,
            uploaded_by_id: actor.userId,
            created_at: now,
            updated_at: now,
          },
          activity: activity({ id, valuationId }, 'uploaded', { fileName: blob.displayName }),
          blobSha256: blob.sha256,
        },
        {
          table: 'asset_variants',
          op: 'insert',
          rowId: variantId,
          values: {
            id: variantId,
            organization_id: actor.organizationId,
            image_id: id,
            variant_type: 'thumbnail',
            ...(thumbnail.status === 'READY'
              ? { storage_key: thumbnail.sha256, sha256: thumbnail.sha256, width: thumbnail.width, height: thumbnail.height, status: 'READY' }
              : { status: 'FAILED' }),
            created_at: now,
            updated_at: now,
          },
          activity: activity({ id, valuationId }, 'generated', thumbnail.status === 'READY' ? { variant: 'thumbnail' } : { variant: 'thumbnail', failed: thumbnail.reason }),
          blobSha256: thumbnail.status === 'READY' ? thumbnail.sha256 : null,
        },
      ]);
      ctx.emit('data.changed', { tables: ['images'], ids: [id] });
      return { image: getImage(ctx, actor, id), duplicateOf: null };
    });
  },

  'images.list': ({ valuationId }, ctx) => {
    const actor = requireActor(ctx);
    getValuation(ctx, actor, valuationId);
    const rows = ctx.db
      .prepare(`${SELECT_IMAGE} WHERE i.valuation_id = ? AND i.organization_id = ? ORDER BY i.sort_order, i.created_at`)
      .all(valuationId, actor.organizationId) as Record<string, unknown>[];
    return rows.map(toImage);
  },

  'images.update': ({ id, ...fields }, ctx) => {
    const actor = requireActor(ctx);
    const image = editableImage(ctx, actor, id);
    const values = keysToColumns('images', fields);
    if (Object.keys(values).length === 0) return image;
    ctx.writer.write(actor, [{ table: 'images', op: 'update', rowId: id, values, activity: activity(image, 'updated', { fields: Object.keys(values) }) }]);
    ctx.emit('data.changed', { tables: ['images'], ids: [id] });
    return getImage(ctx, actor, id);
  },

  'images.setCover': ({ id }, ctx) => {
    const actor = requireActor(ctx);
    const image = editableImage(ctx, actor, id);
    if (image.isCover) return image;
    const previous = ctx.db.prepare('SELECT id FROM images WHERE valuation_id = ? AND is_cover = 1').all(image.valuationId) as { id: string }[];
    ctx.writer.write(actor, [
      ...previous.map(
        (p): Change => ({ table: 'images', op: 'update', rowId: p.id, values: { is_cover: false }, activity: activity({ id: p.id, valuationId: image.valuationId }, 'updated', { fields: ['is_cover'] }) }),
      ),
      { table: 'images', op: 'update', rowId: id, values: { is_cover: true }, activity: activity(image, 'updated', { fields: ['is_cover'] }) },
    ]);
    ctx.emit('data.changed', { tables: ['images'], ids: [id, ...previous.map((p) => p.id)] });
    return getImage(ctx, actor, id);
  },

  'images.remove': ({ id }, ctx) => {
    const actor = requireActor(ctx);
    const image = editableImage(ctx, actor, id);
    ctx.writer.write(actor, [{ table: 'images', op: 'delete', rowId: id, values: {}, activity: activity(image, 'deleted', { fileName: image.fileName }) }]);
    ctx.emit('data.changed', { tables: ['images'], ids: [id] });
    return { ok: true as const };
  },
};
