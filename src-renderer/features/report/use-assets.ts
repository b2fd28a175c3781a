// The valuation's generated files (exports and the sealed report), listed again whenever the core says
// assets changed: an export here, a signing, or files a colleague made arriving with a pull.
import { useEffect, useState } from 'react';
import type { AssetEntity } from '../../../src-shared/contract/entities.ts';
import { api } from '../../api/index.ts';

export function useAssets(valuationId: string): { assets: AssetEntity[] | null; error: unknown } {
  const [assets, setAssets] = useState<AssetEntity[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [asked, setAsked] = useState(0);

  // Another valuation: forget the old list, and follow this one's changes.
  useEffect(() => {
    setAssets(null);
    return api.on('data.changed', (event) => {
      if (event.tables.includes('assets')) setAsked((n) => n + 1);
    });
  }, [valuationId]);

  useEffect(() => {
    let live = true;
    api.call('assets.list', { valuationId }).then(
      (list) => {
        if (!live) return;
        setAssets(list);
        setError(null);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [valuationId, asked]);

  return { assets, error };
}
