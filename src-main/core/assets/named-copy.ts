// Files live in the blob store under their sha256, without a name or an extension, so the operating
// system could not tell which program opens them. A generated file is opened from a copy that
// carries its own name, kept per asset (an asset's bytes never change, so the copy never goes stale).
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { safeDisplayName } from '../blobs/file-names.ts';
import type { CoreContext } from '../context.ts';

export async function namedCopy(ctx: CoreContext, asset: { id: string; sha256: string; fileName: string; sizeBytes: number }): Promise<string> {
  const dir = join(ctx.dataDir, 'files', asset.id);
  const target = join(dir, safeDisplayName(asset.fileName));
  const existing = await stat(target).catch(() => null);
  if (existing?.size === asset.sizeBytes) return target;
  await mkdir(dir, { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  await copyFile(ctx.blobs.path(asset.sha256), temp);
  await rename(temp, target);
  return target;
}
