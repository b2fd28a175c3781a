// Signing: offered to the valuation's appraiser or an office admin once it is READY and the preflight has
// no hard stop (otherwise the button stays, disabled, with the reason beside it). A confirmation says
// what signing does; the core then prints the final report, seals it by its sha256 and sets SIGNED,
// which takes seconds, so the dialog shows progress until it is done. A signed valuation shows its seal.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetEntity, Valuation } from '../../../src-shared/contract/entities.ts';
import type { MembershipRole } from '../../../src-shared/domain/enums.ts';
import { api } from '../../api/index.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { ConfirmDialog } from '../wizard/ConfirmDialog.tsx';
import { isolate } from '../wizard/upload.ts';
import { signState } from './report-model.ts';
import { Seal } from './Seal.tsx';

export interface SignPanelProps {
  valuation: Valuation;
  role: MembershipRole | null;
  userId: string | null;
  /** Hard stops that block SIGNED; null while the preflight is loading. */
  signingStops: number | null;
  sealed: AssetEntity | null;
  onSigned(valuation: Valuation): void;
}

export function SignPanel({ valuation, role, userId, signingStops, sealed, onSigned }: SignPanelProps) {
  const { t } = useTranslation();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  /** Signed from this panel: the focus moves to the seal, where the dialog's buttons were. */
  const [signedHere, setSignedHere] = useState(false);
  const state = signState({ valuation, role, userId, signingStops });

  if (state.kind === 'signed') return <Seal valuation={valuation} sealed={sealed} focus={signedHere} />;
  if (state.kind === 'blocked' && state.reason === 'viewer') return null;

  const sign = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('valuations.sign', { id: valuation.id });
      setConfirming(false);
      setSignedHere(true);
      onSigned(result.valuation);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    if (busy) return; // the report is being printed and sealed; it cannot be called back
    setConfirming(false);
    setError(null);
  };

  const why =
    state.kind === 'blocked' ? t(`report.sign.blocked.${state.reason}`, { count: state.count }) : state.kind === 'checking' ? t('report.sign.checking') : t('report.sign.ready');
  return (
    <section className="report-card report-sign" aria-labelledby={`${id}-title`} data-testid="sign-panel">
      <h3 id={`${id}-title`}>{t('report.sign.title')}</h3>
      <p className="hint">{t('report.sign.intro')}</p>
      <div className="actions">
        <button type="button" className="primary" disabled={state.kind !== 'allowed'} aria-describedby={`${id}-why`} onClick={() => setConfirming(true)} data-testid="sign-button">
          {t('report.sign.button')}
        </button>
        <span id={`${id}-why`} className={state.kind === 'blocked' ? 'sign-blocked' : 'hint'} data-testid="sign-state" data-state={state.kind === 'blocked' ? state.reason : state.kind}>
          {why}
        </span>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('report.sign.confirmTitle')}
        message={t('report.sign.confirmMessage', { title: isolate(valuation.title) })}
        confirmLabel={t('report.sign.confirm')}
        busy={busy}
        onConfirm={() => void sign()}
        onCancel={close}
      >
        {busy && (
          <p className="report-progress" role="status">
            <progress aria-labelledby={`${id}-signing`} />
            <span id={`${id}-signing`}>{t('report.sign.working')}</span>
          </p>
        )}
        <ErrorText error={error} messages={{ UNAVAILABLE: t('report.errors.printUnavailable') }} />
      </ConfirmDialog>
    </section>
  );
}
