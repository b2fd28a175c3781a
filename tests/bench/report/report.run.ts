// How long the report takes to make, and how large it is: the full fixture of the report tests with
// real-sized photos (a cover, six interior photos and three map screenshots, each a 1400 px JPEG as
// gather.ts embeds them). Prints model + HTML, PDF (Chromium, first print with the browser launch and
// the next ones), and DOCX times, and the file sizes. No target: printed for the issue notes.
// Run: node tests/bench/report/report.run.ts   (env SHAMAY_CHROMIUM, default /usr/bin/chromium)
import sharp from 'sharp';
import { renderReportDocx } from '../../../src-main/core/report/docx/document.ts';
import { renderReportHtml } from '../../../src-main/core/report/html/document.ts';
import { createChromiumPdfPrinter } from '../../../src-main/host/chromium-pdf-printer.ts';
import { buildReportModel, type SourceImage } from '../../../src-shared/domain/report/model.ts';
import { fullReportSource } from '../../helpers/report-fixture.ts';

const ROUNDS = 5;

/** Photo-like content (blurred noise: detail JPEG cannot shrink away, as in a real photo). */
async function photo(seed: number): Promise<SourceImage> {
  const width = 1400;
  const height = 933;
  const noisy = await sharp({ create: { width, height, channels: 3, background: { r: 90 + seed, g: 120, b: 140 }, noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .blur(1.2)
    .jpeg({ quality: 82 })
    .toBuffer();
  return { dataUrl: `data:image/jpeg;base64,${noisy.toString('base64')}`, width, height };
}

const ms = (start: number) => performance.now() - start;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const source = fullReportSource();
source.images = {
  cover: await photo(1),
  interior: await Promise.all([2, 3, 4, 5, 6, 7].map(async (n) => ({ ...(await photo(n)), roomType: 'LIVING' as const }))),
  maps: await Promise.all((['wide', 'parcel', 'aerial'] as const).map(async (slot, n) => ({ ...(await photo(10 + n)), slot }))),
  plans: [],
};

const htmlTimes: number[] = [];
let html = '';
for (let i = 0; i < ROUNDS; i++) {
  const start = performance.now();
  html = renderReportHtml(buildReportModel(source));
  htmlTimes.push(ms(start));
}

const printer = createChromiumPdfPrinter({ executablePath: process.env.SHAMAY_CHROMIUM ?? '/usr/bin/chromium' });
const pdfTimes: number[] = [];
let pdf: Uint8Array = new Uint8Array();
try {
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    pdf = await printer.print(html);
    pdfTimes.push(ms(start));
  }
} finally {
  await printer.close();
}

const docxTimes: number[] = [];
let docx: Uint8Array = new Uint8Array();
for (let i = 0; i < ROUNDS; i++) {
  const start = performance.now();
  docx = await renderReportDocx(buildReportModel(source));
  docxTimes.push(ms(start));
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
console.log(`model + HTML: median ${median(htmlTimes).toFixed(0)} ms (${kb(Buffer.byteLength(html))})`);
console.log(`PDF: first ${pdfTimes[0]!.toFixed(0)} ms (browser launch included), then median ${median(pdfTimes.slice(1)).toFixed(0)} ms (${kb(pdf.byteLength)})`);
console.log(`DOCX: median ${median(docxTimes).toFixed(0)} ms (${kb(docx.byteLength)})`);
