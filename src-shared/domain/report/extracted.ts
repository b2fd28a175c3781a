// Tolerant reading of documents.extracted for the report: sections sit under `sections` (or at the top
// level, as step 3 also accepts); a field is `{ value, source, confidence, edited }` or a bare value;
// a list (owners, mortgages, plans, ...) is one field whose value is an array of rows. Anything of an
// unexpected shape reads as missing, never as an error: a draft's report is previewed half-filled.

export type Row = Record<string, unknown>;

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value of a field object, or the bare value written in its place. */
export const fieldValue = (field: unknown): unknown => (isRecord(field) && 'value' in field ? field.value : field);

/** Below this an extracted value is not printed unless the appraiser confirmed it (the extractor's own scale). */
export const TRUSTED_CONFIDENCE = 0.8;

export class Extraction {
  private readonly sections: Record<string, unknown>;

  constructor(extracted: unknown) {
    const root = isRecord(extracted) ? extracted : {};
    this.sections = isRecord(root.sections) ? root.sections : root;
  }

  /** The value of one field of one section, or undefined. */
  value(section: string, key: string): unknown {
    const fields = this.sections[section];
    return isRecord(fields) ? fieldValue(fields[key]) : undefined;
  }

  /**
   * The value of a field only when its evidence passed every check or the appraiser edited it: a fact
   * flagged for review, or read with low confidence, is not printed in a report (issue #15). A bare
   * value (typed by hand, or stored before evidence existed) counts as checked.
   */
  trusted(section: string, key: string): unknown {
    const fields = this.sections[section];
    const field = isRecord(fields) ? fields[key] : undefined;
    if (!isRecord(field) || !('value' in field)) return field;
    if (field.edited === true) return field.value;
    if (field.needsReview === true) return undefined;
    if (typeof field.confidence === 'number' && field.confidence < TRUSTED_CONFIDENCE) return undefined;
    return field.value;
  }

  /** A list's rows that need no review (a row the extraction flagged is left out of a report). */
  trustedRows(section: string, key: string): Row[] {
    return this.rows(section, key).filter((row) => row.needsReview !== true);
  }

  /** A list field's rows (records only). */
  rows(section: string, key: string): Row[] {
    const value = this.value(section, key);
    return Array.isArray(value) ? value.filter(isRecord) : [];
  }

  /** Fields the user added by hand in step 3 (the `manual` section): their label and value. */
  manualFields(): { label: string; value: unknown }[] {
    const manual = this.sections.manual;
    if (!isRecord(manual)) return [];
    return Object.entries(manual).map(([key, field]) => ({
      label: isRecord(field) && typeof field.label === 'string' && field.label.trim() ? field.label.trim() : key,
      value: fieldValue(field),
    }));
  }
}
