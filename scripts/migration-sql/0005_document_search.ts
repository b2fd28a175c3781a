// Wrote migrations/sqlite/0005_document_search.sql (a drizzle-kit custom migration). Document text moves
// to its own index, one row per document, so adding a document no longer rewrites its valuation's
// index row (bulk sync was three times slower with it). Kept to show how the SQL was made; released
// migrations are never edited, so this is not run again.
import { writeFileSync } from 'node:fs';
import { sqliteNormalizeExpression as n } from '../../src-shared/domain/search-text.ts';

const TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2'";
const valuationRow = (v: string) =>
  `${v}.rowid, ${n(`${v}.title`)}, ${n(`${v}.address_full`)} || ' ' || ${n(`json_extract(${v}.step1_data, '$.city')`)} || ' ' || ${n(`json_extract(${v}.step1_data, '$.street')`)}, ${n(`json_extract(${v}.step1_data, '$.client.name')`)}, coalesce(${v}.block, '') || '/' || coalesce(${v}.parcel, '') || '/' || coalesce(${v}.subparcel, '')`;
const documentRow = (d: string) =>
  `${d}.rowid, ${d}.valuation_id, ${n(`${d}.file_name`)} || ' ' || coalesce((SELECT group_concat(${n('t.value')}, ' ') FROM json_tree(coalesce(${d}.extracted, '{}')) t WHERE t.type = 'text'), '')`;
const valuationColumns = 'rowid, title, address, client, block_parcel';
const documentColumns = 'rowid, valuation_id, text';

const statements = [
  `-- Valuation fields and document text get separate full-text indexes.
DROP TRIGGER valuations_search_insert`,
  'DROP TRIGGER valuations_search_update',
  'DROP TRIGGER valuations_search_delete',
  'DROP TRIGGER documents_search_insert',
  'DROP TRIGGER documents_search_update',
  'DROP TRIGGER documents_search_delete',
  'DROP TABLE valuations_search',
  `CREATE VIRTUAL TABLE valuations_search USING fts5(title, address, client, block_parcel, ${TOKENIZER})`,
  `CREATE VIRTUAL TABLE documents_search USING fts5(valuation_id UNINDEXED, text, ${TOKENIZER})`,
  `INSERT INTO valuations_search (${valuationColumns}) SELECT ${valuationRow('v')} FROM valuations v`,
  `INSERT INTO documents_search (${documentColumns}) SELECT ${documentRow('d')} FROM documents d`,
  `CREATE TRIGGER valuations_search_insert AFTER INSERT ON valuations BEGIN
  INSERT INTO valuations_search (${valuationColumns}) SELECT ${valuationRow('NEW')};
END`,
  `CREATE TRIGGER valuations_search_update AFTER UPDATE OF title, address_full, step1_data, block, parcel, subparcel ON valuations BEGIN
  DELETE FROM valuations_search WHERE rowid = OLD.rowid;
  INSERT INTO valuations_search (${valuationColumns}) SELECT ${valuationRow('NEW')};
END`,
  `CREATE TRIGGER valuations_search_delete AFTER DELETE ON valuations BEGIN
  DELETE FROM valuations_search WHERE rowid = OLD.rowid;
END`,
  `CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_search (${documentColumns}) SELECT ${documentRow('NEW')};
END`,
  `CREATE TRIGGER documents_search_update AFTER UPDATE OF extracted, file_name, valuation_id ON documents BEGIN
  DELETE FROM documents_search WHERE rowid = OLD.rowid;
  INSERT INTO documents_search (${documentColumns}) SELECT ${documentRow('NEW')};
END`,
  `CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
  DELETE FROM documents_search WHERE rowid = OLD.rowid;
END`,
];
writeFileSync(new URL('../../migrations/sqlite/0005_document_search.sql', import.meta.url), statements.join(';\n--> statement-breakpoint\n') + ';\n');
