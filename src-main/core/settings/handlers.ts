import type { Settings } from '../../../src-shared/contract/entities.ts';
import { AppError } from '../../../src-shared/contract/errors.ts';
import type { CoreContext } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';

export const DEFAULT_SETTINGS: Omit<Settings, 'locked'> = {
  serverUrl: null,
  language: 'he',
  documentMaxBytes: 50 * 1024 * 1024,
  imageMaxBytes: 25 * 1024 * 1024,
};

/** Settings an IT policy fixes (see issue "IT deployment by policy"); they win over the user's. */
export interface SettingsPolicy {
  values: Partial<Omit<Settings, 'locked'>>;
}

export function readSettings(ctx: CoreContext, policy: SettingsPolicy | undefined): Settings {
  const user = ctx.state.get<Partial<Settings>>('settings') ?? {};
  const locked = Object.keys(policy?.values ?? {});
  return { ...DEFAULT_SETTINGS, ...user, ...policy?.values, locked };
}

export function settingsHandlers(policy: SettingsPolicy | undefined, onChange: (settings: Settings) => void): HandlerMap<'settings.get' | 'settings.update'> {
  return {
    'settings.get': (_input, ctx) => readSettings(ctx, policy),
    'settings.update': (changes, ctx) => {
      const lockedChanged = Object.keys(changes).filter((key) => key in (policy?.values ?? {}));
      if (lockedChanged.length) {
        throw new AppError('FORBIDDEN', `Set by your organization's IT policy: ${lockedChanged.join(', ')}.`, { locked: lockedChanged });
      }
      ctx.state.set('settings', { ...(ctx.state.get<Partial<Settings>>('settings') ?? {}), ...changes });
      const settings = readSettings(ctx, policy);
      onChange(settings);
      return settings;
    },
  };
}
