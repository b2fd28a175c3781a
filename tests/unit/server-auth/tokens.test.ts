import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  createAccessToken,
  createRefreshToken,
  hashRefreshToken,
  readRefreshToken,
  sameDigest,
  verifyAccessToken,
} from '../../../src-server/auth/tokens.ts';
import { HttpError } from '../../../src-server/http/errors.ts';
import { refreshRequest } from '../../../src-shared/sync/protocol.ts';

const key = new Uint8Array(randomBytes(32));
const claims = {
  userId: '01900000-0000-7000-8000-000000000001',
  sessionId: '01900000-0000-7000-8000-000000000002',
  deviceId: '01900000-0000-7000-8000-000000000003',
};
const t0 = new Date('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('access tokens', () => {
  it('carry sub, sid, did, iss and exp, and verify until they expire', async () => {
    const { token, expiresAt } = await createAccessToken(key, claims, t0, at(900));
    expect(expiresAt.toISOString()).toBe(at(900).toISOString());
    expect(decodeJwt(token)).toMatchObject({
      sub: claims.userId,
      sid: claims.sessionId,
      did: claims.deviceId,
      iss: 'shamay',
      exp: at(900).getTime() / 1000,
    });
    expect(await verifyAccessToken(key, token, at(899))).toEqual(claims);
    const expired = await rejection(verifyAccessToken(key, token, at(900)));
    expect([expired.status, expired.code]).toEqual([401, 'TOKEN_EXPIRED']);
  });

  it('refuse another key, a tampered token and garbage with 401 UNAUTHENTICATED', async () => {
    const { token } = await createAccessToken(key, claims, t0, at(900));
    const other = new Uint8Array(randomBytes(32));
    expect((await rejection(verifyAccessToken(other, token, t0))).code).toBe('UNAUTHENTICATED');
    const [h, p, s] = token.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: claims.deviceId })).toString('base64url')}.${s}`;
    expect((await rejection(verifyAccessToken(key, forged, t0))).code).toBe('UNAUTHENTICATED');
    expect((await rejection(verifyAccessToken(key, 'a.b.c', t0))).code).toBe('UNAUTHENTICATED');
  });
});

describe('refresh tokens', () => {
  it('are unique, fit the protocol, carry the session id and verify by HMAC', () => {
    const a = createRefreshToken(key, claims.sessionId);
    const b = createRefreshToken(key, claims.sessionId);
    expect(a).not.toBe(b);
    expect(refreshRequest.safeParse({ refreshToken: a }).success).toBe(true);
    expect(readRefreshToken(key, a)).toEqual({ sessionId: claims.sessionId });
    // Made up random part, wrong key, other session id, garbage: not ours.
    const [sid, random, mac] = a.split('.') as [string, string, string];
    expect(readRefreshToken(key, `${sid}.${random.replace(/^./, random.startsWith('A') ? 'B' : 'A')}.${mac}`)).toBeNull();
    expect(readRefreshToken(new Uint8Array(randomBytes(32)), a)).toBeNull();
    expect(readRefreshToken(key, `${claims.userId}.${random}.${mac}`)).toBeNull();
    expect(readRefreshToken(key, 'x'.repeat(40))).toBeNull();
  });

  it('are stored as sha256 hex only', () => {
    const token = createRefreshToken(key, claims.sessionId);
    const digest = hashRefreshToken(token);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain(token.split('.')[1]);
    expect(sameDigest(digest, hashRefreshToken(token))).toBe(true);
    expect(sameDigest(digest, hashRefreshToken(`${token}x`))).toBe(false);
    expect(sameDigest('', '')).toBe(false);
  });
});
