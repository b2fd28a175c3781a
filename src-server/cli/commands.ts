// What the admin CLI does, as plain functions over a ServerDatabase (admin.ts only parses argv).
// Bad input throws CommandError with a sentence for the person at the keyboard.
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { MEMBERSHIP_ROLES, type MembershipRole } from '../../src-shared/domain/enums.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import type { ServerDatabase, SqlSession } from '../db/database.ts';
import { recordChange } from '../sync/change-feed.ts';

export class CommandError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emailSchema = z.email();

export interface OrganizationSummary {
  id: string;
  name: string;
  members: number;
  createdAt: string;
}
export interface UserSummary {
  id: string;
  email: string;
  name: string;
}
export interface MembershipSummary {
  id: string;
  userId: string;
  organizationId: string;
  organizationName: string;
  role: MembershipRole;
}
export interface DeviceSummary {
  id: string;
  name: string;
  platform: string;
  appVersion: string | null;
  lastSeenAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  activeSessions: number;
}

interface Clock {
  now?: () => Date;
}

function requireText(value: string | undefined, what: string, max = 200): string {
  const text = value?.trim() ?? '';
  if (!text) throw new CommandError(`${what} is required.`);
  if (text.length > max) throw new CommandError(`${what} must have at most ${max} characters.`);
  return text;
}

function normalizeEmail(value: string | undefined): string {
  const email = requireText(value, 'An email', 320).toLowerCase();
  if (!emailSchema.safeParse(email).success) throw new CommandError(`"${email}" is not a valid email address.`);
  return email;
}

function requirePassword(password: string | undefined): string {
  if (password === undefined || password === '') throw new CommandError('A password is required.');
  const problem = passwordProblem(password);
  if (problem) throw new CommandError(problem);
  return password;
}

export function parseRole(value: string | undefined): MembershipRole {
  const role = value?.trim().toUpperCase() ?? '';
  if (!(MEMBERSHIP_ROLES as readonly string[]).includes(role)) {
    throw new CommandError(`Unknown role "${value ?? ''}"; use one of ${MEMBERSHIP_ROLES.join(', ')}.`);
  }
  return role as MembershipRole;
}

async function findUser(db: SqlSession, email: string): Promise<UserSummary> {
  const [user] = await db.query<UserSummary>(
    'SELECT id, email, name FROM users WHERE lower(email) = $1 ORDER BY (email = $1) DESC LIMIT 1',
    [email],
  );
  if (!user) throw new CommandError(`No user with the email ${email}.`);
  return user;
}

/** An organization by id, or by exact name when that is unambiguous. */
async function findOrganization(db: SqlSession, ref: string | undefined): Promise<{ id: string; name: string }> {
  const key = requireText(ref, 'An organization (id or name)');
  const rows = UUID.test(key)
    ? await db.query<{ id: string; name: string }>('SELECT id, name FROM organizations WHERE id = $1', [key.toLowerCase()])
    : await db.query<{ id: string; name: string }>('SELECT id, name FROM organizations WHERE name = $1 ORDER BY id', [key]);
  const [first] = rows;
  if (!first) throw new CommandError(`No organization "${key}"; see list-orgs.`);
  if (rows.length > 1) {
    throw new CommandError(`${rows.length} organizations are named "${key}"; give the id instead (${rows.map((r) => r.id).join(', ')}).`);
  }
  return first;
}

/** A new organization with its sync counter, published in its own change feed. */
export async function createOrganization(db: ServerDatabase, input: { name: string | undefined }): Promise<OrganizationSummary> {
  const name = requireText(input.name, 'An organization name');
  const id = uuidv7();
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ created_at: string }>('INSERT INTO organizations (id, name) VALUES ($1, $2) RETURNING created_at', [
      id,
      name,
    ]);
    await tx.query('INSERT INTO sync_counters (organization_id, last_version) VALUES ($1, 0)', [id]);
    await recordChange(tx, { organizationId: id, table: 'organizations', rowId: id, actorId: null });
    return { id, name, members: 0, createdAt: row?.created_at ?? '' };
  });
}

/** A user who can sign in with the password. Not in any organization until add-member. */
export async function createUser(
  db: ServerDatabase,
  input: { email: string | undefined; name: string | undefined; password: string | undefined },
): Promise<UserSummary> {
  const email = normalizeEmail(input.email);
  const name = requireText(input.name, 'A name');
  const password = requirePassword(input.password);
  const passwordHash = await hashPassword(password);
  const id = uuidv7();
  return db.transaction(async (tx) => {
    const [existing] = await tx.query('SELECT 1 FROM users WHERE lower(email) = $1', [email]);
    if (existing) throw new CommandError(`A user with the email ${email} already exists.`);
    await tx.query('INSERT INTO users (id, email, name) VALUES ($1, $2, $3)', [id, email, name]);
    await tx.query('INSERT INTO user_credentials (user_id, password_hash) VALUES ($1, $2)', [id, passwordHash]);
    return { id, email, name };
  });
}

/**
 * Makes the user a member of the organization with the role (or changes the role of an existing
 * membership). The user and the membership are published in the organization's change feed.
 */
export async function addMember(
  db: ServerDatabase,
  input: { email: string | undefined; org: string | undefined; role: string | undefined },
): Promise<{ membership: MembershipSummary; outcome: 'created' | 'role-changed' | 'unchanged' }> {
  const email = normalizeEmail(input.email);
  const role = parseRole(input.role);
  return db.transaction(async (tx) => {
    const user = await findUser(tx, email);
    const organization = await findOrganization(tx, input.org);
    const [existing] = await tx.query<{ id: string; role: MembershipRole }>(
      'SELECT id, role FROM memberships WHERE user_id = $1 AND organization_id = $2 FOR UPDATE',
      [user.id, organization.id],
    );
    const membership: MembershipSummary = {
      id: existing?.id ?? uuidv7(),
      userId: user.id,
      organizationId: organization.id,
      organizationName: organization.name,
      role,
    };
    if (existing?.role === role) return { membership, outcome: 'unchanged' as const };
    if (existing) {
      await tx.query('UPDATE memberships SET role = $2 WHERE id = $1', [existing.id, role]);
    } else {
      await tx.query('INSERT INTO memberships (id, user_id, organization_id, role) VALUES ($1, $2, $3, $4)', [
        membership.id,
        user.id,
        organization.id,
        role,
      ]);
      await recordChange(tx, { organizationId: organization.id, table: 'users', rowId: user.id, actorId: null });
    }
    await recordChange(tx, { organizationId: organization.id, table: 'memberships', rowId: membership.id, actorId: null });
    return { membership, outcome: existing ? ('role-changed' as const) : ('created' as const) };
  });
}

/** Replaces the user's password. Existing sessions stay (revoke devices to end them). */
export async function setPassword(
  db: ServerDatabase,
  input: { email: string | undefined; password: string | undefined },
): Promise<UserSummary> {
  const email = normalizeEmail(input.email);
  const password = requirePassword(input.password);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const user = await findUser(tx, email);
    await tx.query(
      `INSERT INTO user_credentials (user_id, password_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash`,
      [user.id, passwordHash],
    );
    return user;
  });
}

export async function listDevices(db: ServerDatabase, input: { email: string | undefined }, clock: Clock = {}): Promise<DeviceSummary[]> {
  const user = await findUser(db, normalizeEmail(input.email));
  const now = (clock.now?.() ?? new Date()).toISOString();
  const rows = await db.query<{
    id: string;
    name: string;
    platform: string;
    app_version: string | null;
    last_seen_at: string | null;
    revoked_at: string | null;
    created_at: string;
    active_sessions: number;
  }>(
    `SELECT d.id, d.name, d.platform, d.app_version, d.last_seen_at, d.revoked_at, d.created_at,
       (SELECT count(*)::int FROM user_sessions s WHERE s.device_id = d.id AND s.revoked_at IS NULL AND s.expires_at > $2)
         AS active_sessions
     FROM devices d WHERE d.user_id = $1 ORDER BY d.last_seen_at DESC NULLS LAST, d.id`,
    [user.id, now],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    platform: r.platform,
    appVersion: r.app_version,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
    createdAt: r.created_at,
    activeSessions: r.active_sessions,
  }));
}

/** Revokes the device and every session on it: its tokens stop working on the next request. */
export async function revokeDevice(
  db: ServerDatabase,
  input: { deviceId: string | undefined },
  clock: Clock = {},
): Promise<{ deviceId: string; email: string; alreadyRevoked: boolean; sessionsRevoked: number }> {
  const deviceId = requireText(input.deviceId, 'A device id').toLowerCase();
  if (!UUID.test(deviceId)) throw new CommandError(`"${deviceId}" is not a device id; see list-devices --email ….`);
  const now = (clock.now?.() ?? new Date()).toISOString();
  return db.transaction(async (tx) => {
    const [device] = await tx.query<{ revoked_at: string | null; email: string }>(
      'SELECT d.revoked_at, u.email FROM devices d JOIN users u ON u.id = d.user_id WHERE d.id = $1 FOR UPDATE OF d',
      [deviceId],
    );
    if (!device) throw new CommandError(`No device ${deviceId}; see list-devices --email ….`);
    if (!device.revoked_at) await tx.query('UPDATE devices SET revoked_at = $2 WHERE id = $1', [deviceId, now]);
    const sessions = await tx.query('UPDATE user_sessions SET revoked_at = $2 WHERE device_id = $1 AND revoked_at IS NULL RETURNING id', [
      deviceId,
      now,
    ]);
    return { deviceId, email: device.email, alreadyRevoked: device.revoked_at !== null, sessionsRevoked: sessions.length };
  });
}

export async function listOrganizations(db: ServerDatabase): Promise<OrganizationSummary[]> {
  const rows = await db.query<{ id: string; name: string; members: number; created_at: string }>(
    `SELECT o.id, o.name, o.created_at, (SELECT count(*)::int FROM memberships m WHERE m.organization_id = o.id) AS members
     FROM organizations o ORDER BY o.name, o.id`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, members: r.members, createdAt: r.created_at }));
}
