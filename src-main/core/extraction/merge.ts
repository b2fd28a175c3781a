// Extracting a document again: the new result replaces the old one, except that fields the user
// edited (edited: true, including the fields they added in the `manual` section) are kept unless
// keepManual is false. The previous extraction, with the user's edits of the time, goes into
// `history` (oldest first, bounded), so nothing typed is lost either way. Warnings that depend on
// values (shares, ID check digits) are recomputed on the merged fields. Pure.
import type { ExtractionResult, ExtractionSnapshot, Sections, StoredExtraction } from './types.ts';
import { validateTabu } from './validate.ts';

export const HISTORY_LIMIT = 10;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const VALUE_WARNINGS = new Set(['SHARES_SUM_NOT_ONE', 'SHARE_UNREADABLE', 'INVALID_ID_CHECK_DIGIT', 'MISSING_FIELD']);
/** Top-level keys of a stored extraction that are not sections (the step-3 shape allows sections at the top). */
const META_KEYS = new Set(['status', 'extractor', 'docType', 'extractedAt', 'pageCount', 'pagesWithoutText', 'sections', 'warnings', 'history', 'merge']);

/** The sections of whatever documents.extracted holds: its `sections`, or the section-like top-level entries. */
function sectionsOf(extracted: Record<string, unknown>): Record<string, unknown> {
  if (isRecord(extracted.sections)) return extracted.sections;
  return Object.fromEntries(Object.entries(extracted).filter(([key, value]) => !META_KEYS.has(key) && isRecord(value)));
}

function snapshot(extracted: Record<string, unknown>): ExtractionSnapshot {
  const extractor = isRecord(extracted.extractor) && typeof extracted.extractor.name === 'string' && typeof extracted.extractor.version === 'string'
    ? { name: extracted.extractor.name, version: extracted.extractor.version }
    : null;
  return {
    status: typeof extracted.status === 'string' ? extracted.status : null,
    extractor,
    extractedAt: typeof extracted.extractedAt === 'string' ? extracted.extractedAt : null,
    sections: sectionsOf(extracted),
    warnings: Array.isArray(extracted.warnings) ? extracted.warnings : [],
  };
}

export interface MergeOptions {
  /** Keep the fields the user edited (default). False: take the new extraction as it is. */
  keepManual?: boolean;
}

export function mergeExtraction(previous: unknown, next: ExtractionResult, options: MergeOptions = {}): StoredExtraction {
  const keepManual = options.keepManual ?? true;
  const sections: Sections = Object.fromEntries(Object.entries(next.sections).map(([key, section]) => [key, { ...section }]));
  const keptFields: string[] = [];
  let history: ExtractionSnapshot[] = [];

  if (isRecord(previous)) {
    const before = sectionsOf(previous);
    if (keepManual) {
      for (const [sectionKey, section] of Object.entries(before)) {
        if (!isRecord(section)) continue;
        for (const [fieldKey, field] of Object.entries(section)) {
          if (!isRecord(field) || field.edited !== true) continue;
          (sections[sectionKey] ??= {})[fieldKey] = field as unknown as Sections[string][string];
          keptFields.push(`${sectionKey}.${fieldKey}`);
        }
      }
    }
    const earlier = Array.isArray(previous.history) ? previous.history.filter(isRecord).map((entry) => entry as unknown as ExtractionSnapshot) : [];
    const hasContent = Object.keys(before).length > 0 || typeof previous.status === 'string';
    history = [...earlier, ...(hasContent ? [snapshot(previous)] : [])].slice(-HISTORY_LIMIT);
  }

  const warnings =
    next.docType === 'TABU' && next.status === 'EXTRACTED'
      ? [...next.warnings.filter((w) => !VALUE_WARNINGS.has(w.code)), ...validateTabu(sections)]
      : next.warnings;
  return { ...next, sections, warnings, merge: { keepManual, keptFields }, history };
}
