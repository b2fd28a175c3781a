// The report of a valuation as self-contained HTML: gathered from the store, built into the model
// (with the one calculation's figures), rendered by the template. The preview shows this text and the
// PDF printers print it.
import { buildReportModel } from '../../../src-shared/domain/report/model.ts';
import type { Actor, CoreContext } from '../context.ts';
import { gatherReportSource } from './gather.ts';
import { renderReportHtml } from './html/document.ts';

export async function buildReportHtml(ctx: CoreContext, actor: Actor, valuationId: string): Promise<string> {
  return renderReportHtml(buildReportModel(await gatherReportSource(ctx, actor, valuationId)));
}
