// The printed page: its margins, shared by the document's @page rule and the PDF printers' options so
// the footer lands in the bottom margin left for it, and the meta element that carries the footer's
// text from the HTML to the printers (pdf.ts), which receive nothing but the HTML.

export const PAGE_MARGINS_MM = { top: 16, right: 15, bottom: 20, left: 15 } as const;

export const FOOTER_META_NAME = 'report-footer';

/** A table up to this many rows is kept whole on one page (HTML and DOCX); a longer one breaks between rows, never leaving one alone. */
export const WHOLE_TABLE_MAX_ROWS = 12;
