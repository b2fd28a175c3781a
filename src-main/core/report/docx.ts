// The report of a valuation as a Word document: gathered from the store, built into the model (with the
// one calculation's figures) and rendered by docx/document.ts with the same content as the HTML and PDF.
import { buildReportModel } from '../../../src-shared/domain/report/model.ts';
import type { Actor, CoreContext } from '../context.ts';
import { renderReportDocx } from './docx/document.ts';
import { gatherReportSource } from './gather.ts';

export async function buildReportDocx(ctx: CoreContext, actor: Actor, valuationId: string): Promise<Uint8Array> {
  return renderReportDocx(buildReportModel(await gatherReportSource(ctx, actor, valuationId)));
}
