// Auto-update with electron-updater from a generic feed the organization controls: by default the
// sync server's `/updates/<channel>/` (src-server/updates), or the policy's UpdateUrl. The decisions
// are pure functions (feed parsing, rollout bucket, what to check) tested in plain Node; the glue at
// the bottom sets them on electron-updater's autoUpdater and only runs inside the packaged app.
//
// Trust: the feed's sha512 of every file is checked by electron-updater after download; on Windows the
// installer's Authenticode publisher must match app-update.yml's publisherName, on macOS Squirrel
// checks the Developer ID signature. Downgrades are refused. Staged rollout: latest*.yml may carry
// `stagingPercentage`; a device takes part when its stable bucket (from userData/.updaterId, the file
// electron-updater itself keeps) is below it.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppUpdater, UpdateInfo as ElectronUpdateInfo } from 'electron-updater';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DEFAULT_UPDATE_POLICY, type UpdateChannel, type UpdatePolicy } from './policy.ts';

// ---- the feed ----------------------------------------------------------------------------------------

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** sha512 as electron-builder writes it: base64 of the 64-byte digest. */
const sha512Base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]{86}==$/, 'must be the base64 sha512 of the file (88 characters)');

const percentage = z
  .union([z.number(), z.string().trim().regex(/^\d+(\.\d+)?$/).transform(Number)])
  .pipe(z.number().min(0).max(100));

export const updateInfoSchema = z.object({
  version: z.string().regex(SEMVER, 'must be a semantic version such as 1.2.3'),
  files: z
    .array(
      z.object({
        url: z.string().min(1),
        sha512: sha512Base64,
        size: z.number().int().nonnegative().optional(),
        blockMapSize: z.number().int().nonnegative().optional(),
        isAdminRightsRequired: z.boolean().optional(),
      }),
    )
    .min(1, 'must list at least one file'),
  path: z.string().optional(),
  sha512: sha512Base64.optional(),
  releaseDate: z.string().refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), 'must be an ISO-8601 date and time'),
  releaseName: z.string().nullish(),
  releaseNotes: z.union([z.string(), z.array(z.unknown())]).nullish(),
  stagingPercentage: percentage.optional(),
  minimumSystemVersion: z.string().optional(),
});
export type UpdateFeedInfo = z.infer<typeof updateInfoSchema>;

export class UpdateFeedError extends Error {
  override readonly name = 'UpdateFeedError';
}

/** Parses and validates a latest*.yml; throws UpdateFeedError saying what is wrong. */
export function parseUpdateInfo(yamlText: string): UpdateFeedInfo {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (error) {
    throw new UpdateFeedError(`the update feed is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = updateInfoSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'feed'} ${issue.message}`);
    throw new UpdateFeedError(`the update feed is invalid: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** The feed file electron-updater reads on this platform (same rule as its providers). */
export function feedFileName(platform: NodeJS.Platform, arch: string = process.arch): string {
  if (platform === 'darwin') return 'latest-mac.yml';
  if (platform === 'linux') return arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${arch}.yml`;
  return 'latest.yml';
}

export function sha512OfBytes(bytes: Uint8Array): string {
  return createHash('sha512').update(bytes).digest('base64');
}

export async function sha512OfFile(file: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

/** Whether a downloaded file is the one the feed describes. */
export function verifySha512(bytes: Uint8Array, expectedBase64: string): boolean {
  const actual = Buffer.from(sha512OfBytes(bytes), 'base64');
  const expected = Buffer.from(expectedBase64, 'base64');
  return expected.length === 64 && actual.equals(expected);
}

// ---- staged rollout --------------------------------------------------------------------------------

/**
 * A device's place in [0, 1) for staged rollouts, from its updater id (a UUID): bytes 12–15 read as
 * an unsigned 32-bit number, exactly as electron-updater computes it, so both always agree.
 */
export function bucketFromUpdaterId(id: string): number {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${id}`);
  return Number.parseInt(hex.slice(24, 32), 16) / 0xffffffff;
}

/** Whether a device in `deviceBucket` takes part in a rollout to `stagingPercentage` percent. */
export function isInRollout(deviceBucket: number, stagingPercentage: number | null | undefined): boolean {
  if (stagingPercentage === null || stagingPercentage === undefined) return true;
  if (!Number.isFinite(stagingPercentage) || stagingPercentage >= 100) return true;
  if (stagingPercentage <= 0) return false;
  return deviceBucket < stagingPercentage / 100;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** userData/.updaterId (shared with electron-updater), created when missing or unreadable. */
export function readOrCreateUpdaterId(file: string): string {
  try {
    const id = readFileSync(file, 'utf8').trim();
    if (UUID.test(id)) return id;
  } catch {
    // Missing: created below.
  }
  const id = randomUUID();
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, id);
  } catch {
    // Not writable: this run still has a bucket; the next one draws again.
  }
  return id;
}

// ---- what to do --------------------------------------------------------------------------------------

export function feedUrl(baseUrl: string, channel: UpdateChannel): string {
  return `${baseUrl.replace(/\/+$/, '')}/${channel}`;
}

export type UpdatePlan =
  | { action: 'skip'; reason: string }
  | { action: 'check'; feedUrl: string; channel: UpdateChannel; autoDownload: boolean };

/** Whether and where to look for updates. Disabled by policy means no request at all. */
export function planUpdateCheck(input: { policy: UpdatePolicy; serverUrl: string | null; isPackaged: boolean }): UpdatePlan {
  const { policy } = input;
  if (policy.disabled) return { action: 'skip', reason: 'updates are turned off by IT policy (UpdatesDisabled)' };
  if (!input.isPackaged) return { action: 'skip', reason: 'a development build does not update itself' };
  const base = policy.feedBaseUrl ?? (input.serverUrl ? `${input.serverUrl.replace(/\/+$/, '')}/updates` : null);
  if (!base) return { action: 'skip', reason: 'no server URL and no UpdateUrl policy: nowhere to look for updates' };
  return { action: 'check', feedUrl: feedUrl(base, policy.channel), channel: policy.channel, autoDownload: policy.autoDownload };
}

// ---- glue with electron-updater ------------------------------------------------------------------------

/** The part of electron-updater's AppUpdater used here (a fake in tests, the real one in the app). */
export type UpdaterLike = Pick<AppUpdater, 'setFeedURL' | 'checkForUpdates' | 'on'> & {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  isUserWithinRollout: (info: ElectronUpdateInfo) => boolean | Promise<boolean>;
  logger: AppUpdater['logger'];
};

export interface UpdaterLog {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Points the updater at the plan's feed with our rules. Returns false when the plan is to skip. */
export function configureUpdater(updater: UpdaterLike, plan: UpdatePlan, deviceBucket: number, log: UpdaterLog): boolean {
  if (plan.action === 'skip') {
    log.info('updates: not checking', { reason: plan.reason });
    return false;
  }
  updater.logger = {
    info: (message?: unknown) => log.info(`updater: ${String(message)}`),
    warn: (message?: unknown) => log.warn(`updater: ${String(message)}`),
    error: (message?: unknown) => log.error(`updater: ${String(message)}`),
  };
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  updater.autoDownload = plan.autoDownload;
  updater.autoInstallOnAppQuit = plan.autoDownload;
  updater.isUserWithinRollout = (info) => isInRollout(deviceBucket, toPercentage(info.stagingPercentage));
  // The object form keeps app-update.yml's publisherName, so Windows signature checks stay on.
  updater.setFeedURL({ provider: 'generic', url: plan.feedUrl });
  return true;
}

function toPercentage(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;
const FIRST_CHECK_DELAY_MS = 60 * 1000;

export interface StartUpdatesOptions {
  policy?: UpdatePolicy;
  /** The effective server URL (settings.get), null when none is configured. */
  serverUrl: string | null;
  isPackaged: boolean;
  userData: string;
  log: UpdaterLog;
  /** Injected in tests; the app loads electron-updater's autoUpdater. */
  updater?: UpdaterLike;
}

/**
 * Main-process entry: plan, configure, check a minute after start and every 4 hours. Returns a stop
 * function. Never throws; a failing check is logged and retried at the next interval.
 */
export async function startAutoUpdates(options: StartUpdatesOptions): Promise<() => void> {
  const plan = planUpdateCheck({ policy: options.policy ?? DEFAULT_UPDATE_POLICY, serverUrl: options.serverUrl, isPackaged: options.isPackaged });
  if (plan.action === 'skip') {
    options.log.info('updates: not checking', { reason: plan.reason });
    return () => {};
  }
  try {
    const updater = options.updater ?? (await loadAutoUpdater());
    const bucket = bucketFromUpdaterId(readOrCreateUpdaterId(join(options.userData, '.updaterId')));
    configureUpdater(updater, plan, bucket, options.log);
    updater.on('update-available', (info) => options.log.info('updates: new version found', { version: info.version, autoDownload: plan.autoDownload }));
    updater.on('update-downloaded', (info) => options.log.info('updates: downloaded; installs when the app quits', { version: info.version }));
    updater.on('error', (error) => options.log.warn('updates: check or download failed', { error: error.message }));
    const check = () => void updater.checkForUpdates().catch((error: unknown) => options.log.warn('updates: check failed', { error: String(error) }));
    const first = setTimeout(check, FIRST_CHECK_DELAY_MS);
    const every = setInterval(check, CHECK_INTERVAL_MS);
    first.unref();
    every.unref();
    options.log.info('updates: enabled', { feed: plan.feedUrl, channel: plan.channel, autoDownload: plan.autoDownload });
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  } catch (error) {
    options.log.warn('updates: could not be started', { error: error instanceof Error ? error.message : String(error) });
    return () => {};
  }
}

/** electron-updater is CommonJS; its autoUpdater picks the right updater for the platform. */
async function loadAutoUpdater(): Promise<UpdaterLike> {
  const module = await import('electron-updater');
  const exported = (module as unknown as { default?: { autoUpdater?: AppUpdater }; autoUpdater?: AppUpdater }).default?.autoUpdater ?? module.autoUpdater;
  return exported as unknown as UpdaterLike;
}
