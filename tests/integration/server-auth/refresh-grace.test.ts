// A refresh whose answer is lost must not sign the user out (issue #16, found 8): the device presents
// the token it still holds, within the grace, and gets the same new pair. Reuse after the grace, from
// another device, or of a token two rotations old is still a replay that ends the session.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_GRACE_MS } from '../../../src-server/auth/service.ts';
import type { ServerDatabase } from '../../../src-server/db/database.ts';
import type { TokenResponse } from '../../../src-shared/sync/protocol.ts';
import { device, engines, seedUser, startServer, type TestServer } from './harness.ts';

type Answer = TokenResponse & { error: { code: string } };

for (const engine of engines) {
  describe.skipIf(engine.skip)(`refresh after a lost answer on ${engine.name}`, () => {
    let db: ServerDatabase;
    let closeDb: () => Promise<void>;
    let server: TestServer;
    beforeAll(async () => {
      ({ db, close: closeDb } = await engine.open());
    });
    afterAll(async () => {
      await closeDb?.();
    });
    afterEach(async () => {
      await server?.close();
    });

    const refresh = (refreshToken: string, deviceId?: string) =>
      server.request<Answer>('POST', '/v1/auth/refresh', { json: { refreshToken, ...(deviceId ? { deviceId } : {}) } });
    const protectedRoute = (token: string) => server.request<Answer>('GET', '/v1/test/protected', { token });

    async function signedIn() {
      server = await startServer(db);
      const user = await seedUser(db);
      const dev = device();
      const { body } = await server.request<Answer>('POST', '/v1/auth/login', { json: { email: user.email, password: user.password, device: dev } });
      return { deviceId: dev.id, tokens: body };
    }

    it('gives the same new refresh token again to the same device within the grace, and the session goes on', async () => {
      const { deviceId, tokens } = await signedIn();
      server.advance(20 * 60_000);
      const lost = await refresh(tokens.refreshToken, deviceId); // rotated on the server, the answer never arrives
      expect(lost.status).toBe(200);
      server.advance(REFRESH_GRACE_MS - 1_000);
      const again = await refresh(tokens.refreshToken, deviceId);
      expect(again.status).toBe(200);
      expect(again.body.refreshToken).toBe(lost.body.refreshToken);
      expect(again.body.refreshExpiresAt).toBe(lost.body.refreshExpiresAt);
      expect((await protectedRoute(again.body.accessToken)).status).toBe(200);
      expect((await protectedRoute(lost.body.accessToken)).status).toBe(200);
      // The session rotates on from the pair it now holds.
      const next = await refresh(again.body.refreshToken, deviceId);
      expect(next.status).toBe(200);
      expect(next.body.refreshToken).not.toBe(again.body.refreshToken);
    });

    it('is a replay after the grace: the session ends', async () => {
      const { deviceId, tokens } = await signedIn();
      const rotated = await refresh(tokens.refreshToken, deviceId);
      server.advance(REFRESH_GRACE_MS + 1_000);
      const late = await refresh(tokens.refreshToken, deviceId);
      expect([late.status, late.body.error.code]).toEqual([401, 'TOKEN_REPLAYED']);
      expect((await protectedRoute(rotated.body.accessToken)).body.error.code).toBe('SESSION_REVOKED');
    });

    it('is a replay from another device or without a device, even within the grace', async () => {
      for (const other of [randomUUID(), undefined]) {
        const { deviceId, tokens } = await signedIn();
        await refresh(tokens.refreshToken, deviceId);
        const stolen = await refresh(tokens.refreshToken, other);
        expect([stolen.status, stolen.body.error.code]).toEqual([401, 'TOKEN_REPLAYED']);
        await server.close();
      }
    });

    it('is a replay for a token two rotations old, even from the same device within the grace', async () => {
      const { deviceId, tokens } = await signedIn();
      const second = await refresh(tokens.refreshToken, deviceId);
      await refresh(second.body.refreshToken, deviceId);
      const old = await refresh(tokens.refreshToken, deviceId);
      expect([old.status, old.body.error.code]).toEqual([401, 'TOKEN_REPLAYED']);
    });
  });
}
