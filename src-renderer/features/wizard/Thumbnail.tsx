// An image's thumbnail, read through files.read as a data: URL and kept for the session.
import { useEffect, useState } from 'react';
import { api } from '../../api/index.ts';

const MAX_CACHED = 300;
const cache = new Map<string, Promise<string>>();

function thumbnailUrl(sha256: string): Promise<string> {
  let url = cache.get(sha256);
  if (!url) {
    url = api.call('files.read', { sha256 }).then((file) => `data:${file.mimeType};base64,${file.bytesBase64}`);
    cache.set(sha256, url);
    url.catch(() => cache.delete(sha256));
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  }
  return url;
}

export function Thumbnail({ sha256, alt }: { sha256: string | null; alt: string }) {
  const [loaded, setLoaded] = useState<{ sha256: string; src: string | null } | null>(null);
  useEffect(() => {
    if (!sha256) return;
    let live = true;
    thumbnailUrl(sha256).then(
      (src) => live && setLoaded({ sha256, src }),
      () => live && setLoaded({ sha256, src: null }),
    );
    return () => {
      live = false;
    };
  }, [sha256]);

  const current = loaded && loaded.sha256 === sha256 ? loaded : null;
  if (!sha256 || (current && current.src === null)) {
    return (
      <span className="thumb thumb-missing" role="img" aria-label={alt}>
        <span aria-hidden="true">?</span>
      </span>
    );
  }
  if (!current) return <span className="thumb thumb-loading" role="img" aria-label={alt} aria-busy="true" />;
  return <img className="thumb" src={current.src ?? undefined} alt={alt} width={96} height={96} loading="lazy" decoding="async" />;
}
