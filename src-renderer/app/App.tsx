import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivityLog } from '../features/activity/ActivityLog.tsx';
import { Dashboard } from '../features/dashboard/Dashboard.tsx';
import { Settings } from '../features/settings/Settings.tsx';
import { SignIn } from '../features/signin/SignIn.tsx';
import { Conflicts } from '../features/sync/Conflicts.tsx';
import { Rejected } from '../features/sync/Rejected.tsx';
import { SyncPanel } from '../features/sync/SyncPanel.tsx';
import { SyncSummary } from '../features/sync/SyncSummary.tsx';
import { NewValuation } from '../features/wizard/NewValuation.tsx';
import { Wizard } from '../features/wizard/Wizard.tsx';
import { useSession } from '../stores/session.ts';
import { useSync } from '../stores/sync.ts';
import { hrefOf, useRoute, type Route } from './router.ts';
import { useScreenFocus } from './screen-focus.ts';

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'dashboard':
      return <Dashboard />;
    case 'valuation':
      return <Wizard valuationId={route.id} step={route.step} focus={route.focus} />;
    case 'newValuation':
      return <NewValuation />;
    case 'activity':
      return <ActivityLog valuationId={route.id} />;
    case 'sync':
      return <SyncPanel />;
    case 'conflicts':
      return <Conflicts />;
    case 'rejected':
      return <Rejected />;
    case 'settings':
      return <Settings />;
  }
}

export function App() {
  const { t } = useTranslation();
  const { session, ready, load, signOut, switchOrganization, settings, updateSettings } = useSession();
  const route = useRoute();
  useEffect(() => void load(), [load]);
  useEffect(() => void useSync.getState().load(), [session?.organizationId]);
  useScreenFocus(!ready ? null : session?.user ? route : route.name === 'settings' ? route : { name: 'signin' });

  if (!ready) return <p className="loading">{t('app.loading')}</p>;
  if (!session?.user) return route.name === 'settings' ? <Settings /> : <SignIn />;

  const nav: [Route['name'], string][] = [
    ['dashboard', t('nav.dashboard')],
    ['sync', t('nav.sync')],
    ['conflicts', t('nav.conflicts')],
    ['rejected', t('nav.rejected')],
    ['settings', t('nav.settings')],
  ];
  return (
    <div className="shell">
      {/* Not a plain #main link: the router reads the hash, and #main would open the dashboard. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <strong className="brand">{t('app.name')}</strong>
        <nav aria-label={t('app.name')}>
          {nav.map(([name, label]) => (
            <a key={name} href={hrefOf({ name } as Route)} aria-current={route.name === name ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <SyncSummary />
        {session.memberships.length > 1 && (
          <select aria-label={t('org.switch')} value={session.organizationId ?? ''} onChange={(e) => void switchOrganization(e.target.value)}>
            {session.memberships.map((m) => (
              <option key={m.organizationId} value={m.organizationId}>
                {m.organizationName}
              </option>
            ))}
          </select>
        )}
        <select aria-label={t('language.label')} value={settings?.language ?? 'he'} onChange={(e) => void updateSettings({ language: e.target.value as 'he' | 'en' })}>
          <option value="he">{t('language.he')}</option>
          <option value="en">{t('language.en')}</option>
        </select>
        <bdi className="user">{session.user.name}</bdi>
        <button type="button" onClick={() => void signOut()}>
          {t('nav.signOut')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Screen route={route} />
      </main>
    </div>
  );
}
