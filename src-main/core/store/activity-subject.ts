import type Database from 'better-sqlite3';
import type { ActivitySubjectType } from '../../../src-shared/domain/enums.ts';
import type { SyncedTableName } from './tables.ts';

const SUBJECT_TYPES: Partial<Record<SyncedTableName, ActivitySubjectType>> = {
  valuations: 'valuation',
  valuation_sessions: 'session',
  documents: 'document',
  document_versions: 'document',
  images: 'image',
  asset_variants: 'image',
  assets: 'asset',
  document_shares: 'share',
};

/** What an activity row about a change to `table`/`rowId` names as its subject and valuation. */
export function activitySubject(db: Database.Database, table: SyncedTableName, rowId: string) {
  const subjectType = SUBJECT_TYPES[table] ?? 'valuation';
  if (table === 'valuations') return { subjectType, subjectId: rowId, valuationId: rowId };
  const row = db.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(rowId) as { valuation_id?: string | null } | undefined;
  return { subjectType, subjectId: rowId, valuationId: row?.valuation_id ?? null };
}
