// The smaller parts of the Electron shell: menu, log file, token keeper, policy stub.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createFileLog } from '../../../src-main/electron/log.ts';
import { buildMenuTemplate, menuLanguage } from '../../../src-main/electron/menu.ts';
import { createTokenKeeper, encryptionUnavailableReason, type SecretCipher } from '../../../src-main/electron/token-store.ts';
import { tempDir } from '../../helpers/temp.ts';

type Item = ReturnType<typeof buildMenuTemplate>[number];
const roles = (items: Item[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
const labels = (items: Item[]): string[] =>
  items.flatMap((item) => [...(item.label ? [item.label] : []), ...(Array.isArray(item.submenu) ? labels(item.submenu) : [])]);

describe('menu', () => {
  it('is in Hebrew or English', () => {
    const he = buildMenuTemplate({ language: 'he', appName: 'Shamay', isDev: false, isMac: false });
    expect(labels(he)).toEqual(expect.arrayContaining(['עריכה', 'תצוגה', 'חלון', 'עזרה', 'אודות Shamay', 'העתקה']));
    expect(labels(he).some((label) => /^[A-Za-z ]+$/.test(label))).toBe(false);
    const en = buildMenuTemplate({ language: 'en', appName: 'Shamay', isDev: false, isMac: false });
    expect(labels(en)).toEqual(expect.arrayContaining(['Edit', 'View', 'Window', 'Help', 'About Shamay', 'Copy']));
    expect(menuLanguage('en')).toBe('en');
    expect(menuLanguage('fr')).toBe('he');
    expect(menuLanguage(undefined)).toBe('he');
  });

  it('uses the standard roles; reload and DevTools only in development', () => {
    const production = roles(buildMenuTemplate({ language: 'he', appName: 'Shamay', isDev: false, isMac: false }));
    expect(production).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'minimize', 'close', 'quit', 'about', 'help']));
    expect(production).not.toContain('reload');
    expect(production).not.toContain('forceReload');
    expect(production).not.toContain('toggleDevTools');
    const dev = roles(buildMenuTemplate({ language: 'he', appName: 'Shamay', isDev: true, isMac: false }));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('has the app menu on macOS', () => {
    const mac = buildMenuTemplate({ language: 'en', appName: 'Shamay', isDev: false, isMac: true });
    expect(mac[0]?.label).toBe('Shamay');
    expect(roles(mac)).toEqual(expect.arrayContaining(['hide', 'hideOthers', 'unhide', 'front', 'zoom']));
  });
});

describe('log file', () => {
  it('appends one line per entry, with details and without line breaks in the message', () => {
    const file = join(tempDir(), 'logs', 'main.log');
    const log = createFileLog({ file, now: () => new Date('2025-01-02T03:04:05.000Z') });
    log.info('starting', { version: '0.1.0' });
    log.error('two\nlines');
    const cyclic: Record<string, unknown> = { n: 1n };
    cyclic.self = cyclic;
    log.warn('odd details', cyclic);
    expect(readFileSync(file, 'utf8').split('\n')).toEqual([
      '2025-01-02T03:04:05.000Z INFO starting {"version":"0.1.0"}',
      '2025-01-02T03:04:05.000Z ERROR two lines',
      '2025-01-02T03:04:05.000Z WARN odd details {"n":"1","self":"[cycle]"}',
      '',
    ]);
  });

  it('rotates when the file would pass the limit', () => {
    const dir = tempDir();
    const file = join(dir, 'main.log');
    const log = createFileLog({ file, maxBytes: 1_000 });
    for (let i = 0; i < 30; i++) log.info(`entry ${i}`, { padding: 'x'.repeat(40) });
    expect(statSync(file).size).toBeLessThanOrEqual(1_000);
    expect(existsSync(join(dir, 'main.1.log'))).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('entry 29');
  });

  it('never throws when the file cannot be written', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-dir'), '');
    const log = createFileLog({ file: join(dir, 'not-a-dir', 'main.log') });
    expect(() => log.error('lost')).not.toThrow();
  });
});

/** A stand-in for safeStorage: reversible, but visibly not the plain text. */
function fakeCipher(options: { available?: boolean; backend?: string } = {}): SecretCipher {
  return {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (text) => Buffer.from(text, 'utf8').reverse(),
    decryptString: (data) => {
      const text = Buffer.from(data).reverse().toString('utf8');
      if (!text.startsWith('{')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text;
    },
    ...(options.backend ? { getSelectedStorageBackend: () => options.backend as string } : {}),
  };
}

describe('token keeper', () => {
  const tokens = { userId: 'u1', accessToken: 'access-secret', refreshToken: 'refresh-secret' };
  const quietLog = () => ({ warn: vi.fn(), info: vi.fn() });

  it('keeps the tokens encrypted on disk and reads them back', () => {
    const file = join(tempDir(), 'tokens.bin');
    const keeper = createTokenKeeper({ file, cipher: fakeCipher(), platform: 'win32', log: quietLog() });
    expect(keeper.mode).toBe('encrypted');
    expect(keeper.load()).toBeNull();
    keeper.save(tokens);
    expect(readFileSync(file).toString('utf8')).not.toContain('secret');
    expect(createTokenKeeper({ file, cipher: fakeCipher(), platform: 'win32', log: quietLog() }).load()).toEqual(tokens);
    keeper.save(null);
    expect(existsSync(file)).toBe(false);
  });

  it('drops a file it cannot decrypt or that is not valid', () => {
    const file = join(tempDir(), 'tokens.bin');
    writeFileSync(file, 'garbage');
    const log = quietLog();
    expect(createTokenKeeper({ file, cipher: fakeCipher(), platform: 'darwin', log }).load()).toBeNull();
    expect(existsSync(file)).toBe(false);
    expect(log.warn).toHaveBeenCalled();
    writeFileSync(file, Buffer.from('{"userId":1}').reverse());
    expect(createTokenKeeper({ file, cipher: fakeCipher(), platform: 'darwin', log }).load()).toBeNull();
    expect(existsSync(file)).toBe(false);
  });

  it.each([
    ['encryption is unavailable', { available: false }, 'win32'],
    ['Linux falls back to basic_text', { backend: 'basic_text' }, 'linux'],
  ] as const)('keeps tokens in memory only when %s, and says why', (_name, cipherOptions, platform) => {
    const file = join(tempDir(), 'tokens.bin');
    writeFileSync(file, 'old');
    const log = quietLog();
    const keeper = createTokenKeeper({ file, cipher: fakeCipher(cipherOptions), platform, log });
    expect(keeper.mode).toBe('memory');
    expect(existsSync(file)).toBe(false);
    keeper.save(tokens);
    expect(keeper.load()).toEqual(tokens);
    expect(existsSync(file)).toBe(false);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('memory only'), { reason: expect.any(String) });
  });

  it('accepts a real keyring backend on Linux', () => {
    expect(encryptionUnavailableReason(fakeCipher({ backend: 'gnome_libsecret' }), 'linux')).toBeNull();
    expect(encryptionUnavailableReason(fakeCipher({ backend: 'basic_text' }), 'darwin')).toBeNull();
  });
});

