// The report's font as TrueType, for Word to embed: Word embeds TrueType/OpenType only, and the app
// ships Noto Sans Hebrew as @fontsource's WOFF2 subsets (a Hebrew one and a Latin one, which has the
// digits). fonteditor-core decodes each subset (Google's woff2, as WebAssembly) and merges the Latin
// glyphs into the Hebrew font, one TrueType font per weight with the glyphs the PDF draws. Built once
// per process, on the first DOCX.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Font, woff2 } from 'fonteditor-core';

const require = createRequire(import.meta.url);

export interface TrueTypeFaces {
  regular: Buffer;
  bold: Buffer;
}

function subset(subsetName: 'hebrew' | 'latin', weight: 400 | 700) {
  const file = require.resolve(`@fontsource/noto-sans-hebrew/files/noto-sans-hebrew-${subsetName}-${weight}-normal.woff2`);
  return Font.create(readFileSync(file), { type: 'woff2' });
}

/** One weight of Noto Sans Hebrew, Hebrew and Latin together; a code point both subsets map keeps the Hebrew glyph. */
function mergedFace(weight: 400 | 700): Buffer {
  const hebrew = subset('hebrew', weight);
  const latin = subset('latin', weight);
  const taken = new Set(hebrew.get().glyf.flatMap((glyph) => glyph.unicode ?? []));
  for (const glyph of latin.get().glyf) {
    if (glyph.unicode) glyph.unicode = glyph.unicode.filter((codePoint) => !taken.has(codePoint));
  }
  hebrew.merge(latin, { scale: 1 });
  return Buffer.from(hebrew.write({ type: 'ttf', toBuffer: true }) as Buffer);
}

let faces: Promise<TrueTypeFaces> | null = null;

export function reportTrueTypeFaces(): Promise<TrueTypeFaces> {
  faces ??= woff2
    .init()
    .then(() => ({ regular: mergedFace(400), bold: mergedFace(700) }))
    .catch((error: unknown) => {
      faces = null; // the next DOCX tries again
      throw error;
    });
  return faces;
}
