import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireMembership } from '../../../src-server/auth/service.ts';
import { getSigningKey } from '../../../src-server/auth/secrets.ts';
import { createAccessToken, hashRefreshToken } from '../../../src-server/auth/tokens.ts';
import { revokeDevice } from '../../../src-server/cli/commands.ts';
import type { ServerDatabase } from '../../../src-server/db/database.ts';
import { HttpError } from '../../../src-server/http/errors.ts';
import { tokenResponse, type TokenResponse } from '../../../src-shared/sync/protocol.ts';
import { authRowCounts, BODY_LIMIT, device, engines, seedUser, startServer, type TestServer } from './harness.ts';

type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

for (const engine of engines) {
  describe.skipIf(engine.skip)(`auth over HTTP on ${engine.name}`, () => {
    let db: ServerDatabase;
    let closeDb: () => Promise<void>;
    let server: TestServer;

    beforeAll(async () => {
      ({ db, close: closeDb } = await engine.open());
    });
    afterAll(async () => {
      await closeDb?.();
    });
    // A server (and so a rate limiter and a clock) of its own for every test.
    const start = async (config?: Parameters<typeof startServer>[1]) => (server = await startServer(db, config));
    afterEach(async () => {
      await server?.close();
    });

    const login = (email: string, password: string, dev = device()) =>
      server.request<TokenResponse & ErrorBody>('POST', '/v1/auth/login', { json: { email, password, device: dev } });
    const refresh = (refreshToken: string) =>
      server.request<TokenResponse & ErrorBody>('POST', '/v1/auth/refresh', { json: { refreshToken } });
    const protectedRoute = (token?: string) =>
      server.request<{ auth: { userId: string; sessionId: string; deviceId: string } } & ErrorBody>('GET', '/v1/test/protected', {
        ...(token ? { token } : {}),
      });

    it('signs in: tokens, user and memberships; the access token opens protected routes', async () => {
      await start();
      const user = await seedUser(db, 'ORG_ADMIN');
      const dev = device();
      const response = await login(user.email.toUpperCase(), user.password, dev);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = tokenResponse.parse(response.body);
      expect(body.user).toEqual({ id: user.userId, email: user.email, name: 'Test User', image: null });
      expect(body.memberships).toEqual([
        { id: user.membershipId, role: 'ORG_ADMIN', organization: { id: user.organizationId, name: expect.any(String) } },
      ]);
      const now = server.clock.now.getTime();
      expect(Date.parse(body.accessExpiresAt) - now).toBeLessThanOrEqual(15 * 60 * 1000);
      expect(Date.parse(body.accessExpiresAt) - now).toBeGreaterThan(14 * 60 * 1000);
      expect(Date.parse(body.refreshExpiresAt) - now).toBeGreaterThan(29 * 24 * 3600 * 1000);

      const me = await protectedRoute(body.accessToken);
      expect(me.status).toBe(200);
      expect(me.body.auth).toEqual({ userId: user.userId, sessionId: expect.any(String), deviceId: dev.id });
      const meRoute = await server.request('GET', '/v1/me', { token: body.accessToken });
      expect(meRoute.status).toBe(200);
      expect(meRoute.body).toEqual({ user: body.user, memberships: body.memberships });

      const [session] = await db.query<{ user_id: string; device_id: string; device_info: unknown; ip: string; revoked_at: null }>(
        'SELECT user_id, device_id, device_info, ip, revoked_at FROM user_sessions WHERE id = $1',
        [me.body.auth.sessionId],
      );
      expect(session).toEqual({ user_id: user.userId, device_id: dev.id, device_info: dev, ip: '127.0.0.1', revoked_at: null });
      const [deviceRow] = await db.query('SELECT user_id, name, platform, app_version, revoked_at FROM devices WHERE id = $1', [dev.id]);
      expect(deviceRow).toEqual({ user_id: user.userId, name: dev.name, platform: 'linux', app_version: '0.1.0', revoked_at: null });
    });

    it('answers a wrong password and an unknown email alike, and creates nothing', async () => {
      await start();
      const user = await seedUser(db);
      const before = await authRowCounts(db);
      const wrong = await login(user.email, `${user.password}x`);
      const unknown = await login(`nobody-${user.userId.slice(-8)}@example.com`, user.password);
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'The email or password is incorrect.' });
      expect(await authRowCounts(db)).toEqual(before);
    });

    it('stores the password only as an argon2id hash and the refresh token only as its sha256', async () => {
      await start();
      const user = await seedUser(db);
      const [credential] = await db.query<{ password_hash: string }>('SELECT password_hash FROM user_credentials WHERE user_id = $1', [
        user.userId,
      ]);
      expect(credential?.password_hash).toMatch(/^\$argon2id\$/);
      expect(credential?.password_hash).not.toContain(user.password);

      const { body } = await login(user.email, user.password);
      const sessions = await db.query<{ refresh_token_hash: string; everything: string }>(
        'SELECT refresh_token_hash, row_to_json(s)::text AS everything FROM user_sessions s WHERE user_id = $1',
        [user.userId],
      );
      expect(sessions).toHaveLength(1);
      expect(sessions[0]?.refresh_token_hash).toBe(hashRefreshToken(body.refreshToken));
      const secretPart = body.refreshToken.split('.')[1] ?? '';
      expect(secretPart.length).toBeGreaterThan(40);
      for (const row of sessions) {
        expect(row.everything).not.toContain(body.refreshToken);
        expect(row.everything).not.toContain(secretPart);
      }
    });

    it('rotates the refresh token; presenting the old one again is a replay that ends the session', async () => {
      await start();
      const user = await seedUser(db);
      const first = (await login(user.email, user.password)).body;
      server.advance(60_000);
      const second = await refresh(first.refreshToken);
      expect(second.status).toBe(200);
      expect(second.headers.get('cache-control')).toBe('no-store');
      const rotated = tokenResponse.parse(second.body);
      expect(rotated.refreshToken).not.toBe(first.refreshToken);
      expect(rotated.accessToken).not.toBe(first.accessToken);
      expect(rotated.memberships).toEqual(first.memberships);
      expect((await protectedRoute(rotated.accessToken)).status).toBe(200);

      const replay = await refresh(first.refreshToken);
      expect(replay.status).toBe(401);
      expect(replay.body.error.code).toBe('TOKEN_REPLAYED');
      // The whole session is gone: the current refresh token and its access token too.
      expect((await refresh(rotated.refreshToken)).body.error.code).toBe('SESSION_REVOKED');
      const after = await protectedRoute(rotated.accessToken);
      expect([after.status, after.body.error.code]).toEqual([401, 'SESSION_REVOKED']);
    });

    it('two refreshes racing with one token: one rotates, the other is a replay (the session ends)', async () => {
      await start();
      const user = await seedUser(db);
      const { body } = await login(user.email, user.password);
      const results = await Promise.all([refresh(body.refreshToken), refresh(body.refreshToken)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      expect(results.find((r) => r.status === 401)?.body.error.code).toBe('TOKEN_REPLAYED');
      const winner = results.find((r) => r.status === 200)?.body;
      expect((await protectedRoute(winner?.accessToken)).body.error.code).toBe('SESSION_REVOKED');
    });

    it('refuses a forged refresh token for a real session without ending that session', async () => {
      await start();
      const user = await seedUser(db);
      const { body } = await login(user.email, user.password);
      const [sid] = body.refreshToken.split('.');
      const forged = `${sid}.${randomBytes(32).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
      const response = await refresh(forged);
      expect([response.status, response.body.error.code]).toEqual([401, 'INVALID_REFRESH_TOKEN']);
      expect((await refresh('x'.repeat(60))).body.error.code).toBe('INVALID_REFRESH_TOKEN');
      expect((await refresh(body.refreshToken)).status).toBe(200);
    });

    it('refuses an expired access token with TOKEN_EXPIRED; refresh then gives a working one', async () => {
      await start({ accessTokenSeconds: 300 });
      const user = await seedUser(db);
      const { body } = await login(user.email, user.password);
      server.advance(299_000);
      expect((await protectedRoute(body.accessToken)).status).toBe(200);
      server.advance(1_000);
      const expired = await protectedRoute(body.accessToken);
      expect([expired.status, expired.body.error.code]).toEqual([401, 'TOKEN_EXPIRED']);
      const renewed = await refresh(body.refreshToken);
      expect(renewed.status).toBe(200);
      expect((await protectedRoute(renewed.body.accessToken)).status).toBe(200);
    });

    it('ends a session that is not refreshed within refreshTokenDays (SESSION_EXPIRED)', async () => {
      await start({ refreshTokenDays: 2 });
      const user = await seedUser(db);
      const { body } = await login(user.email, user.password);
      server.advance(2 * 24 * 3600 * 1000);
      const response = await refresh(body.refreshToken);
      expect([response.status, response.body.error.code]).toEqual([401, 'SESSION_EXPIRED']);
    });

    it('a device revoked by the admin command is locked out on its next request', async () => {
      await start();
      const user = await seedUser(db);
      const dev = device();
      const a = (await login(user.email, user.password, dev)).body;
      const b = (await login(user.email, user.password, dev)).body;
      const other = (await login(user.email, user.password)).body;
      expect((await protectedRoute(a.accessToken)).status).toBe(200);

      const result = await revokeDevice(db, { deviceId: dev.id }, { now: () => server.clock.now });
      expect(result).toMatchObject({ deviceId: dev.id, email: user.email, sessionsRevoked: 2, alreadyRevoked: false });

      for (const tokens of [a, b]) {
        const denied = await protectedRoute(tokens.accessToken);
        expect([denied.status, denied.body.error.code]).toEqual([401, 'SESSION_REVOKED']);
        expect((await refresh(tokens.refreshToken)).status).toBe(401);
      }
      const again = await login(user.email, user.password, dev);
      expect([again.status, again.body.error.code]).toEqual([403, 'DEVICE_REVOKED']);
      // The user's other device is untouched.
      expect((await protectedRoute(other.accessToken)).status).toBe(200);
    });

    it('signs out: the session ends for the access and the refresh token', async () => {
      await start();
      const user = await seedUser(db);
      const { body } = await login(user.email, user.password);
      const unauthenticated = await server.request<ErrorBody>('POST', '/v1/auth/logout');
      expect([unauthenticated.status, unauthenticated.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      const out = await server.request('POST', '/v1/auth/logout', { token: body.accessToken });
      expect(out.status).toBe(204);
      expect((await protectedRoute(body.accessToken)).body.error.code).toBe('SESSION_REVOKED');
      expect((await refresh(body.refreshToken)).body.error.code).toBe('SESSION_REVOKED');
    });

    it('rate-limits an email after 5 failures (429 + Retry-After), even for the right password', async () => {
      await start();
      const user = await seedUser(db);
      for (let i = 0; i < 5; i++) {
        expect((await login(user.email, `wrong-${i}`)).status).toBe(401);
        server.advance(1_000);
      }
      const before = await authRowCounts(db);
      const limited = await login(user.email, user.password);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(limited.body.error.message).toMatch(/try again in 15 minutes/);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBe(15 * 60 - 5);
      expect(limited.body.error.details).toEqual({ retryAfterSeconds: retryAfter });
      expect(await authRowCounts(db)).toEqual(before);

      server.advance(retryAfter * 1000);
      expect((await login(user.email, user.password)).status).toBe(200);
    });

    it('rate-limits an IP after 20 failures across emails', async () => {
      await start();
      const user = await seedUser(db);
      for (let i = 0; i < 20; i++) expect((await login(`guess-${i}@example.com`, 'password')).status).toBe(401);
      const limited = await login(user.email, user.password);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('refuses malformed, wrongly typed, oversized and over-specified bodies with 400/413 and changes nothing', async () => {
      await start();
      const user = await seedUser(db);
      const good = { email: user.email, password: user.password, device: device() };
      const before = await authRowCounts(db);
      const cases: { name: string; send: () => Promise<{ status: number; body: ErrorBody }>; status: number; code: string; message: RegExp }[] = [
        {
          name: 'malformed JSON',
          send: () => server.request('POST', '/v1/auth/login', { raw: '{"email": "a@b.c", ' }),
          status: 400,
          code: 'BAD_REQUEST',
          message: /JSON/i,
        },
        {
          name: 'no body',
          send: () => server.request('POST', '/v1/auth/login'),
          status: 400,
          code: 'VALIDATION',
          message: /needs a JSON body/,
        },
        {
          name: 'password as a number',
          send: () => server.request('POST', '/v1/auth/login', { json: { ...good, password: 12345678 } }),
          status: 400,
          code: 'VALIDATION',
          message: /^password: .*expected string/,
        },
        {
          name: 'email not an email',
          send: () => server.request('POST', '/v1/auth/login', { json: { ...good, email: 'not-an-email' } }),
          status: 400,
          code: 'VALIDATION',
          message: /^email: /,
        },
        {
          name: 'device id not a uuid',
          send: () => server.request('POST', '/v1/auth/login', { json: { ...good, device: { ...good.device, id: 'abc' } } }),
          status: 400,
          code: 'VALIDATION',
          message: /^device\.id: not a valid id/,
        },
        {
          name: 'extra field',
          send: () => server.request('POST', '/v1/auth/login', { json: { ...good, admin: true } }),
          status: 400,
          code: 'VALIDATION',
          message: /admin/,
        },
        {
          name: 'an array instead of an object',
          send: () => server.request('POST', '/v1/auth/login', { json: [good] }),
          status: 400,
          code: 'VALIDATION',
          message: /expected object/,
        },
        {
          name: 'oversized body',
          send: () => server.request('POST', '/v1/auth/login', { json: { ...good, password: 'p'.repeat(BODY_LIMIT) } }),
          status: 413,
          code: 'TOO_LARGE',
          message: /too large/i,
        },
        {
          name: 'refresh token of the wrong type',
          send: () => server.request('POST', '/v1/auth/refresh', { json: { refreshToken: ['x'.repeat(40)] } }),
          status: 400,
          code: 'VALIDATION',
          message: /^refreshToken: /,
        },
        {
          name: 'plain text instead of JSON',
          send: () => server.request('POST', '/v1/auth/login', { raw: 'email=a', headers: { 'content-type': 'text/plain' } }),
          status: 400,
          code: 'VALIDATION',
          message: /expected object/,
        },
      ];
      for (const c of cases) {
        const response = await c.send();
        expect(response.status, c.name).toBe(c.status);
        expect(response.body.error.code, c.name).toBe(c.code);
        expect(response.body.error.message, c.name).toMatch(c.message);
        expect(JSON.stringify(response.body), c.name).not.toContain(user.password);
      }
      expect(await authRowCounts(db)).toEqual(before);
      // None of it counted as a failed sign-in.
      expect((await login(user.email, user.password)).status).toBe(200);
    });

    it('refuses missing, malformed, forged and foreign tokens with 401 UNAUTHENTICATED', async () => {
      await start();
      const user = await seedUser(db);
      const { body } = await login(user.email, user.password);
      const foreignKey = new Uint8Array(randomBytes(32));
      const claims = { userId: user.userId, sessionId: body.memberships[0]?.id ?? '', deviceId: null };
      const foreign = await createAccessToken(foreignKey, claims, server.clock.now, new Date(server.clock.now.getTime() + 60_000));
      const attempts: Record<string, string | undefined> = {
        missing: undefined,
        basic: 'Basic dXNlcjpwYXNz',
        'no token': 'Bearer ',
        garbage: 'Bearer not-a-jwt',
        forged: `Bearer ${foreign.token}`,
        'refresh token as access token': `Bearer ${body.refreshToken}`,
      };
      for (const [name, header] of Object.entries(attempts)) {
        const response = await server.request<ErrorBody>('GET', '/v1/test/protected', { headers: header ? { authorization: header } : {} });
        expect([response.status, response.body.error.code], name).toEqual([401, 'UNAUTHENTICATED']);
      }
      expect((await server.request('GET', '/v1/me')).status).toBe(401);
    });

    it('refuses a device id that belongs to another user (409) without touching it', async () => {
      await start();
      const alice = await seedUser(db);
      const bob = await seedUser(db);
      const dev = device();
      expect((await login(alice.email, alice.password, dev)).status).toBe(200);
      const before = await authRowCounts(db);
      const response = await login(bob.email, bob.password, dev);
      expect([response.status, response.body.error.code]).toEqual([409, 'DEVICE_IN_USE']);
      expect(await authRowCounts(db)).toEqual(before);
      const [row] = await db.query<{ user_id: string }>('SELECT user_id FROM devices WHERE id = $1', [dev.id]);
      expect(row?.user_id).toBe(alice.userId);
    });

    it('requireMembership gives the role, and 404 alike for a foreign and a missing organization', async () => {
      const alice = await seedUser(db, 'OWNER');
      const bob = await seedUser(db);
      expect(await requireMembership(db, alice.userId, alice.organizationId)).toBe('OWNER');
      const errors = await Promise.all(
        [bob.organizationId, '01900000-0000-7000-8000-00000000dead', 'not-a-uuid'].map((org) =>
          requireMembership(db, alice.userId, org).then(
            () => undefined,
            (e: unknown) => e,
          ),
        ),
      );
      for (const error of errors) {
        expect(error).toBeInstanceOf(HttpError);
        expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'Organization not found.' });
      }
    });

    it('keeps one signing key in server_secrets, created once', async () => {
      const key = await getSigningKey(db);
      expect(key).toHaveLength(32);
      const rows = await db.query<{ value: string }>("SELECT value FROM server_secrets WHERE name = 'access_token_key'");
      expect(rows).toHaveLength(1);
      expect(Buffer.from(rows[0]?.value ?? '', 'base64').equals(Buffer.from(key))).toBe(true);
      // Another handle (a transaction session: not cached) reads the same key.
      const again = await db.transaction((tx) => getSigningKey(tx));
      expect(Buffer.from(again).equals(Buffer.from(key))).toBe(true);
    });
  });
}
