// HTTP Range requests (RFC 9110 §14) for the update feed: electron-updater downloads only the changed
// blocks of a new installer (differential update), asking for many ranges at once and reading the
// answer as multipart/byteranges.

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

/** More ranges than this in one request are answered with the whole file. */
export const MAX_RANGES = 2000;

/**
 * The ranges of a `Range: bytes=…` header for a file of `size` bytes:
 * - null: no usable header (absent, another unit, malformed, too many ranges) → send the whole file
 * - 'unsatisfiable': well-formed, but no range overlaps the file → 416
 * - ranges, clamped to the file, in the order asked.
 */
export function parseRangeHeader(header: string | undefined, size: number): ByteRange[] | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match?.[1]) return null;
  const specs = match[1].split(',');
  if (specs.length > MAX_RANGES) return null;
  const ranges: ByteRange[] = [];
  for (const raw of specs) {
    const spec = raw.trim();
    const parts = /^(\d*)-(\d*)$/.exec(spec);
    if (!parts) return null;
    const [, first = '', last = ''] = parts;
    if (first === '' && last === '') return null;
    if (first === '') {
      // Suffix range: the last N bytes.
      const length = Number(last);
      if (length === 0) continue;
      ranges.push({ start: Math.max(0, size - length), end: size - 1 });
      continue;
    }
    const start = Number(first);
    const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
    if (last !== '' && Number(last) < start) return null;
    if (start >= size) continue;
    ranges.push({ start, end });
  }
  if (!ranges.length || size === 0) return 'unsatisfiable';
  return ranges;
}

export interface MultipartLayout {
  boundary: string;
  /** The part headers, one per range (the first without the leading CRLF). */
  heads: Buffer[];
  tail: Buffer;
  contentLength: number;
}

/** The framing of a multipart/byteranges body, so its exact length is known before streaming. */
export function multipartLayout(ranges: readonly ByteRange[], size: number, contentType: string, boundary: string): MultipartLayout {
  const heads = ranges.map((range, index) =>
    Buffer.from(`${index === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: ${contentType}\r\nContent-Range: bytes ${range.start}-${range.end}/${size}\r\n\r\n`, 'latin1'),
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1');
  const contentLength = heads.reduce((sum, head) => sum + head.length, 0) + ranges.reduce((sum, range) => sum + range.end - range.start + 1, 0) + tail.length;
  return { boundary, heads, tail, contentLength };
}
