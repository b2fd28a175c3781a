import type { SessionInfo } from '../../../src-shared/contract/entities.ts';
import { AppError } from '../../../src-shared/contract/errors.ts';
import type { MembershipRole } from '../../../src-shared/domain/enums.ts';
import type { CoreContext, SessionState } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { upsertServerRows } from '../store/server-rows.ts';

type Methods = 'session.current' | 'session.signIn' | 'session.continueOffline' | 'session.switchOrganization' | 'session.signOut';

function memberships(ctx: CoreContext, userId: string) {
  return ctx.db
    .prepare(
      `SELECT m.organization_id AS organizationId, o.name AS organizationName, m.role
       FROM memberships m JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = ? ORDER BY o.name`,
    )
    .all(userId) as { organizationId: string; organizationName: string; role: MembershipRole }[];
}

export function currentSession(ctx: CoreContext): SessionInfo {
  const session = ctx.state.get<SessionState>('session');
  const user = session
    ? (ctx.db.prepare('SELECT id, email, name, image FROM users WHERE id = ?').get(session.userId) as SessionInfo['user'] | undefined)
    : undefined;
  if (!session || !user) {
    return { user: null, organizationId: null, role: null, memberships: [], offline: true, deviceId: ctx.deviceId };
  }
  const list = memberships(ctx, user.id);
  return {
    user,
    organizationId: session.organizationId,
    role: list.find((m) => m.organizationId === session.organizationId)?.role ?? null,
    memberships: list,
    offline: session.offline,
    deviceId: ctx.deviceId,
  };
}

function begin(ctx: CoreContext, userId: string, offline: boolean, preferredOrganization?: string): SessionInfo {
  const list = memberships(ctx, userId);
  const organizationId = list.find((m) => m.organizationId === preferredOrganization)?.organizationId ?? list[0]?.organizationId;
  if (!organizationId) throw new AppError('FORBIDDEN', 'This user is not a member of any organization.', { reason: 'NO_ORGANIZATION' });
  ctx.state.set('session', { userId, organizationId, offline } satisfies SessionState);
  ctx.state.set('lastSession', { userId, organizationId });
  return currentSession(ctx);
}

export const sessionHandlers: HandlerMap<Methods> = {
  'session.current': (_input, ctx) => currentSession(ctx),

  'session.signIn': async ({ email, password }, ctx) => {
    if (!ctx.auth) throw new AppError('UNAVAILABLE', 'No sync server is configured; continue offline or set the server in settings.', { reason: 'NO_SERVER_CONFIGURED' });
    const signedIn = await ctx.auth.signIn(email, password);
    const now = ctx.now();
    ctx.db.transaction(() => {
      upsertServerRows(ctx.db, 'users', [{ ...signedIn.user, created_at: now, updated_at: now }]);
      upsertServerRows(
        ctx.db,
        'organizations',
        signedIn.memberships.map((m) => ({ id: m.organization.id, name: m.organization.name, created_at: now, updated_at: now })),
      );
      upsertServerRows(
        ctx.db,
        'memberships',
        signedIn.memberships.map((m) => ({
          id: m.id,
          user_id: signedIn.user.id,
          organization_id: m.organization.id,
          role: m.role,
          created_at: now,
          updated_at: now,
        })),
      );
    })();
    const last = ctx.state.get<{ organizationId: string }>('lastSession');
    return begin(ctx, signedIn.user.id, false, last?.organizationId);
  },

  'session.continueOffline': (_input, ctx) => {
    const last = ctx.state.get<{ userId: string; organizationId: string }>('lastSession');
    if (!last) throw new AppError('UNAUTHENTICATED', 'Nobody has signed in on this computer yet; sign in once while online.', { reason: 'NO_OFFLINE_USER' });
    return begin(ctx, last.userId, true, last.organizationId);
  },

  'session.switchOrganization': ({ organizationId }, ctx) => {
    const session = ctx.state.get<SessionState>('session');
    if (!session) throw new AppError('UNAUTHENTICATED', 'Sign in first.', { reason: 'SIGN_IN_REQUIRED' });
    if (!memberships(ctx, session.userId).some((m) => m.organizationId === organizationId)) {
      throw new AppError('FORBIDDEN', 'You are not a member of that organization.', { reason: 'NOT_A_MEMBER' });
    }
    ctx.state.set('session', { ...session, organizationId } satisfies SessionState);
    ctx.state.set('lastSession', { userId: session.userId, organizationId });
    ctx.emit('data.changed', { tables: ['valuations'] });
    return currentSession(ctx);
  },

  'session.signOut': (_input, ctx) => {
    ctx.db.prepare("DELETE FROM sync_state WHERE key = 'session'").run();
    return currentSession(ctx);
  },
};
