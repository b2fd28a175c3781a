// A printed PDF's pages as PNGs, for a person to look at what a report test printed.

/** Every page as a PNG (PDF.js renders on @napi-rs/canvas through its own canvas factory). */
export async function renderPages(pdf: Uint8Array, scale: number): Promise<Buffer[]> {
  const holder = globalThis as { pdfjsWorker?: unknown };
  holder.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: pdfjs.VerbosityLevel.ERRORS });
  const doc = await task.promise;
  const factory = doc.canvasFactory as { create(width: number, height: number): { canvas: { toBuffer(mime: 'image/png'): Buffer } } };
  const pngs: Buffer[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale });
      const { canvas } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
      pngs.push(canvas.toBuffer('image/png'));
      page.cleanup();
    }
  } finally {
    await task.destroy();
  }
  return pngs;
}
