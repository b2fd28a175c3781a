// The report's stylesheet: A4 pages, right-to-left Hebrew text; the letter and the first chapter open a
// page, the later chapters start where they fit (a forced break left near-empty pages); tables whose
// rows never split, whose header repeats, that never leave a lone row on a page and whose closing rows
// (the value, VAT) stay with them; photos that keep their proportions.
import { fontFaces, REPORT_FONT_FAMILY } from './fonts.ts';
import { PAGE_MARGINS_MM as M } from './page.ts';

const RULES = `
@page { size: A4; margin: ${M.top}mm ${M.right}mm ${M.bottom}mm ${M.left}mm; }
* { box-sizing: border-box; }
html { font-family: '${REPORT_FONT_FAMILY}', sans-serif; font-size: 10.5pt; line-height: 1.55; color: #1d2329; }
body { margin: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media screen { body { max-width: 180mm; margin: 0 auto; padding: 12mm 0; } }
section { margin-top: 9mm; }
section.page-start { break-before: page; margin-top: 0; }
h1, h2, h3 { font-weight: 700; line-height: 1.3; break-after: avoid; break-inside: avoid; }
h2 { font-size: 15pt; color: #17324d; border-bottom: 2px solid #17324d; padding-bottom: 2mm; margin: 0 0 5mm; }
h3 { font-size: 11.5pt; color: #17324d; margin: 6mm 0 2mm; }
p { margin: 0 0 2.5mm; }
ul, ol { margin: 0 0 3mm; padding-inline-start: 6mm; }
li { margin-bottom: 1.5mm; }
bdi.ltr { direction: ltr; unicode-bidi: isolate; }
.missing { color: #a23b3b; }
.empty { color: #8a949e; }

table { width: 100%; border-collapse: collapse; margin: 0 0 4mm; font-size: 9.5pt; }
thead { display: table-header-group; }
tr, figure, img, .keep { break-inside: avoid; }
/* No lone row at either end of a page: the first two rows go together, the last two and any total row too. */
tbody tr:nth-child(2), tbody tr:last-child, tbody tr.total, tbody tr.total + tr { break-before: avoid; }
/* A short table is not split at all (the calculation with its VAT row, the attachments). */
table.whole { break-inside: avoid; }
/* A heading stays with what it introduces. */
h3 + table, h3 + .gallery, h3 + p, h2 + table { break-before: avoid; }
th, td { border: 1px solid #c5ccd4; padding: 1.2mm 2mm; text-align: start; vertical-align: top; }
th { background: #e8eef4; font-weight: 700; }
tr.total td { font-weight: 700; background: #f2f5f8; }
tr.muted td { color: #7a8591; }
table.fields th { width: 38%; background: #f2f5f8; }
table.compact { font-size: 8pt; }
table.compact th, table.compact td { padding: 0.8mm 1.2mm; }

.cover { display: flex; flex-direction: column; align-items: center; text-align: center; min-height: 255mm; }
.cover .logo { max-height: 26mm; max-width: 70mm; margin-bottom: 8mm; }
.cover .organization { font-size: 12pt; color: #4a5561; }
.cover h1 { font-size: 21pt; color: #17324d; margin: 14mm 0 6mm; }
.cover .property { font-size: 13pt; margin-bottom: 1mm; }
.cover .address { font-size: 15pt; font-weight: 700; margin-bottom: 8mm; }
.cover .photo { width: 150mm; max-height: 120mm; object-fit: cover; border-radius: 2mm; }
.cover .date { margin-top: auto; color: #4a5561; }

.letter-head { display: flex; justify-content: space-between; margin-bottom: 8mm; }
.letter-head .meta { text-align: end; }
.subject { font-weight: 700; text-decoration: underline; margin: 4mm 0 5mm; }

.gallery { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; margin: 0 0 4mm; }
.gallery.wide { grid-template-columns: 1fr; }
figure { margin: 0; text-align: center; }
figure img { width: 100%; height: 62mm; object-fit: cover; outline: 0.75pt solid #c5ccd4; outline-offset: -0.75pt; }
.gallery.wide figure img { width: auto; height: auto; max-width: 100%; max-height: 150mm; }
figcaption { font-size: 9pt; color: #4a5561; margin-top: 1mm; }

.value-box { border: 2px solid #17324d; border-radius: 2mm; padding: 5mm; margin: 5mm 0; text-align: center; break-inside: avoid; }
.value-box .digits { font-size: 22pt; font-weight: 700; color: #17324d; }
.value-box .words { font-size: 12pt; margin-top: 2mm; }
.signature { margin-top: 10mm; break-inside: avoid; }
.signature img { max-height: 24mm; max-width: 60mm; display: block; margin: 2mm 0; }
.note { font-size: 9.5pt; color: #4a5561; }
`;

/** The whole stylesheet: the embedded fonts, then the rules. */
export const reportStyles = (): string => `${fontFaces()}\n${RULES}`;
