// CSV as spreadsheets write it (RFC 4180): fields in double quotes may hold the delimiter, line
// breaks and doubled quotes. The delimiter is the one Excel put there: a 'sep=;' first line, else
// the one of comma, semicolon, tab and bar that splits the first lines into the most fields.

const CANDIDATES = [',', ';', '\t', '|'] as const;

/** The delimiter of the text, and where the data starts (after a 'sep=' line). */
export function detectDelimiter(text: string): { delimiter: string; start: number } {
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep) return { delimiter: sep[1]!, start: sep[0].length };
  // The candidate that splits one of the first lines (read as CSV, quotes honoured) into the most
  // fields; a title line above the headers has none of them.
  const sample = text.slice(0, 64 * 1024);
  let best: string = ',';
  let bestFields = 1;
  for (const candidate of CANDIDATES) {
    const fields = Math.max(0, ...parseCsv(sample, candidate, 5).map((row) => row.length));
    if (fields > bestFields) {
      best = candidate;
      bestFields = fields;
    }
  }
  return { delimiter: best, start: 0 };
}

/** Rows of fields. A quote left open at the end takes the rest of the text as its field. */
export function parseCsv(text: string, delimiter?: string, maxRows = Infinity): string[][] {
  const detected = delimiter === undefined ? detectDelimiter(text) : { delimiter, start: 0 };
  const sep = detected.delimiter;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = detected.start;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
      }
      i++;
      continue;
    }
    if (char === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (char === sep) {
      endField();
    } else if (char === '\r' || char === '\n') {
      endRow();
      if (rows.length >= maxRows) return rows;
      if (char === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += char;
    }
    i++;
  }
  if (field !== '' || row.length > 0 || quoted) endRow();
  return rows;
}
