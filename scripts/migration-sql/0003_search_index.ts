// Wrote migrations/sqlite/0003_search_index.sql (a drizzle-kit custom migration). Kept to show how
// the SQL was made; released migrations are never edited, so this is not run again.
import { writeFileSync } from 'node:fs';
import { sqliteNormalizeExpression as n } from '../../src-shared/domain/search-text.ts';
const docText = (valuationIdExpr: string) =>
  `(SELECT group_concat(${n("t.value")}, ' ') FROM documents d, json_tree(coalesce(d.extracted, '{}')) t WHERE d.valuation_id = ${valuationIdExpr} AND t.type = 'text') || ' ' || coalesce((SELECT group_concat(${n('d2.file_name')}, ' ') FROM documents d2 WHERE d2.valuation_id = ${valuationIdExpr}), '')`;
const row = (v: string) => `${v}.rowid, ${n(`${v}.title`)}, ${n(`${v}.address_full`)} || ' ' || ${n(`json_extract(${v}.step1_data, '$.city')`)} || ' ' || ${n(`json_extract(${v}.step1_data, '$.street')`)}, ${n(`json_extract(${v}.step1_data, '$.client.name')`)}, coalesce(${v}.block, '') || '/' || coalesce(${v}.parcel, '') || '/' || coalesce(${v}.subparcel, ''), coalesce(${docText(`${v}.id`)}, '')`;
const cols = 'rowid, title, address, client, block_parcel, doc_text';
const refresh = (idExpr: string) => `UPDATE valuations_search SET doc_text = coalesce(${docText(idExpr)}, '') WHERE rowid = (SELECT rowid FROM valuations WHERE id = ${idExpr});`;
const stmts = [
  `-- Full-text search over valuations (titles, addresses, client names, block/parcel, extracted document text).
-- Text is normalised with src-shared/domain/search-text.ts (final letters, geresh/gershayim, bidi controls).
CREATE VIRTUAL TABLE valuations_search USING fts5(title, address, client, block_parcel, doc_text, tokenize = 'unicode61 remove_diacritics 2')`,
  `INSERT INTO valuations_search (${cols}) SELECT ${row('v')} FROM valuations v`,
  `CREATE TRIGGER valuations_search_insert AFTER INSERT ON valuations BEGIN
  INSERT INTO valuations_search (${cols}) SELECT ${row('NEW')};
END`,
  `CREATE TRIGGER valuations_search_update AFTER UPDATE OF title, address_full, step1_data, block, parcel, subparcel ON valuations BEGIN
  DELETE FROM valuations_search WHERE rowid = OLD.rowid;
  INSERT INTO valuations_search (${cols}) SELECT ${row('NEW')};
END`,
  `CREATE TRIGGER valuations_search_delete AFTER DELETE ON valuations BEGIN
  DELETE FROM valuations_search WHERE rowid = OLD.rowid;
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
];
writeFileSync(new URL('../../migrations/sqlite/0003_search_index.sql', import.meta.url), stmts.join(';\n--> statement-breakpoint\n').replace(/END;?$/,'END') + ';\n');
