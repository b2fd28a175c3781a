// Reading a dropped or chosen file for the contract's `source: { bytesBase64 }`, with progress.

/** The contract takes at most 70 MB of base64, which is this many bytes. */
export const MAX_TRANSPORT_BYTES = Math.floor((70 * 1024 * 1024) / 4) * 3;

/** The file's bytes as base64 (no data: prefix); onProgress gets 0..1 while reading. */
export function readAsBase64(file: Blob, onProgress?: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.onabort = () => reject(new Error('Reading the file was cancelled.'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      onProgress?.(1);
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.readAsDataURL(file);
  });
}

const KB = 1024;
const MB = 1024 * KB;

/** 61.2 MB, 12 KB, 900 B. */
export function formatBytes(bytes: number): string {
  if (bytes < KB) return `${bytes} B`;
  const [value, unit] = bytes < MB ? [bytes / KB, 'KB'] : [bytes / MB, 'MB'];
  return `${Number(value.toFixed(1))} ${unit}`;
}

/** Wraps a name (a file name, a title) in Unicode isolates so that inside a sentence of the other
 *  direction it keeps its own order: "nesach-2.pdf" inside Hebrew text, a Hebrew title inside English. */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
