// The notice over every step of a signed valuation: who signed it and when, that it is read-only, and
// the way to change it — a revision, which opens in the wizard as a new, editable valuation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Valuation } from '../../../src-shared/contract/entities.ts';
import type { MembershipRole } from '../../../src-shared/domain/enums.ts';
import { api } from '../../api/index.ts';
import { navigate } from '../../app/router.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { isolate } from '../wizard/upload.ts';
import { mayRevise } from './report-model.ts';
import { useSignerName } from './use-signer-name.ts';

export function SignedBanner({ valuation, role }: { valuation: Valuation; role: MembershipRole | null }) {
  const { t } = useTranslation();
  const signer = useSignerName(valuation);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const revisable = mayRevise(valuation.status, role);
  const facts = { date: isolate(formatDateTime(valuation.signedAt)), name: isolate(signer ?? t('report.signed.someone')) };

  const revise = async () => {
    setBusy(true);
    setError(null);
    try {
      const revision = await api.call('valuations.revise', { id: valuation.id });
      navigate({ name: 'valuation', id: revision.id, step: 1 });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <div className="wizard-readonly signed-banner" role="note" data-testid="signed-banner">
      <p>{revisable ? t('report.signed.banner', facts) : t('report.signed.bannerReadOnly', facts)}</p>
      {revisable && (
        <button type="button" className="primary" disabled={busy} aria-busy={busy} onClick={() => void revise()} data-testid="create-revision">
          {busy ? t('report.signed.revising') : t('report.signed.revise')}
        </button>
      )}
      <ErrorText error={error} />
    </div>
  );
}
