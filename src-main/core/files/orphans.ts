import type { CoreContext } from '../context.ts';

const REFERENCES = `SELECT 1 FROM documents WHERE sha256 = @sha UNION ALL SELECT 1 FROM document_versions WHERE sha256 = @sha
  UNION ALL SELECT 1 FROM images WHERE sha256 = @sha UNION ALL SELECT 1 FROM assets WHERE sha256 = @sha
  UNION ALL SELECT 1 FROM asset_variants WHERE sha256 = @sha LIMIT 1`;

/**
 * Runs a write that will reference freshly stored files; if it fails, the files no row references are
 * removed again so that a refused add leaves nothing behind.
 */
export async function withStoredFiles<T>(ctx: CoreContext, sha256s: readonly string[], write: () => T | Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    for (const sha of sha256s) {
      if (!ctx.db.prepare(REFERENCES).get({ sha })) await ctx.blobs.remove(sha).catch(() => false);
    }
    throw error;
  }
}
