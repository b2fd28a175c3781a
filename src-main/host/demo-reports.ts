// The demo office's signed reports, printed as the app prints a valuation's report (the same model,
// template and printer) from the seeded rows, for the server's demo seeding (src-server/db/seed-demo.ts).
// Printing takes about a second a report, so each printed PDF is kept in a cache folder by the sha256
// of its HTML: the next fresh data folder seeds from the cache without starting Chromium.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mappingSourcesOf, readComparableData, toValuationInput } from '../../src-shared/domain/calculation/stored.ts';
import { buildReportModel } from '../../src-shared/domain/report/model.ts';
import type { ReportSource } from '../../src-shared/domain/report/types.ts';
import type { DemoPeople, GeneratedValuation } from '../../src-shared/seed/index.ts';
import type { PdfPrinter } from '../core/context.ts';
import { reportFileName } from '../core/exports/file-names.ts';
import { reportValuation, toSourceComparable } from '../core/report/gather.ts';
import { renderReportHtml } from '../core/report/html/document.ts';

/** What the report prints for a seeded valuation: its rows, no documents' extractions, no photos. */
export function demoReportSource({ valuation }: GeneratedValuation, people: DemoPeople): ReportSource {
  const data = readComparableData(valuation.comparableData);
  const appraiser = people.appraisers.find((u) => u.id === valuation.createdById);
  return {
    valuation: reportValuation(valuation),
    calculationInput: toValuationInput(mappingSourcesOf({ ...valuation, garmushkaMeasurements: null })).input,
    comparables: data.comparables.map(toSourceComparable),
    fewComparablesReason: data.fewComparablesReason?.trim() || null,
    extractions: { tabu: null, condo: null, permits: [], planning: [] },
    images: { cover: null, interior: [], maps: [], plans: [] },
    appraiser: { userName: appraiser?.name ?? null, signatureDataUrl: null },
    organization: { name: people.organization.name, logoDataUrl: null, footerText: null },
  };
}

export function demoReportHtml(item: GeneratedValuation, people: DemoPeople): string {
  return renderReportHtml(buildReportModel(demoReportSource(item, people)));
}

/** A PDF printer that keeps what it printed in cacheDir by the HTML's sha256 (same HTML, same PDF). */
export function cachedPrinter(print: PdfPrinter, cacheDir: string): PdfPrinter {
  return async (html) => {
    const file = join(cacheDir, `${createHash('sha256').update(html).digest('hex')}.pdf`);
    try {
      return new Uint8Array(readFileSync(file));
    } catch {
      // not printed yet
    }
    const pdf = await print(html);
    mkdirSync(cacheDir, { recursive: true });
    // Written aside and renamed, so a stopped start never leaves half a PDF in the cache.
    writeFileSync(`${file}.partial`, pdf);
    renameSync(`${file}.partial`, file);
    return pdf;
  };
}

/** The seeding's printer of one signed demo valuation's report. */
export function demoReportPrinter(print: PdfPrinter) {
  return async (item: GeneratedValuation, people: DemoPeople): Promise<{ pdf: Uint8Array; fileName: string }> => ({
    pdf: await print(demoReportHtml(item, people)),
    fileName: reportFileName(item.valuation.title, 'pdf'),
  });
}
