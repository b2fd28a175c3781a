// Building the sections: a field per value, first found wins, rounded confidence, the document's
// name and the page in every source.
import type { Field, Row, Sections } from './types.ts';

const round = (confidence: number) => Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100;

export class SectionsBuilder {
  readonly sections: Sections = {};
  private readonly document: string | null;

  constructor(document: string | null) {
    this.document = document;
  }

  field<T>(value: T, page: number | null, confidence: number): Field<T> {
    return { value, source: { document: this.document, page }, confidence: round(confidence), edited: false };
  }

  has(section: string, key: string): boolean {
    return Boolean(this.sections[section]?.[key]);
  }

  /** Sets the field unless one was already found (the first occurrence in reading order wins). */
  set(section: string, key: string, value: unknown, page: number | null, confidence: number): void {
    if (this.has(section, key)) return;
    (this.sections[section] ??= {})[key] = this.field(value, page, confidence);
  }

  /** A list field from rows: its page is the first row's (or the heading's), its confidence the lowest. */
  setRows(section: string, key: string, rows: readonly { row: Row; confidence: number }[], headingPage: number | null, emptyConfidence: number): void {
    const page = rows[0] ? (rows[0].row.page as number | null) : headingPage;
    const confidence = rows.length ? Math.min(...rows.map((r) => r.confidence)) : emptyConfidence;
    (this.sections[section] ??= {})[key] = this.field(rows.map((r) => r.row), page, confidence);
  }
}
