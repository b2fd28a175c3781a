// Settings › Report: the footer text printed on every page, and the logo and signature images
// (the core scales an image down and keeps it as a PNG data: URL, shown here as it will print).
// The logo and footer are the current organization's and the signature the signed-in user's, so
// they are read again whenever the user or the organization changes.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../src-shared/contract/entities.ts';
import { api } from '../../api/index.ts';
import { useSession } from '../../stores/session.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { readAsBase64 } from '../wizard/upload.ts';

const FOOTER_MAX = 500;
/** The core refuses larger sources; checked here first so nothing is read and sent in vain. */
const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
const IMAGE_ACCEPT = 'image/png,image/jpeg,image/webp,image/tiff,.png,.jpg,.jpeg,.webp,.tif,.tiff';

type Kind = 'logo' | 'signature';

export function ReportBranding({ report, locked }: { report: Settings['report']; locked: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const userId = useSession((s) => s.session?.user?.id ?? null);
  const organizationId = useSession((s) => s.session?.organizationId ?? null);
  useEffect(() => {
    let current = true;
    const before = useSession.getState().settings;
    void api.call('settings.get', {}).then(
      (settings) => {
        // Not over a change saved meanwhile, which answered with the newer settings.
        if (current && useSession.getState().settings === before) useSession.setState({ settings });
      },
      () => undefined, // the settings already shown stay; saving reports its own errors
    );
    return () => {
      current = false;
    };
  }, [userId, organizationId]);
  return (
    <section className="settings-report" aria-labelledby={`${id}-title`} data-testid="settings-report">
      <h2 id={`${id}-title`}>{t('settings.report.title')}</h2>
      <p className="hint">{t('settings.report.intro')}</p>
      {locked && <p className="hint">{t('settings.lockedByPolicy')}</p>}
      <FooterText saved={report.footerText} locked={locked} />
      <div className="branding-images">
        <ReportImage kind="logo" dataUrl={report.logoDataUrl} locked={locked} />
        <ReportImage kind="signature" dataUrl={report.signatureDataUrl} locked={locked} />
      </div>
    </section>
  );
}

function FooterText({ saved, locked }: { saved: string; locked: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const updateSettings = useSession((s) => s.updateSettings);
  const [text, setText] = useState(saved);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setText(saved), [saved]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setDone(false);
    setError(null);
    try {
      await updateSettings({ report: { footerText: text.trim() } });
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="footer-form" onSubmit={(e) => void submit(e)}>
      <label>
        {t('settings.report.footer')}
        <textarea
          dir="auto"
          rows={2}
          maxLength={FOOTER_MAX}
          value={text}
          readOnly={locked}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setText(e.target.value);
            setDone(false);
          }}
          data-testid="report-footer"
        />
        <span id={`${id}-hint`} className="hint">
          {t('settings.report.footerHint', { max: FOOTER_MAX })}
        </span>
      </label>
      {!locked && (
        <div className="actions">
          <button type="submit" disabled={busy || text.trim() === saved} aria-busy={busy}>
            {t('settings.report.saveFooter')}
          </button>
          {done && <span role="status">{t('settings.saved')}</span>}
        </div>
      )}
      <ErrorText error={error} />
    </form>
  );
}

function ReportImage({ kind, dataUrl, locked }: { kind: Kind; dataUrl: string | null; locked: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const setReportImage = useSession((s) => s.setReportImage);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tooLarge, setTooLarge] = useState(false);

  const save = async (file: File | null) => {
    setError(null);
    setTooLarge(file !== null && file.size > IMAGE_MAX_BYTES);
    if (file !== null && file.size > IMAGE_MAX_BYTES) return;
    setBusy(true);
    try {
      await setReportImage(kind, file === null ? null : await readAsBase64(file));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const label = t(`settings.report.${kind}`);
  return (
    <div className="branding-image" role="group" aria-labelledby={`${id}-title`} aria-busy={busy} data-testid={`report-image-${kind}`}>
      <h3 id={`${id}-title`}>{label}</h3>
      <div className="branding-image-box">
        {dataUrl ? <img src={dataUrl} alt={t(`settings.report.${kind}Alt`)} data-testid={`report-image-${kind}-preview`} /> : <span className="hint">{t('settings.report.none')}</span>}
      </div>
      {!locked && (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => input.current?.click()}>
            {dataUrl ? t('settings.report.replace') : t('settings.report.choose')}
            <span className="visually-hidden"> — {label}</span>
          </button>
          {dataUrl && (
            <button type="button" disabled={busy} onClick={() => void save(null)}>
              {t('settings.report.remove')}
              <span className="visually-hidden"> — {label}</span>
            </button>
          )}
          <input
            ref={input}
            type="file"
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            accept={IMAGE_ACCEPT}
            onChange={(e) => {
              const file = e.target.files?.[0] ?? null;
              e.target.value = ''; // the same file can be chosen again
              if (file) void save(file);
            }}
          />
        </div>
      )}
      {busy && <p role="status">{t('settings.report.working')}</p>}
      <p className="hint">{t('settings.report.imageHint')}</p>
      {tooLarge && (
        <p role="alert" className="error-text">
          {t('settings.report.tooLarge')}
        </p>
      )}
      <ErrorText error={error} messages={{ TOO_LARGE: t('settings.report.tooLarge'), NOT_AN_IMAGE: t('settings.report.notAnImage') }} />
    </div>
  );
}
