import type { DocumentEntity } from '../../../src-shared/contract/entities.ts';
import { AppError } from '../../../src-shared/contract/errors.ts';
import { canEdit } from '../../../src-shared/domain/lifecycle.ts';
import { extractDocument } from '../extraction/extract.ts';
import { mergeExtraction } from '../extraction/merge.ts';
import { enforce, requireActor } from '../context.ts';
import { withStoredFiles } from '../files/orphans.ts';
import { valuationRowActivity, valuationRows } from '../files/valuation-rows.ts';
import { toBlobSource } from '../files/sources.ts';
import type { HandlerMap } from '../handlers.ts';
import { rowSyncStateSql } from '../store/row-sync-state.ts';
import { toEntity } from '../store/tables.ts';
import { getValuation } from '../valuations/queries.ts';

type Methods =
  | 'documents.add'
  | 'documents.list'
  | 'documents.remove'
  | 'documents.versions'
  | 'documents.getExtracted'
  | 'documents.updateExtracted'
  | 'documents.extract';

const SELECT_DOCUMENT = `SELECT d.*, ${rowSyncStateSql('documents', 'd.id', 'd.server_version')} AS sync_state FROM documents d`;

function toDocument(raw: Record<string, unknown>): DocumentEntity {
  return { ...toEntity<Omit<DocumentEntity, 'syncState'>>('documents', raw), syncState: raw.sync_state as DocumentEntity['syncState'] };
}

const documents = valuationRows({ select: SELECT_DOCUMENT, alias: 'd', noun: 'document', notFound: 'DOCUMENT_NOT_FOUND', toEntity: toDocument });
const getDocument = documents.get;
/** The document and its valuation, refusing when the valuation can no longer change. */
const editableDocument = documents.editable;
const activity = valuationRowActivity('document');

export const documentHandlers: HandlerMap<Methods> = {
  'documents.add': async ({ valuationId, docType, fileName, source, replacesId }, ctx) => {
    const actor = requireActor(ctx);
    enforce(canEdit(getValuation(ctx, actor, valuationId).status, actor.role));
    const replaced = replacesId ? editableDocument(ctx, actor, replacesId) : null;
    if (replaced && replaced.valuationId !== valuationId) throw new AppError('VALIDATION', 'That document belongs to another valuation.', { reason: 'DOCUMENT_OF_ANOTHER_VALUATION' });
    const blob = await ctx.blobs.put(toBlobSource(source), fileName);

    return withStoredFiles(ctx, [blob.sha256], () => {
      // A pull may have removed or signed the valuation while the file was being stored.
      enforce(canEdit(getValuation(ctx, actor, valuationId).status, actor.role));
      const duplicate = ctx.db
        .prepare(`${SELECT_DOCUMENT} WHERE d.valuation_id = ? AND d.sha256 = ?`)
        .get(valuationId, blob.sha256) as Record<string, unknown> | undefined;
      if (duplicate) return { document: toDocument(duplicate), duplicateOf: String(duplicate.id) };

      const now = ctx.now();
      const file = {
        file_name: blob.displayName,
        storage_key: blob.sha256,
        sha256: blob.sha256,
        size_bytes: blob.sizeBytes,
        mime_type: blob.mime,
      };
      if (replaced) {
        const { n } = ctx.db.prepare('SELECT count(*) AS n FROM document_versions WHERE document_id = ?').get(replaced.id) as { n: number };
        const versionId = ctx.newId();
        ctx.writer.write(actor, [
          {
            table: 'document_versions',
            op: 'insert',
            rowId: versionId,
            values: {
              id: versionId,
              document_id: replaced.id,
              organization_id: actor.organizationId,
              version_number: n + 1,
              file_name: replaced.fileName,
              storage_key: replaced.sha256,
              sha256: replaced.sha256,
              size_bytes: replaced.sizeBytes,
              changes_summary: `replaced by ${blob.displayName}`,
              created_by_id: actor.userId,
              created_at: now,
              updated_at: now,
            },
            activity: activity(replaced, 'created', { version: n + 1 }),
          },
          {
            table: 'documents',
            op: 'update',
            rowId: replaced.id,
            values: { ...file, doc_type: docType, extracted: null, uploaded_by_id: actor.userId },
            activity: activity(replaced, 'uploaded', { fileName: blob.displayName, replaces: replaced.sha256 }),
            blobSha256: blob.sha256,
          },
        ]);
        ctx.emit('data.changed', { tables: ['documents'], ids: [replaced.id] });
        return { document: getDocument(ctx, actor, replaced.id), duplicateOf: null };
      }

      const id = ctx.newId();
      ctx.writer.write(actor, [
        {
          table: 'documents',
          op: 'insert',
          rowId: id,
          values: {
            id,
            valuation_id: valuationId,
            organization_id: actor.organizationId,
            doc_type: docType,
            ...file,
            source: 'USER_UPLOAD',
            uploaded_by_id: actor.userId,
            created_at: now,
            updated_at: now,
          },
          activity: activity({ id, valuationId }, 'uploaded', { fileName: blob.displayName, docType }),
          blobSha256: blob.sha256,
        },
      ]);
      ctx.emit('data.changed', { tables: ['documents'], ids: [id] });
      return { document: getDocument(ctx, actor, id), duplicateOf: null };
    });
  },

  'documents.list': ({ valuationId }, ctx) => {
    const actor = requireActor(ctx);
    getValuation(ctx, actor, valuationId);
    const rows = ctx.db
      .prepare(`${SELECT_DOCUMENT} WHERE d.valuation_id = ? AND d.organization_id = ? ORDER BY d.created_at, d.id`)
      .all(valuationId, actor.organizationId) as Record<string, unknown>[];
    return rows.map(toDocument);
  },

  'documents.remove': ({ id }, ctx) => {
    const actor = requireActor(ctx);
    const document = editableDocument(ctx, actor, id);
    ctx.writer.write(actor, [
      { table: 'documents', op: 'delete', rowId: id, values: {}, activity: activity(document, 'deleted', { fileName: document.fileName }) },
    ]);
    ctx.emit('data.changed', { tables: ['documents'], ids: [id] });
    return { ok: true as const };
  },

  'documents.versions': ({ documentId }, ctx) => {
    const actor = requireActor(ctx);
    getDocument(ctx, actor, documentId);
    const rows = ctx.db
      .prepare('SELECT * FROM document_versions WHERE document_id = ? ORDER BY version_number DESC')
      .all(documentId) as Record<string, unknown>[];
    return rows.map((raw) => toEntity('document_versions', raw));
  },

  'documents.getExtracted': ({ id }, ctx) => ({ extracted: getDocument(ctx, requireActor(ctx), id).extracted }),

  'documents.extract': async ({ id, keepManual }, ctx) => {
    const actor = requireActor(ctx);
    const document = editableDocument(ctx, actor, id);
    const result = await extractDocument({
      path: ctx.blobs.path(document.sha256),
      docType: document.docType,
      documentName: document.fileName,
      now: () => new Date(ctx.now()),
    });
    // A re-run keeps what the user corrected (unless asked not to) and the earlier extraction as history.
    const extracted = mergeExtraction(document.extracted, result, { keepManual: keepManual ?? true });
    ctx.writer.write(actor, [
      {
        table: 'documents',
        op: 'update',
        rowId: id,
        values: { extracted },
        activity: activity(document, 'updated', { fields: ['extracted'], extraction: result.status, extractor: result.extractor.version }),
      },
    ]);
    ctx.emit('data.changed', { tables: ['documents'], ids: [id] });
    return { document: getDocument(ctx, actor, id), status: result.status, warnings: extracted.warnings as unknown as Record<string, unknown>[] };
  },

  'documents.updateExtracted': ({ id, extracted }, ctx) => {
    const actor = requireActor(ctx);
    const document = editableDocument(ctx, actor, id);
    ctx.writer.write(actor, [
      { table: 'documents', op: 'update', rowId: id, values: { extracted }, activity: activity(document, 'updated', { fields: ['extracted'] }) },
    ]);
    ctx.emit('data.changed', { tables: ['documents'], ids: [id] });
    return getDocument(ctx, actor, id);
  },
};
