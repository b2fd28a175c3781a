import type Database from 'better-sqlite3';
import type { EventName, EventPayload } from '../../src-shared/contract/events.ts';
import { AppError } from '../../src-shared/contract/errors.ts';
import type { MembershipRole } from '../../src-shared/domain/enums.ts';
import type { Decision } from '../../src-shared/domain/lifecycle.ts';
import type { BlobStore } from './blobs/blob-store.ts';
import type { ServerClient } from './sync/server-client.ts';
import type { Writer } from './store/writer.ts';

/** Signs a user in against the sync server (implemented by the sync client; absent when unconfigured). */
export interface AuthClient {
  signIn(email: string, password: string): Promise<SignedInUser>;
}

export interface SignedInUser {
  user: { id: string; email: string; name: string; image: string | null };
  memberships: { id: string; role: MembershipRole; organization: { id: string; name: string } }[];
}

export interface Actor {
  userId: string;
  organizationId: string;
  role: MembershipRole;
}

export interface CoreContext {
  db: Database.Database;
  writer: Writer;
  blobs: BlobStore;
  deviceId: string;
  dataDir: string;
  auth: AuthClient | undefined;
  now: () => string;
  newId: () => string;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  state: LocalState;
  /** The sync server's client while one is configured (share links and other online-only calls). */
  server: ServerClient | null;
  /** Prints the report's HTML to PDF with Chromium (Electron's printToPDF in the app, playwright elsewhere). */
  printPdf: PdfPrinter | null;
}

export type PdfPrinter = (html: string) => Promise<Uint8Array>;

/** Small persistent facts (sync_state rows) with typed accessors. */
export interface LocalState {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

export function createLocalState(db: Database.Database): LocalState {
  const read = db.prepare('SELECT value FROM sync_state WHERE key = ?');
  const write = db.prepare(
    `INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  return {
    get<T>(key: string) {
      const row = read.get(key) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    set(key, value) {
      write.run(key, JSON.stringify(value));
    },
  };
}

export interface SessionState {
  userId: string;
  organizationId: string;
  offline: boolean;
}

/** The signed-in user in the current organization, with the role the local copy of memberships gives. */
export function requireActor(ctx: CoreContext): Actor {
  const session = ctx.state.get<SessionState>('session');
  if (!session) throw new AppError('UNAUTHENTICATED', 'Sign in, or continue offline as the last signed-in user.', { reason: 'SIGN_IN_REQUIRED' });
  const membership = ctx.db
    .prepare('SELECT role FROM memberships WHERE user_id = ? AND organization_id = ?')
    .get(session.userId, session.organizationId) as { role: MembershipRole } | undefined;
  if (!membership) throw new AppError('FORBIDDEN', 'You are no longer a member of this organization.', { reason: 'NOT_A_MEMBER' });
  return { userId: session.userId, organizationId: session.organizationId, role: membership.role };
}

/** Refuses a decision of the domain rules as a typed error. */
export function enforce(decision: Decision): void {
  if (!decision.allowed) throw new AppError(decision.code, decision.reason, { reason: decision.why });
}
