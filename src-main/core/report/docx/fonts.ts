// The DOCX font table. A .docx cannot list fallback fonts in a run, only name one; what a reader does
// when that font is missing is up to the font table's entry for it. Noto Sans Hebrew is rarely
// installed on Windows, so its entry names Arial (which has Hebrew, on every Windows and Mac) as its
// alternate (w:altName, ISO/IEC 29500-1 §17.8.3.1): Word tries it before guessing a substitute from
// the font's metrics. The font itself is embedded (TrueType, truetype.ts): docx writes the font files
// and their relationships, and this table, which docx would write without the alternate, replaces its
// own and names the embedded faces by docx's relationship ids and obfuscation keys.
import { REPORT_FONT_FAMILY } from '../html/fonts.ts';

export const FALLBACK_FONT = 'Arial';

/** An embedded face as docx packs it: the Nth file is related as rId<N>, obfuscated with its key. */
export interface EmbeddedFace {
  fontKey: string;
  bold: boolean;
}

const embedElement = (face: EmbeddedFace, index: number) =>
  `<w:${face.bold ? 'embedBold' : 'embedRegular'} r:id="rId${index + 1}" w:fontKey="{${face.fontKey.toUpperCase()}}"/>`;

/** The package part that takes the place of docx's own font table. */
export function fontTablePart(embedded: readonly EmbeddedFace[]) {
  const data =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<w:font w:name="${REPORT_FONT_FAMILY}"><w:altName w:val="${FALLBACK_FONT}"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/>` +
    embedded.map(embedElement).join('') +
    '</w:font>' +
    `<w:font w:name="${FALLBACK_FONT}"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>` +
    '</w:fonts>';
  return { path: 'word/fontTable.xml', data } as const;
}
