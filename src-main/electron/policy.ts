// IT policy (server URL and other settings fixed by the organization's IT) arrives with the issue
// "IT deployment by policy". Until then this stub reads nothing and returns no policy: the server URL
// comes from the user's settings, and no setting is locked. It deliberately invents no values.
import type { SettingsPolicy } from '../core/settings/handlers.ts';

export interface LoadedPolicy {
  /** Settings the policy fixes, passed to the core; undefined when there is no policy. */
  settings: SettingsPolicy | undefined;
  /** Where the policy was read from, for the log; null when none was read. */
  source: string | null;
}

export function loadPolicy(): LoadedPolicy {
  return { settings: undefined, source: null };
}
