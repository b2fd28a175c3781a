// Access and refresh tokens.
//
// Access token: a JWT (HS256, key from server_secrets) with sub = user id, sid = session id,
// did = device id, iss 'shamay' and a short exp. It is checked by signature and expiry, and on every
// request the session behind it is looked up too (service.ts), so revocation is immediate.
//
// Refresh token: `<session id>.<32 random bytes, base64url>.<HMAC, base64url>`. The database keeps
// only its sha256 (user_sessions.refresh_token_hash), never the token. The session id lets the
// server find the session of a token that is no longer current, and the HMAC (keyed from the signing
// key) proves that the server issued it: a valid token that is not the session's current one is an
// already-rotated token presented again, i.e. a replay, and the session is revoked. A forged token
// (a known session id with made-up bytes) fails the HMAC and revokes nothing.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { HttpError } from '../http/errors.ts';

export const TOKEN_ISSUER = 'shamay';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface AccessClaims {
  userId: string;
  sessionId: string;
  deviceId: string | null;
}

/** Signs an access token that expires at expiresAt (whole seconds, rounded down). */
export async function createAccessToken(
  key: Uint8Array,
  claims: AccessClaims,
  now: Date,
  expiresAt: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  const token = await new SignJWT({ sid: claims.sessionId, did: claims.deviceId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setSubject(claims.userId)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(exp)
    .sign(key);
  return { token, expiresAt: new Date(exp * 1000) };
}

/**
 * Checks signature, issuer and expiry (against `now`, the server's injectable clock). Throws 401
 * TOKEN_EXPIRED for an expired token and 401 UNAUTHENTICATED for anything else that is wrong.
 */
export async function verifyAccessToken(key: Uint8Array, token: string, now: Date): Promise<AccessClaims> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      issuer: TOKEN_ISSUER,
      algorithms: ['HS256'],
      currentDate: now,
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw new HttpError(401, 'TOKEN_EXPIRED', 'The access token has expired; refresh it with the refresh token.');
    }
    throw new HttpError(401, 'UNAUTHENTICATED', 'The access token is not valid; sign in again.');
  }
  const { sub, sid, did } = payload;
  if (typeof sub !== 'string' || !UUID.test(sub) || typeof sid !== 'string' || !UUID.test(sid) ||
      !(did === null || did === undefined || (typeof did === 'string' && UUID.test(did)))) {
    throw new HttpError(401, 'UNAUTHENTICATED', 'The access token is not valid; sign in again.');
  }
  return { userId: sub, sessionId: sid, deviceId: typeof did === 'string' ? did : null };
}

// ---- refresh tokens ------------------------------------------------------------------------------

const REFRESH_RANDOM_BYTES = 32;

function refreshMacKey(signingKey: Uint8Array): Buffer {
  // A key of its own (domain separation), derived so that no second secret has to be stored.
  return createHmac('sha256', signingKey).update('shamay refresh token mac v1').digest();
}

function refreshMac(signingKey: Uint8Array, body: string): Buffer {
  return createHmac('sha256', refreshMacKey(signingKey)).update(body).digest();
}

/** A new refresh token for the session: session id, 32 random bytes and the server's HMAC. */
export function createRefreshToken(signingKey: Uint8Array, sessionId: string): string {
  const body = `${sessionId}.${randomBytes(REFRESH_RANDOM_BYTES).toString('base64url')}`;
  return `${body}.${refreshMac(signingKey, body).toString('base64url')}`;
}

/**
 * The token that replaces `previous` on a refresh: derived from it with the server's key (as unguessable
 * as a random one), so that the same previous token presented again within the grace gets the very same
 * new token without the server storing any token.
 */
export function nextRefreshToken(signingKey: Uint8Array, sessionId: string, previous: string): string {
  const derived = createHmac('sha256', refreshMacKey(signingKey)).update(`next:${previous}`).digest().subarray(0, REFRESH_RANDOM_BYTES);
  const body = `${sessionId}.${derived.toString('base64url')}`;
  return `${body}.${refreshMac(signingKey, body).toString('base64url')}`;
}

/**
 * The session id of a refresh token this server issued (current or not), or null when the token is
 * malformed or its HMAC is wrong.
 */
export function readRefreshToken(signingKey: Uint8Array, token: string): { sessionId: string } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [sessionId, random, mac] = parts as [string, string, string];
  if (!UUID.test(sessionId) || !/^[A-Za-z0-9_-]{43}$/.test(random) || !/^[A-Za-z0-9_-]{43}$/.test(mac)) return null;
  const expected = refreshMac(signingKey, `${sessionId}.${random}`);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { sessionId };
}

/** What user_sessions.refresh_token_hash stores: sha256 of the token, hex. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
