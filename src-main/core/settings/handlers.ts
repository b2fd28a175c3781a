import type { Settings } from '../../../src-shared/contract/entities.ts';
import { AppError } from '../../../src-shared/contract/errors.ts';
import { requireActor, type CoreContext } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { reportImageDataUrl } from './report-image.ts';

export const DEFAULT_SETTINGS: Omit<Settings, 'locked'> = {
  serverUrl: null,
  language: 'he',
  documentMaxBytes: 50 * 1024 * 1024,
  imageMaxBytes: 25 * 1024 * 1024,
  report: { footerText: '', logoDataUrl: null, signatureDataUrl: null },
};

type StoredSettings = Partial<Omit<Settings, 'locked'>>;

/** Settings an IT policy fixes (see issue "IT deployment by policy"); they win over the user's. */
export interface SettingsPolicy {
  values: Partial<Omit<Settings, 'locked'>>;
}

export function readSettings(ctx: CoreContext, policy: SettingsPolicy | undefined): Settings {
  const user = ctx.state.get<StoredSettings>('settings') ?? {};
  const locked = Object.keys(policy?.values ?? {});
  const report = { ...DEFAULT_SETTINGS.report, ...user.report, ...policy?.values.report };
  return { ...DEFAULT_SETTINGS, ...user, ...policy?.values, report, locked };
}

function storeSettings(ctx: CoreContext, policy: SettingsPolicy | undefined, changes: StoredSettings, onChange: (settings: Settings) => void): Settings {
  const lockedChanged = Object.keys(changes).filter((key) => key in (policy?.values ?? {}));
  if (lockedChanged.length) {
    throw new AppError('FORBIDDEN', `Set by your organization's IT policy: ${lockedChanged.join(', ')}.`, { locked: lockedChanged });
  }
  const stored = ctx.state.get<StoredSettings>('settings') ?? {};
  const report = changes.report ? { ...stored.report, ...changes.report } : stored.report;
  ctx.state.set('settings', { ...stored, ...changes, ...(report ? { report } : {}) });
  const settings = readSettings(ctx, policy);
  onChange(settings);
  return settings;
}

export function settingsHandlers(
  policy: SettingsPolicy | undefined,
  onChange: (settings: Settings) => void,
): HandlerMap<'settings.get' | 'settings.update' | 'settings.setReportImage'> {
  return {
    'settings.get': (_input, ctx) => readSettings(ctx, policy),
    'settings.update': (changes, ctx) => storeSettings(ctx, policy, changes as StoredSettings, onChange),
    'settings.setReportImage': async ({ kind, source }, ctx) => {
      requireActor(ctx);
      const dataUrl = source ? await reportImageDataUrl(source) : null;
      const field = kind === 'logo' ? 'logoDataUrl' : 'signatureDataUrl';
      return storeSettings(ctx, policy, { report: { ...readSettings(ctx, policy).report, [field]: dataUrl } }, onChange);
    },
  };
}
