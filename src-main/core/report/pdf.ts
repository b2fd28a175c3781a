// Printing the report's HTML to PDF: the options both printers share (Chromium through playwright in
// the browser host and tests, Electron's printToPDF in the app). A4, backgrounds printed, and a page
// footer "עמוד x מתוך y" beside the organization's footer text, which the HTML carries in a meta
// element (html/page.ts) so a printer needs nothing but the HTML.
//
// The footer is a header/footer template, rendered by Chromium in a context of its own: it takes
// inline styles only and loads nothing. A data: @font-face there is ignored unless the page itself has
// already loaded the very same font, so the template declares exactly the rules the document uses
// (html/fonts.ts) and the glyphs come from the document's embedded Noto Sans Hebrew rather than from
// whatever fallback font the machine has.
import { fontFaces, REPORT_FONT_FAMILY } from './html/fonts.ts';
import { FOOTER_META_NAME, PAGE_MARGINS_MM } from './html/page.ts';

export type { PdfPrinter } from '../context.ts';

export interface ReportPrintOptions {
  pageSize: 'A4';
  printBackground: true;
  displayHeaderFooter: true;
  headerTemplate: string;
  footerTemplate: string;
  marginsMm: typeof PAGE_MARGINS_MM;
}

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'" };
const decode = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#x27|#39);/g, (entity) => ENTITIES[entity] ?? entity);
const encode = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The footer text the report's HTML carries ('' when none). */
export function footerTextOf(html: string): string {
  const match = new RegExp(`<meta name="${FOOTER_META_NAME}" content="([^"]*)"`).exec(html);
  return match?.[1] ? decode(match[1]) : '';
}

/** The page footer: the footer text at the start (right), "עמוד x מתוך y" at the end (left). */
export function footerTemplate(footerText: string): string {
  const style =
    `font-family:'${REPORT_FONT_FAMILY}',sans-serif;font-size:8pt;color:#4a5561;width:100%;` +
    `margin:0 ${PAGE_MARGINS_MM.right}mm 0 ${PAGE_MARGINS_MM.left}mm;display:flex;justify-content:space-between;gap:6mm;` +
    'border-top:0.5pt solid #c5ccd4;padding-top:1.5mm;-webkit-print-color-adjust:exact';
  return (
    `<style>${fontFaces([400])}</style>` +
    `<div dir="rtl" lang="he" style="${style}">` +
    `<span>${encode(footerText)}</span>` +
    '<span style="white-space:nowrap">עמוד <span class="pageNumber"></span> מתוך <span class="totalPages"></span></span>' +
    '</div>'
  );
}

/** The print options for one report's HTML. */
export function reportPrintOptions(html: string): ReportPrintOptions {
  return {
    pageSize: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    // An empty header: Chromium's default one prints the date and the title.
    headerTemplate: '<span></span>',
    footerTemplate: footerTemplate(footerTextOf(html)),
    marginsMm: PAGE_MARGINS_MM,
  };
}
