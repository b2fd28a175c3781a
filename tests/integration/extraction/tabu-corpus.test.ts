// The land-registry extraction on the corpus (tests/fixtures/tabu/corpus): extracts printed as the
// registry prints them, each compared fact by fact with its hand-written golden file; the evidence of
// every fact (its box on the page holds its printed text); confidence that follows the evidence; the
// same extracts with the bidi controls registry PDFs carry; and a section that cannot be read.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLines, type TextItem } from '../../../src-main/core/extraction/lines.ts';
import { readPdfText, type PdfPage } from '../../../src-main/core/extraction/pdf-text.ts';
import { parseTabu } from '../../../src-main/core/extraction/tabu.ts';
import type { ExtractionResult, Field } from '../../../src-main/core/extraction/types.ts';
import { CORPUS_DIR, extractFixture, fixtureNames, readGolden, score } from '../../fixtures/tabu/corpus/golden.ts';

const NAMES = fixtureNames();
const results = new Map<string, ExtractionResult>();
const pagesOf = new Map<string, PdfPage[]>();

beforeAll(async () => {
  for (const name of NAMES) {
    results.set(name, await extractFixture(name));
    pagesOf.set(name, (await readPdfText(new Uint8Array(await readFile(join(CORPUS_DIR, `${name}.pdf`))))).pages);
  }
});

const result = (name: string) => results.get(name) as ExtractionResult;
const fields = (r: ExtractionResult) => Object.entries(r.sections).flatMap(([section, f]) => Object.entries(f).map(([key, field]) => ({ path: `${section}.${key}`, field })));

it('has at least eight extracts, a scan among them', () => {
  expect(NAMES.length).toBeGreaterThanOrEqual(8);
  expect(NAMES.map((n) => readGolden(n).status)).toContain('NO_TEXT_LAYER');
});

describe.each(NAMES)('%s', (name) => {
  it('gives every fact of the golden file exactly, and nothing else', () => {
    const golden = readGolden(name);
    const s = score(name, golden, result(name));
    expect({ wrong: s.wrong, missing: s.missing, reviewMismatches: s.reviewMismatches }).toEqual({ wrong: [], missing: [], reviewMismatches: [] });
    expect(s.warnings.actual).toEqual(s.warnings.expected);
    expect(s.exact).toBeGreaterThan(golden.status === 'EXTRACTED' ? 20 : -1);
  });

  it('puts each scalar fact inside a box on its page that holds its printed text', () => {
    const pages = pagesOf.get(name) ?? [];
    for (const { path, field } of fields(result(name))) {
      if (Array.isArray(field.value)) continue;
      const { page, bbox, text } = field.source;
      expect(bbox, path).toBeDefined();
      const [left, top, right, bottom] = bbox as [number, number, number, number];
      expect(0 <= left && left < right && right <= 1 && 0 <= top && top < bottom && bottom <= 1, `${path} ${String(bbox)}`).toBe(true);
      const sheet = pages.find((p) => p.page === page) as PdfPage;
      const inside = sheet.lines.flatMap((line) =>
        line.items.filter((item) => {
          const x = (item.left + item.right) / 2 / sheet.width;
          const y = (line.y - line.size / 3) / sheet.height;
          return x >= left && x <= right && y >= top && y <= bottom;
        }),
      );
      const letters = (t: string) => t.replace(/[^\p{L}\p{N}]/gu, '');
      expect(letters(inside.map((item) => item.text).join('')), path).toContain(letters(String(text)));
    }
  });

  it('gives every row its page, box and confidence, and flags exactly the rows that failed a check', () => {
    for (const { path, field } of fields(result(name))) {
      if (!Array.isArray(field.value)) continue;
      for (const row of field.value as Record<string, unknown>[]) {
        expect(row.page, path).toEqual(expect.any(Number));
        expect(String(row.bbox), path).toMatch(/^0?\.\d+,0?\.\d+,0?\.\d+,0?\.\d+$|^1,/);
        expect(row.confidence, path).toEqual(expect.any(Number));
        expect(row.needsReview, path).toBe(row.reviewReasons !== null);
        if (row.needsReview) expect(row.confidence as number, path).toBeLessThan(0.8);
      }
    }
  });
});

describe('confidence follows the evidence', () => {
  it('is lower for free text than for a checked value, and below 0.8 for a failed check', () => {
    const r = result('condo-rehovot-failing-checks');
    const unit = r.sections.unitData as Record<string, Field>;
    expect(unit.registeredArea?.confidence).toBeGreaterThan(unit.floor?.confidence ?? 1);
    expect(unit.floor?.confidence).toBeGreaterThanOrEqual(0.8);
    const owners = r.sections.ownership?.owners?.value as Record<string, unknown>[];
    expect(owners[0]).toMatchObject({ idNumber: '204815931', needsReview: true, reviewReasons: 'INVALID_ID_CHECK_DIGIT' });
    expect(owners[0]?.confidence).toBeLessThan(0.8);
    expect(owners[1]).toMatchObject({ needsReview: false });
    expect(owners[1]?.confidence).toBeGreaterThanOrEqual(0.8);
    expect(r.sections.ownership?.owners).toMatchObject({ needsReview: true, reviewReasons: ['SHARES_SUM_NOT_ONE'] });
  });
});

/** The pages' items again, each wrapped in the bidi controls registry PDFs carry (RLE…PDF, LRE…PDF around numbers). */
function withBidiControls(pages: readonly PdfPage[]): PdfPage[] {
  return pages.map((page) => {
    const items: TextItem[] = page.lines.flatMap((line) =>
      line.items.map((item) => ({
        text: /\p{L}/u.test(item.text) ? `\u202B${item.text}\u202C` : `\u200F\u202A${item.text}\u202C\u200E`,
        left: item.left,
        right: item.right,
        y: line.y,
        size: line.size,
      })),
    );
    return { ...page, lines: buildLines(items, page.page) };
  });
}

describe('registry PDFs with bidi controls in their text layer', () => {
  it.each(NAMES.filter((n) => readGolden(n).status === 'EXTRACTED'))('%s reads the same facts', (name) => {
    const parsed = parseTabu(withBidiControls(pagesOf.get(name) ?? []), `${name}.pdf`);
    const s = score(name, readGolden(name), { ...result(name), sections: parsed.sections, warnings: parsed.warnings });
    expect({ wrong: s.wrong, missing: s.missing }).toEqual({ wrong: [], missing: [] });
  });
});

describe('other arrangements of the page', () => {
  it('reads a page header whose block line comes first, and a fee line printed before "סוף נתונים"', () => {
    const pages = (pagesOf.get('condo-tel-aviv-two-owners-mortgage') ?? []).map((page) => {
      const place = page.lines.findIndex((line) => /גוש\s*:?\s*\d/.test(line.text));
      const lines = [page.lines[place]!, ...page.lines.filter((_, i) => i !== place)];
      const end = lines.findIndex((line) => line.text === 'סוף נתונים');
      if (end > 0) [lines[end], lines[end + 1]] = [lines[end + 1]!, lines[end]!];
      return { ...page, lines };
    });
    const parsed = parseTabu(pages, 'x.pdf');
    const s = score('reordered', readGolden('condo-tel-aviv-two-owners-mortgage'), { ...result('condo-tel-aviv-two-owners-mortgage'), sections: parsed.sections, warnings: parsed.warnings });
    expect({ wrong: s.wrong, missing: s.missing, warnings: s.warnings.actual }).toEqual({ wrong: [], missing: [], warnings: [] });
  });
});

describe('checks between facts', () => {
  it('flags a sub-parcel beyond the number of sub-parcels', () => {
    const pages = (pagesOf.get('condo-haifa-one-owner') ?? []).map((page) => ({
      ...page,
      lines: page.lines.map((line) => ({ ...line, cells: line.cells.map((cell) => (cell.text === 'תת חלקה: 5' ? { ...cell, text: 'תת חלקה: 50' } : cell)) })),
    }));
    const parsed = parseTabu(pages, 'x.pdf');
    expect(parsed.sections.identification?.subparcel).toMatchObject({ value: '50', needsReview: true, reviewReasons: ['COUNT_MISMATCH'] });
    expect(parsed.sections.structure?.subparcelCount).toMatchObject({ value: 12, needsReview: true });
    expect(parsed.sections.structure?.subparcelCount?.confidence).toBeLessThan(0.8);
  });
});

describe('a section that cannot be read', () => {
  it('is reported UNREAD_SECTION and left empty, not filled with fragments', () => {
    // The mortgage's lender title row lost (as a producer might merge it into the line above): the
    // borrowers and terms tables that follow belong to no mortgage.
    const pages = (pagesOf.get('condo-tel-aviv-two-owners-mortgage') ?? []).map((page) => ({
      ...page,
      lines: page.lines.filter((line) => !line.text.includes('בעלי המשכנתה')),
    }));
    const parsed = parseTabu(pages, 'x.pdf');
    expect(parsed.sections.mortgages?.mortgages).toMatchObject({ value: [], confidence: 0, needsReview: true, reviewReasons: expect.arrayContaining(['UNREAD_SECTION']) });
    expect(parsed.warnings).toContainEqual(expect.objectContaining({ code: 'UNREAD_SECTION', section: 'mortgages' }));
    // The rest of the extract is unaffected.
    expect((parsed.sections.ownership?.owners?.value as unknown[]).length).toBe(2);
    expect((parsed.sections.notes?.notes?.value as unknown[]).length).toBe(2);
  });

  it('pages of another extract are caught by the header check', () => {
    const telAviv = pagesOf.get('condo-tel-aviv-two-owners-mortgage') ?? [];
    const haifa = pagesOf.get('condo-haifa-one-owner') ?? [];
    const parsed = parseTabu([telAviv[0] as PdfPage, { ...(haifa[0] as PdfPage), page: 2 }], 'x.pdf');
    expect(parsed.sections.identification?.block).toMatchObject({ value: '9905', needsReview: true, reviewReasons: ['HEADER_MISMATCH'] });
    expect(parsed.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['HEADER_MISMATCH', 'EXTRACT_INCOMPLETE']));
  });
});

describe('a layout it cannot read', () => {
  it('a producer drawing each row of the body as one string: sections reported unread, no value guessed', () => {
    const pages = (pagesOf.get('condo-tel-aviv-two-owners-mortgage') ?? []).map((page) => {
      const place = page.lines.findIndex((line) => /גוש\s*:?\s*\d/.test(line.text));
      const items: TextItem[] = page.lines.flatMap((line, i) =>
        i <= place
          ? line.items.map((item) => ({ ...item, y: line.y, size: line.size }))
          : [{ text: line.items.map((item) => item.text).join(' '), left: Math.min(...line.items.map((it) => it.left)), right: Math.max(...line.items.map((it) => it.right)), y: line.y, size: line.size }],
      );
      return { ...page, lines: buildLines(items, page.page) };
    });
    const parsed = parseTabu(pages, 'x.pdf');
    const s = score('one-string rows', readGolden('condo-tel-aviv-two-owners-mortgage'), { ...result('condo-tel-aviv-two-owners-mortgage'), sections: parsed.sections, warnings: parsed.warnings });
    expect(s.wrong).toEqual([]);
    expect(parsed.sections.identification?.block?.value).toBe('9905');
    expect(parsed.sections.ownership?.owners).toMatchObject({ value: [], confidence: 0, needsReview: true, reviewReasons: expect.arrayContaining(['UNREAD_SECTION']) });
    expect(parsed.warnings.filter((w) => w.code === 'UNREAD_SECTION').map((w) => w.section)).toEqual(expect.arrayContaining(['ownership', 'mortgages', 'notes']));
  });
});
