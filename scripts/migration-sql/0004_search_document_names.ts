// Wrote migrations/sqlite/0004_search_document_names.sql (a drizzle-kit custom migration): 0003 let a
// NULL (no extracted text yet) swallow the document file names in doc_text. Kept to show how the SQL
// was made; released migrations are never edited, so this is not run again.
import { writeFileSync } from 'node:fs';
import { sqliteNormalizeExpression as n } from '../../src-shared/domain/search-text.ts';

const docText = (valuationIdExpr: string) =>
  `coalesce((SELECT group_concat(${n('t.value')}, ' ') FROM documents d, json_tree(coalesce(d.extracted, '{}')) t WHERE d.valuation_id = ${valuationIdExpr} AND t.type = 'text'), '')` +
  ` || ' ' || coalesce((SELECT group_concat(${n('d2.file_name')}, ' ') FROM documents d2 WHERE d2.valuation_id = ${valuationIdExpr}), '')`;
const row = (v: string) =>
  `${v}.rowid, ${n(`${v}.title`)}, ${n(`${v}.address_full`)} || ' ' || ${n(`json_extract(${v}.step1_data, '$.city')`)} || ' ' || ${n(`json_extract(${v}.step1_data, '$.street')`)}, ${n(`json_extract(${v}.step1_data, '$.client.name')`)}, coalesce(${v}.block, '') || '/' || coalesce(${v}.parcel, '') || '/' || coalesce(${v}.subparcel, ''), ${docText(`${v}.id`)}`;
const cols = 'rowid, title, address, client, block_parcel, doc_text';
const refresh = (idExpr: string) =>
  `UPDATE valuations_search SET doc_text = ${docText(idExpr)} WHERE rowid = (SELECT rowid FROM valuations WHERE id = ${idExpr});`;

const statements = [
  `-- Rebuilds the search triggers so that document file names are searchable before any text is extracted.
DROP TRIGGER valuations_search_insert`,
  'DROP TRIGGER valuations_search_update',
  'DROP TRIGGER documents_search_insert',
  'DROP TRIGGER documents_search_update',
  'DROP TRIGGER documents_search_delete',
  `CREATE TRIGGER valuations_search_insert AFTER INSERT ON valuations BEGIN
  INSERT INTO valuations_search (${cols}) SELECT ${row('NEW')};
END`,
  `CREATE TRIGGER valuations_search_update AFTER UPDATE OF title, address_full, step1_data, block, parcel, subparcel ON valuations BEGIN
  DELETE FROM valuations_search WHERE rowid = OLD.rowid;
  INSERT INTO valuations_search (${cols}) SELECT ${row('NEW')};
END`,
  `CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
  ${refresh('NEW.valuation_id')}
END`,
  `CREATE TRIGGER documents_search_update AFTER UPDATE OF extracted, file_name ON documents BEGIN
  ${refresh('NEW.valuation_id')}
END`,
  `CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
  ${refresh('OLD.valuation_id')}
END`,
  `UPDATE valuations_search SET doc_text = ${docText('(SELECT id FROM valuations WHERE rowid = valuations_search.rowid)')}`,
];
writeFileSync(
  new URL('../../migrations/sqlite/0004_search_document_names.sql', import.meta.url),
  statements.join(';\n--> statement-breakpoint\n') + ';\n',
);
