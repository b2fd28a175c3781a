import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  CommandError,
  createOrganization,
  createUser,
  listDevices,
  listOrganizations,
  parseRole,
  revokeDevice,
  setPassword,
} from '../../../src-server/cli/commands.ts';
import type { ServerDatabase } from '../../../src-server/db/database.ts';
import type { TokenResponse } from '../../../src-shared/sync/protocol.ts';
import { tempDir } from '../../helpers/temp.ts';
import { device, engines, startServer, type TestServer } from './harness.ts';

async function commandError(promise: Promise<unknown>): Promise<CommandError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CommandError);
  return error as CommandError;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

for (const engine of engines) {
  describe.skipIf(engine.skip)(`admin commands on ${engine.name}`, () => {
    let db: ServerDatabase;
    let closeDb: () => Promise<void>;
    let server: TestServer | undefined;

    beforeAll(async () => {
      ({ db, close: closeDb } = await engine.open());
    });
    afterAll(async () => {
      await closeDb?.();
    });
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it('create-org, create-user, add-member: the user can sign in and sees the membership', async () => {
      const org = await createOrganization(db, { name: `  ${unique('Acme Appraisals')}  ` });
      expect(org.name).toMatch(/^Acme Appraisals-/);
      const [counter] = await db.query<{ last_version: number }>('SELECT last_version FROM sync_counters WHERE organization_id = $1', [
        org.id,
      ]);
      expect(counter).toBeDefined();

      const email = `${unique('Dana')}@Example.COM`;
      const user = await createUser(db, { email, name: 'Dana Levi', password: 'correct horse battery' });
      expect(user.email).toBe(email.toLowerCase());
      const [credential] = await db.query<{ password_hash: string }>('SELECT password_hash FROM user_credentials WHERE user_id = $1', [
        user.id,
      ]);
      expect(credential?.password_hash).toMatch(/^\$argon2id\$/);

      const added = await addMember(db, { email, org: org.name, role: 'appraiser' });
      expect(added.outcome).toBe('created');
      expect(added.membership).toMatchObject({ userId: user.id, organizationId: org.id, role: 'APPRAISER' });

      server = await startServer(db);
      const response = await server.request<TokenResponse>('POST', '/v1/auth/login', {
        json: { email: user.email, password: 'correct horse battery', device: device() },
      });
      expect(response.status).toBe(200);
      expect(response.body.memberships).toEqual([
        { id: added.membership.id, role: 'APPRAISER', organization: { id: org.id, name: org.name } },
      ]);

      // The organization, the user and the membership are in the organization's change feed, in that order.
      const feed = await db.query<{ table_name: string; row_id: string; server_version: number }>(
        'SELECT table_name, row_id, server_version FROM sync_changes WHERE organization_id = $1 ORDER BY server_version',
        [org.id],
      );
      expect(feed.map((f) => [f.table_name, f.row_id])).toEqual([
        ['organizations', org.id],
        ['users', user.id],
        ['memberships', added.membership.id],
      ]);
      const [head] = await db.query<{ last_version: number }>('SELECT last_version FROM sync_counters WHERE organization_id = $1', [org.id]);
      expect(head?.last_version).toBe(feed.at(-1)?.server_version);

      // By id works too; the same role again changes nothing, another role is an update.
      expect((await addMember(db, { email, org: org.id, role: 'APPRAISER' })).outcome).toBe('unchanged');
      expect((await addMember(db, { email, org: org.id, role: 'ORG_ADMIN' })).outcome).toBe('role-changed');
      const [membership] = await db.query<{ role: string }>('SELECT role FROM memberships WHERE id = $1', [added.membership.id]);
      expect(membership?.role).toBe('ORG_ADMIN');

      const orgs = await listOrganizations(db);
      expect(orgs.find((o) => o.id === org.id)).toMatchObject({ name: org.name, members: 1 });
    });

    it('add-member to an unknown organization or with an unknown role is a clear error and writes nothing', async () => {
      const email = `${unique('eli')}@example.com`;
      await createUser(db, { email, name: 'Eli', password: 'long enough password' });
      const before = await db.query('SELECT count(*)::int AS n FROM memberships');
      expect((await commandError(addMember(db, { email, org: 'No Such Org', role: 'APPRAISER' }))).message).toBe(
        'No organization "No Such Org"; see list-orgs.',
      );
      expect((await commandError(addMember(db, { email, org: '01900000-0000-7000-8000-00000000dead', role: 'APPRAISER' }))).message).toMatch(
        /No organization/,
      );
      const org = await createOrganization(db, { name: unique('Roles') });
      expect((await commandError(addMember(db, { email, org: org.id, role: 'BOSS' }))).message).toBe(
        'Unknown role "BOSS"; use one of OWNER, ORG_ADMIN, APPRAISER, CLIENT_VIEWER.',
      );
      expect((await commandError(addMember(db, { email: 'ghost@example.com', org: org.id, role: 'OWNER' }))).message).toBe(
        'No user with the email ghost@example.com.',
      );
      expect(await db.query('SELECT count(*)::int AS n FROM memberships')).toEqual(before);

      // Two organizations with one name: the name is ambiguous, the id is not.
      const twin = await createOrganization(db, { name: org.name });
      expect((await commandError(addMember(db, { email, org: org.name, role: 'OWNER' }))).message).toMatch(/2 organizations are named/);
      expect((await addMember(db, { email, org: twin.id, role: 'OWNER' })).outcome).toBe('created');
    });

    it('validates roles, emails, names and passwords', async () => {
      expect(parseRole('client_viewer')).toBe('CLIENT_VIEWER');
      expect(() => parseRole(undefined)).toThrow(CommandError);
      expect((await commandError(createOrganization(db, { name: '   ' }))).message).toBe('An organization name is required.');
      expect((await commandError(createUser(db, { email: 'not-an-email', name: 'X', password: 'long enough' }))).message).toMatch(
        /not a valid email/,
      );
      expect((await commandError(createUser(db, { email: 'x@example.com', name: '', password: 'long enough' }))).message).toBe(
        'A name is required.',
      );
      expect((await commandError(createUser(db, { email: 'x@example.com', name: 'X', password: 'short' }))).message).toMatch(
        /at least 8 characters/,
      );
      const email = `${unique('dup')}@example.com`;
      await createUser(db, { email, name: 'Dup', password: 'long enough' });
      expect((await commandError(createUser(db, { email: email.toUpperCase(), name: 'Dup', password: 'long enough' }))).message).toBe(
        `A user with the email ${email} already exists.`,
      );
    });

    it('set-password replaces the password', async () => {
      const email = `${unique('pw')}@example.com`;
      await createUser(db, { email, name: 'Pw', password: 'first password' });
      await setPassword(db, { email, password: 'second password' });
      server = await startServer(db);
      const login = (password: string) =>
        server?.request('POST', '/v1/auth/login', { json: { email, password, device: device() } });
      expect((await login('first password'))?.status).toBe(401);
      expect((await login('second password'))?.status).toBe(200);
      expect((await commandError(setPassword(db, { email: 'ghost@example.com', password: 'whatever123' }))).message).toMatch(/No user/);
    });

    it('list-devices and revoke-device', async () => {
      const email = `${unique('dev')}@example.com`;
      await createUser(db, { email, name: 'Dev', password: 'device password' });
      server = await startServer(db);
      const dev = device({ name: 'Office PC', platform: 'win32' });
      const login = await server.request<TokenResponse>('POST', '/v1/auth/login', {
        json: { email, password: 'device password', device: dev },
      });
      expect(login.status).toBe(200);
      const listed = await listDevices(db, { email });
      expect(listed).toEqual([
        expect.objectContaining({ id: dev.id, name: 'Office PC', platform: 'win32', appVersion: '0.1.0', activeSessions: 1, revokedAt: null }),
      ]);

      const result = await revokeDevice(db, { deviceId: dev.id.toUpperCase() });
      expect(result).toEqual({ deviceId: dev.id, email, alreadyRevoked: false, sessionsRevoked: 1 });
      expect((await server.request('GET', '/v1/me', { token: login.body.accessToken })).status).toBe(401);
      const after = await listDevices(db, { email });
      expect(after[0]).toMatchObject({ activeSessions: 0, revokedAt: expect.any(String) });
      expect((await revokeDevice(db, { deviceId: dev.id })).alreadyRevoked).toBe(true);

      expect((await commandError(revokeDevice(db, { deviceId: 'laptop' }))).message).toMatch(/not a device id/);
      expect((await commandError(revokeDevice(db, { deviceId: '01900000-0000-7000-8000-00000000beef' }))).message).toMatch(/No device/);
      expect((await commandError(listDevices(db, { email: 'ghost@example.com' }))).message).toMatch(/No user/);
    });
  });
}

describe('admin CLI (npm run admin)', () => {
  const run = (args: string[], input?: string) => {
    const result = spawnSync(process.execPath, [join(import.meta.dirname, '../../../src-server/cli/admin.ts'), ...args], {
      input: input ?? '',
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('parses commands, reads the password from stdin and exits 1 with a clear message on bad input', () => {
    const dataDir = join(tempDir(), 'pgdata');
    const dir = ['--data-dir', dataDir];

    const created = run(['create-org', '--name', 'Cli Org', '--json', ...dir]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const org = JSON.parse(created.stdout) as { id: string; name: string };
    expect(org.name).toBe('Cli Org');

    const user = run(['create-user', '--email', 'cli@example.com', '--name', 'Cli User', '--password-stdin', ...dir], 'stdin password\n');
    expect(user.code).toBe(0);
    expect(user.stdout).toMatch(/Created user cli@example.com/);
    expect(run(['add-member', '--email', 'cli@example.com', '--org', 'Cli Org', '--role', 'OWNER', ...dir]).stdout).toMatch(
      /cli@example.com is now OWNER in "Cli Org"/,
    );
    const list = run(['list-orgs', ...dir]);
    expect(list.stdout).toMatch(new RegExp(`${org.id}\\s+Cli Org\\s+1`));

    const badRole = run(['add-member', '--email', 'cli@example.com', '--org', 'Cli Org', '--role', 'BOSS', ...dir]);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/^error: Unknown role "BOSS"/);
    const badOrg = run(['add-member', '--email', 'cli@example.com', '--org', 'Nope', '--role', 'OWNER', ...dir]);
    expect([badOrg.code, badOrg.stderr.trim()]).toEqual([1, 'error: No organization "Nope"; see list-orgs.']);
    const missing = run(['create-user', '--email', 'x@example.com', ...dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/create-user needs --name/);
    const noPassword = run(['create-user', '--email', 'x@example.com', '--name', 'X', ...dir]);
    expect(noPassword.stderr).toMatch(/A password is required/);
    const unknownOption = run(['create-org', '--nmae', 'x', ...dir]);
    expect(unknownOption.code).toBe(1);
    expect(unknownOption.stderr).toMatch(/Unknown option '--nmae'/);
    const unknownCommand = run(['frobnicate', ...dir]);
    expect([unknownCommand.code, unknownCommand.stderr]).toEqual([1, expect.stringMatching(/Unknown command "frobnicate"/)]);
    expect(run(['--help']).code).toBe(0);
  });
});
