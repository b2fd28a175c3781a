// Sign-in, token refresh, sign-out and the check behind every authenticated request.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { deviceInfo, TokenResponse } from '../../src-shared/sync/protocol.ts';
import type { RequestAuth, Role, ServerContext } from '../context.ts';
import type { SqlSession } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import type { RateLimitOptions } from './rate-limit.ts';
import { SharedLoginRateLimiter } from './shared-rate-limit.ts';
import { getSigningKey } from './secrets.ts';
import {
  createAccessToken,
  createRefreshToken,
  hashRefreshToken,
  nextRefreshToken,
  readRefreshToken,
  sameDigest,
  verifyAccessToken,
} from './tokens.ts';

export type DeviceInfo = z.infer<typeof deviceInfo>;
export type AuthUser = TokenResponse['user'];
export type MembershipSummary = TokenResponse['memberships'][number];

export interface AuthService {
  /** Email + password for a device; 401 INVALID_CREDENTIALS, 429 RATE_LIMITED, 403 DEVICE_REVOKED. */
  login(email: string, password: string, device: DeviceInfo, ip: string | null): Promise<TokenResponse>;
  /** Rotates the refresh token; an already-rotated token revokes its session (401 TOKEN_REPLAYED). */
  refresh(refreshToken: string, deviceId?: string): Promise<TokenResponse>;
  /** Revokes the session; its access and refresh tokens stop working at once. */
  logout(sessionId: string): Promise<void>;
  /** The caller behind an `Authorization: Bearer <access token>` header, or a 401. */
  authenticate(authorizationHeader: string | string[] | undefined): Promise<RequestAuth>;
  me(userId: string): Promise<{ user: AuthUser; memberships: MembershipSummary[] }>;
  memberships(userId: string): Promise<MembershipSummary[]>;
  readonly rateLimiter: SharedLoginRateLimiter;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+) *$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

const unauthenticated = () =>
  new HttpError(401, 'UNAUTHENTICATED', 'Sign in first: send the header "Authorization: Bearer <access token>".');
const invalidCredentials = () => new HttpError(401, 'INVALID_CREDENTIALS', 'The email or password is incorrect.');
const invalidRefreshToken = () =>
  new HttpError(401, 'INVALID_REFRESH_TOKEN', 'The refresh token is not valid; sign in again.');
const sessionRevoked = (why = 'The session was ended') =>
  new HttpError(401, 'SESSION_REVOKED', `${why}; sign in again.`);

/**
 * How long the token a refresh replaced still gets the same new pair, when presented again by the
 * session's own device: the answer to a refresh may be lost (a flaky mobile link, a timeout) and the
 * device tries again at its next request. After it, or from another device, the reuse is a replay.
 */
export const REFRESH_GRACE_MS = 5 * 60 * 1000;

interface SessionRow {
  user_id: string;
  device_id: string | null;
  refresh_token_hash: string;
  previous_refresh_token_hash?: string | null;
  rotated_at?: string | null;
  expires_at: string;
  revoked_at: string | null;
  device_revoked_at: string | null;
}

// One service per context, so the login rate limiter and routes/hook share their state.
const services = new WeakMap<ServerContext, AuthService>();

export function authServiceFor(ctx: ServerContext): AuthService {
  let service = services.get(ctx);
  if (!service) {
    service = createAuthService(ctx);
    services.set(ctx, service);
  }
  return service;
}

export function createAuthService(ctx: ServerContext, options: { rateLimit?: Partial<RateLimitOptions> } = {}): AuthService {
  const { db, config } = ctx;
  // Counted in PostgreSQL: every server instance on the database shares the budget.
  const rateLimiter = new SharedLoginRateLimiter(db, 'login', ctx.now, options.rateLimit);

  /** Issues an access token for the session and assembles the response clients store. */
  async function tokenResponse(
    userId: string,
    sessionId: string,
    deviceId: string | null,
    refreshToken: string,
    refreshExpiresAt: Date,
  ): Promise<TokenResponse> {
    const now = ctx.now();
    const key = await getSigningKey(db);
    // An access token never outlives its session.
    const accessUntil = new Date(Math.min(now.getTime() + config.accessTokenSeconds * 1000, refreshExpiresAt.getTime()));
    const access = await createAccessToken(key, { userId, sessionId, deviceId }, now, accessUntil);
    const { user, memberships } = await me(userId);
    return {
      accessToken: access.token,
      accessExpiresAt: access.expiresAt.toISOString(),
      refreshToken,
      refreshExpiresAt: refreshExpiresAt.toISOString(),
      user,
      memberships,
    };
  }

  async function me(userId: string) {
    const [user] = await db.query<AuthUser>('SELECT id, email, name, image FROM users WHERE id = $1', [userId]);
    if (!user) throw unauthenticated();
    return { user: { id: user.id, email: user.email, name: user.name, image: user.image }, memberships: await listMemberships(db, userId) };
  }

  async function login(email: string, password: string, device: DeviceInfo, ip: string | null): Promise<TokenResponse> {
    // Before the password is looked at: while limited, even the right password does not get in.
    await rateLimiter.check(email, ip);
    const [user] = await db.query<{ id: string; password_hash: string | null }>(
      `SELECT u.id, c.password_hash FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id
       WHERE lower(u.email) = lower($1) ORDER BY (u.email = $1) DESC LIMIT 1`,
      [email.trim()],
    );
    // Unknown email or no password: verifyPassword still runs argon2 (on a dummy hash), same timing.
    const ok = await verifyPassword(user?.password_hash, password);
    if (!ok || !user || !user.password_hash) {
      await rateLimiter.recordFailure(email, ip);
      throw invalidCredentials();
    }
    await rateLimiter.recordSuccess(email);
    if (needsRehash(user.password_hash)) {
      await db.query('UPDATE user_credentials SET password_hash = $2 WHERE user_id = $1', [user.id, await hashPassword(password)]);
    }

    const now = ctx.now();
    const sessionId = uuidv7();
    const refreshToken = createRefreshToken(await getSigningKey(db), sessionId);
    const refreshExpiresAt = new Date(now.getTime() + config.refreshTokenDays * DAY_MS);
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO devices (id, user_id, name, platform, app_version, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO NOTHING`,
        [device.id, user.id, device.name, device.platform, device.appVersion ?? null, now.toISOString()],
      );
      const [row] = await tx.query<{ user_id: string; revoked_at: string | null }>(
        'SELECT user_id, revoked_at FROM devices WHERE id = $1 FOR UPDATE',
        [device.id],
      );
      if (!row || row.user_id !== user.id) {
        // Device ids are per installation and per person; one id cannot move between accounts.
        throw new HttpError(409, 'DEVICE_IN_USE', 'This device id is registered to another user; sign in with a new device id.');
      }
      if (row.revoked_at) {
        throw new HttpError(403, 'DEVICE_REVOKED', 'This device was revoked by your administrator; it can no longer sign in.');
      }
      await tx.query('UPDATE devices SET name = $2, platform = $3, app_version = $4, last_seen_at = $5 WHERE id = $1', [
        device.id,
        device.name,
        device.platform,
        device.appVersion ?? null,
        now.toISOString(),
      ]);
      await tx.query(
        `INSERT INTO user_sessions (id, user_id, device_id, refresh_token_hash, device_info, ip, expires_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
        [sessionId, user.id, device.id, hashRefreshToken(refreshToken), JSON.stringify(device), ip, refreshExpiresAt.toISOString()],
      );
    });
    return tokenResponse(user.id, sessionId, device.id, refreshToken, refreshExpiresAt);
  }

  async function refresh(refreshToken: string, deviceId?: string): Promise<TokenResponse> {
    const key = await getSigningKey(db);
    const parsed = readRefreshToken(key, refreshToken);
    if (!parsed) throw invalidRefreshToken();
    const { sessionId } = parsed;
    const now = ctx.now();
    const presentedHash = hashRefreshToken(refreshToken);

    // Decided inside the transaction, thrown after it: a replay's revocation must commit.
    type Outcome =
      | { kind: 'ok'; userId: string; deviceId: string | null; token: string; expiresAt: Date }
      | { kind: 'error'; error: HttpError };
    const outcome = await db.transaction(async (tx): Promise<Outcome> => {
      const [session] = await tx.query<SessionRow>(
        `SELECT s.user_id, s.device_id, s.refresh_token_hash, s.previous_refresh_token_hash, s.rotated_at, s.expires_at, s.revoked_at,
                d.revoked_at AS device_revoked_at
         FROM user_sessions s LEFT JOIN devices d ON d.id = s.device_id WHERE s.id = $1 FOR UPDATE OF s`,
        [sessionId],
      );
      if (!session) return { kind: 'error', error: invalidRefreshToken() };
      if (session.revoked_at) return { kind: 'error', error: sessionRevoked() };
      const revoke = () =>
        tx.query('UPDATE user_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [sessionId, now.toISOString()]);
      // The answer to the last refresh was lost: the same device presents the token it replaced, within
      // the grace, and gets the same new pair (the next token is derived from the previous one).
      const next = nextRefreshToken(key, sessionId, refreshToken);
      const retryOfLost =
        !sameDigest(presentedHash, session.refresh_token_hash) &&
        session.previous_refresh_token_hash != null &&
        sameDigest(presentedHash, session.previous_refresh_token_hash) &&
        sameDigest(hashRefreshToken(next), session.refresh_token_hash) &&
        session.rotated_at != null &&
        now.getTime() - new Date(session.rotated_at).getTime() <= REFRESH_GRACE_MS &&
        session.device_id !== null &&
        deviceId === session.device_id &&
        !session.device_revoked_at;
      if (retryOfLost) {
        return { kind: 'ok', userId: session.user_id, deviceId: session.device_id, token: next, expiresAt: new Date(session.expires_at) };
      }
      if (!sameDigest(presentedHash, session.refresh_token_hash)) {
        // Issued by us for this session but already rotated: someone kept a copy. End the session for
        // whoever holds the current token too.
        await revoke();
        return {
          kind: 'error',
          error: new HttpError(401, 'TOKEN_REPLAYED', 'This refresh token was already used; the session has been ended for safety. Sign in again.'),
        };
      }
      if (session.device_revoked_at) {
        await revoke();
        return { kind: 'error', error: sessionRevoked('This device was revoked by your administrator') };
      }
      if (new Date(session.expires_at).getTime() <= now.getTime()) {
        return { kind: 'error', error: new HttpError(401, 'SESSION_EXPIRED', 'The session has expired; sign in again.') };
      }
      const token = next;
      const expiresAt = new Date(now.getTime() + config.refreshTokenDays * DAY_MS);
      await tx.query(
        'UPDATE user_sessions SET refresh_token_hash = $2, expires_at = $3, previous_refresh_token_hash = $4, rotated_at = $5 WHERE id = $1',
        [sessionId, hashRefreshToken(token), expiresAt.toISOString(), presentedHash, now.toISOString()],
      );
      if (session.device_id) {
        await tx.query('UPDATE devices SET last_seen_at = $2 WHERE id = $1', [session.device_id, now.toISOString()]);
      }
      return { kind: 'ok', userId: session.user_id, deviceId: session.device_id, token, expiresAt };
    });
    if (outcome.kind === 'error') throw outcome.error;
    return tokenResponse(outcome.userId, sessionId, outcome.deviceId, outcome.token, outcome.expiresAt);
  }

  async function logout(sessionId: string): Promise<void> {
    await db.query('UPDATE user_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [
      sessionId,
      ctx.now().toISOString(),
    ]);
  }

  async function authenticate(header: string | string[] | undefined): Promise<RequestAuth> {
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match?.[1]) throw unauthenticated();
    const now = ctx.now();
    const claims = await verifyAccessToken(await getSigningKey(db), match[1], now);
    // The token is only as good as its session: revocation (sign-out, device revoked) is immediate.
    const [session] = await db.query<Omit<SessionRow, 'refresh_token_hash' | 'device_id'>>(
      `SELECT s.user_id, s.expires_at, s.revoked_at, d.revoked_at AS device_revoked_at
       FROM user_sessions s LEFT JOIN devices d ON d.id = s.device_id WHERE s.id = $1`,
      [claims.sessionId],
    );
    if (!session || session.user_id !== claims.userId || session.revoked_at) throw sessionRevoked();
    if (session.device_revoked_at) throw sessionRevoked('This device was revoked by your administrator');
    if (new Date(session.expires_at).getTime() <= now.getTime()) {
      throw new HttpError(401, 'TOKEN_EXPIRED', 'The session has expired; sign in again.');
    }
    return { userId: claims.userId, sessionId: claims.sessionId, deviceId: claims.deviceId };
  }

  return {
    login,
    refresh,
    logout,
    authenticate,
    me,
    memberships: (userId) => listMemberships(db, userId),
    rateLimiter,
  };
}

/** The user's memberships with their organizations, by organization name. */
export async function listMemberships(db: SqlSession, userId: string): Promise<MembershipSummary[]> {
  const rows = await db.query<{ id: string; role: Role; organization_id: string; organization_name: string }>(
    `SELECT m.id, m.role, o.id AS organization_id, o.name AS organization_name
     FROM memberships m JOIN organizations o ON o.id = m.organization_id
     WHERE m.user_id = $1 ORDER BY o.name, o.id`,
    [userId],
  );
  return rows.map((r) => ({ id: r.id, role: r.role, organization: { id: r.organization_id, name: r.organization_name } }));
}

/**
 * The user's role in the organization. An organization the user is not a member of is 404 NOT_FOUND,
 * exactly like one that does not exist, so its existence is not revealed. Call it with the server's
 * own connection (ctx.db), not inside withTenant, where row-level security hides other organizations.
 */
export async function requireMembership(db: SqlSession, userId: string, organizationId: string): Promise<Role> {
  const notFound = () => new HttpError(404, 'NOT_FOUND', 'Organization not found.');
  if (!UUID.test(organizationId)) throw notFound();
  const [row] = await db.query<{ role: Role }>(
    'SELECT role FROM memberships WHERE user_id = $1 AND organization_id = $2',
    [userId, organizationId],
  );
  if (!row) throw notFound();
  return row.role;
}
