// IT policy: settings the organization's IT fixes for every user of a machine (docs/deployment.md).
//
// Sources, strongest first:
//   1. policy        Windows: HKLM\Software\Policies\Shamay, then HKCU\Software\Policies\Shamay
//                    (Group Policy, see build/policy/shamay.admx); macOS: managed preferences of
//                    com.shamay.desktop (a configuration profile pushed by MDM), machine then user
//   2. machine file  %ProgramData%\Shamay\policy.json · /Library/Application Support/Shamay/policy.json
//                    · /etc/shamay/policy.json
//   3. user settings (kept by the core in its local store)
//   4. defaults      (DEFAULT_SETTINGS of the core)
// A setting given by a policy or the machine file wins over the user's, so it is locked: read-only in
// the UI, which says it was set by the organization. `LockedSettings` also locks settings at their
// default. Updates (channel, off, automatic download, feed URL) are read from sources 1 and 2 only.
//
// Every source is parsed by a pure function (tested with captured `reg query` output, plist JSON and
// files). Anything malformed — a file that is not JSON, a value of the wrong type, an http:// server —
// is reported in one clear log line and ignored: the app always starts, with the other sources and
// the defaults. loadPolicy() never throws.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { posix, win32 } from 'node:path';
import { z } from 'zod';
import type { Settings } from '../../src-shared/contract/entities.ts';
import { DEFAULT_SETTINGS, type SettingsPolicy } from '../core/settings/handlers.ts';

// ---- names -----------------------------------------------------------------------------------------

export const SETTING_KEYS = ['serverUrl', 'language', 'documentMaxBytes', 'imageMaxBytes'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
/** The settings IT can fix by policy (the report's branding is the organization's own, set in the app). */
export type SettingValues = Omit<Settings, 'locked' | 'report'>;

export const UPDATE_CHANNELS = ['stable', 'beta'] as const;
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number];
export const LANGUAGES = ['he', 'en'] as const;

/** File-size limits are given in MB (as in the settings screen). */
export const MAX_FILE_MB = { min: 1, max: 500 } as const;
const MB = 1024 * 1024;

/** The registry key (under HKLM and HKCU) and the macOS preference domain. */
export const REGISTRY_KEY = 'Software\\Policies\\Shamay';
export const MAC_PREFERENCE_DOMAIN = 'com.shamay.desktop';

/**
 * Every policy value IT can set, by its name in the registry / ADMX / managed preferences. JSON files
 * use the same names; keys are matched case-insensitively, so `serverUrl` works as well as `ServerUrl`.
 */
export const POLICY_KEYS = {
  ServerUrl: { field: 'serverUrl', registryType: 'REG_SZ' },
  Language: { field: 'language', registryType: 'REG_SZ' },
  DocumentMaxMB: { field: 'documentMaxBytes', registryType: 'REG_DWORD' },
  ImageMaxMB: { field: 'imageMaxBytes', registryType: 'REG_DWORD' },
  LockedSettings: { field: 'lockedSettings', registryType: 'REG_SZ' },
  UpdateChannel: { field: 'updateChannel', registryType: 'REG_SZ' },
  UpdatesDisabled: { field: 'updatesDisabled', registryType: 'REG_DWORD' },
  UpdatesAutoDownload: { field: 'updatesAutoDownload', registryType: 'REG_DWORD' },
  UpdateUrl: { field: 'updateUrl', registryType: 'REG_SZ' },
} as const;
export type PolicyKey = keyof typeof POLICY_KEYS;

/** One source's validated values. Absent = not set by this source. */
export interface PolicyValues {
  serverUrl?: string;
  language?: SettingValues['language'];
  documentMaxBytes?: number;
  imageMaxBytes?: number;
  lockedSettings?: SettingKey[];
  updateChannel?: UpdateChannel;
  updatesDisabled?: boolean;
  updatesAutoDownload?: boolean;
  updateUrl?: string;
}
type PolicyField = keyof PolicyValues;

export interface PolicyProblem {
  /** Where: a registry key, a file path, a preference file. */
  source: string;
  message: string;
}

export interface ParsedSource {
  source: string;
  values: PolicyValues;
  problems: PolicyProblem[];
}

// ---- values ----------------------------------------------------------------------------------------

/**
 * A server URL IT may set: https with a host, no user name, password, query or fragment; plain http
 * only to this machine (127.0.0.1, localhost, [::1]) for development. Returned without a trailing slash.
 */
export function normalizeServerUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (!url.hostname || url.username || url.password || url.search || url.hash) return null;
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return null;
  return url.href.replace(/\/+$/, '');
}

const httpsUrl = z
  .string()
  .transform((value, ctx) => {
    const url = normalizeServerUrl(value);
    if (url === null) {
      ctx.addIssue({ code: 'custom', message: 'must be an https:// address (http:// only for 127.0.0.1 or localhost), without user name, password, query or #' });
      return z.NEVER;
    }
    return url;
  });

const flag = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.enum(['0', '1', 'true', 'false'])], { error: 'must be true/false (or 1/0)' })
  .transform((value) => value === true || value === 1 || value === '1' || value === 'true');

const megabytes = z
  .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)], { error: 'must be a whole number of MB' })
  .pipe(z.number().int().min(MAX_FILE_MB.min, `must be at least ${MAX_FILE_MB.min} MB`).max(MAX_FILE_MB.max, `must be at most ${MAX_FILE_MB.max} MB`))
  .transform((mb) => mb * MB);

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(values, { error: `must be one of: ${values.join(', ')}` }));

/** Names accepted in LockedSettings (case-insensitive): the setting or its policy key. */
const LOCKABLE: Record<string, SettingKey> = {
  serverurl: 'serverUrl',
  language: 'language',
  documentmaxmb: 'documentMaxBytes',
  documentmaxbytes: 'documentMaxBytes',
  imagemaxmb: 'imageMaxBytes',
  imagemaxbytes: 'imageMaxBytes',
};

/** A list: an array (REG_MULTI_SZ, JSON, plist) or one string separated by commas, semicolons or spaces. */
const nameList = z
  .union([z.array(z.string()), z.string()], { error: 'must be a list of setting names' })
  .transform((value) => (Array.isArray(value) ? value : value.split(/[\s,;]+/)).map((name) => name.trim()).filter(Boolean));

const FIELD_SCHEMAS = {
  serverUrl: httpsUrl,
  language: oneOf(LANGUAGES),
  documentMaxBytes: megabytes,
  imageMaxBytes: megabytes,
  lockedSettings: nameList,
  updateChannel: oneOf(UPDATE_CHANNELS),
  updatesDisabled: flag,
  updatesAutoDownload: flag,
  updateUrl: httpsUrl,
} satisfies Record<PolicyField, z.ZodType>;

const KEY_BY_LOWER_NAME = new Map<string, PolicyKey>(Object.keys(POLICY_KEYS).map((key) => [key.toLowerCase(), key as PolicyKey]));

/**
 * Validates one source's raw name → value map (from the registry, a plist or a JSON file). Unknown
 * names and invalid values are reported and left out; the rest is kept. Names starting with `_` or `$`
 * (comments, "$schema") are ignored; empty strings and null mean "not set".
 */
export function parsePolicyObject(raw: unknown, source: string): ParsedSource {
  const problems: PolicyProblem[] = [];
  const values: PolicyValues = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { source, values, problems: [{ source, message: 'must contain an object of policy names and values' }] };
  }
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (name.startsWith('_') || name.startsWith('$')) continue;
    const key = KEY_BY_LOWER_NAME.get(name.toLowerCase());
    if (!key) {
      problems.push({ source, message: `unknown policy "${name}" (known: ${Object.keys(POLICY_KEYS).join(', ')})` });
      continue;
    }
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    const field = POLICY_KEYS[key].field;
    const parsed = FIELD_SCHEMAS[field].safeParse(value);
    if (!parsed.success) {
      problems.push({ source, message: `${key} ${parsed.error.issues[0]?.message ?? 'is invalid'} (got ${describe(value)})` });
      continue;
    }
    if (field === 'lockedSettings') {
      const names = parsed.data as string[];
      const locked: SettingKey[] = [];
      for (const lockName of names) {
        const setting = LOCKABLE[lockName.toLowerCase()];
        if (setting) {
          if (!locked.includes(setting)) locked.push(setting);
        } else {
          problems.push({ source, message: `LockedSettings names an unknown setting "${lockName}" (known: ServerUrl, Language, DocumentMaxMB, ImageMaxMB)` });
        }
      }
      values.lockedSettings = locked;
    } else {
      (values as Record<string, unknown>)[field] = parsed.data;
    }
  }
  return { source, values, problems };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

// ---- Windows registry ------------------------------------------------------------------------------

export interface RegistryValue {
  name: string;
  type: string;
  data: string;
}

const HIVE_ALIASES: Record<string, string> = { HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER' };

function canonicalKey(key: string): string {
  const [hive = '', ...rest] = key.trim().replace(/\\+$/, '').split('\\');
  return [HIVE_ALIASES[hive.toUpperCase()] ?? hive.toUpperCase(), ...rest].join('\\').toLowerCase();
}

/**
 * The values directly under `key` in the output of `reg query "<key>" /s`. Lines look like
 * `    ServerUrl    REG_SZ    https://…` under a header line naming the key; values of subkeys and
 * `(Default)` are skipped.
 */
export function parseRegQueryOutput(output: string, key: string): RegistryValue[] {
  const wanted = canonicalKey(key);
  const values: RegistryValue[] = [];
  let current: string | null = null;
  for (const line of output.split(/\r?\n/)) {
    if (!line.trim()) continue;
    if (/^HKEY_/i.test(line)) {
      current = canonicalKey(line);
      continue;
    }
    if (current !== wanted) continue;
    const match = /^\s+(.+?)\s{4}(REG_[A-Z0-9_]+)(?:\s{4}(.*))?$/.exec(line);
    if (!match) continue;
    const [, name = '', type = '', data = ''] = match;
    if (name === '(Default)') continue;
    values.push({ name, type, data: data.trimEnd() });
  }
  return values;
}

/** Registry values as a name → value map for parsePolicyObject: DWORDs become numbers, MULTI_SZ lists. */
export function registryValuesToObject(values: RegistryValue[], source: string): { raw: Record<string, unknown>; problems: PolicyProblem[] } {
  const raw: Record<string, unknown> = {};
  const problems: PolicyProblem[] = [];
  for (const { name, type, data } of values) {
    switch (type) {
      case 'REG_SZ':
      case 'REG_EXPAND_SZ':
        raw[name] = data;
        break;
      case 'REG_DWORD':
      case 'REG_QWORD': {
        const number = /^0x[0-9a-f]+$/i.test(data) ? Number.parseInt(data, 16) : Number.NaN;
        if (Number.isSafeInteger(number)) raw[name] = number;
        else problems.push({ source, message: `${name} has an unreadable ${type} value "${data}"` });
        break;
      }
      case 'REG_MULTI_SZ':
        raw[name] = data.split('\\0').filter(Boolean);
        break;
      default:
        problems.push({ source, message: `${name} has the unsupported type ${type} (use REG_SZ or REG_DWORD)` });
    }
  }
  return { raw, problems };
}

export function parseRegistryPolicy(output: string, hive: 'HKLM' | 'HKCU'): ParsedSource {
  const source = `${hive}\\${REGISTRY_KEY}`;
  const { raw, problems } = registryValuesToObject(parseRegQueryOutput(output, source), source);
  const parsed = parsePolicyObject(raw, source);
  return { ...parsed, problems: [...problems, ...parsed.problems] };
}

// ---- files -----------------------------------------------------------------------------------------

/** Decodes a policy file: UTF-8 (with or without the BOM Notepad writes) or UTF-16 with a BOM. */
export function decodeTextFile(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export const MAX_POLICY_FILE_BYTES = 256 * 1024;

/** A JSON policy file (the machine file, or plist JSON from plutil). */
export function parsePolicyJson(text: string, source: string): ParsedSource {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { source, values: {}, problems: [{ source, message: `the whole file is not valid JSON (${reason})` }] };
  }
  return parsePolicyObject(raw, source);
}

// ---- where each platform keeps them ------------------------------------------------------------------

export function machinePolicyFile(platform: NodeJS.Platform, env: Record<string, string | undefined>): string {
  if (platform === 'win32') return win32.join(env.ProgramData || env.PROGRAMDATA || 'C:\\ProgramData', 'Shamay', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Shamay/policy.json';
  return '/etc/shamay/policy.json';
}

/** Managed preferences written by MDM: for the machine, then for this user. */
export function macManagedPreferenceFiles(username: string | null): string[] {
  const root = '/Library/Managed Preferences';
  const files = [posix.join(root, `${MAC_PREFERENCE_DOMAIN}.plist`)];
  if (username && !username.includes('/') && username !== '.' && username !== '..') files.push(posix.join(root, username, `${MAC_PREFERENCE_DOMAIN}.plist`));
  return files;
}

// ---- merging and precedence --------------------------------------------------------------------------

/** Several sources of one layer (HKLM before HKCU…): the first that sets a field wins; locks add up. */
export function mergeSources(sources: readonly PolicyValues[]): PolicyValues {
  const merged: PolicyValues = {};
  for (const values of sources) {
    for (const [field, value] of Object.entries(values) as [PolicyField, unknown][]) {
      if (value === undefined) continue;
      if (field === 'lockedSettings') {
        const locked = new Set([...(merged.lockedSettings ?? []), ...(value as SettingKey[])]);
        merged.lockedSettings = SETTING_KEYS.filter((key) => locked.has(key));
      } else if (merged[field] === undefined) {
        (merged as Record<string, unknown>)[field] = value;
      }
    }
  }
  return merged;
}

export type SettingOrigin = 'policy' | 'machine' | 'user' | 'default';

export interface ResolvedSettings {
  values: SettingValues;
  /** Settings the user cannot change (set by a policy or the machine file, or named in LockedSettings). */
  locked: SettingKey[];
  origin: Record<SettingKey, SettingOrigin>;
}

/**
 * The precedence rule: policy > machine file > user settings > defaults. A setting that the policy or
 * the machine file gives, or that LockedSettings names, is locked; a locked setting ignores the user's
 * value (it would be overridden anyway), so it falls back to the default when no source gives one.
 */
export function resolveSettings(
  policy: PolicyValues,
  machineFile: PolicyValues,
  user: Partial<SettingValues>,
  defaults: SettingValues,
): ResolvedSettings {
  const lockedByName = new Set([...(policy.lockedSettings ?? []), ...(machineFile.lockedSettings ?? [])]);
  // Only the settings a policy can fix: the defaults object may hold more (the report's branding).
  const values = {} as SettingValues;
  const origin = {} as Record<SettingKey, SettingOrigin>;
  const locked: SettingKey[] = [];
  for (const key of SETTING_KEYS) {
    const set = <K extends SettingKey>(k: K, value: SettingValues[K], from: SettingOrigin) => {
      values[k] = value;
      origin[k] = from;
    };
    if (policy[key] !== undefined) set(key, policy[key], 'policy');
    else if (machineFile[key] !== undefined) set(key, machineFile[key], 'machine');
    else if (!lockedByName.has(key) && user[key] !== undefined) set(key, user[key], 'user');
    else set(key, defaults[key], 'default');
    if (origin[key] === 'policy' || origin[key] === 'machine' || lockedByName.has(key)) locked.push(key);
  }
  return { values, locked, origin };
}

export interface UpdatePolicy {
  channel: UpdateChannel;
  /** No update check at all. */
  disabled: boolean;
  /** Download a found update in the background (installed on quit); otherwise only log that it exists. */
  autoDownload: boolean;
  /** Base URL of the update feeds (the channel is appended); null = `<server URL>/updates`. */
  feedBaseUrl: string | null;
}

export const DEFAULT_UPDATE_POLICY: UpdatePolicy = { channel: 'stable', disabled: false, autoDownload: true, feedBaseUrl: null };

/** Update settings: policy > machine file > defaults (there is no user setting for them). */
export function resolveUpdatePolicy(policy: PolicyValues, machineFile: PolicyValues): UpdatePolicy {
  return {
    channel: policy.updateChannel ?? machineFile.updateChannel ?? DEFAULT_UPDATE_POLICY.channel,
    disabled: policy.updatesDisabled ?? machineFile.updatesDisabled ?? DEFAULT_UPDATE_POLICY.disabled,
    autoDownload: policy.updatesAutoDownload ?? machineFile.updatesAutoDownload ?? DEFAULT_UPDATE_POLICY.autoDownload,
    feedBaseUrl: policy.updateUrl ?? machineFile.updateUrl ?? DEFAULT_UPDATE_POLICY.feedBaseUrl,
  };
}

/** What the core gets: exactly the locked settings with their values (the core locks every key given). */
export function settingsPolicyFor(resolved: ResolvedSettings): SettingsPolicy | undefined {
  if (!resolved.locked.length) return undefined;
  const values: SettingsPolicy['values'] = {};
  for (const key of resolved.locked) (values as Record<string, unknown>)[key] = resolved.values[key];
  return { values };
}

// ---- loading -----------------------------------------------------------------------------------------

export interface PolicyLog {
  warn(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
}

/** The outside world, injectable for tests. */
export interface PolicyIo {
  /** File bytes, or null when the file does not exist. Throws on other errors (permissions…). */
  readFile(path: string): Uint8Array | null;
  /** Runs a program; throws when it cannot be started or times out. */
  run(command: string, args: string[]): { status: number | null; stdout: string; stderr: string };
}

export const nodePolicyIo: PolicyIo = {
  readFile(path) {
    try {
      return readFileSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw error;
    }
  },
  run(command, args) {
    try {
      const stdout = execFileSync(command, args, { encoding: 'utf8', timeout: 5_000, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 });
      return { status: 0, stdout, stderr: '' };
    } catch (error) {
      const failure = error as { status?: number | null; stdout?: string; stderr?: string; code?: string };
      if (typeof failure.status === 'number') return { status: failure.status, stdout: String(failure.stdout ?? ''), stderr: String(failure.stderr ?? '') };
      throw error;
    }
  },
};

export interface LoadPolicyOptions {
  platform?: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  io?: PolicyIo;
  log?: PolicyLog;
  /** The macOS user name for per-user managed preferences. */
  username?: string | null;
  defaults?: SettingValues;
}

export interface LoadedPolicy {
  /** Settings the policy fixes, passed to the core; undefined when nothing is locked. */
  settings: SettingsPolicy | undefined;
  /** Where the policy was read from, for the log; null when no source set anything. */
  source: string | null;
  /** Update channel, off switch, automatic download, feed URL. */
  updates: UpdatePolicy;
  /** Locked settings and where each lock comes from. */
  locked: Partial<Record<SettingKey, string>>;
  /** What was malformed and ignored (already logged). */
  problems: PolicyProblem[];
}

const consoleLog: PolicyLog = {
  warn: (message, details) => console.warn(message, details ?? ''),
  info: () => {},
};

/** Reads every source of this platform. Pure except for `io`. */
export function readPolicySources(platform: NodeJS.Platform, env: Record<string, string | undefined>, io: PolicyIo, username: string | null): { policy: ParsedSource[]; machine: ParsedSource[] } {
  const policy: ParsedSource[] = [];
  if (platform === 'win32') {
    for (const hive of ['HKLM', 'HKCU'] as const) {
      const source = `${hive}\\${REGISTRY_KEY}`;
      try {
        const result = io.run('reg', ['query', source, '/s']);
        if (result.status === 0) policy.push(parseRegistryPolicy(result.stdout, hive));
        // Exit code 1 and nothing on stdout: the key does not exist (the error text is localized).
        else if (result.status !== 1 || result.stdout.trim())
          policy.push({ source, values: {}, problems: [{ source, message: `could not be read (reg exited with ${result.status}: ${result.stderr.trim().slice(0, 200)})` }] });
      } catch (error) {
        policy.push({ source, values: {}, problems: [{ source, message: `could not be read (${error instanceof Error ? error.message : String(error)})` }] });
      }
    }
  } else if (platform === 'darwin') {
    for (const file of macManagedPreferenceFiles(username)) {
      try {
        if (io.readFile(file) === null) continue;
        const result = io.run('plutil', ['-convert', 'json', '-o', '-', file]);
        if (result.status !== 0) {
          policy.push({ source: file, values: {}, problems: [{ source: file, message: `could not be converted by plutil (${result.stderr.trim().slice(0, 200)})` }] });
          continue;
        }
        policy.push(parsePolicyJson(result.stdout, file));
      } catch (error) {
        policy.push({ source: file, values: {}, problems: [{ source: file, message: `could not be read (${error instanceof Error ? error.message : String(error)})` }] });
      }
    }
  }

  const machine: ParsedSource[] = [];
  const file = machinePolicyFile(platform, env);
  try {
    const bytes = io.readFile(file);
    if (bytes !== null) {
      if (bytes.byteLength > MAX_POLICY_FILE_BYTES) machine.push({ source: file, values: {}, problems: [{ source: file, message: `the file is larger than ${MAX_POLICY_FILE_BYTES} bytes` }] });
      else machine.push(parsePolicyJson(decodeTextFile(bytes), file));
    }
  } catch (error) {
    machine.push({ source: file, values: {}, problems: [{ source: file, message: `could not be read (${error instanceof Error ? error.message : String(error)})` }] });
  }
  return { policy, machine };
}

/**
 * Reads this machine's policy. Never throws: a malformed source is logged and ignored, and an
 * unexpected failure leaves the app on its defaults.
 */
export function loadPolicy(options: LoadPolicyOptions = {}): LoadedPolicy {
  const log = options.log ?? consoleLog;
  const empty: LoadedPolicy = { settings: undefined, source: null, updates: { ...DEFAULT_UPDATE_POLICY }, locked: {}, problems: [] };
  try {
    const platform = options.platform ?? process.platform;
    const env = options.env ?? process.env;
    const { policy, machine } = readPolicySources(platform, env, options.io ?? nodePolicyIo, options.username === undefined ? currentUser() : options.username);
    const problems = [...policy, ...machine].flatMap((parsed) => parsed.problems);
    for (const problem of problems) log.warn(`IT policy: ${problem.source}: ${problem.message} — ignored; the other sources and the defaults apply`, { source: problem.source });

    const policyLayer = mergeSources(policy.map((parsed) => parsed.values));
    const machineLayer = mergeSources(machine.map((parsed) => parsed.values));
    const resolved = resolveSettings(policyLayer, machineLayer, {}, options.defaults ?? DEFAULT_SETTINGS);
    const updates = resolveUpdatePolicy(policyLayer, machineLayer);

    const locked: Partial<Record<SettingKey, string>> = {};
    for (const key of resolved.locked) {
      const from = resolved.origin[key] === 'policy' ? policy : resolved.origin[key] === 'machine' ? machine : [...policy, ...machine];
      const origin = from.find((parsed) => parsed.values[key] !== undefined) ?? from.find((parsed) => parsed.values.lockedSettings?.includes(key));
      locked[key] = origin?.source ?? 'policy';
    }
    const used = [...policy, ...machine].filter((parsed) => Object.keys(parsed.values).length > 0).map((parsed) => parsed.source);
    const loaded: LoadedPolicy = { settings: settingsPolicyFor(resolved), source: used.length ? used.join(' + ') : null, updates, locked, problems };
    if (loaded.source) log.info('IT policy applied', { source: loaded.source, locked, updates: { ...updates } });
    return loaded;
  } catch (error) {
    log.warn('IT policy could not be read; starting with the defaults', { error: error instanceof Error ? error.message : String(error) });
    return empty;
  }
}

function currentUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}
