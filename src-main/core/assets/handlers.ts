import { readFile, stat } from 'node:fs/promises';
import { pushTo } from '../../../src-shared/domain/collections.ts';
import { AppError } from '../../../src-shared/contract/errors.ts';
import { requireActor } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { GENERATED_FILE_TYPES, isGeneratedFileType } from '../../../src-shared/domain/file-kinds.ts';
import { getAsset } from '../exports/generated-file.ts';
import { namedCopy } from './named-copy.ts';
import { getValuation } from '../valuations/queries.ts';

/** files.read is for thumbnails and previews; larger files are opened by path. */
const FILES_READ_MAX_BYTES = 8 * 1024 * 1024;

const REFERENCED_FILES = `SELECT sha256, file_name FROM documents UNION ALL SELECT sha256, file_name FROM document_versions
  UNION ALL SELECT sha256, file_name FROM images UNION ALL SELECT sha256, file_name FROM assets
  UNION ALL SELECT sha256, 'thumbnail' FROM asset_variants WHERE sha256 IS NOT NULL`;

/** Largest generated file handed over whole (a report with its photos is a few MB). */
const ASSET_READ_MAX_BYTES = 48 * 1024 * 1024;

export const assetHandlers: HandlerMap<'assets.list' | 'assets.open' | 'assets.read' | 'files.read' | 'files.verify'> = {
  'files.verify': async (_input, ctx) => {
    requireActor(ctx);
    const rows = ctx.db.prepare(REFERENCED_FILES).all() as { sha256: string; file_name: string }[];
    const names = new Map<string, string[]>();
    for (const row of rows) pushTo(names, row.sha256, row.file_name);
    const report = await ctx.blobs.verify(names.keys());
    return {
      checked: report.checked,
      problems: report.corrupt.map((p) => ({ sha256: p.sha256, problem: p.problem, fileNames: names.get(p.sha256) ?? [] })),
    };
  },

  'assets.list': ({ valuationId }, ctx) => {
    const actor = requireActor(ctx);
    getValuation(ctx, actor, valuationId);
    const ids = ctx.db
      .prepare('SELECT id FROM assets WHERE valuation_id = ? AND organization_id = ? ORDER BY created_at DESC, version DESC')
      .pluck()
      .all(valuationId, actor.organizationId) as string[];
    return ids.map((id) => getAsset(ctx, actor, id));
  },

  'assets.open': async ({ id }, ctx) => {
    const actor = requireActor(ctx);
    const asset = getAsset(ctx, actor, id);
    getValuation(ctx, actor, asset.valuationId);
    if (!(await ctx.blobs.has(asset.sha256))) throw new AppError('NOT_FOUND', 'The file has not been downloaded to this computer yet.', { reason: 'FILE_NOT_DOWNLOADED' });
    return { path: await namedCopy(ctx, asset) };
  },

  'assets.read': async ({ id }, ctx) => {
    const actor = requireActor(ctx);
    const asset = getAsset(ctx, actor, id);
    getValuation(ctx, actor, asset.valuationId);
    const path = ctx.blobs.path(asset.sha256);
    const size = await stat(path).then((s) => s.size, () => null);
    if (size === null) throw new AppError('NOT_FOUND', 'The file has not been downloaded to this computer yet.', { reason: 'FILE_NOT_DOWNLOADED' });
    if (size > ASSET_READ_MAX_BYTES) throw new AppError('VALIDATION', 'The file is too large to download this way; open it instead.', { reason: 'FILE_TOO_LARGE_TO_READ' });
    const mimeType = isGeneratedFileType(asset.assetType) ? GENERATED_FILE_TYPES[asset.assetType].mime : 'application/octet-stream';
    return { fileName: asset.fileName, mimeType, bytesBase64: (await readFile(path)).toString('base64') };
  },

  'files.read': async ({ sha256 }, ctx) => {
    const actor = requireActor(ctx);
    // Only files that a row of a valuation the caller can see references can be read.
    const visible = actor.role === 'CLIENT_VIEWER' ? "AND v.status IN ('READY', 'SIGNED')" : '';
    const ref = ctx.db
      .prepare(
        `SELECT i.mime_type AS mime FROM images i JOIN valuations v ON v.id = i.valuation_id
           WHERE i.sha256 = @sha AND i.organization_id = @org ${visible}
         UNION ALL SELECT d.mime_type FROM documents d JOIN valuations v ON v.id = d.valuation_id
           WHERE d.sha256 = @sha AND d.organization_id = @org ${visible}
         UNION ALL SELECT 'image/webp' FROM asset_variants av JOIN images i ON i.id = av.image_id JOIN valuations v ON v.id = i.valuation_id
           WHERE av.sha256 = @sha AND av.organization_id = @org ${visible}
         LIMIT 1`,
      )
      .get({ sha: sha256, org: actor.organizationId }) as { mime: string } | undefined;
    if (!ref) throw new AppError('NOT_FOUND', 'No such file in this organization.', { reason: 'FILE_NOT_FOUND' });
    const path = ctx.blobs.path(sha256);
    const size = await stat(path).then((s) => s.size, () => null);
    if (size === null) throw new AppError('NOT_FOUND', 'The file has not been downloaded to this computer yet.', { reason: 'FILE_NOT_DOWNLOADED' });
    if (size > FILES_READ_MAX_BYTES) throw new AppError('VALIDATION', 'The file is too large to read this way; open it instead.', { reason: 'FILE_TOO_LARGE_TO_READ' });
    return { mimeType: ref.mime, bytesBase64: (await readFile(path)).toString('base64') };
  },
};
