import { describe, expect, it } from 'vitest';
import { call, callError, signedInCore } from '../../helpers/core.ts';
import { corpusPdf } from '../../fixtures/tabu/make-tabu-pdf.ts';


describe('documents.extract through the core', () => {
  it('reads a Tabu extract into the document, keeps corrections on a re-run, and records it', async () => {
    const { core } = await signedInCore();
    const v = await call(core, 'valuations.create', { title: 'עם נסח' });
    const pdf = Buffer.from(await corpusPdf('condo-rehovot-failing-checks')).toString('base64');
    const { document } = await call(core, 'documents.add', { valuationId: v.id, docType: 'TABU', fileName: 'נסח טאבו.pdf', source: { bytesBase64: pdf } });

    const first = await call(core, 'documents.extract', { id: document.id });
    expect(first.status).toBe('EXTRACTED');
    type Sections = Record<string, Record<string, { value: unknown; edited: boolean; source: { page: number } }>>;
    const sectionsOf = (extracted: unknown) => (extracted as { sections: Sections }).sections;
    const sections = sectionsOf(first.document.extracted);
    expect(sections.identification?.block?.value).toBe('3700');
    expect(sections.identification?.parcel?.value).toBe('55');
    expect(sections.identification?.block?.source.page).toBe(1);
    expect(first.warnings.map((w) => w.code)).toContain('INVALID_ID_CHECK_DIGIT');

    // The appraiser corrects a field; a re-run keeps the correction.
    const corrected = structuredClone(first.document.extracted!) as { sections: Sections };
    corrected.sections.identification!.block = { ...corrected.sections.identification!.block!, value: '3701', edited: true };
    await call(core, 'documents.updateExtracted', { id: document.id, extracted: corrected });
    const again = await call(core, 'documents.extract', { id: document.id });
    expect(sectionsOf(again.document.extracted).identification?.block?.value).toBe('3701');
    expect(Array.isArray((again.document.extracted as { history?: unknown[] }).history)).toBe(true);

    // Search finds the extracted text; the activity log names the extraction.
    expect((await call(core, 'valuations.list', { search: 'ששון' })).items.map((i) => i.id)).toEqual([v.id]);
    const log = await call(core, 'activity.query', { valuationId: v.id });
    expect(log.some((entry) => entry.payload.extraction === 'EXTRACTED')).toBe(true);
  });

  it('refuses a client viewer', async () => {
    const { core } = await signedInCore('viewer@demo.shamay.local');
    expect((await callError(core, 'documents.extract', { id: '01900000-0000-7000-8000-000000000999' })).code).toBe('NOT_FOUND');
  });
});
