// Files of step 4 in the browser: reading a stored file back (files.read, at most 8 MB), a PDF page
// rendered to an image with PDF.js (pdfjs-dist, loaded only when a PDF is opened), and images made
// small enough to be read back.
import type * as PdfJsModule from 'pdfjs-dist';
import { api } from '../../api/index.ts';
// PDF.js parses in a module worker; Vite copies these files into the build and gives their URLs.
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import jbig2WasmUrl from 'pdfjs-dist/wasm/jbig2.wasm?url';
import openjpegWasmUrl from 'pdfjs-dist/wasm/openjpeg.wasm?url';
import qcmsWasmUrl from 'pdfjs-dist/wasm/qcms_bg.wasm?url';

/** files.read serves files up to this size; a plan image must fit to be shown again later. */
export const READ_BACK_MAX_BYTES = 8 * 1024 * 1024;
/** The longest side of a plan rendered from a PDF or shrunk from a large image. */
export const RENDER_MAX_SIDE = 5000;
/** Image types a browser shows; TIFF and HEIC plans must be converted first. */
export const PLAN_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
export const PLAN_ACCEPT = 'application/pdf,.pdf,image/png,image/jpeg,image/webp';
export const SCREENSHOT_ACCEPT = 'image/png,image/jpeg,image/webp';

export const isPdf = (file: Blob & { name?: string }) => file.type === 'application/pdf' || /\.pdf$/i.test(file.name ?? '');

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A stored file as a Blob (files.read: at most 8 MB, of a valuation the user can see). */
export async function readStoredFile(sha256: string): Promise<Blob> {
  const file = await api.call('files.read', { sha256 });
  return new Blob([base64ToBytes(file.bytesBase64)], { type: file.mimeType });
}

export interface LoadedImage {
  url: string;
  image: HTMLImageElement;
  width: number;
  height: number;
}

/** Decodes the blob into an image; the caller revokes `url` when done with it. */
export async function loadImage(blob: Blob): Promise<LoadedImage> {
  const url = URL.createObjectURL(blob);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    if (!image.naturalWidth || !image.naturalHeight) throw new Error('The image has no size.');
    return { url, image, width: image.naturalWidth, height: image.naturalHeight };
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
}

/** PNG when that is small enough to be read back, else JPEG at decreasing quality. */
export async function encodeCanvas(canvas: HTMLCanvasElement): Promise<{ blob: Blob; extension: 'png' | 'jpg' }> {
  const encode = (type: string, quality?: number) =>
    new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The image could not be encoded.'))), type, quality));
  const png = await encode('image/png');
  if (png.size <= READ_BACK_MAX_BYTES) return { blob: png, extension: 'png' };
  for (const quality of [0.9, 0.8, 0.65]) {
    const jpeg = await encode('image/jpeg', quality);
    if (jpeg.size <= READ_BACK_MAX_BYTES) return { blob: jpeg, extension: 'jpg' };
  }
  throw new Error('The image is too large even after compression.');
}

function canvasOf(width: number, height: number): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width));
  canvas.height = Math.max(1, Math.round(height));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw images.');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  return { canvas, context };
}

/** An image file shrunk to RENDER_MAX_SIDE and re-encoded, for plans too large to be read back. */
export async function shrinkImage(file: Blob): Promise<{ blob: Blob; extension: 'png' | 'jpg'; width: number; height: number }> {
  const loaded = await loadImage(file);
  try {
    const ratio = Math.min(1, RENDER_MAX_SIDE / Math.max(loaded.width, loaded.height));
    const { canvas, context } = canvasOf(loaded.width * ratio, loaded.height * ratio);
    context.drawImage(loaded.image, 0, 0, canvas.width, canvas.height);
    return { ...(await encodeCanvas(canvas)), width: canvas.width, height: canvas.height };
  } finally {
    URL.revokeObjectURL(loaded.url);
  }
}

// ---- PDF ------------------------------------------------------------------------------------------

const WASM_URLS: Record<string, string> = { 'jbig2.wasm': jbig2WasmUrl, 'openjpeg.wasm': openjpegWasmUrl, 'qcms_bg.wasm': qcmsWasmUrl };

/**
 * Hands PDF.js its WebAssembly decoders (scanned pages compressed with CCITT/JBIG2/JPEG 2000) from
 * the build's own files. Where the content security policy forbids WebAssembly such images stay blank.
 */
class BundledBinaryData {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = kind === 'wasmUrl' ? WASM_URLS[filename] : undefined;
    if (!url) throw new Error(`PDF.js data not bundled: ${kind}/${filename}`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`PDF.js data not found: ${filename}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

type PdfJs = typeof PdfJsModule;
let pdfjsPromise: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = pdfWorkerUrl;
    return pdfjs;
  });
  pdfjsPromise.catch(() => (pdfjsPromise = null));
  return pdfjsPromise;
}

export interface OpenPdf {
  pageCount: number;
  /** The page rendered to an image whose longest side is at most RENDER_MAX_SIDE px (about 150-300 dpi). */
  render(page: number): Promise<{ blob: Blob; extension: 'png' | 'jpg'; width: number; height: number }>;
  close(): Promise<void>;
}

export class PdfOpenError extends Error {
  readonly reason: 'ENCRYPTED' | 'INVALID';
  constructor(reason: 'ENCRYPTED' | 'INVALID', message: string) {
    super(message);
    this.name = 'PdfOpenError';
    this.reason = reason;
  }
}

export async function openPdf(file: Blob): Promise<OpenPdf> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(await file.arrayBuffer()),
    BinaryDataFactory: BundledBinaryData,
    useWorkerFetch: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const doc = await task.promise.catch((error: unknown) => {
    const name = error instanceof Error ? error.name : '';
    throw new PdfOpenError(name === 'PasswordException' ? 'ENCRYPTED' : 'INVALID', error instanceof Error ? error.message : String(error));
  });
  return {
    pageCount: doc.numPages,
    async render(number) {
      const page = await doc.getPage(number);
      try {
        const base = page.getViewport({ scale: 1 });
        // 300 dpi for small sheets, less for large ones so the longest side stays within the limit.
        const scale = Math.min(300 / 72, RENDER_MAX_SIDE / Math.max(base.width, base.height));
        const viewport = page.getViewport({ scale });
        const { canvas } = canvasOf(viewport.width, viewport.height);
        await page.render({ canvas, viewport, background: '#ffffff' }).promise;
        return { ...(await encodeCanvas(canvas)), width: canvas.width, height: canvas.height };
      } finally {
        page.cleanup();
      }
    },
    close: () => task.destroy(),
  };
}

/** "plan.pdf" -> "plan-p2.png": the name of a rendered page or a shrunk copy. */
export function derivedName(fileName: string, suffix: string, extension: string): string {
  const base = fileName.replace(/\.[^.]+$/, '') || 'plan';
  return `${base}-${suffix}.${extension}`;
}
