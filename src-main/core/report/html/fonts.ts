// The report's font, Noto Sans Hebrew (@fontsource/noto-sans-hebrew, a dependency so it ships with the
// app), inlined as base64 @font-face rules: the HTML is shown under a strict CSP and printed offline,
// so it may load nothing. Hebrew and Latin subsets (digits, ₪ and punctuation included), 400 and 700.
// The PDF footer declares the very same rules: Chromium renders a header/footer template with a
// data: font only when the page has already loaded that font (see pdf.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const REPORT_FONT_FAMILY = 'Noto Sans Hebrew';

const require = createRequire(import.meta.url);

/** The unicode ranges of @fontsource's subsets (its hebrew-*.css and latin-*.css). */
const SUBSETS = {
  hebrew: 'U+0307-0308,U+0590-05FF,U+200C-2010,U+20AA,U+25CC,U+FB1D-FB4F',
  latin: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
} as const;

type Weight = 400 | 700;

function fontFace(subset: keyof typeof SUBSETS, weight: Weight): string {
  const file = require.resolve(`@fontsource/noto-sans-hebrew/files/noto-sans-hebrew-${subset}-${weight}-normal.woff2`);
  const base64 = readFileSync(file).toString('base64');
  return (
    `@font-face{font-family:'${REPORT_FONT_FAMILY}';font-style:normal;font-weight:${weight};` +
    `src:url(data:font/woff2;base64,${base64}) format('woff2');unicode-range:${SUBSETS[subset]};}`
  );
}

const cache = new Map<string, string>();

/** The @font-face rules of the given weights (read once per process). */
export function fontFaces(weights: readonly Weight[] = [400, 700]): string {
  const key = weights.join(',');
  let css = cache.get(key);
  if (css === undefined) {
    css = weights.flatMap((weight) => [fontFace('hebrew', weight), fontFace('latin', weight)]).join('\n');
    cache.set(key, css);
  }
  return css;
}
