// What a conflict or a refused change is about, as a person names it: the valuation's title, or the
// file's name and its valuation's title (never the table and the row id).
import type { ChangeSubject } from '../../../src-shared/contract/entities.ts';
import type { CoreContext } from '../context.ts';

export function subjectOf(ctx: CoreContext, table: string, rowId: string): ChangeSubject {
  if (table === 'valuations') {
    const row = ctx.db.prepare('SELECT title FROM valuations WHERE id = ?').get(rowId) as { title: string } | undefined;
    return { kind: 'valuation', title: row?.title ?? null, valuationId: row ? rowId : null, valuationTitle: row?.title ?? null };
  }
  if (table === 'documents' || table === 'images') {
    const row = ctx.db
      .prepare(`SELECT f.file_name AS fileName, v.id AS valuationId, v.title AS valuationTitle FROM "${table}" f LEFT JOIN valuations v ON v.id = f.valuation_id WHERE f.id = ?`)
      .get(rowId) as { fileName: string; valuationId: string | null; valuationTitle: string | null } | undefined;
    return { kind: table === 'documents' ? 'document' : 'image', title: row?.fileName ?? null, valuationId: row?.valuationId ?? null, valuationTitle: row?.valuationTitle ?? null };
  }
  return { kind: 'other', title: null, valuationId: null, valuationTitle: null };
}
