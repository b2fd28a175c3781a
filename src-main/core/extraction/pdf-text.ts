// Text per page, with positions, from a PDF's text layer (pdfjs-dist, Mozilla's PDF.js). Offline: the
// document comes from memory, nothing is fetched, no system fonts or font faces are used, and the
// "worker" runs in this thread: PDF.js looks for globalThis.pdfjsWorker before it would start a
// Worker, which matters under Electron's utilityProcess, where PDF.js does not take itself for Node.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildLines, normaliseText, type TextItem, type TextLine } from './lines.ts';

export interface PdfPage {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  /** False for a page without a usable text layer (a scan). */
  hasText: boolean;
  lines: TextLine[];
}

export interface PdfText {
  pageCount: number;
  pages: PdfPage[];
  pagesWithoutText: number[];
}

/** A page with fewer letters or digits than this in its text layer counts as a scan. */
const MIN_TEXT_CHARS = 10;

type PdfJs = typeof PdfJsModule;
let loading: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const holder = globalThis as { pdfjsWorker?: unknown };
    holder.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loading;
}

/** The folders of pdfjs-dist's CMaps and standard-font data (fonts a PDF names without embedding). */
function dataFolders(): { cMapUrl?: string; standardFontDataUrl?: string } {
  try {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    return { cMapUrl: join(root, 'cmaps') + '/', standardFontDataUrl: join(root, 'standard_fonts') + '/' };
  } catch {
    return {};
  }
}

/**
 * Reads PDF.js's data files from disk. Given explicitly because PDF.js picks a fetch()-based reader
 * wherever it does not take itself for Node (Electron's utilityProcess), and nothing is fetched here.
 */
class FileDataFactory {
  private readonly folders: Record<string, string | null>;
  constructor(folders: { cMapUrl?: string | null; standardFontDataUrl?: string | null; wasmUrl?: string | null }) {
    this.folders = { cMapUrl: folders.cMapUrl ?? null, standardFontDataUrl: folders.standardFontDataUrl ?? null, wasmUrl: folders.wasmUrl ?? null };
  }
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const folder = this.folders[kind];
    if (!folder) throw new Error(`No folder for PDF.js ${kind} data.`);
    return new Uint8Array(await readFile(join(folder, filename)));
  }
}

export class PdfReadError extends Error {
  readonly reason: 'ENCRYPTED' | 'INVALID';
  constructor(reason: 'ENCRYPTED' | 'INVALID', message: string) {
    super(message);
    this.name = 'PdfReadError';
    this.reason = reason;
  }
}

/** Reads every page's text layer. Throws PdfReadError for a damaged or password-protected file. */
export async function readPdfText(data: Uint8Array): Promise<PdfText> {
  const pdfjs = await loadPdfJs();
  // PDF.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(data),
    ...dataFolders(),
    cMapPacked: true,
    BinaryDataFactory: FileDataFactory,
    useWorkerFetch: false,
    useSystemFonts: false,
    disableFontFace: true,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const doc = await task.promise.catch((error: unknown) => {
      const name = error instanceof Error ? error.name : '';
      throw new PdfReadError(name === 'PasswordException' ? 'ENCRYPTED' : 'INVALID', error instanceof Error ? error.message : String(error));
    });
    const pages: PdfPage[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const [a, b, c, d, e, f] = viewport.transform as [number, number, number, number, number, number];
      const toView = (x: number, y: number) => [a * x + c * y + e, b * x + d * y + f] as const;
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      let chars = 0;
      for (const raw of content.items) {
        if (!('str' in raw) || raw.str === '') continue;
        const t = raw.transform as number[];
        const [t0 = 1, t1 = 0, t2 = 0, t3 = 1, t4 = 0, t5 = 0] = t;
        const scaleX = Math.hypot(t0, t1) || 1;
        const [x1, y1] = toView(t4, t5);
        const [x2] = toView(t4 + (raw.width * t0) / scaleX, t5 + (raw.width * t1) / scaleX);
        const size = Math.hypot(t2, t3) || raw.height || 10;
        items.push({ text: raw.str, left: Math.min(x1, x2), right: Math.max(x1, x2), y: y1, size });
        chars += normaliseText(raw.str).replace(/[^\p{L}\p{N}]/gu, '').length;
      }
      page.cleanup();
      const hasText = chars >= MIN_TEXT_CHARS;
      pages.push({ page: number, width: viewport.width, height: viewport.height, hasText, lines: hasText ? buildLines(items, number) : [] });
    }
    return { pageCount: doc.numPages, pages, pagesWithoutText: pages.filter((p) => !p.hasText).map((p) => p.page) };
  } finally {
    await task.destroy();
  }
}
