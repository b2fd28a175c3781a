// Names the user gave their files are shown, never used as paths. They may still end up as the
// suggested name when a file is saved out again, so the result is also a valid Windows file name.

const MAX_CHARS = 200;
const MAX_EXT_CHARS = 16;
const FALLBACK = 'file';

// C0 and C1 controls, bidi embeddings/overrides/isolates and marks (which can make 'x\u202Efdp.exe'
// read as 'xexe.pdf'), line/paragraph separators and the BOM.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]/gu;
const WINDOWS_INVALID = /[<>:"|?*]/g;
// An ASCII double quote after a Hebrew letter is gershayim (ת"ז): keep it as the Hebrew mark U+05F4.
const HEBREW_GERSHAYIM = /(?<=[\u05D0-\u05EA])"/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])\s*(\.|$)/i;
const EDGE_DOTS_SPACES = /^[.\s]+|[.\s]+$/g;

/** A version of a user-supplied file name that is safe to display and to offer as a file name. */
export function safeDisplayName(name: string): string {
  const cleaned = name.normalize('NFC').replace(INVISIBLE, '');
  const lastPart = cleaned.split(/[\\/]/).pop() ?? '';
  let safe = lastPart
    .replace(HEBREW_GERSHAYIM, '\u05F4')
    .replace(WINDOWS_INVALID, '_')
    .replace(EDGE_DOTS_SPACES, '');
  if (RESERVED.test(safe)) safe = `_${safe}`;
  safe = capLength(safe);
  return safe === '' ? FALLBACK : safe;
}

/** Shortens to MAX_CHARS code points, cutting the base name so the extension survives. */
function capLength(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_CHARS) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot) : '';
  const extChars = Array.from(ext).length;
  const keepExt = extChars > 1 && extChars <= MAX_EXT_CHARS ? ext : '';
  const base = Array.from(name.slice(0, name.length - keepExt.length))
    .slice(0, MAX_CHARS - Array.from(keepExt).length)
    .join('')
    .replace(EDGE_DOTS_SPACES, '');
  return base + keepExt;
}
