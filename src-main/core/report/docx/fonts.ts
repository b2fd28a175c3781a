// The DOCX font table. A .docx cannot list fallback fonts in a run, only name one; what a reader does
// when that font is missing is up to the font table's entry for it. Noto Sans Hebrew is rarely
// installed on Windows, so its entry names Arial (which has Hebrew, on every Windows and Mac) as its
// alternate (w:altName, ISO/IEC 29500-1 §17.8.3.1): Word tries it before guessing a substitute from
// the font's metrics. docx writes a font table only for embedded fonts, so this one is handed to the
// packer as a file of its own.
import { REPORT_FONT_FAMILY } from '../html/fonts.ts';

export const FALLBACK_FONT = 'Arial';

const FONT_TABLE_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  `<w:font w:name="${REPORT_FONT_FAMILY}"><w:altName w:val="${FALLBACK_FONT}"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>` +
  `<w:font w:name="${FALLBACK_FONT}"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>` +
  '</w:fonts>';

/** The package part that takes the place of docx's own (empty) font table. */
export const FONT_TABLE_PART = { path: 'word/fontTable.xml', data: FONT_TABLE_XML } as const;
