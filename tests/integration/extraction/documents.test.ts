// Scans, other document types and files that are not what they claim: the statuses of
// extractDocument, read from a stored file as the core would (a path).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../../src-main/core/extraction/extract.ts';
import { makeCondoPdf, makePermitPdf, makeScannedPdf, makeScanPng, corpusPdf } from '../../fixtures/tabu/make-tabu-pdf.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'extraction-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function stored(name: string, data: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, data);
  return path;
}

describe('documents without a text layer', () => {
  it('a scanned PDF (images only) is NO_TEXT_LAYER with a "enter manually" warning', async () => {
    const path = await stored('scan.pdf', await makeScannedPdf(2));
    const result = await extractDocument({ path, docType: 'CONDO', documentName: 'צו בית משותף.pdf' });
    expect(result.status).toBe('NO_TEXT_LAYER');
    expect(result.pageCount).toBe(2);
    expect(result.pagesWithoutText).toEqual([1, 2]);
    expect(result.sections).toEqual({});
    expect(result.warnings).toEqual([{ code: 'NO_TEXT_LAYER', message: expect.stringMatching(/no text layer.*manually/i) }]);
  });

  it('a photo of a document is NO_TEXT_LAYER too', async () => {
    const result = await extractDocument({ path: await stored('tabu.png', makeScanPng()), docType: 'TABU', documentName: 'נסח.png' });
    expect(result).toMatchObject({ status: 'NO_TEXT_LAYER', warnings: [{ code: 'NO_TEXT_LAYER' }] });
  });

  it('an extract whose second page is a scan is EXTRACTED with warnings naming that page, its lists flagged as incomplete', async () => {
    const doc = await PDFDocument.load(await corpusPdf('condo-tel-aviv-two-owners-mortgage'));
    const scan = await PDFDocument.load(await makeScannedPdf(1));
    const [page] = await doc.copyPages(scan, [0]);
    doc.removePage(1);
    if (page) doc.insertPage(1, page);
    const result = await extractDocument({ path: await stored('mixed.pdf', await doc.save()), docType: 'TABU', documentName: 'נסח.pdf' });
    expect(result.status).toBe('EXTRACTED');
    expect(result.pagesWithoutText).toEqual([2]);
    expect(result.warnings[0]).toMatchObject({ code: 'PAGES_WITHOUT_TEXT', details: { pages: '2' } });
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'EXTRACT_INCOMPLETE', details: { missingPages: '2' } }));
    expect(result.sections.identification?.block?.value).toBe('9905');
    // Page 2 held the second owner and the mortgage: what was read is kept, flagged, and not trusted.
    const owners = result.sections.ownership?.owners;
    expect((owners?.value as unknown[]).length).toBe(1);
    expect(owners).toMatchObject({ needsReview: true, reviewReasons: expect.arrayContaining(['EXTRACT_INCOMPLETE', 'SHARES_SUM_NOT_ONE']) });
    expect(owners?.reviewReasons).not.toContain('UNPLACED_TEXT');
    expect(owners?.confidence).toBeLessThan(0.8);
    expect(result.sections.mortgages?.mortgages).toMatchObject({ value: [], needsReview: true });
  });
});

describe('condominium orders and permits with a text layer', () => {
  it('a condominium order gives block, parcel, number of sub-parcels and the attachments', async () => {
    const result = await extractDocument({ data: await makeCondoPdf(), docType: 'CONDO', documentName: 'צו.pdf' });
    expect(result.status).toBe('EXTRACTED');
    expect(result.sections.identification?.block).toMatchObject({ value: '9905', source: { document: 'צו.pdf', page: 1 } });
    expect(result.sections.identification?.parcel?.value).toBe('88');
    expect(result.sections.structure?.subparcelCount?.value).toBe(24);
    const attachments = result.sections.attachments?.attachments?.value as Record<string, unknown>[];
    expect(attachments.map(({ page: _page, ...rest }) => rest)).toEqual([
      { subparcel: '8', symbol: 'ח-8', colour: 'כתום', description: 'חניה', area: 12.5 },
      { subparcel: '8', symbol: 'מ-8', colour: 'צהוב', description: 'מחסן', area: 6.2 },
      { subparcel: '9', symbol: 'ח-9', colour: 'ירוק', description: 'חניה', area: 12 },
    ]);
  });

  it('a permit gives its number (an LTR run split across fonts), date and description', async () => {
    const result = await extractDocument({ data: await makePermitPdf(), docType: 'PERMIT', documentName: 'היתר.pdf' });
    expect(result.status).toBe('EXTRACTED');
    const planning = result.sections.planning ?? {};
    expect(planning.permitNumber?.value).toBe('2019-0456');
    expect(planning.permitDate?.value).toBe('2019-05-12');
    expect(planning.permitDescription?.value).toBe('תוספת ממ"ד ומרפסת לדירה בקומה 3');
    expect(planning.permitDescription?.confidence).toBeLessThan(planning.permitNumber?.confidence ?? 0);
    expect(result.sections.identification?.block?.value).toBe('9905');
  });
});

describe('unsupported input', () => {
  it('a type without a parser is UNSUPPORTED', async () => {
    const result = await extractDocument({ data: await makePermitPdf(), docType: 'GARMUSHKA', documentName: 'x.pdf' });
    expect(result).toMatchObject({ status: 'UNSUPPORTED', warnings: [{ code: 'UNSUPPORTED_TYPE' }], sections: {} });
  });

  it('a file that is not a PDF, or a damaged PDF, is UNSUPPORTED', async () => {
    const text = await extractDocument({ data: new TextEncoder().encode('שלום, this is text'), docType: 'TABU', documentName: 'x.txt' });
    expect(text).toMatchObject({ status: 'UNSUPPORTED', warnings: [{ code: 'UNREADABLE_PDF' }] });
    const broken = await extractDocument({ data: new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF'), docType: 'TABU', documentName: 'x.pdf' });
    expect(['UNSUPPORTED', 'NO_TEXT_LAYER']).toContain(broken.status);
    expect(broken.sections).toEqual({});
  });
});
