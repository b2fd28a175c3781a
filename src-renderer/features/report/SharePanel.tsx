// Share links to the sealed report of a signed valuation (office users). The sync server creates, serves,
// counts and revokes them, so creating and revoking need a connection; the list falls back to what the
// last sync brought. Each link shows whether it is active, expired or revoked, and how often it was opened.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetEntity, ShareEntity } from '../../../src-shared/contract/entities.ts';
import { api } from '../../api/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useSync } from '../../stores/sync.ts';
import { CopyButton } from '../../ui/copy-button.tsx';
import { ErrorText } from '../../ui/error-text.tsx';
import { ConfirmDialog } from '../wizard/ConfirmDialog.tsx';
import { isolate } from '../wizard/upload.ts';
import { parseShareForm, SHARE_DAYS, SHARE_PASSWORD, shareStatus, type ShareFormResult } from './report-model.ts';

type FormErrors = Extract<ShareFormResult, { ok: false }>['errors'];

export function SharePanel({ valuationId, sealed }: { valuationId: string; sealed: AssetEntity | null }) {
  const { t } = useTranslation();
  const id = useId();
  const offline = useSync((s) => s.status?.phase === 'offline');
  const [shares, setShares] = useState<ShareEntity[] | null>(null);
  const [listError, setListError] = useState<unknown>(null);
  const [asked, setAsked] = useState(0);
  const [revoking, setRevoking] = useState<ShareEntity | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<unknown>(null);
  /** The link just created here: marked in the list, its address focused (and selected) to copy. */
  const [createdId, setCreatedId] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.call('shares.list', { valuationId }).then(
      (list) => {
        if (!live) return;
        setShares(list);
        setListError(null);
      },
      (e: unknown) => live && setListError(e),
    );
    return () => {
      live = false;
    };
  }, [valuationId, asked]);

  // Access counts and revocations made elsewhere arrive with the sync.
  useEffect(
    () =>
      api.on('data.changed', (event) => {
        if (event.tables.includes('document_shares')) setAsked((n) => n + 1);
      }),
    [],
  );

  useEffect(() => {
    if (createdId) document.getElementById(`${id}-url-${createdId}`)?.focus();
  }, [createdId, id]);

  const messages = { UNAVAILABLE: t('report.share.offline'), CONFLICT: t('report.share.notUploaded') };
  const revoke = async (share: ShareEntity) => {
    setRevokeBusy(true);
    setRevokeError(null);
    try {
      const revoked = await api.call('shares.revoke', { id: share.id });
      setShares((list) => list?.map((s) => (s.id === revoked.id ? revoked : s)) ?? null);
      setRevoking(null);
    } catch (e) {
      setRevokeError(e);
    } finally {
      setRevokeBusy(false);
    }
  };

  const now = Date.now();
  const created = shares?.find((share) => share.id === createdId) ?? null;
  return (
    <section className="report-card report-shares" aria-labelledby={`${id}-title`} data-testid="share-panel">
      <h3 id={`${id}-title`}>{t('report.share.title')}</h3>
      <p className="hint">{t('report.share.intro')}</p>
      {offline && (
        <p className="notice" role="status">
          {t('report.share.offline')}
        </p>
      )}
      {sealed ? (
        <ShareForm
          assetId={sealed.id}
          messages={messages}
          onCreated={(share) => {
            setShares((list) => [share, ...(list ?? []).filter((s) => s.id !== share.id)]);
            setCreatedId(share.id);
          }}
        />
      ) : (
        <p className="hint">{t('report.share.noSealed')}</p>
      )}
      {created && shareStatus(created, now) === 'active' && (
        <p role="status" data-testid="share-created">
          {t('report.share.created')}
        </p>
      )}
      <ErrorText error={listError} messages={messages} />
      {shares?.length === 0 && <p className="hint">{t('report.share.empty')}</p>}
      {shares && shares.length > 0 && (
        <ul className="share-list">
          {shares.map((share) => {
            const status = shareStatus(share, now);
            return (
              <li key={share.id} className={`share-row share-${status}${share.id === createdId ? ' is-new' : ''}`} data-testid="share-row" data-status={status}>
                <span className={`badge share-status-${status}`}>{t(`report.share.status.${status}`)}</span>
                {share.url ? (
                  <input id={`${id}-url-${share.id}`} className="share-url" dir="ltr" readOnly value={share.url} aria-label={t('report.share.link')} onFocus={(e) => e.target.select()} />
                ) : (
                  <span className="hint">{t('report.share.noUrl')}</span>
                )}
                <span className="hint">
                  {status === 'revoked' && share.revokedAt
                    ? t('report.share.revokedAt', { date: isolate(formatDateTime(share.revokedAt)) })
                    : t(status === 'expired' ? 'report.share.expiredAt' : 'report.share.expiresAt', { date: isolate(formatDateTime(share.expiresAt)) })}
                </span>
                <span className="hint">{t('report.share.accessCount', { count: share.accessCount })}</span>
                {share.hasPassword && <span className="badge">{t('report.share.withPassword')}</span>}
                {status === 'active' && (
                  <span className="file-actions">
                    {share.url && <CopyButton text={share.url} label={t('report.share.copy')} />}
                    <button type="button" className="danger-link" onClick={() => setRevoking(share)}>
                      {t('report.share.revoke')}
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" className="link-button" onClick={() => setAsked((n) => n + 1)}>
        {t('report.share.reload')}
      </button>
      <ConfirmDialog
        open={revoking !== null}
        title={t('report.share.revokeTitle')}
        message={t('report.share.revokeMessage')}
        confirmLabel={t('report.share.revoke')}
        danger
        busy={revokeBusy}
        onConfirm={() => revoking && void revoke(revoking)}
        onCancel={() => {
          if (revokeBusy) return;
          setRevoking(null);
          setRevokeError(null);
        }}
      >
        <ErrorText error={revokeError} messages={messages} />
      </ConfirmDialog>
    </section>
  );
}

interface ShareFormProps {
  assetId: string;
  messages: Readonly<Record<string, string>>;
  onCreated(share: ShareEntity): void;
}

/** Expiry in days and an optional password. */
function ShareForm({ assetId, messages, onCreated }: ShareFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [days, setDays] = useState(String(SHARE_DAYS.default));
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseShareForm({ days, password });
    setErrors(parsed.ok ? {} : parsed.errors);
    if (!parsed.ok) return;
    setBusy(true);
    setError(null);
    try {
      const share = await api.call('shares.create', { assetId, ...parsed.input });
      setPassword('');
      onCreated(share);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="share-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="share-fields">
        <label>
          {t('report.share.days')}
          <input
            type="number"
            inputMode="numeric"
            min={SHARE_DAYS.min}
            max={SHARE_DAYS.max}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-invalid={errors.days ? true : undefined}
            aria-describedby={`${id}-days`}
            data-testid="share-days"
          />
          <span id={`${id}-days`} className={errors.days ? 'field-error' : 'hint'}>
            {errors.days ? t(`report.share.errors.${errors.days}`) : t('report.share.daysHint', { min: SHARE_DAYS.min, max: SHARE_DAYS.max })}
          </span>
        </label>
        <label>
          {t('report.share.password')}
          <input
            type="password"
            autoComplete="new-password"
            maxLength={SHARE_PASSWORD.max}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={`${id}-password`}
            data-testid="share-password"
          />
          <span id={`${id}-password`} className={errors.password ? 'field-error' : 'hint'}>
            {errors.password ? t(`report.share.errors.${errors.password}`) : t('report.share.passwordHint', { min: SHARE_PASSWORD.min })}
          </span>
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} aria-busy={busy} data-testid="share-create">
          {busy ? t('report.share.creating') : t('report.share.create')}
        </button>
      </div>
      <ErrorText error={error} messages={messages} />
    </form>
  );
}
