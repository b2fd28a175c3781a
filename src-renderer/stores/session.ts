import { create } from 'zustand';
import type { SessionInfo, Settings } from '../../src-shared/contract/entities.ts';
import type { MethodInput } from '../../src-shared/contract/methods.ts';
import { api } from '../api/index.ts';
import { setLanguage } from '../i18n/index.ts';

interface SessionStore {
  session: SessionInfo | null;
  settings: Settings | null;
  ready: boolean;
  load(): Promise<void>;
  signIn(email: string, password: string): Promise<void>;
  continueOffline(): Promise<void>;
  signOut(): Promise<void>;
  switchOrganization(organizationId: string): Promise<void>;
  updateSettings(changes: MethodInput<'settings.update'>): Promise<void>;
  /** The report's logo or signature from an image's bytes; null removes it. */
  setReportImage(kind: 'logo' | 'signature', bytesBase64: string | null): Promise<void>;
}

export const useSession = create<SessionStore>((set) => ({
  session: null,
  settings: null,
  ready: false,
  async load() {
    const [session, settings] = await Promise.all([api.call('session.current', {}), api.call('settings.get', {})]);
    setLanguage(settings.language);
    set({ session, settings, ready: true });
  },
  async signIn(email, password) {
    set({ session: await api.call('session.signIn', { email, password }) });
  },
  async continueOffline() {
    set({ session: await api.call('session.continueOffline', {}) });
  },
  async signOut() {
    set({ session: await api.call('session.signOut', {}) });
  },
  async switchOrganization(organizationId) {
    set({ session: await api.call('session.switchOrganization', { organizationId }) });
  },
  async updateSettings(changes) {
    const settings = await api.call('settings.update', changes);
    setLanguage(settings.language);
    set({ settings });
  },
  async setReportImage(kind, bytesBase64) {
    set({ settings: await api.call('settings.setReportImage', { kind, source: bytesBase64 === null ? null : { bytesBase64 } }) });
  },
}));
