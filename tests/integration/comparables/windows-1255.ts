// Encodes text as Windows-1255 for tests, by hand (no conversion library): ASCII as is, the Hebrew
// letters U+05D0..U+05EA as 0xE0..0xFA, and the few punctuation marks our fixtures use.
const EXTRA: Record<string, number> = {
  '₪': 0xa4,
  '\u05f3': 0xd7, // geresh
  '\u05f4': 0xd8, // gershayim
  '\u200e': 0xfd,
  '\u200f': 0xfe,
};

export function encodeWindows1255(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0x05d0 && code <= 0x05ea) bytes.push(0xe0 + (code - 0x05d0));
    else if (char in EXTRA) bytes.push(EXTRA[char]!);
    else throw new Error(`no Windows-1255 byte for U+${code.toString(16).padStart(4, '0')} in this test table`);
  }
  return Uint8Array.from(bytes);
}
