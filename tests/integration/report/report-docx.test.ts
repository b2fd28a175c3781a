// The appraisal report as a Word document (issue #8): the model rendered to DOCX, unzipped and read
// back as XML. Every part must parse; the headings must be the HTML template's, in its order; the
// property, the legal status, every comparable and the value must be there; the text must be right to
// left (w:bidi paragraphs, w:bidiVisual tables, w:rtl Hebrew runs) with numbers, dates and sums as
// isolated LTR runs; images must be embedded, referenced and fitted to the page; and every page's
// footer must carry PAGE and NUMPAGES. mammoth, an independent .docx reader, must read the same text.
// The last tests build the DOCX of an empty draft and of a valuation in a real core's store.
import { join } from 'node:path';
import { DOMParser, onWarningStopParsing, type Document as XmlDocument, type Element } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { Font } from 'fonteditor-core';
import mammoth from 'mammoth';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { shekelsInWords } from '../../../src-shared/domain/report/hebrew-words.ts';
import { buildReportModel, type ReportModel, type ReportSource, type SourceImage } from '../../../src-shared/domain/report/model.ts';
import { createBlobStore } from '../../../src-main/core/blobs/blob-store.ts';
import { createLocalState, type Actor, type CoreContext } from '../../../src-main/core/context.ts';
import { buildReportDocx } from '../../../src-main/core/report/docx.ts';
import { renderReportDocx } from '../../../src-main/core/report/docx/document.ts';
import { gatherReportSource } from '../../../src-main/core/report/gather.ts';
import { renderReportHtml } from '../../../src-main/core/report/html/document.ts';
import { PAGE_MARGINS_MM } from '../../../src-main/core/report/html/page.ts';
import { call, signedInCore } from '../../helpers/core.ts';
import { openCoreDb } from '../../helpers/local-db.ts';
import { emptyReportSource, fullReportSource, OWNER_NAMES } from '../../helpers/report-fixture.ts';
import { fillForReady } from '../preflight/fixture.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

const LRM = '\u200E';
const HEBREW = /[\u0590-\u05FF]/;
/** English Metric Units: 914,400 to the inch, 9,525 to a 96-dpi pixel. */
const EMU_PER_MM = 36_000;
const EMU_PER_PX = 9_525;
const twips = (mm: number) => Math.round((mm / 25.4) * 1440);

// ---- reading the package --------------------------------------------------------------------------

interface Docx {
  files: Record<string, Uint8Array>;
  xml(path: string): XmlDocument;
}

const parser = new DOMParser({ onError: onWarningStopParsing });

/** An embedded font part as the font (ISO/IEC 29500-1 §17.8.1): its first 32 bytes XORed with the key's 16 bytes, read backwards. */
function deobfuscate(part: Uint8Array, fontKey: string): Buffer {
  const key = Buffer.from(fontKey.replace(/[{}-]/g, ''), 'hex').reverse();
  const font = Buffer.from(part);
  for (let i = 0; i < 32; i++) font[i]! ^= key[i % 16]!;
  return font;
}

/** The package's parts; every .xml and .rels part must parse (a malformed one throws). */
function openDocx(bytes: Uint8Array): Docx {
  const files = unzipSync(bytes);
  const parsed = new Map<string, XmlDocument>();
  for (const [path, data] of Object.entries(files)) {
    if (/\.(xml|rels)$/.test(path)) parsed.set(path, parser.parseFromString(new TextDecoder().decode(data), 'application/xml'));
  }
  return {
    files,
    xml(path) {
      const doc = parsed.get(path);
      if (!doc) throw new Error(`no ${path} in the package`);
      return doc;
    },
  };
}

const all = (node: XmlDocument | Element, localName: string, ns = W): Element[] => Array.from(node.getElementsByTagNameNS(ns, localName));
const child = (node: Element, localName: string, ns = W): Element | undefined => all(node, localName, ns).find((e) => e.parentNode === node);
const attr = (node: Element | undefined, name: string) => node?.getAttributeNS(W, name) ?? null;
const textOf = (node: Element) => all(node, 't').map((t) => t.textContent ?? '').join('');
/** Text as read: the LRMs that isolate LTR values are invisible. */
const visible = (text: string) => text.replaceAll(LRM, '');

const paragraphStyle = (p: Element) => attr(child(child(p, 'pPr') ?? p, 'pStyle'), 'val');

/** The document's body text, a paragraph a line. */
const bodyText = (docx: Docx) => all(docx.xml('word/document.xml'), 'p').map((p) => visible(textOf(p))).join('\n');

/** Headings in order, as [level, text]: the Title is level 1, Word's Heading 1 and 2 are levels 2 and 3 (the HTML's h1, h2, h3). */
function docxHeadings(docx: Docx): [number, string][] {
  const levels: Record<string, number> = { Title: 1, Heading1: 2, Heading2: 3 };
  return all(docx.xml('word/document.xml'), 'p').flatMap((p) => {
    const level = levels[paragraphStyle(p) ?? ''];
    return level ? [[level, visible(textOf(p))] as [number, string]] : [];
  });
}

const ENTITIES: Record<string, string> = { '&quot;': '"', '&#x27;': "'", '&amp;': '&', '&lt;': '<', '&gt;': '>' };
/** The HTML template's h1/h2/h3 in order: what the DOCX must repeat. */
function htmlHeadings(model: ReportModel): [number, string][] {
  const html = renderReportHtml(model);
  return [...html.matchAll(/<h([123])>(.*?)<\/h\1>/g)].map((m) => [Number(m[1]), m[2]!.replace(/&[#\w]+;/g, (e) => ENTITIES[e] ?? e)]);
}

/** The table whose header row has these labels, as rows of cell texts. */
function tableWithHeader(docx: Docx, ...labels: string[]): string[][] {
  const rows = (t: Element) => all(t, 'tr').map((tr) => all(tr, 'tc').map((tc) => visible(textOf(tc))));
  const tables = all(docx.xml('word/document.xml'), 'tbl').map(rows);
  const found = tables.find((t) => labels.every((label) => t[0]?.includes(label)));
  if (!found) throw new Error(`no table headed ${labels.join(', ')}`);
  return found;
}

/** The runs whose text is exactly this (LRMs included). */
const runsWithText = (docx: Docx, text: string) => all(docx.xml('word/document.xml'), 'r').filter((r) => textOf(r) === text);
const isRtl = (run: Element) => {
  const rtl = child(child(run, 'rPr') ?? run, 'rtl');
  return rtl !== undefined && !['false', '0', 'off'].includes(attr(rtl, 'val') ?? '');
};

// ---- images ----------------------------------------------------------------------------------------

async function jpeg(width: number, height: number, colour: string): Promise<SourceImage> {
  const data = await sharp({ create: { width, height, channels: 3, background: colour } }).jpeg().toBuffer();
  return { dataUrl: `data:image/jpeg;base64,${data.toString('base64')}`, width, height };
}

async function png(width: number, height: number, colour: string): Promise<SourceImage> {
  const data = await sharp({ create: { width, height, channels: 4, background: colour } }).png().toBuffer();
  return { dataUrl: `data:image/png;base64,${data.toString('base64')}`, width, height };
}

const bytesOf = (image: SourceImage) => Buffer.from(image.dataUrl.split(',')[1]!, 'base64');

interface Images {
  cover: SourceImage;
  living: SourceImage;
  kitchen: SourceImage;
  aerial: SourceImage;
  plan: SourceImage;
  logo: SourceImage;
  signature: SourceImage;
}

/** The fixture's valuation with images of their own sizes and colours (the fixture's are one 1x1 PNG). */
function withImages(source: ReportSource, images: Images): ReportSource {
  return {
    ...source,
    images: {
      cover: images.cover,
      interior: [
        { ...images.living, roomType: 'LIVING' },
        { ...images.kitchen, roomType: 'KITCHEN' },
      ],
      maps: [{ ...images.aerial, slot: 'aerial' }],
      plans: [images.plan],
    },
    appraiser: { ...source.appraiser, signatureDataUrl: images.signature.dataUrl },
    organization: { ...source.organization, logoDataUrl: images.logo.dataUrl },
  };
}

// ---- the tests -------------------------------------------------------------------------------------

describe('the appraisal report as DOCX', () => {
  let images: Images;
  let model: ReportModel;
  let bytes: Uint8Array;
  let docx: Docx;

  beforeAll(async () => {
    images = {
      cover: await jpeg(1400, 1050, '#9cc3e6'),
      living: await jpeg(1050, 1400, '#f1e9da'),
      kitchen: await jpeg(1400, 933, '#e8eef2'),
      aerial: await png(900, 600, '#cfe0c3'),
      plan: await png(400, 250, '#ffffff'),
      logo: await png(600, 200, '#17324d'),
      signature: await png(300, 100, '#1a237e'),
    };
    model = buildReportModel(withImages(fullReportSource(), images));
    bytes = await renderReportDocx(model);
    docx = openDocx(bytes);
  });

  it('is a Word package whose parts all parse', () => {
    expect(Buffer.from(bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
    for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/fontTable.xml', 'word/_rels/document.xml.rels']) {
      expect(docx.files[part], part).toBeDefined();
    }
    expect(all(docx.xml('word/document.xml'), 'body')).toHaveLength(1);
    console.info(`report DOCX: ${Math.round(bytes.byteLength / 1024)} KB with ${Object.keys(docx.files).filter((p) => p.startsWith('word/media/')).length} images`);
  });

  it("has the HTML template's headings, in its order, as Word headings", () => {
    const headings = htmlHeadings(model);
    // The cover's title, the six sections of Standard 1 and their parts.
    expect(headings.filter(([level]) => level === 2).map(([, text]) => text)).toEqual([
      model.property.heading,
      model.legal.heading,
      model.planning.heading,
      model.factors.heading,
      model.calculations.heading,
      model.valuation.heading,
    ]);
    expect(headings.length).toBeGreaterThan(20);
    expect(docxHeadings(docx)).toEqual(headings);
    // Word knows Heading 1 and 2 by their outline levels (the navigation pane, a table of contents).
    const styles = all(docx.xml('word/styles.xml'), 'style');
    const outline = (id: string) => attr(child(child(styles.find((s) => attr(s, 'styleId') === id)!, 'pPr')!, 'outlineLvl'), 'val');
    expect([outline('Heading1'), outline('Heading2')]).toEqual(['0', '1']);
  });

  it('prints the property, the legal status, every comparable and the value in digits and in words', () => {
    const text = bodyText(docx);
    for (const expected of [
      'רחוב הרצל 12, רמת גן',
      '6109/396/118',
      '104/5975',
      '1,950,000\u00a0₪',
      ...OWNER_NAMES,
      'ת"ז 123456782',
      'הגבלת אחריות',
      'תוספת ממ"ד ומרפסת',
      '140% שטח עיקרי ו-30% שטחי שירות',
      'שמאי מקרקעין, מס׳ רישיון 1234',
      'משה כהן',
    ]) {
      expect(text, expected).toContain(expected);
    }

    // The comparables, row by row and cell by cell as the model has them (an empty cell is a dash).
    const comparables = tableWithHeader(docx, 'כתובת', 'גוש/חלקה', 'מחיר מתואם למ"ר');
    expect(comparables.slice(1)).toEqual(model.calculations.comparables.rows.map((row) => row.cells.map((cell) => cell ?? '—')));
    expect(comparables.slice(1).map((row) => row[2])).toEqual(['הרצל 20, רמת גן', 'ביאליק 5, רמת גן', 'הרצל 31, רמת גן']);
    expect(tableWithHeader(docx, 'שלב', 'פירוט', 'סכום').slice(1)).toContainEqual(['שווי השטח', '162.3 מ"ר × 35,000\u00a0₪', '5,680,500\u00a0₪']);
    expect(text).toContain('מספר עסקאות שנכללו\n3');

    // 162.3 sqm x 35,000 = 5,680,500, to the nearest 100,000: the value in digits and words.
    expect(model.valuation.valueDigits).toBe('5,700,000\u00a0₪');
    expect(text).toContain('5,700,000\u00a0₪');
    expect(text).toContain(`(${shekelsInWords(570_000_000)})`);
  });

  it('reads right to left: bidi paragraphs and tables, RTL Hebrew runs, isolated LTR numbers', () => {
    const doc = docx.xml('word/document.xml');
    const footers = Object.keys(docx.files).filter((p) => /^word\/footer\d+\.xml$/.test(p));
    // docx ends each Word section but the last with an empty paragraph that holds only the section's properties.
    const sectionBreak = (p: Element) => all(p, 'r').length === 0 && all(p, 'sectPr').length === 1;
    const paragraphs = [doc, ...footers.map((p) => docx.xml(p))].flatMap((d) => all(d, 'p')).filter((p) => !sectionBreak(p));
    expect(paragraphs.length).toBeGreaterThan(100);
    for (const p of paragraphs) expect(child(child(p, 'pPr') ?? p, 'bidi'), visible(textOf(p))).toBeDefined();
    const tables = all(doc, 'tbl');
    expect(tables.length).toBeGreaterThan(10);
    for (const t of tables) expect(child(child(t, 'tblPr')!, 'bidiVisual')).toBeDefined();
    // Alignment is the paragraph's start or the centre: "left" and "right" mean different sides to different readers.
    for (const jc of all(doc, 'jc')) expect(attr(jc, 'val')).toBe('center');

    // Hebrew is in RTL runs, unless it is part of an isolated LTR value.
    const runs = all(doc, 'r').filter((r) => HEBREW.test(textOf(r)));
    expect(runs.length).toBeGreaterThan(100);
    for (const run of runs) expect(isRtl(run) || textOf(run).startsWith(LRM), textOf(run)).toBe(true);

    // The model's LTR values: a run of their own, not RTL, between LRMs.
    for (const value of ['6109/396/118', '104/5975', '1,950,000', '5,700,000', '01/06/2024', '1234']) {
      const isolated = runsWithText(docx, `${LRM}${value}${LRM}`);
      expect(isolated.length, value).toBeGreaterThan(0);
      for (const run of isolated) expect(isRtl(run), value).toBe(false);
    }
    // A sum's sign follows its isolated number as an RTL run, so Word draws it at the number's left, as the PDF does.
    for (const sum of ['1,950,000', '5,700,000']) {
      const cell = all(doc, 'tc').find((tc) => textOf(tc) === `${LRM}${sum}${LRM}\u00a0₪`);
      expect(cell && all(cell, 'r').map((r) => [textOf(r), isRtl(r)]), sum).toEqual([[`${LRM}${sum}${LRM}`, false], ['\u00a0₪', true]]);
    }
    // Numbers within Hebrew text: LTR runs between the RTL ones.
    const detail = all(doc, 'tc').find((tc) => visible(textOf(tc)) === '162.3 מ"ר × 35,000\u00a0₪')!;
    expect(all(detail, 'r').map((r) => [textOf(r), isRtl(r)])).toEqual([
      ['162.3', false],
      [' מ"ר × ', true],
      ['35,000', false],
      ['\u00a0₪', true],
    ]);
  });

  it('keeps a short table on one page: every row but the last keeps with the next (the calculation and its VAT row)', () => {
    const table = all(docx.xml('word/document.xml'), 'tbl').find((t) => visible(textOf(all(t, 'tr')[0]!)) === 'שלבפירוטסכום')!;
    const keeps = all(table, 'tr').map((tr) => all(tr, 'p').every((p) => child(child(p, 'pPr') ?? p, 'keepNext') !== undefined));
    expect(keeps.length).toBeGreaterThan(5);
    expect(keeps).toEqual([...keeps.slice(0, -1).map(() => true), false]);
  });

  it('embeds Noto Sans Hebrew as TrueType, regular and bold, with the Hebrew letters, the digits and the shekel sign', () => {
    const noto = all(docx.xml('word/fontTable.xml'), 'font').find((f) => attr(f, 'name') === 'Noto Sans Hebrew')!;
    const rels = all(docx.xml('word/_rels/fontTable.xml.rels'), 'Relationship', PKG);
    const faces = (['embedRegular', 'embedBold'] as const).map((element) => {
      const embed = child(noto, element);
      expect(embed, element).toBeDefined();
      const target = rels.find((r) => r.getAttribute('Id') === embed!.getAttributeNS(R, 'id'))?.getAttribute('Target');
      const bytes = docx.files[`word/${target}`];
      expect(bytes, `${element}: ${target}`).toBeDefined();
      return deobfuscate(bytes!, attr(embed, 'fontKey')!);
    });
    for (const face of faces) {
      expect(face.readUInt32BE(0)).toBe(0x0001_0000); // a TrueType outline font
      const cmap = Font.create(face, { type: 'ttf' }).get().cmap;
      for (const char of ['א', 'ש', '5', '0', ',', '₪', 'A', '"', '×']) expect(cmap[char.codePointAt(0)!], char).toBeGreaterThan(0);
    }
    expect(faces[0]!.equals(faces[1]!)).toBe(false);
  });

  it('sets Noto Sans Hebrew for Latin and Hebrew alike, with Arial where it is missing', () => {
    const defaults = all(docx.xml('word/styles.xml'), 'rPrDefault')[0]!;
    const fonts = all(defaults, 'rFonts')[0]!;
    // Word draws Hebrew with the complex-script font (w:cs).
    expect(['ascii', 'hAnsi', 'cs'].map((slot) => attr(fonts, slot))).toEqual(['Noto Sans Hebrew', 'Noto Sans Hebrew', 'Noto Sans Hebrew']);
    expect(attr(all(defaults, 'lang')[0], 'bidi')).toBe('he-IL');
    const noto = all(docx.xml('word/fontTable.xml'), 'font').find((f) => attr(f, 'name') === 'Noto Sans Hebrew')!;
    expect(attr(child(noto, 'altName'), 'val')).toBe('Arial');
  });

  it('is A4 with the HTML margins, the cover, the letter and each section starting a page, each with "page x of y"', () => {
    const doc = docx.xml('word/document.xml');
    const sections = all(doc, 'sectPr');
    expect(sections).toHaveLength(8);
    const rels = all(docx.xml('word/_rels/document.xml.rels'), 'Relationship', PKG);
    for (const section of sections) {
      const size = child(section, 'pgSz')!;
      const margin = child(section, 'pgMar')!;
      expect([attr(size, 'w'), attr(size, 'h')]).toEqual(['11906', '16838']);
      expect(['top', 'right', 'bottom', 'left'].map((side) => Number(attr(margin, side)))).toEqual(
        [PAGE_MARGINS_MM.top, PAGE_MARGINS_MM.right, PAGE_MARGINS_MM.bottom, PAGE_MARGINS_MM.left].map(twips),
      );
      // A section's type is "next page" unless it says otherwise.
      expect(child(section, 'type')).toBeUndefined();

      const reference = child(section, 'footerReference')!;
      expect(attr(reference, 'type')).toBe('default');
      const target = rels.find((r) => r.getAttribute('Id') === reference.getAttributeNS(R, 'id'))!.getAttribute('Target');
      const footer = docx.xml(`word/${target}`);
      const fields = all(footer, 'instrText').map((i) => i.textContent?.trim());
      expect(fields).toEqual(['PAGE', 'NUMPAGES']);
      const text = visible(all(footer, 'p').map(textOf).join('\n'));
      expect(text).toContain('כהן שמאות מקרקעין בע"מ · רחוב הברזל 3, תל אביב');
      expect(text).toContain('עמוד  מתוך '); // the fields' numbers are Word's to fill in
    }
  });

  it('embeds the logo, the photos, the map, the plan crop and the signature, fitted to the page with their proportions', () => {
    const doc = docx.xml('word/document.xml');
    const rels = all(docx.xml('word/_rels/document.xml.rels'), 'Relationship', PKG);
    const media = (id: string) => `word/${rels.find((r) => r.getAttribute('Id') === id)!.getAttribute('Target')}`;
    const drawings = all(doc, 'inline', WP).map((inline) => {
      const extent = child(inline, 'extent', WP)!;
      const blip = all(inline, 'blip', A)[0]!;
      return {
        name: all(inline, 'docPr', WP)[0]!.getAttribute('name'),
        width: Number(extent.getAttribute('cx')),
        height: Number(extent.getAttribute('cy')),
        file: media(blip.getAttributeNS(R, 'embed')!),
      };
    });
    // In the HTML's order: the logo and the facade on the cover, the map, the plan, two rooms, the signature.
    const order: SourceImage[] = [images.logo, images.cover, images.aerial, images.plan, images.living, images.kitchen, images.signature];
    expect(drawings).toHaveLength(order.length);
    const names = ['כהן שמאות מקרקעין', 'חזית הבניין', 'תצלום אוויר', 'תשריט הדירה', 'סלון', 'מטבח', 'חתימת השמאי'];
    expect(drawings.map((d) => d.name)).toEqual(names);
    drawings.forEach((drawing, i) => {
      const source = order[i]!;
      expect(Buffer.from(docx.files[drawing.file]!).equals(bytesOf(source)), drawing.file).toBe(true);
      expect(drawing.file).toMatch(source.dataUrl.startsWith('data:image/png') ? /\.png$/ : /\.jpe?g$/);
      // Proportions kept (to a pixel's rounding), never wider than the text.
      const ratio = source.width / source.height;
      expect(Math.abs(drawing.width - drawing.height * ratio), drawing.name ?? '').toBeLessThanOrEqual(Math.max(1, ratio) * EMU_PER_PX);
      expect(drawing.width).toBeLessThanOrEqual(180 * EMU_PER_MM);
    });
    const [logo, cover, aerial, plan, living, , signature] = drawings;
    const px = (mm: number) => Math.round((mm * 96) / 25.4) * EMU_PER_PX;
    expect(cover!.width).toBe(px(150)); // 4:3 into 150 x 120 mm: as wide as the box
    expect(living!.height).toBe(px(62)); // 3:4 into a photo's 84 x 62 mm: as high as the box
    expect(aerial!.width).toBe(px(180)); // a 900 px map (238 mm) as wide as the text
    expect(plan!.width).toBe(400 * EMU_PER_PX); // a plan narrower than the text keeps its size, as in the HTML
    expect(logo!.width).toBe(px(70)); // 3:1 into 70 x 26 mm: as wide as the box
    expect(signature!.width).toBe(px(60)); // 3:1 into 60 x 24 mm: as wide as the box
  });

  it('reads the same in an independent reader (mammoth)', async () => {
    const { value: text, messages } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    const words = visible(text);
    for (const [, heading] of htmlHeadings(model)) expect(words, heading).toContain(heading);
    for (const expected of ['רחוב הרצל 12, רמת גן', '6109/396/118', ...OWNER_NAMES, 'הרצל 31, רמת גן', '5,700,000\u00a0₪', shekelsInWords(570_000_000), '1234']) {
      expect(words, expected).toContain(expected);
    }
  });

  it('builds a valid DOCX for an empty draft, with the placeholders and no images', async () => {
    const empty = buildReportModel(emptyReportSource());
    const draft = openDocx(await renderReportDocx(empty));
    expect(docxHeadings(draft)).toEqual(htmlHeadings(empty));
    const text = bodyText(draft);
    expect(text).toContain('לא צוין');
    expect(text).toContain(empty.calculations.unavailable!);
    expect(Object.keys(draft.files).filter((p) => p.startsWith('word/media/'))).toEqual([]);
    expect(all(draft.xml('word/document.xml'), 'drawing')).toHaveLength(0);
  });
});

describe('buildReportDocx on a real core', () => {
  it("builds the DOCX of a valuation in the store, with its photo, and refuses another office's", async () => {
    const t = await signedInCore();
    const v = await call(t.core, 'valuations.create', { title: 'תיק 2024/7' });
    await fillForReady(t.core, v.id);
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#9cc3e6' } }).jpeg().toBuffer();
    await call(t.core, 'images.add', { valuationId: v.id, fileName: 'חזית.jpg', source: { bytesBase64: photo.toString('base64') } });

    // A second connection to the core's files stands in for its context.
    const db = openCoreDb(t.dataDir);
    const blobs = createBlobStore({ root: join(t.dataDir, 'blobs'), limits: { documentBytes: 1, imageBytes: 1 } });
    const ctx = { db, state: createLocalState(db), blobs } as unknown as CoreContext;
    const actor: Actor = { userId: t.people.appraisers[0].id, organizationId: t.people.organization.id, role: 'APPRAISER' };

    const model = buildReportModel(await gatherReportSource(ctx, actor, v.id));
    const docx = openDocx(await buildReportDocx(ctx, actor, v.id));
    expect(docxHeadings(docx)).toEqual(htmlHeadings(model));
    const text = bodyText(docx);
    // 100 sqm at 35,000 (34,000 / 35,000 / 36,000), to the nearest 10,000.
    expect(model.valuation.valueDigits).toBe('3,500,000\u00a0₪');
    const expectedTexts = ['הנביאים 7, חיפה', '7000/1', 'ישראל ישראלי', 'רחוב 1', 'רחוב 2', 'רחוב 3', '3,500,000\u00a0₪', model.valuation.valueWords!, 'מס׳ רישיון 1234'];
    for (const expected of expectedTexts) {
      expect(text, expected).toContain(expected);
    }
    // The photo, as gather embedded it (a JPEG scaled to 1,400 px), is the cover's.
    const media = Object.keys(docx.files).filter((p) => p.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect((await sharp(docx.files[media[0]!]!).metadata()).width).toBe(1400);

    const outsider: Actor = { userId: actor.userId, organizationId: '01900000-0000-7000-8000-00000000000b', role: 'APPRAISER' };
    await expect(buildReportDocx(ctx, outsider, v.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
