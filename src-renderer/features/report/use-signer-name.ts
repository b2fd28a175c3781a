// Who signed a valuation, by name: the user themself, or the actor of the valuation's "signed" entry in
// the activity log (synced with the valuation, so it is known offline too).
import { useEffect, useState } from 'react';
import type { Valuation } from '../../../src-shared/contract/entities.ts';
import { api } from '../../api/index.ts';
import { useSession } from '../../stores/session.ts';

/** The signer's name; null while it is looked up or when nobody knows it. */
export function useSignerName(valuation: Pick<Valuation, 'id' | 'signedById'>): string | null {
  const user = useSession((s) => s.session?.user ?? null);
  const own = valuation.signedById !== null && user?.id === valuation.signedById ? user.name : null;
  const [logged, setLogged] = useState<string | null>(null);

  useEffect(() => {
    setLogged(null);
    if (!valuation.signedById || own) return;
    let live = true;
    api.call('activity.query', { valuationId: valuation.id, actions: ['signed'], limit: 1 }).then(
      (entries) => live && setLogged(entries[0]?.actorName ?? null),
      () => undefined, // the banner then says "another user"; nothing to retry
    );
    return () => {
      live = false;
    };
  }, [valuation.id, valuation.signedById, own]);

  return own ?? logged;
}
