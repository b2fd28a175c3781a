// Content-Disposition for a served report: `inline` with a plain-ASCII filename for old clients and
// the real (Hebrew) name as RFC 5987/6266 filename*. The name comes from a row the devices wrote, so
// it is treated as hostile: no header injection, no path, no bidi tricks ("report<RLO>fdp.exe").

const FALLBACK_NAME = 'report.pdf';
const MAX_NAME_CHARS = 150;

// C0/C1 controls, bidi embeddings/overrides/isolates and marks, zero-width characters, BOM.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// Path separators and characters Windows refuses in file names.
const UNSAFE = /[/\\:*?"<>|]/g;

/** The file name a person should see: cleaned, at most 150 characters, ending in .pdf. */
export function safePdfName(raw: string): string {
  let name = raw.normalize('NFC').replace(INVISIBLE, '').replace(UNSAFE, '_').replace(/\s+/g, ' ').trim();
  name = name.replace(/^[.\s]+/, ''); // no hidden files, no "..": a name, not a path
  if (!/\.pdf$/i.test(name)) name = `${name.replace(/\.+$/, '')}.pdf`;
  const chars = [...name];
  if (chars.length > MAX_NAME_CHARS) name = `${chars.slice(0, MAX_NAME_CHARS - 4).join('').trimEnd()}.pdf`;
  return name === '.pdf' ? FALLBACK_NAME : name;
}

export function inlineDisposition(rawName: string): string {
  const name = safePdfName(rawName);
  // Clients that only read `filename` get an ASCII name: this one when it is ASCII, else a plain one.
  const ascii = /^[\x20-\x7e]+$/.test(name) ? name.replace(/[%;]/g, '_') : FALLBACK_NAME;
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Percent-encodes everything outside RFC 5987 attr-char. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
