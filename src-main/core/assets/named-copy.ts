// Files live in the blob store under their sha256, without a name or an extension, so the operating
// system could not tell which program opens them. A generated file is opened from a copy that
// carries its own name, kept per asset (an asset's bytes never change, so the copy never goes stale).
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/contract/errors.ts';
import { GENERATED_FILE_TYPES, isGeneratedFileType } from '../../../src-shared/domain/file-kinds.ts';
import { safeDisplayName } from '../blobs/file-names.ts';
import type { CoreContext } from '../context.ts';

export interface CopiedAsset {
  id: string;
  assetType: string;
  sha256: string;
  fileName: string;
  sizeBytes: number;
}

/**
 * The file name of the copy: the asset's name, with the extension of what the file IS (its type),
 * whatever a colleague's row says — the system opens a file by its extension.
 */
export function copyName(asset: Pick<CopiedAsset, 'assetType' | 'fileName'>): string {
  if (!isGeneratedFileType(asset.assetType)) throw new AppError('VALIDATION', 'This kind of file cannot be opened from here.', { reason: 'FILE_KIND_NOT_OPENABLE' });
  const { ext } = GENERATED_FILE_TYPES[asset.assetType];
  const name = safeDisplayName(asset.fileName);
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.${ext}`;
}

export async function namedCopy(ctx: CoreContext, asset: CopiedAsset): Promise<string> {
  const dir = join(ctx.dataDir, 'files', asset.id);
  const target = join(dir, copyName(asset));
  const existing = await stat(target).catch(() => null);
  if (existing?.size === asset.sizeBytes) return target;
  await mkdir(dir, { recursive: true });
  // A name of its own per call: two opens at once must not write into one temporary file.
  const temp = join(dir, `.${randomUUID()}.tmp`);
  await copyFile(ctx.blobs.path(asset.sha256), temp);
  await rename(temp, target);
  return target;
}
