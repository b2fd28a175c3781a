// Extracting again: the user's corrections (made with step 3's own model) survive a re-run unless
// the user says otherwise, earlier extractions are kept as history, and value warnings follow the
// corrected values.
import { beforeAll, describe, expect, it } from 'vitest';
import { extractDocument, HISTORY_LIMIT, mergeExtraction } from '../../../src-main/core/extraction/extract.ts';
import type { ExtractionResult, StoredExtraction } from '../../../src-main/core/extraction/types.ts';
import { addManualField, readSections, setFieldValue, type Extracted } from '../../../src-renderer/features/wizard/step3-model.ts';
import { corpusPdf, makeScannedPdf } from '../../fixtures/tabu/make-tabu-pdf.ts';

const DOCUMENT = 'נסח.pdf';
let pdf: Uint8Array;
let first: ExtractionResult;
let second: ExtractionResult;

beforeAll(async () => {
  pdf = await corpusPdf('condo-rehovot-failing-checks'); // one owner's ID fails its check digit; shares sum to 5/6
  first = await extractDocument({ data: pdf, docType: 'TABU', documentName: DOCUMENT, now: () => new Date('2024-03-20T10:00:00Z') });
  second = await extractDocument({ data: pdf, docType: 'TABU', documentName: DOCUMENT, now: () => new Date('2024-04-01T08:00:00Z') });
});

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Extracted;
const section = (stored: StoredExtraction, name: string) => stored.sections[name] ?? {};

/** The first extraction stored, then corrected in step 3: block, the invalid ID, the wrong share, and a manual field. */
function corrected(): Extracted {
  let extracted = asJson(mergeExtraction(null, first));
  extracted = setFieldValue(extracted, 'identification', 'block', '3701');
  const owners = (readSections(extracted).find((s) => s.key === 'ownership')?.fields.find((f) => f.key === 'owners')?.field.value ?? []) as Record<string, unknown>[];
  extracted = setFieldValue(extracted, 'ownership', 'owners', owners.map((o) => (o.idNumber === '204815931' ? { ...o, idNumber: '204815930' } : { ...o, share: '1/2' })));
  return addManualField(extracted, 'מספר חניות', '1', DOCUMENT);
}

describe('the stored shape', () => {
  it('is what step 3 reads: sections with value, source (document, page), confidence', () => {
    const stored = asJson(mergeExtraction(null, first));
    const sections = readSections(stored);
    expect(sections.map((s) => s.key)).toEqual(
      expect.arrayContaining(['identification', 'structure', 'ownership', 'attachments', 'unitData', 'regulations', 'notes', 'easements', 'mortgages', 'parcelDescription']),
    );
    const block = sections.find((s) => s.key === 'identification')?.fields.find((f) => f.key === 'block')?.field;
    // Step 3 keeps where on the page the value stands, to show it there.
    expect(block).toEqual({ value: '3700', source: { document: DOCUMENT, page: 1, bbox: expect.any(Array) }, confidence: 0.98, edited: false });
    const [left, top, right, bottom] = block?.source?.bbox ?? [];
    expect(left! < right! && top! < bottom! && left! >= 0 && bottom! <= 1).toBe(true);
    expect(mergeExtraction(null, first).sections.identification?.block?.source).toEqual({ document: DOCUMENT, page: 1, bbox: expect.any(Array), text: '3700' });
    expect(stored.history).toEqual([]);
  });
});

describe('mergeExtraction', () => {
  it('keeps the fields the user edited and the manual fields, and keeps the previous extraction in history', () => {
    const previous = corrected();
    const merged = mergeExtraction(previous, second);
    expect(section(merged, 'identification').block).toMatchObject({ value: '3701', edited: true, source: { page: 1 } });
    expect(section(merged, 'identification').parcel).toMatchObject({ value: '55', edited: false });
    expect(section(merged, 'manual')['מספר חניות']).toMatchObject({ value: '1', edited: true, label: 'מספר חניות' });
    expect(merged.merge).toEqual({ keepManual: true, keptFields: ['identification.block', 'ownership.owners', 'manual.מספר חניות'] });
    expect(merged.extractedAt).toBe('2024-04-01T08:00:00.000Z');
    expect(merged.history).toHaveLength(1);
    expect(merged.history[0]).toMatchObject({ status: 'EXTRACTED', extractedAt: '2024-03-20T10:00:00.000Z', extractor: { version: '2.0.0' } });
    expect((merged.history[0]?.sections.identification as Record<string, { value: unknown }>).block?.value).toBe('3701');
  });

  it('recomputes the value warnings on the corrected fields (the fixed ID no longer warns)', () => {
    expect(second.warnings.map((w) => w.code)).toEqual(['INVALID_ID_CHECK_DIGIT', 'SHARES_SUM_NOT_ONE']);
    expect(mergeExtraction(corrected(), second).warnings).toEqual([]);
    const halved = setFieldValue(corrected(), 'ownership', 'owners', [{ name: 'ישראלי ישראל', idType: 'ID', idNumber: '034587121', share: '1/2' }]);
    expect(mergeExtraction(halved, second).warnings).toMatchObject([{ code: 'SHARES_SUM_NOT_ONE', details: { sum: '1/2' } }]);
  });

  it('takes the new extraction as it is when keepManual is false, still keeping the history', () => {
    const merged = mergeExtraction(corrected(), second, { keepManual: false });
    expect(section(merged, 'identification').block).toMatchObject({ value: '3700', edited: false });
    expect(merged.sections.manual).toBeUndefined();
    expect(merged.merge).toEqual({ keepManual: false, keptFields: [] });
    expect(merged.warnings.map((w) => w.code)).toEqual(['INVALID_ID_CHECK_DIGIT', 'SHARES_SUM_NOT_ONE']);
    expect(merged.history).toHaveLength(1);
  });

  it('keeps the history across re-runs, oldest first, at most HISTORY_LIMIT entries', () => {
    let stored: unknown = corrected();
    for (let i = 0; i < HISTORY_LIMIT + 3; i++) stored = asJson(mergeExtraction(stored, { ...second, extractedAt: `2024-05-${String(i + 1).padStart(2, '0')}T00:00:00.000Z` }));
    const history = (stored as StoredExtraction).history;
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history.at(-1)?.extractedAt).toBe(`2024-05-${String(HISTORY_LIMIT + 2).padStart(2, '0')}T00:00:00.000Z`);
    expect((stored as StoredExtraction).sections.identification?.block?.value).toBe('3701');
  });

  it('keeps fields typed by hand on a scan when it is extracted (no text layer)', async () => {
    const typed = addManualField(null, 'גוש', '9905', 'scan.pdf');
    const scan = await extractDocument({ data: await makeScannedPdf(1), docType: 'TABU', documentName: 'scan.pdf' });
    const merged = mergeExtraction(typed, scan);
    expect(merged.status).toBe('NO_TEXT_LAYER');
    expect(merged.sections.manual?.['גוש']?.value).toBe('9905');
    expect(merged.warnings.map((w) => w.code)).toEqual(['NO_TEXT_LAYER']);
    expect(merged.history).toHaveLength(1);
  });
});
