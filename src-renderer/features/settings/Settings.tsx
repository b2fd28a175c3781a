import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../src-shared/contract/methods.ts';
import { api } from '../../api/index.ts';
import type { Language } from '../../i18n/index.ts';
import { useSession } from '../../stores/session.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { ReportBranding } from './ReportBranding.tsx';

const MB = 1024 * 1024;

export function Settings() {
  const { t } = useTranslation();
  const { settings, updateSettings, session } = useSession();
  const [info, setInfo] = useState<MethodOutput<'app.info'> | null>(null);
  const [serverUrl, setServerUrl] = useState(settings?.serverUrl ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => void api.call('app.info', {}).then(setInfo, setError), []);
  if (!settings) return null;
  const locked = (key: string) => settings.locked.includes(key);

  const save = async (changes: Parameters<typeof updateSettings>[0]) => {
    try {
      setError(null);
      setSaved(false);
      await updateSettings(changes);
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };
  const submitServer = (event: FormEvent) => {
    event.preventDefault();
    void save({ serverUrl: serverUrl.trim() || null });
  };

  return (
    <section className="panel settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <form onSubmit={submitServer}>
        <label>
          {t('settings.serverUrl')}
          <input type="url" dir="ltr" value={serverUrl} readOnly={locked('serverUrl')} aria-describedby={locked('serverUrl') ? 'server-locked' : undefined} onChange={(e) => setServerUrl(e.target.value)} />
        </label>
        {locked('serverUrl') ? (
          <p id="server-locked" className="hint">
            {t('settings.lockedByPolicy')}
          </p>
        ) : (
          <button type="submit">{t('settings.save')}</button>
        )}
      </form>
      <label>
        {t('language.label')}
        <select value={settings.language} disabled={locked('language')} onChange={(e) => void save({ language: e.target.value as Language })}>
          <option value="he">{t('language.he')}</option>
          <option value="en">{t('language.en')}</option>
        </select>
      </label>
      <label>
        {t('settings.maxDocument')}
        <input type="number" min={1} max={500} value={Math.round(settings.documentMaxBytes / MB)} readOnly={locked('documentMaxBytes')} onChange={(e) => void save({ documentMaxBytes: Math.max(1, Number(e.target.value)) * MB })} />
      </label>
      <label>
        {t('settings.maxImage')}
        <input type="number" min={1} max={500} value={Math.round(settings.imageMaxBytes / MB)} readOnly={locked('imageMaxBytes')} onChange={(e) => void save({ imageMaxBytes: Math.max(1, Number(e.target.value)) * MB })} />
      </label>
      {saved && <p role="status">{t('settings.saved')}</p>}
      <ErrorText error={error} />
      {/* The report's branding belongs to a signed-in user (the core asks who sets it). */}
      {session?.user && <ReportBranding report={settings.report} locked={locked('report')} />}
      {info && (
        <dl className="about">
          <dt>{t('settings.dataFolder')}</dt>
          <dd dir="ltr">{info.dataDir}</dd>
          <dt>{t('settings.about')}</dt>
          <dd>{t('settings.version', { version: info.version })}</dd>
        </dl>
      )}
    </section>
  );
}
