// The report model rendered as HTML: one self-contained Hebrew RTL document (it is shown under a
// strict CSP and printed offline, so it may load nothing), with the font embedded, numbers isolated as
// LTR runs, placeholders for what a draft lacks, and the footer text carried to the PDF printer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../../src-shared/domain/report/model.ts';
import { renderReportHtml } from '../../../src-main/core/report/html/document.ts';
import { footerTemplate, footerTextOf, reportPrintOptions } from '../../../src-main/core/report/pdf.ts';
import { emptyReportSource, fullReportSource } from '../../helpers/report-fixture.ts';

const fontFile = (subset: string, weight: number) =>
  readFileSync(createRequire(import.meta.url).resolve(`@fontsource/noto-sans-hebrew/files/noto-sans-hebrew-${subset}-${weight}-normal.woff2`));

const full = renderReportHtml(buildReportModel(fullReportSource()));
const draft = renderReportHtml(buildReportModel(emptyReportSource()));

describe('renderReportHtml', () => {
  it('is a complete Hebrew right-to-left document', () => {
    for (const html of [full, draft]) {
      expect(html.startsWith('<!doctype html><html lang="he" dir="rtl">')).toBe(true);
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
      expect(html).toContain('<meta charSet="utf-8"/>');
    }
  });

  it('loads nothing: no web address, and every src, href and url() is inline data', () => {
    for (const html of [full, draft]) {
      expect(html).not.toMatch(/https?:\/\//i);
      expect(html).not.toMatch(/<(script|link|iframe|object|embed)\b/i);
      const references = [...html.matchAll(/\s(?:src|href|srcset)="([^"]*)"/g)].map((m) => m[1]);
      for (const ref of references) expect(ref).toMatch(/^data:image\/(png|jpeg);base64,/);
      const urls = [...html.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect(url).toMatch(/^data:font\/woff2;base64,/);
    }
    expect([...full.matchAll(/<img /g)].length).toBe(3); // the cover, the map and the living room in the fixture
  });

  it('embeds Noto Sans Hebrew, Hebrew and Latin subsets, regular and bold', () => {
    const faces = [...full.matchAll(/@font-face\{[^}]*font-weight:(\d+);src:url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\)[^}]*unicode-range:([^;]+);\}/g)];
    expect(faces).toHaveLength(4);
    const bySubset = (weight: string, range: RegExp) => faces.find((f) => f[1] === weight && range.test(f[3]!))?.[2];
    for (const weight of [400, 700]) {
      expect(Buffer.from(bySubset(String(weight), /U\+0590-05FF/) ?? '', 'base64').equals(fontFile('hebrew', weight))).toBe(true);
      expect(Buffer.from(bySubset(String(weight), /^U\+0000-00FF/) ?? '', 'base64').equals(fontFile('latin', weight))).toBe(true);
    }
    expect(full).toMatch(/html \{ font-family: 'Noto Sans Hebrew', sans-serif;/);
  });

  it('isolates numbers, sums and block/parcel as LTR runs inside the Hebrew text', () => {
    for (const run of ['6109/396/118', '104/5975', '30/05/2024']) {
      expect(full).toContain(`<bdi class="ltr" dir="ltr">${run}</bdi>`);
    }
    // A sum's number is isolated; its sign follows in the Hebrew line, read after the number.
    for (const sum of ['1,950,000', '5,700,000']) expect(full).toContain(`<bdi class="ltr" dir="ltr">${sum}</bdi>\u00a0₪`);
  });

  it('writes a date in a sentence as the profession does, not isolated left to right', () => {
    expect(full).toContain('נכון למועד הקובע 1 ביוני 2024, הוא:');
    expect(full).toContain('ולראיה באתי על החתום, <bdi>10 ביוני 2024</bdi>');
  });

  it('opens a page for the letter and the first chapter only, repeats table headers and keeps table rows whole', () => {
    expect(full).toMatch(/@page\s*\{\s*size:\s*A4;/);
    expect(full).toMatch(/section\.page-start\s*\{\s*break-before:\s*page;/);
    expect(full).toMatch(/thead\s*\{\s*display:\s*table-header-group;/);
    expect(full).toMatch(/tr,[^{]*\{\s*break-inside:\s*avoid;/);
    expect(full).toMatch(/tbody tr:nth-child\(2\), tbody tr:last-child[^{]*\{\s*break-before:\s*avoid;/);
    expect([...full.matchAll(/<section[ >]/g)]).toHaveLength(7); // the letter and sections 1-6
    expect([...full.matchAll(/<section class="page-start">/g)]).toHaveLength(2); // the letter and section 1
    // The calculation table, short, is kept whole with its VAT row.
    expect(full).toMatch(/<h3>תחשיב השווי<\/h3><table class="whole">/);
  });

  it('shows what a draft lacks as a visible placeholder', () => {
    const placeholders = [...draft.matchAll(/<span class="missing">לא צוין<\/span>/g)].length;
    expect(placeholders).toBeGreaterThan(30);
    expect(draft).toContain('טרם הוזנו נתוני התחשיב.');
    expect(full).not.toContain('טרם הוזנו נתוני התחשיב.');
  });
});

describe('the PDF footer', () => {
  it('carries the footer text from the HTML, escaped, beside "page x of y"', () => {
    const html = renderReportHtml({ ...buildReportModel(fullReportSource()), footerText: 'כהן & בניו <שמאות> "בע"מ" \'1\'' });
    expect(footerTextOf(html)).toBe('כהן & בניו <שמאות> "בע"מ" \'1\'');
    const template = reportPrintOptions(html).footerTemplate;
    expect(template).toContain('כהן &#38; בניו &#60;שמאות&#62; &#34;בע&#34;מ&#34; &#39;1&#39;');
    expect(template).toContain('עמוד <span class="pageNumber"></span> מתוך <span class="totalPages"></span>');
    expect(template).not.toContain('<שמאות>');
  });

  it('declares the same data: font as the document, so Chromium can use it in the footer', () => {
    const face = /@font-face\{[^}]*font-weight:400;src:url\(data:font\/woff2;base64,[^)]+\)[^}]*\}/g;
    const inFooter = footerTemplate('').match(face) ?? [];
    expect(inFooter).toHaveLength(2);
    for (const rule of inFooter) expect(full).toContain(rule);
    expect(footerTextOf(draft)).toBe('');
  });
});
