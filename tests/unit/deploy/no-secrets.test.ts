// No secret is committed: every file git tracks (or would add) is scanned for private keys, tokens and
// long password-like literals, and key/certificate/.env files are refused by name. Code signing reads
// its certificates and keys from CI secrets (see .github/workflows/release.yml), never from the tree.
//
// Findings that are not secrets are listed below, each with its reason. A stale entry fails too, so the
// list stays exact.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAllowList, forbiddenFileRule, readScannable, repositoryFiles, scanText, type AllowEntry, type Finding } from './secret-scan.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

const ALLOW: readonly AllowEntry[] = [
  {
    file: 'src-server/auth/passwords.ts',
    rule: 'assigned-secret',
    contains: 'DUMMY_PASSWORD_HASH',
    reason: 'argon2 hash of a random password nobody knows, used so that unknown e-mails take as long as wrong passwords',
  },
  { file: 'src-server/auth/secrets.ts', rule: 'assigned-secret', contains: "'access_token_key'", reason: 'the NAME of the database row holding the key, not the key' },
  { file: 'src-renderer/api/transport-web.ts', rule: 'assigned-secret', contains: "'shamay.hostToken'", reason: 'the sessionStorage key name under which the browser host token is kept' },
  { file: 'tests/integration/sync-chaos/tenancy.test.ts', rule: 'assigned-secret', contains: "'office-b-password'", reason: 'demo password of a throw-away test organization' },
  { file: 'tests/integration/host/host.test.ts', rule: 'assigned-secret', contains: "'a-given-token-of-enough-length-0123456789'", reason: 'fixed bearer token given to a test host' },
  { file: 'tests/unit/electron/shell-parts.test.ts', rule: 'assigned-secret', contains: "'access-secret'", reason: 'fake token in a token-store unit test' },
  { file: 'tests/unit/electron/shell-parts.test.ts', rule: 'assigned-secret', contains: "'refresh-secret'", reason: 'fake token in a token-store unit test' },
  { file: 'src-renderer/features/report/report-model.ts', rule: 'assigned-secret', contains: "'passwordLength'", reason: 'the i18n key of the share form error "6 to 200 characters", not a password' },
  { file: 'tests/e2e/appraisal-ui.test.ts', rule: 'assigned-secret', contains: "'גישה-לדוח-2026'", reason: 'the password a test share link is created with and opened by' },
  { file: 'tests/integration/seed/demo-office.test.ts', rule: 'assigned-secret', contains: "'לקוח-דמו-2026'", reason: 'the password a test share link of a demo report is created with' },
  { file: 'tests/unit/scripts/local-address.test.ts', rule: 'assigned-secret', contains: 'aaaaaaaaaaaaaaaaaaaaaa', reason: 'a damaged local-address file the test expects to be ignored' },
  { file: 'tests/unit/renderer/report/report-model.test.ts', rule: 'assigned-secret', contains: "'passwordLength'", reason: 'the share form error key the test expects, not a password' },
];

// Built at run time so that this file itself contains no secret-looking literal.
const sample = (...parts: string[]) => parts.join('');

describe('the scanner', () => {
  it('finds what it is meant to find', () => {
    const cases: [string, string][] = [
      ['private-key', sample('-----BEGIN ', 'RSA PRIVATE KEY-----\nMIIE…')],
      ['private-key', sample('-----BEGIN ', 'PRIVATE KEY-----')],
      ['private-key', sample('-----BEGIN ', 'OPENSSH PRIVATE KEY-----')],
      ['aws-access-key-id', sample('AKIA', 'IOSFODNN7EXAMPLE')],
      ['github-token', sample('ghp_', 'a'.repeat(36))],
      ['slack-token', sample('xoxb-', '123456789012-abcdef')],
      ['google-api-key', sample('AIza', 'B'.repeat(35))],
      ['npm-token', sample('//registry.npmjs.org/:_auth', 'Token=abcdef123456')],
      ['url-credentials', sample('postgres://shamay:', 'S3cretPassw0rd@db.example.org/shamay')],
      ['jwt', sample('eyJ', 'hbGciOiJIUzI1NiJ9', '.eyJ', 'zdWIiOiIxMjM0NTY3ODkwIn0', '.', 'dozjgNryP4J3jVmNHl0w5N')],
      ['assigned-secret', sample('const db', 'Password = "', 'correct-horse-battery', '"')],
      ['assigned-secret', sample('api_key: \'', '0123456789abcdef', "'")],
      ['assigned-secret', sample('CLIENT_SECRET=', '"', 'abcdefghijklmnop', '"')],
      ['assigned-secret', sample('"refresh', 'Token": "', 'r'.repeat(20), '"')],
    ];
    for (const [rule, text] of cases) expect(scanText('src/x.ts', text).map((f) => f.rule), text).toContain(rule);
  });

  it('leaves references, short demo values, templates and fixtures alone', () => {
    const clean = [
      sample('CSC_KEY_PASSWORD: ${{ secrets.', 'WIN_CSC_KEY_PASSWORD }}'),
      sample('password: process.env.', 'SHAMAY_DB_PASSWORD'),
      sample("export const DEMO_PASSWORD = '", "shamay-demo'"),
      sample('const password = `pw-', '${userId}`'),
      sample('DATABASE_URL=postgres://user:', 'pass@db.example.internal:5432/shamay'),
      sample('token = "', '<your-token-here>', '"'),
    ];
    for (const text of clean) expect(scanText('src/x.ts', text), text).toEqual([]);
    expect(scanText('tests/fixtures/crash/x.ts', sample("password = '", "fixture-password-123'"))).toEqual([]);
  });

  it('refuses key, certificate and environment files by name', () => {
    for (const file of ['build/cert.p12', 'build/Signing.PFX', 'a/b/key.pem', 'AuthKey_ABC123.p8', '.env', 'src/.env.production', 'id_rsa', '.npmrc']) {
      expect(forbiddenFileRule(file), file).not.toBeNull();
    }
    for (const file of ['.env.example', 'build/entitlements.mac.plist', 'src/environment.ts', 'docs/pem-format.md']) {
      expect(forbiddenFileRule(file), file).toBeNull();
    }
  });

  it('an allow entry matches only its own file, rule and text', () => {
    const finding: Finding = { file: 'a.ts', line: 1, rule: 'assigned-secret', excerpt: sample('token = ', "'abcdefghijklmnop'") };
    const entry: AllowEntry = { file: 'a.ts', rule: 'assigned-secret', contains: 'abcdefghijklmnop', reason: 'test' };
    expect(applyAllowList([finding], [entry])).toEqual({ blocked: [], unused: [] });
    expect(applyAllowList([{ ...finding, file: 'b.ts' }], [entry]).blocked).toHaveLength(1);
    expect(applyAllowList([], [entry]).unused).toEqual([entry]);
  });
});

describe('the repository', () => {
  const { files, via } = repositoryFiles(ROOT);

  it('lists its files', () => {
    expect(files.length, `listed via ${via}`).toBeGreaterThan(50);
    expect(files).toContain('package.json');
    expect(files).toContain('build/electron-builder.config.ts');
  });

  it('holds no key, certificate or .env file', () => {
    const offenders = files.filter((file) => forbiddenFileRule(file) !== null);
    expect(offenders).toEqual([]);
  });

  it('holds no secret-looking value outside the allow list', () => {
    const findings = files.flatMap((file) => {
      const text = readScannable(ROOT, file);
      return text === null ? [] : scanText(file, text);
    });
    const { blocked, unused } = applyAllowList(findings, ALLOW);
    expect(blocked, 'secret-looking values (move them to CI secrets, or add an allow entry with a reason)').toEqual([]);
    expect(unused, 'allow entries that no longer match anything').toEqual([]);
  });

  it('every allow entry says why', () => {
    for (const entry of ALLOW) expect(entry.reason.length, entry.file).toBeGreaterThan(10);
  });
});
