// Electron fuses (https://www.electronjs.org/docs/latest/tutorial/fuses): switches compiled into the
// packaged Electron binary. electron-builder flips them with @electron/fuses right before it signs
// the app (config `electronFuses` in electron-builder.config.ts), so the signature covers the flipped
// binary. This object is the single place they are set; tests/unit/deploy/fuses.test.ts asserts it.
import type { Configuration } from 'electron-builder';

type FuseOptions = NonNullable<Configuration['electronFuses']>;

export const ELECTRON_FUSES = {
  /** ELECTRON_RUN_AS_NODE is ignored: the app binary cannot be used as a plain Node interpreter. */
  runAsNode: false,
  /** NODE_OPTIONS and NODE_EXTRA_CA_CERTS are ignored (no code injection through the environment). */
  enableNodeOptionsEnvironmentVariable: false,
  /** --inspect / --inspect-brk and SIGUSR1 do not open a debugger in the main process. */
  enableNodeCliInspectArguments: false,
  /** Chromium's cookie store is encrypted with the operating system's key store. */
  enableCookieEncryption: true,
  /** app.asar is checked against the hash embedded at build time (macOS and Windows). */
  enableEmbeddedAsarIntegrityValidation: true,
  /** Code is loaded only from app.asar, never from an `app` folder placed beside it. */
  onlyLoadAppFromAsar: true,
  /** The UI is served from app://, not file://: file:// pages get no extra privileges. */
  grantFileProtocolExtraPrivileges: false,
} as const satisfies FuseOptions;
