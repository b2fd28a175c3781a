// The valuation the wizard shows, refetched when the core says it changed (a completed step, a pull
// from the server, a status change in another window).
import { useCallback, useEffect, useState } from 'react';
import type { Valuation } from '../../../src-shared/contract/entities.ts';
import type { MembershipRole, ValuationStatus } from '../../../src-shared/domain/enums.ts';
import { canEdit } from '../../../src-shared/domain/lifecycle.ts';
import { api } from '../../api/index.ts';

export function useValuation(id: string) {
  const [valuation, setValuation] = useState<Valuation | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setValuation(null);
    setError(null);
    const load = () =>
      api.call('valuations.get', { id }).then(
        (v) => live && setValuation(v),
        (e: unknown) => live && setError(e),
      );
    void load();
    const off = api.on('data.changed', (event) => {
      if (event.tables.includes('valuations') && (!event.ids || event.ids.includes(id))) void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [id]);

  const replace = useCallback((next: Valuation) => setValuation((current) => (current && current.id === next.id ? next : current)), []);
  return { valuation, error, replace };
}

/** Why the wizard is read-only for this user and valuation (an i18n key), or null when it is editable. */
export function readOnlyReason(status: ValuationStatus, role: MembershipRole | null | undefined): string | null {
  if (!role || role === 'CLIENT_VIEWER') return 'wizard.readOnly.viewer';
  const decision = canEdit(status, role);
  if (decision.allowed) return null;
  return status === 'SIGNED' ? 'wizard.readOnly.signed' : status === 'ARCHIVED' ? 'wizard.readOnly.archived' : 'wizard.readOnly.viewer';
}
