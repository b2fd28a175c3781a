// A condominium order (צו רישום בית משותף) with a text layer: the few fields it states plainly —
// block and parcel, the number of sub-parcels, and the attachments table. Orders are mostly scans;
// anything beyond these is left to the user.
import { SectionsBuilder } from './fields.ts';
import { ATTACHMENT_HEADER, LABEL, VALUE } from './label-patterns.ts';
import { contentLines, findValue, matchHeader, readRow, type Header } from './text-scan.ts';
import type { PdfPage } from './pdf-text.ts';
import type { ParsedDocument, Row } from './types.ts';
import { parseDecimal } from './values.ts';

const COLUMNS = { ...ATTACHMENT_HEADER.columns, subparcel: /תת[\s-]?חלקה/ };

export function parseCondo(pages: readonly PdfPage[], document: string | null = null): ParsedDocument {
  const out = new SectionsBuilder(document);
  const rows: { row: Row; confidence: number }[] = [];
  let header: Header | null = null;
  let headingPage: number | null = null;
  for (const line of contentLines(pages)) {
    for (const [key, label] of [['block', LABEL.block], ['parcel', LABEL.parcel]] as const) {
      const found = findValue(line, label, VALUE.digits);
      if (found) out.set('identification', key, found.text, found.page, found.confidence);
    }
    const count = findValue(line, LABEL.subparcelCount, VALUE.digits);
    if (count) out.set('structure', 'subparcelCount', Number(count.text), count.page, count.confidence);
    const found = matchHeader(line, COLUMNS, ATTACHMENT_HEADER.required);
    if (found) {
      header = found;
      headingPage ??= line.page;
      continue;
    }
    if (!header) continue;
    const row = readRow(line, header);
    if (!row.values.description || !row.values.symbol) continue;
    rows.push({
      row: {
        subparcel: row.values.subparcel?.match(/\d+/)?.[0] ?? null,
        symbol: row.values.symbol,
        colour: row.values.colour ?? null,
        description: row.values.description,
        area: row.values.area === undefined ? null : parseDecimal(row.values.area),
        page: line.page,
      },
      confidence: row.confidence,
    });
  }
  if (header) out.setRows('attachments', 'attachments', rows, headingPage, 0.5);
  return { sections: out.sections, warnings: [] };
}
