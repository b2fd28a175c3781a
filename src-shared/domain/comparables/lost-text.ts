// Text whose Hebrew was lost before the file reached us: letters replaced by '?' (a file saved in a
// code page without Hebrew), or mojibake (UTF-8 bytes read as Windows-1255 or Windows-1252 and saved
// again; Windows-1255 bytes read as Latin-1). Such text is not an address; the file must be exported again.

/** '?' standing for letters: a run of them, or several in a cell with no letter left. */
function questionMarks(text: string): boolean {
  if (/\?{2,}/.test(text)) return true;
  return (text.match(/\?/g)?.length ?? 0) >= 2 && !/\p{L}/u.test(text);
}

// The UTF-8 lead byte of Hebrew letters (0xD7) is '׳' in Windows-1255 and '×' in Windows-1252, each
// followed by the character of the second byte (0x90..0xAA).
const UTF8_AS_1255 = /(?:\u05f3[^\u05d0-\u05ea\s\d]){2,}/;
const UTF8_AS_1252 = /(?:\u00d7[\u0080-\u00ff\u0152-\u2122]){2,}/;
// Windows-1255 letters (0xE0..0xFA) read as Latin-1: 'ùìåí' for 'שלום'. Only in cells without Hebrew.
const WIN1255_AS_LATIN1 = /[\u00e0-\u00fa]{3,}/;

/** Whether a cell's text lost its Hebrew on the way (replacement characters, '?' for letters, mojibake). */
export function isLostText(text: string): boolean {
  if (text.includes('\ufffd')) return true;
  if (questionMarks(text)) return true;
  if (UTF8_AS_1255.test(text) || UTF8_AS_1252.test(text)) return true;
  return WIN1255_AS_LATIN1.test(text) && !/[\u05d0-\u05ea]/.test(text);
}

export interface LostTextReport {
  /** The columns (header, or '#n' when the header itself was lost) where text was lost, in file order. */
  columns: string[];
  /** The first lost text met, as written in the file. */
  example: string;
}

/** One report for the whole file: which columns lost their text, with one example; null when none did. */
export function findLostText(headers: readonly string[], rows: readonly (readonly string[])[]): LostTextReport | null {
  const lost = new Set<number>();
  let example: string | null = null;
  const note = (text: string, index: number) => {
    if (!isLostText(text)) return;
    lost.add(index);
    example ??= text;
  };
  headers.forEach((header, index) => note(header, index));
  for (const row of rows) row.forEach((cell, index) => note(cell, index));
  if (example === null) return null;
  const columns = [...lost].sort((a, b) => a - b).map((index) => (headers[index] && !isLostText(headers[index]) ? headers[index] : `#${index + 1}`));
  return { columns, example };
}
