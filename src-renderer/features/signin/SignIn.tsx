import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../stores/session.ts';
import { ErrorText } from '../../ui/error-text.tsx';

export function SignIn() {
  const { t } = useTranslation();
  const { signIn, continueOffline, settings } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => signIn(email, password));
  };

  return (
    <main id="main" className="signin">
      <form onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title" tabIndex={-1}>{t('signin.title')}</h1>
        {!settings?.serverUrl && <p className="hint">{t('signin.noServer')}</p>}
        <label>
          {t('signin.email')}
          <input type="email" name="email" autoComplete="username" required dir="ltr" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t('signin.password')}
          <input type="password" name="password" autoComplete="current-password" required dir="ltr" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signin.working') : t('signin.submit')}
        </button>
        <button type="button" disabled={busy} onClick={() => void run(continueOffline)}>
          {t('signin.offlineUnknown')}
        </button>
        <ErrorText error={error} />
      </form>
    </main>
  );
}
