// A stored image (by sha256) decoded for display: read through files.read, or from the bytes this
// window just uploaded. The object URL lives as long as the component shows that image.
import { useEffect, useState } from 'react';
import { loadImage, readStoredFile } from './plan-files.ts';

const recent = new Map<string, Blob>();
const RECENT_MAX = 8;

/** Keeps the bytes of a file just uploaded, so showing it needs no round trip. */
export function rememberUpload(sha256: string, blob: Blob): void {
  recent.delete(sha256);
  recent.set(sha256, blob);
  while (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value as string);
}

export type StoredImage =
  | { status: 'none' }
  | { status: 'loading'; sha256: string }
  | { status: 'error'; sha256: string; error: unknown }
  | { status: 'ready'; sha256: string; url: string; image: HTMLImageElement; width: number; height: number };

export function useStoredImage(sha256: string | null): StoredImage {
  const [state, setState] = useState<StoredImage>({ status: 'none' });
  useEffect(() => {
    if (!sha256) return;
    let live = true;
    let url: string | null = null;
    setState({ status: 'loading', sha256 });
    const cached = recent.get(sha256);
    (cached ? Promise.resolve(cached) : readStoredFile(sha256))
      .then(loadImage)
      .then(
        (loaded) => {
          if (!live) return URL.revokeObjectURL(loaded.url);
          url = loaded.url;
          setState({ status: 'ready', sha256, ...loaded });
        },
        (error: unknown) => live && setState({ status: 'error', sha256, error }),
      );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [sha256]);
  if (!sha256) return { status: 'none' };
  // The state of an earlier image is not shown for a new one.
  return state.status !== 'none' && state.sha256 === sha256 ? state : { status: 'loading', sha256 };
}
