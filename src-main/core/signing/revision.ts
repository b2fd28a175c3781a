// A revision of a signed valuation: a new valuation with the same data and files, linked to the
// signed one by revision_of_id. The signed valuation and its sealed report stay exactly as they were.
import type { Actor, CoreContext } from '../context.ts';
import { DUPLICATED_FIELDS } from '../valuations/handlers.ts';
import { decodeColumns, type SyncedTableName } from '../store/tables.ts';
import type { Change } from '../store/writer.ts';

/** Copied into the revision: what a duplicate gets, and — the same data, so the same value — step 5 and the computed figures. */
const REVISED_FIELDS = [...DUPLICATED_FIELDS, 'step5_data', 'final_valuation_agorot', 'price_per_sqm_agorot'] as const;

/** "(מהדורה 2)" after the title: the signed one and its revision must not read alike in a list. */
const EDITION_SUFFIX = / \(מהדורה \d+\)$/;
const MAX_TITLE = 300;

/** The revision's title: the signed one's, numbered by how many signed editions precede it. */
function revisionTitle(ctx: CoreContext, signed: Record<string, unknown>): string {
  let edition = 2;
  let parent = signed.revision_of_id;
  const ancestor = ctx.db.prepare('SELECT revision_of_id FROM valuations WHERE id = ?').pluck();
  for (let hops = 0; typeof parent === 'string' && hops < 1000; hops++, edition++) parent = ancestor.get(parent);
  const suffix = ` (מהדורה ${edition})`;
  return `${String(signed.title).replace(EDITION_SUFFIX, '').slice(0, MAX_TITLE - suffix.length)}${suffix}`;
}

/** Columns a copied row gets anew (sync bookkeeping is the local store's own). */
const NOT_COPIED = new Set(['server_version']);

/** Replaces every string that is an old row id with its copy's id, anywhere inside a JSON value. */
function remapIds(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => remapIds(item, ids));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remapIds(v, ids)]));
  return value;
}

function rows(ctx: CoreContext, table: SyncedTableName, sql: string, ...params: unknown[]): Record<string, unknown>[] {
  return (ctx.db.prepare(sql).all(...params) as Record<string, unknown>[]).map((raw) => decodeColumns(table, raw));
}

/** The inserts that create the revision of `signedId` (valuation first, then its files), and its id. */
export function revisionChanges(ctx: CoreContext, actor: Actor, signedId: string): { revisionId: string; changes: Change[] } {
  const signed = rows(ctx, 'valuations', 'SELECT * FROM valuations WHERE id = ?', signedId)[0]!;
  const documents = rows(ctx, 'documents', 'SELECT * FROM documents WHERE valuation_id = ? ORDER BY created_at, id', signedId);
  const images = rows(ctx, 'images', 'SELECT * FROM images WHERE valuation_id = ? ORDER BY created_at, id', signedId);
  const variants = rows(
    ctx,
    'asset_variants',
    `SELECT av.* FROM asset_variants av WHERE av.image_id IN (SELECT id FROM images WHERE valuation_id = @v)
       OR av.document_id IN (SELECT id FROM documents WHERE valuation_id = @v) ORDER BY av.id`,
    { v: signedId },
  );
  const revisionId = ctx.newId();
  const ids = new Map<string, string>([[signedId, revisionId]]);
  for (const row of [...documents, ...images, ...variants]) ids.set(String(row.id), ctx.newId());
  const now = ctx.now();

  const valuation: Record<string, unknown> = {
    id: revisionId,
    organization_id: actor.organizationId,
    created_by_id: actor.userId,
    status: 'IN_PROGRESS',
    title: revisionTitle(ctx, signed),
    revision_of_id: signedId,
    created_at: now,
    updated_at: now,
  };
  for (const field of REVISED_FIELDS) valuation[field] = remapIds(signed[field] ?? null, ids);

  const copy = (table: SyncedTableName, row: Record<string, unknown>, actorColumn: string | null): Change => {
    const values: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) if (!NOT_COPIED.has(column)) values[column] = remapIds(value, ids);
    // A row's own uploader is whoever adds it (the server insists), so the copy is the reviser's.
    if (actorColumn) values[actorColumn] = actor.userId;
    Object.assign(values, { created_at: now, updated_at: now });
    const rowId = String(values.id);
    return {
      table,
      op: 'insert',
      rowId,
      values,
      blobSha256: typeof values.sha256 === 'string' ? values.sha256 : null,
      activity: { subjectType: table === 'images' ? 'image' : 'document', subjectId: rowId, valuationId: revisionId, action: 'created', payload: { copiedFrom: row.id } },
    };
  };

  return {
    revisionId,
    changes: [
      {
        table: 'valuations',
        op: 'insert',
        rowId: revisionId,
        values: valuation,
        activity: { subjectType: 'valuation', subjectId: revisionId, valuationId: revisionId, action: 'created', payload: { revisionOf: signedId } },
      },
      ...documents.map((row) => copy('documents', row, 'uploaded_by_id')),
      ...images.map((row) => copy('images', row, 'uploaded_by_id')),
      ...variants.map((row) => copy('asset_variants', row, null)),
    ],
  };
}
