// Signing seals a valuation: the final report is printed to PDF, kept as an asset with its sha256,
// and the valuation records the seal and becomes SIGNED, all in one local transaction (the server
// checks the same rules again when the change arrives). A change after that needs a revision.
import { AppError } from '../../../src-shared/contract/errors.ts';
import { canTransition, canWrite } from '../../../src-shared/domain/lifecycle.ts';
import { enforce, requireActor, type Actor, type CoreContext } from '../context.ts';
import { printReport } from '../exports/handlers.ts';
import { getAsset, storeGeneratedFile } from '../exports/generated-file.ts';
import { reportFileName } from '../exports/file-names.ts';
import type { HandlerMap } from '../handlers.ts';
import { enforcePreflight } from '../preflight/gate.ts';
import { getValuation } from '../valuations/queries.ts';
import { revisionChanges } from './revision.ts';

/** The slug of the sealed report among the valuation's assets. */
export const SIGNED_REPORT_SLUG = 'signed-report';

/**
 * The newest server version among the rows the report is printed from (the valuation, its documents
 * and images) as this device has them: the server compares it with its own.
 */
function printedFromVersion(ctx: CoreContext, valuationId: string): number {
  const { version } = ctx.db
    .prepare(
      `SELECT max(v) AS version FROM (
         SELECT server_version AS v FROM valuations WHERE id = @id
         UNION ALL SELECT server_version FROM documents WHERE valuation_id = @id
         UNION ALL SELECT server_version FROM images WHERE valuation_id = @id)`,
    )
    .get({ id: valuationId }) as { version: number | null };
  return Number(version ?? 0);
}

function mustBeSignable(ctx: CoreContext, actor: Actor, id: string) {
  const valuation = getValuation(ctx, actor, id);
  enforce(canTransition({ from: valuation.status, to: 'SIGNED', role: actor.role, isAppraiser: valuation.createdById === actor.userId, viaSigning: true }));
  enforcePreflight(ctx, actor, id, 'SIGNED');
  return valuation;
}

export const signingHandlers: HandlerMap<'valuations.sign' | 'valuations.revise'> = {
  'valuations.sign': async ({ id }, ctx) => {
    const actor = requireActor(ctx);
    const before = mustBeSignable(ctx, actor, id);
    const printedFrom = printedFromVersion(ctx, id);
    const pdf = await printReport(ctx, actor, id);
    const stored = await storeGeneratedFile(ctx, actor, id, {
      assetType: 'PDF',
      slug: SIGNED_REPORT_SLUG,
      fileName: reportFileName(before.title, 'pdf'),
      bytes: pdf,
    });
    // Printing takes seconds: whatever changed meanwhile (an edit, a pull) is not in the PDF, so it is
    // not sealed. Checked with no await before the write, so nothing can slip in between.
    const after = mustBeSignable(ctx, actor, id);
    if (after.updatedAt !== before.updatedAt || printedFromVersion(ctx, id) !== printedFrom) {
      throw new AppError('CONFLICT', 'The valuation changed while its report was being printed; sign again.', { reason: 'CHANGED_WHILE_PRINTING' });
    }
    const sha256 = stored.change.values.sha256 as string;
    ctx.writer.write(actor, [
      stored.change,
      {
        table: 'valuations',
        op: 'update',
        rowId: id,
        values: { status: 'SIGNED', signed_by_id: actor.userId, signed_at: ctx.now(), report_sha256: sha256 },
        // The server refuses the seal when anything the report shows changed after this version.
        baseVersion: printedFrom,
        // The server accepts the seal only once it holds the sealed file.
        blobSha256: sha256,
        activity: { subjectType: 'valuation', subjectId: id, valuationId: id, action: 'signed', payload: { sha256, assetId: stored.assetId, from: before.status } },
      },
    ]);
    ctx.emit('data.changed', { tables: ['valuations', 'assets', 'activity_logs'], ids: [id, stored.assetId] });
    return { valuation: getValuation(ctx, actor, id), asset: getAsset(ctx, actor, stored.assetId) };
  },

  'valuations.revise': ({ id }, ctx) => {
    const actor = requireActor(ctx);
    enforce(canWrite(actor.role));
    const signed = getValuation(ctx, actor, id);
    if (signed.status !== 'SIGNED') throw new AppError('LIFECYCLE', 'Only a signed valuation is revised; edit this one directly.', { reason: 'REVISE_SIGNED_ONLY' });
    const { revisionId, changes } = revisionChanges(ctx, actor, id);
    ctx.writer.write(actor, changes);
    ctx.emit('data.changed', { tables: ['valuations', 'documents', 'images', 'activity_logs'], ids: [revisionId] });
    return getValuation(ctx, actor, revisionId);
  },
};
