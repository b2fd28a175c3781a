// The report as HTML for the preview, and the files made from it and from the valuation's data.
import { AppError } from '../../../src-shared/contract/errors.ts';
import { canGenerateFiles } from '../../../src-shared/domain/lifecycle.ts';
import { enforce, requireActor, type Actor, type CoreContext } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { buildReportHtml } from '../report/build-html.ts';
import { buildReportDocx } from '../report/docx.ts';
import { buildValuationCsv, buildValuationJson } from '../report/exports.ts';
import { getValuation } from '../valuations/queries.ts';
import { namedCopy } from '../assets/named-copy.ts';
import { getAsset, storeGeneratedFile, type GeneratedFile } from './generated-file.ts';
import { reportFileName } from './file-names.ts';

type Format = 'PDF' | 'DOCX' | 'CSV' | 'JSON';

/** The report printed to PDF; UNAVAILABLE where this session has no printer. */
export async function printReport(ctx: CoreContext, actor: Actor, valuationId: string): Promise<Uint8Array> {
  if (!ctx.printPdf) throw new AppError('UNAVAILABLE', 'Reports cannot be printed to PDF in this session.', { reason: 'PRINT_UNAVAILABLE' });
  const html = await buildReportHtml(ctx, actor, valuationId);
  try {
    return await ctx.printPdf(html);
  } catch (error) {
    throw new AppError('UNAVAILABLE', 'The report could not be printed to PDF; try again.', { reason: 'PRINT_FAILED', cause: error instanceof Error ? error.message : String(error) });
  }
}

async function generate(ctx: CoreContext, actor: Actor, valuationId: string, format: Format): Promise<GeneratedFile> {
  const title = getValuation(ctx, actor, valuationId).title;
  switch (format) {
    case 'PDF':
      return { assetType: 'PDF', slug: 'report-pdf', fileName: reportFileName(title, 'pdf'), bytes: await printReport(ctx, actor, valuationId) };
    case 'DOCX':
      return { assetType: 'DOCX', slug: 'report-docx', fileName: reportFileName(title, 'docx'), bytes: await buildReportDocx(ctx, actor, valuationId) };
    case 'CSV': {
      const csv = await buildValuationCsv(ctx, actor, valuationId);
      return { assetType: 'CSV', slug: 'valuation-csv', fileName: csv.fileName, bytes: csv.bytes };
    }
    case 'JSON': {
      const json = await buildValuationJson(ctx, actor, valuationId);
      return { assetType: 'JSON', slug: 'valuation-json', fileName: json.fileName, bytes: json.bytes };
    }
  }
}

export const exportHandlers: HandlerMap<'report.preview' | 'report.export'> = {
  'report.preview': async ({ valuationId }, ctx) => ({ html: await buildReportHtml(ctx, requireActor(ctx), valuationId) }),

  'report.export': async ({ valuationId, format }, ctx) => {
    const actor = requireActor(ctx);
    enforce(canGenerateFiles(getValuation(ctx, actor, valuationId).status, actor.role));
    const file = await generate(ctx, actor, valuationId, format);
    // Checked again after the (slow) generation: the valuation may have been archived meanwhile.
    enforce(canGenerateFiles(getValuation(ctx, actor, valuationId).status, actor.role));
    const stored = await storeGeneratedFile(ctx, actor, valuationId, file);
    ctx.writer.write(actor, [stored.change]);
    ctx.emit('data.changed', { tables: ['assets', 'activity_logs'], ids: [stored.assetId] });
    const asset = getAsset(ctx, actor, stored.assetId);
    return { asset, path: await namedCopy(ctx, asset) };
  },
};
