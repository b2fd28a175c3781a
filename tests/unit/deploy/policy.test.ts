// IT policy (src-main/electron/policy.ts): each source parsed from captured input, the precedence
// policy > machine file > user settings > defaults across every source, and malformed input logged
// and ignored while the app still gets safe defaults.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings } from '../../../src-main/core/settings/handlers.ts';
import type { CoreContext } from '../../../src-main/core/context.ts';
import {
  DEFAULT_UPDATE_POLICY,
  decodeTextFile,
  loadPolicy,
  machinePolicyFile,
  macManagedPreferenceFiles,
  mergeSources,
  normalizeServerUrl,
  parsePolicyJson,
  parsePolicyObject,
  parseRegistryPolicy,
  parseRegQueryOutput,
  resolveSettings,
  resolveUpdatePolicy,
  settingsPolicyFor,
  type PolicyIo,
  type PolicyValues,
  type SettingValues,
} from '../../../src-main/electron/policy.ts';

const MB = 1024 * 1024;

// Captured from `reg query "HKLM\Software\Policies\Shamay" /s` on Windows 11 (CRLF, a blank first line,
// four-space columns), with a subkey whose values must not count.
const REG_HKLM = [
  '',
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\Shamay',
  '    ServerUrl    REG_SZ    https://shamay.example.org/',
  '    UpdateChannel    REG_SZ    beta',
  '    UpdatesDisabled    REG_DWORD    0x1',
  '    DocumentMaxMB    REG_DWORD    0x64',
  '    LockedSettings    REG_MULTI_SZ    Language\\0ImageMaxMB',
  '',
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\Shamay\\Legacy',
  '    ServerUrl    REG_SZ    https://old.example.org',
  '',
].join('\r\n');

const REG_HKCU = [
  '',
  'HKEY_CURRENT_USER\\Software\\Policies\\Shamay',
  '    (Default)    REG_SZ    (value not set)',
  '    ServerUrl    REG_SZ    https://user-policy.example.org',
  '    Language    REG_SZ    en',
  '    UpdatesAutoDownload    REG_DWORD    0x0',
  '',
].join('\r\n');

const REG_NOT_FOUND = { status: 1, stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' };

interface FakeMachine {
  files?: Record<string, string | Uint8Array | Error>;
  commands?: Record<string, { status: number; stdout: string; stderr?: string } | Error>;
}

function fakeIo(machine: FakeMachine): PolicyIo {
  return {
    readFile(path) {
      const content = machine.files?.[path];
      if (content === undefined) return null;
      if (content instanceof Error) throw content;
      return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    },
    run(command, args) {
      const result = machine.commands?.[[command, ...args].join(' ')];
      if (result === undefined) throw new Error(`spawn ${command} ENOENT`);
      if (result instanceof Error) throw result;
      return { status: result.status, stdout: result.stdout, stderr: result.stderr ?? '' };
    },
  };
}

function captureLog() {
  const lines: { level: string; message: string; details?: Record<string, unknown> }[] = [];
  return {
    lines,
    log: {
      warn: (message: string, details?: Record<string, unknown>) => void lines.push({ level: 'warn', message, ...(details ? { details } : {}) }),
      info: (message: string, details?: Record<string, unknown>) => void lines.push({ level: 'info', message, ...(details ? { details } : {}) }),
    },
    warnings: () => lines.filter((line) => line.level === 'warn').map((line) => line.message),
  };
}

const WIN_FILE = 'C:\\ProgramData\\Shamay\\policy.json';
const MAC_FILE = '/Library/Application Support/Shamay/policy.json';
const LINUX_FILE = '/etc/shamay/policy.json';
const MAC_MANAGED = '/Library/Managed Preferences/com.shamay.desktop.plist';
const MAC_MANAGED_USER = '/Library/Managed Preferences/dana/com.shamay.desktop.plist';

// ---- sources ------------------------------------------------------------------------------------------

describe('Windows registry', () => {
  it('reads the values of the key itself from `reg query /s` output', () => {
    expect(parseRegQueryOutput(REG_HKLM, 'HKLM\\Software\\Policies\\Shamay')).toEqual([
      { name: 'ServerUrl', type: 'REG_SZ', data: 'https://shamay.example.org/' },
      { name: 'UpdateChannel', type: 'REG_SZ', data: 'beta' },
      { name: 'UpdatesDisabled', type: 'REG_DWORD', data: '0x1' },
      { name: 'DocumentMaxMB', type: 'REG_DWORD', data: '0x64' },
      { name: 'LockedSettings', type: 'REG_MULTI_SZ', data: 'Language\\0ImageMaxMB' },
    ]);
    expect(parseRegQueryOutput(REG_HKCU, 'HKCU\\Software\\Policies\\Shamay').map((value) => value.name)).toEqual(['ServerUrl', 'Language', 'UpdatesAutoDownload']);
    expect(parseRegQueryOutput('', 'HKLM\\Software\\Policies\\Shamay')).toEqual([]);
  });

  it('turns them into policy values (DWORD numbers, MULTI_SZ lists, URL normalized)', () => {
    const parsed = parseRegistryPolicy(REG_HKLM, 'HKLM');
    expect(parsed.problems).toEqual([]);
    expect(parsed.source).toBe('HKLM\\Software\\Policies\\Shamay');
    expect(parsed.values).toEqual({
      serverUrl: 'https://shamay.example.org',
      updateChannel: 'beta',
      updatesDisabled: true,
      documentMaxBytes: 100 * MB,
      lockedSettings: ['language', 'imageMaxBytes'],
    });
  });

  it('reports unreadable values and unsupported types, keeping the rest', () => {
    const output = [
      'HKEY_LOCAL_MACHINE\\Software\\Policies\\Shamay',
      '    ServerUrl    REG_SZ    http://shamay.example.org',
      '    UpdatesDisabled    REG_BINARY    01',
      '    ImageMaxMB    REG_DWORD    0x2710',
      '    UpdateChannel    REG_SZ    nightly',
      '    Language    REG_SZ    he',
      '    Colour    REG_SZ    blue',
    ].join('\r\n');
    const parsed = parseRegistryPolicy(output, 'HKLM');
    expect(parsed.values).toEqual({ language: 'he' });
    const messages = parsed.problems.map((problem) => problem.message).join('\n');
    expect(messages).toMatch(/ServerUrl must be an https:\/\/ address/);
    expect(messages).toMatch(/UpdatesDisabled has the unsupported type REG_BINARY/);
    expect(messages).toMatch(/ImageMaxMB must be at most 500 MB \(got 10000\)/);
    expect(messages).toMatch(/UpdateChannel must be one of: stable, beta/);
    expect(messages).toMatch(/unknown policy "Colour"/);
  });
});

describe('policy values', () => {
  it('server URLs: https, or http only to this machine; no credentials, query or fragment', () => {
    expect(normalizeServerUrl('https://shamay.example.org/')).toBe('https://shamay.example.org');
    expect(normalizeServerUrl(' https://example.org/shamay/ ')).toBe('https://example.org/shamay');
    expect(normalizeServerUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(normalizeServerUrl('http://localhost:8787/')).toBe('http://localhost:8787');
    for (const bad of ['http://shamay.example.org', 'ftp://x.org', 'https://user:pw@x.org', 'https://x.org/?a=1', 'https://x.org/#x', 'not a url', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(normalizeServerUrl(bad), bad).toBeNull();
    }
  });

  it('names are case-insensitive; true/false, 1/0 and "true"/"1" are flags; MB become bytes', () => {
    const parsed = parsePolicyObject(
      { serverurl: 'https://a.example.org', UPDATESDISABLED: 'true', updatesAutoDownload: 0, imageMaxMB: '30', lockedSettings: 'serverUrl, documentMaxBytes;language', _comment: 'ignored', $schema: 'x' },
      'test',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.values).toEqual({
      serverUrl: 'https://a.example.org',
      updatesDisabled: true,
      updatesAutoDownload: false,
      imageMaxBytes: 30 * MB,
      lockedSettings: ['serverUrl', 'documentMaxBytes', 'language'],
    });
  });

  it('empty strings and null mean "not set"', () => {
    expect(parsePolicyObject({ ServerUrl: '', UpdateUrl: '   ', Language: null }, 'test')).toEqual({ source: 'test', values: {}, problems: [] });
  });

  it('wrong types are reported one by one', () => {
    const parsed = parsePolicyObject({ ServerUrl: 42, UpdatesDisabled: 'yes', DocumentMaxMB: 1.5, LockedSettings: ['Language', 'Theme'] }, 'f.json');
    expect(parsed.values).toEqual({ lockedSettings: ['language'] });
    expect(parsed.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^ServerUrl .*\(got 42\)$/),
      expect.stringMatching(/^UpdatesDisabled must be true\/false \(or 1\/0\) \(got "yes"\)$/),
      expect.stringMatching(/^DocumentMaxMB .*\(got 1.5\)$/),
      expect.stringMatching(/^LockedSettings names an unknown setting "Theme"/),
    ]);
  });

  it('a file that is not JSON, or not an object, is ignored as a whole with a clear reason', () => {
    const broken = parsePolicyJson('{ "ServerUrl": "https://a.example.org", }', '/etc/shamay/policy.json');
    expect(broken.values).toEqual({});
    expect(broken.problems[0]?.message).toMatch(/^the whole file is not valid JSON \(.+\)$/);
    expect(parsePolicyJson('["https://a.example.org"]', 'x').problems[0]?.message).toMatch(/must contain an object/);
    expect(parsePolicyJson('', 'x').problems[0]?.message).toMatch(/not valid JSON/);
  });

  it('files saved by Notepad (UTF-8 with BOM, UTF-16) are read', () => {
    const json = '{"ServerUrl":"https://a.example.org"}';
    const utf8Bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]);
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    const utf16be = Buffer.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]));
    utf16be.swap16();
    for (const bytes of [utf8Bom, utf16le, utf16be]) expect(parsePolicyJson(decodeTextFile(bytes), 'x').values.serverUrl).toBe('https://a.example.org');
  });

  it('file locations per platform', () => {
    expect(machinePolicyFile('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Shamay\\policy.json');
    expect(machinePolicyFile('win32', {})).toBe(WIN_FILE);
    expect(machinePolicyFile('darwin', {})).toBe(MAC_FILE);
    expect(machinePolicyFile('linux', {})).toBe(LINUX_FILE);
    expect(macManagedPreferenceFiles('dana')).toEqual([MAC_MANAGED, MAC_MANAGED_USER]);
    expect(macManagedPreferenceFiles('../x')).toEqual([MAC_MANAGED]);
  });
});

// ---- precedence ---------------------------------------------------------------------------------------

const DEFAULTS: SettingValues = { ...DEFAULT_SETTINGS };

/** The core's own merge, given what loadPolicy passes it and the user's stored settings. */
function coreView(user: Partial<SettingValues>, policy: ReturnType<typeof settingsPolicyFor>) {
  const ctx = { state: { get: (key: string) => (key === 'settings' ? user : undefined) } } as unknown as CoreContext;
  return readSettings(ctx, policy);
}

describe('precedence: policy > machine file > user settings > defaults', () => {
  const policy: PolicyValues = { serverUrl: 'https://policy.example.org' };
  const machine: PolicyValues = { serverUrl: 'https://machine.example.org', language: 'en' };
  const user: Partial<SettingValues> = { serverUrl: 'https://user.example.org', language: 'he', documentMaxBytes: 10 * MB };

  it('each setting takes the strongest source that sets it', () => {
    const resolved = resolveSettings(policy, machine, user, DEFAULTS);
    expect(resolved.values).toEqual({ serverUrl: 'https://policy.example.org', language: 'en', documentMaxBytes: 10 * MB, imageMaxBytes: DEFAULTS.imageMaxBytes });
    expect(resolved.origin).toEqual({ serverUrl: 'policy', language: 'machine', documentMaxBytes: 'user', imageMaxBytes: 'default' });
    expect(resolved.locked).toEqual(['serverUrl', 'language']);
  });

  it('every combination of sources, for every setting', () => {
    const sample: Record<keyof SettingValues, [unknown, unknown, unknown]> = {
      serverUrl: ['https://p.example.org', 'https://m.example.org', 'https://u.example.org'],
      language: ['en', 'he', 'en'],
      documentMaxBytes: [1 * MB, 2 * MB, 3 * MB],
      imageMaxBytes: [4 * MB, 5 * MB, 6 * MB],
    };
    for (const key of Object.keys(sample) as (keyof SettingValues)[]) {
      const [p, m, u] = sample[key];
      for (let mask = 0; mask < 8; mask++) {
        const inPolicy = Boolean(mask & 1);
        const inMachine = Boolean(mask & 2);
        const inUser = Boolean(mask & 4);
        const resolved = resolveSettings(inPolicy ? { [key]: p } : {}, inMachine ? { [key]: m } : {}, inUser ? { [key]: u } : {}, DEFAULTS);
        const expected = inPolicy ? p : inMachine ? m : inUser ? u : DEFAULTS[key];
        expect(resolved.values[key], `${key} mask ${mask}`).toEqual(expected);
        expect(resolved.locked.includes(key), `${key} mask ${mask}`).toBe(inPolicy || inMachine);
        // The core, given exactly what loadPolicy hands it, shows the same value and the same lock.
        const core = coreView(inUser ? { [key]: u } : {}, settingsPolicyFor(resolveSettings(inPolicy ? { [key]: p } : {}, inMachine ? { [key]: m } : {}, {}, DEFAULTS)));
        expect(core[key], `core ${key} mask ${mask}`).toEqual(expected);
        expect(core.locked.includes(key)).toBe(inPolicy || inMachine);
      }
    }
  });

  it('LockedSettings locks a setting at its default, ignoring the user value', () => {
    const resolved = resolveSettings({ lockedSettings: ['language'] }, { lockedSettings: ['imageMaxBytes'] }, { language: 'en', imageMaxBytes: 1 * MB, documentMaxBytes: 7 * MB }, DEFAULTS);
    expect(resolved.values.language).toBe('he');
    expect(resolved.values.imageMaxBytes).toBe(DEFAULTS.imageMaxBytes);
    expect(resolved.values.documentMaxBytes).toBe(7 * MB);
    expect(resolved.locked).toEqual(['language', 'imageMaxBytes']);
    const core = coreView({ language: 'en' }, settingsPolicyFor(resolveSettings({ lockedSettings: ['language'] }, {}, {}, DEFAULTS)));
    expect(core.language).toBe('he');
    expect(core.locked).toEqual(['language']);
  });

  it('nothing set: no policy for the core, nothing locked', () => {
    const resolved = resolveSettings({}, {}, { language: 'en' }, DEFAULTS);
    expect(resolved.locked).toEqual([]);
    expect(settingsPolicyFor(resolved)).toBeUndefined();
    expect(resolved.values.language).toBe('en');
  });

  it('within a layer the first source wins (HKLM over HKCU); locks add up', () => {
    const merged = mergeSources([
      { serverUrl: 'https://hklm.example.org', lockedSettings: ['language'] },
      { serverUrl: 'https://hkcu.example.org', updateChannel: 'beta', lockedSettings: ['imageMaxBytes'] },
    ]);
    expect(merged).toEqual({ serverUrl: 'https://hklm.example.org', updateChannel: 'beta', lockedSettings: ['language', 'imageMaxBytes'] });
  });

  it('updates: policy > machine file > defaults', () => {
    expect(resolveUpdatePolicy({}, {})).toEqual(DEFAULT_UPDATE_POLICY);
    expect(resolveUpdatePolicy({ updateChannel: 'beta' }, { updateChannel: 'stable', updatesDisabled: true })).toEqual({ ...DEFAULT_UPDATE_POLICY, channel: 'beta', disabled: true });
    expect(resolveUpdatePolicy({ updatesDisabled: false }, { updatesDisabled: true }).disabled).toBe(false);
    expect(resolveUpdatePolicy({}, { updateUrl: 'https://u.example.org/shamay', updatesAutoDownload: false })).toMatchObject({ feedBaseUrl: 'https://u.example.org/shamay', autoDownload: false });
  });
});

// ---- loadPolicy on each platform ---------------------------------------------------------------------

describe('loadPolicy', () => {
  it('Windows: HKLM > HKCU > %ProgramData% file, all at once', () => {
    const { log, warnings } = captureLog();
    const loaded = loadPolicy({
      platform: 'win32',
      env: { ProgramData: 'C:\\ProgramData' },
      log,
      io: fakeIo({
        commands: {
          'reg query HKLM\\Software\\Policies\\Shamay /s': { status: 0, stdout: REG_HKLM },
          'reg query HKCU\\Software\\Policies\\Shamay /s': { status: 0, stdout: REG_HKCU },
        },
        files: { [WIN_FILE]: JSON.stringify({ ServerUrl: 'https://file.example.org', Language: 'he', ImageMaxMB: 10, UpdateChannel: 'stable', UpdatesAutoDownload: true }) },
      }),
    });
    expect(warnings()).toEqual([]);
    expect(loaded.source).toBe(`HKLM\\Software\\Policies\\Shamay + HKCU\\Software\\Policies\\Shamay + ${WIN_FILE}`);
    // serverUrl from HKLM; language from HKCU (policy beats the file); image limit from the file;
    // documentMaxBytes from HKLM; LockedSettings (HKLM) adds language and imageMaxBytes.
    expect(loaded.settings).toEqual({
      values: { serverUrl: 'https://shamay.example.org', language: 'en', documentMaxBytes: 100 * MB, imageMaxBytes: 10 * MB },
    });
    expect(loaded.locked).toEqual({
      serverUrl: 'HKLM\\Software\\Policies\\Shamay',
      language: 'HKCU\\Software\\Policies\\Shamay',
      documentMaxBytes: 'HKLM\\Software\\Policies\\Shamay',
      imageMaxBytes: WIN_FILE,
    });
    expect(loaded.updates).toEqual({ channel: 'beta', disabled: true, autoDownload: false, feedBaseUrl: null });
  });

  it('Windows without any policy: nothing read, nothing locked, default updates, no warning', () => {
    const { log, warnings } = captureLog();
    const loaded = loadPolicy({
      platform: 'win32',
      env: {},
      log,
      io: fakeIo({ commands: { 'reg query HKLM\\Software\\Policies\\Shamay /s': REG_NOT_FOUND, 'reg query HKCU\\Software\\Policies\\Shamay /s': REG_NOT_FOUND } }),
    });
    expect(loaded).toEqual({ settings: undefined, source: null, updates: DEFAULT_UPDATE_POLICY, locked: {}, problems: [] });
    expect(warnings()).toEqual([]);
  });

  it('macOS: managed preferences (machine, then user) > the Application Support file', () => {
    const { log, warnings } = captureLog();
    const loaded = loadPolicy({
      platform: 'darwin',
      env: {},
      log,
      username: 'dana',
      io: fakeIo({
        files: {
          [MAC_MANAGED]: 'bplist00…',
          [MAC_MANAGED_USER]: 'bplist00…',
          [MAC_FILE]: JSON.stringify({ serverUrl: 'https://file.example.org', updatesDisabled: true, documentMaxMB: 20 }),
        },
        commands: {
          [`plutil -convert json -o - ${MAC_MANAGED}`]: { status: 0, stdout: JSON.stringify({ ServerUrl: 'https://mdm.example.org', UpdateChannel: 'beta' }) },
          [`plutil -convert json -o - ${MAC_MANAGED_USER}`]: { status: 0, stdout: JSON.stringify({ ServerUrl: 'https://mdm-user.example.org', Language: 'en' }) },
        },
      }),
    });
    expect(warnings()).toEqual([]);
    expect(loaded.settings?.values).toEqual({ serverUrl: 'https://mdm.example.org', language: 'en', documentMaxBytes: 20 * MB });
    expect(loaded.updates).toMatchObject({ channel: 'beta', disabled: true });
    expect(loaded.locked.serverUrl).toBe(MAC_MANAGED);
  });

  it('Linux: /etc/shamay/policy.json', () => {
    const loaded = loadPolicy({ platform: 'linux', env: {}, log: captureLog().log, io: fakeIo({ files: { [LINUX_FILE]: '{"ServerUrl":"https://linux.example.org","UpdatesDisabled":1}' } }) });
    expect(loaded.settings).toEqual({ values: { serverUrl: 'https://linux.example.org' } });
    expect(loaded.updates.disabled).toBe(true);
    expect(loaded.source).toBe(LINUX_FILE);
  });

  it('a malformed machine file: one clear log line naming the file; the app starts with the other sources and defaults', () => {
    const { log, warnings } = captureLog();
    const loaded = loadPolicy({
      platform: 'win32',
      env: {},
      log,
      io: fakeIo({
        commands: {
          'reg query HKLM\\Software\\Policies\\Shamay /s': { status: 0, stdout: 'HKEY_LOCAL_MACHINE\\Software\\Policies\\Shamay\r\n    Language    REG_SZ    en\r\n' },
          'reg query HKCU\\Software\\Policies\\Shamay /s': REG_NOT_FOUND,
        },
        files: { [WIN_FILE]: '{ "ServerUrl": "https://file.example.org"  "UpdatesDisabled": true }' },
      }),
    });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain(WIN_FILE);
    expect(warnings()[0]).toMatch(/^IT policy: .*policy\.json: the whole file is not valid JSON \(.+\) — ignored; the other sources and the defaults apply$/);
    expect(loaded.settings).toEqual({ values: { language: 'en' } });
    expect(loaded.updates).toEqual(DEFAULT_UPDATE_POLICY);
    expect(loaded.problems).toHaveLength(1);
  });

  it('bad values are dropped one by one, the good ones kept', () => {
    const { log, warnings } = captureLog();
    const loaded = loadPolicy({
      platform: 'linux',
      env: {},
      log,
      io: fakeIo({ files: { [LINUX_FILE]: JSON.stringify({ ServerUrl: 'http://insecure.example.org', UpdateChannel: 'nightly', Language: 'en', DocumentMaxMB: 0 }) } }),
    });
    expect(loaded.settings).toEqual({ values: { language: 'en' } });
    expect(loaded.updates.channel).toBe('stable');
    expect(warnings()).toHaveLength(3);
    expect(warnings().join('\n')).toMatch(/ServerUrl must be an https:\/\/ address/);
  });

  it('unreadable sources (permissions, reg missing, plutil failing) are logged, never thrown', () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const win = captureLog();
    const loadedWin = loadPolicy({ platform: 'win32', env: {}, log: win.log, io: fakeIo({ files: { [WIN_FILE]: denied } }) });
    expect(loadedWin.settings).toBeUndefined();
    expect(win.warnings()).toHaveLength(3); // HKLM, HKCU (reg could not start) and the file
    expect(win.warnings().join('\n')).toMatch(/EACCES/);

    const mac = captureLog();
    const loadedMac = loadPolicy({
      platform: 'darwin',
      env: {},
      username: null,
      log: mac.log,
      io: fakeIo({ files: { [MAC_MANAGED]: 'x' }, commands: { [`plutil -convert json -o - ${MAC_MANAGED}`]: { status: 1, stdout: '', stderr: 'invalid object in plist' } } }),
    });
    expect(loadedMac.settings).toBeUndefined();
    expect(mac.warnings()[0]).toMatch(/plutil/);
  });

  it('even an io that throws anything leaves the app on its defaults', () => {
    const { log, lines } = captureLog();
    const hostile: PolicyIo = {
      readFile: () => {
        throw 'not even an Error';
      },
      run: () => {
        throw new Error('boom');
      },
    };
    const loaded = loadPolicy({ platform: 'linux', env: {}, log, io: hostile });
    expect(loaded.settings).toBeUndefined();
    expect(loaded.updates).toEqual(DEFAULT_UPDATE_POLICY);
    expect(lines.some((line) => line.level === 'warn')).toBe(true);
  });

  it('an oversized file is refused', () => {
    const { log, warnings } = captureLog();
    const loaded = loadPolicy({ platform: 'linux', env: {}, log, io: fakeIo({ files: { [LINUX_FILE]: `{"_pad":"${'x'.repeat(300 * 1024)}"}` } }) });
    expect(loaded.settings).toBeUndefined();
    expect(warnings()[0]).toMatch(/larger than/);
  });
});
