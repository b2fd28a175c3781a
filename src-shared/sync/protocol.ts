// Wire types of the sync protocol (docs/sync-protocol.md), shared by the client's sync engine and the
// server. Rows travel with database column names (snake_case), JSON columns as JSON values and
// timestamps as ISO-8601 UTC strings.
import { z } from 'zod';
import {
  ACTIVITY_ACTIONS,
  ACTIVITY_SUBJECT_TYPES,
  MEMBERSHIP_ROLES,
  MUTATION_OPERATIONS,
} from '../domain/enums.ts';

export const PROTOCOL_VERSION = 1;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not a valid id');
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'not a sha256 hex digest');
const columnName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'not a column name');
const row = z.record(columnName, z.unknown());
/**
 * Rows the server sends back: only checked to be objects (a page holds thousands; the client writes
 * only the columns its own schema knows, by name from that schema).
 */
const serverRow = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'not a row');

// ---- auth ----------------------------------------------------------------------------------------

export const deviceInfo = z
  .object({
    id: uuid,
    name: z.string().min(1).max(200),
    platform: z.string().min(1).max(50),
    appVersion: z.string().max(50).optional(),
  })
  .strict();

export const loginRequest = z
  .object({ email: z.string().email().max(320), password: z.string().min(1).max(1024), device: deviceInfo })
  .strict();
export type LoginRequest = z.infer<typeof loginRequest>;

export const refreshRequest = z
  .object({
    refreshToken: z.string().min(20).max(200),
    /** The device asking: only the session's own device gets the grace after a lost answer. */
    deviceId: uuid.optional(),
  })
  .strict();

export const tokenResponse = z.object({
  accessToken: z.string(),
  accessExpiresAt: z.string(),
  refreshToken: z.string(),
  refreshExpiresAt: z.string(),
  user: z.object({ id: uuid, email: z.string(), name: z.string(), image: z.string().nullable() }),
  memberships: z.array(
    z.object({ id: uuid, role: z.enum(MEMBERSHIP_ROLES), organization: z.object({ id: uuid, name: z.string() }) }),
  ),
});
export type TokenResponse = z.infer<typeof tokenResponse>;

// ---- push ----------------------------------------------------------------------------------------

export const activityRecord = z
  .object({
    id: uuid,
    subjectType: z.enum(ACTIVITY_SUBJECT_TYPES),
    subjectId: uuid,
    valuationId: uuid.nullable(),
    action: z.enum(ACTIVITY_ACTIONS),
    payload: z.record(z.string(), z.unknown()),
    createdAt: z.string().max(40),
  })
  .strict();

export const mutation = z
  .object({
    mutationId: uuid,
    /** Per-device sequence number; the server applies a device's mutations in this order. */
    seq: z.number().int().positive(),
    /** The client's local schema version when the change was made. */
    schemaVersion: z.number().int().positive(),
    organizationId: uuid,
    table: z.string().max(64),
    rowId: uuid,
    op: z.enum(MUTATION_OPERATIONS),
    changes: row,
    base: row,
    baseVersion: z.number().int().nonnegative(),
    blobSha256: sha256Hex.nullable(),
    activity: activityRecord.nullable(),
  })
  .strict();
export type Mutation = z.infer<typeof mutation>;

export const MAX_PUSH_MUTATIONS = 500;
/** The server's limit on a JSON body (413 past it); the client keeps each push under it. */
export const MAX_PUSH_BODY_BYTES = 8 * 1024 * 1024;
export const pushRequest = z
  .object({ deviceId: uuid, mutations: z.array(mutation).min(1).max(MAX_PUSH_MUTATIONS) })
  .strict();
export type PushRequest = z.infer<typeof pushRequest>;

export const MUTATION_OUTCOMES = ['applied', 'merged', 'conflict', 'rejected'] as const;
export type MutationOutcome = (typeof MUTATION_OUTCOMES)[number];

export const fieldConflict = z.object({
  field: z.string(),
  /** The value the server kept (another device's edit, which arrived first). */
  serverValue: z.unknown(),
  /** The value this mutation carried; kept in the conflict record, not applied. */
  localValue: z.unknown(),
  winner: z.enum(['SERVER', 'LOCAL']),
  serverChangedAt: z.string().nullable(),
  serverActorId: uuid.nullable(),
});
export type FieldConflict = z.infer<typeof fieldConflict>;

/** Reasons a mutation is rejected; the client keeps it visible with the reason. */
export const REJECTION_CODES = [
  'FORBIDDEN', // role or organization does not allow it
  'LIFECYCLE', // e.g. the valuation is SIGNED
  'NOT_FOUND', // the row does not exist (or is not visible)
  'DELETED', // the row was deleted on another device
  'INVALID', // unknown table/column, bad value, constraint
  'BLOB_MISSING', // upload the file first (retryable)
  'SCHEMA', // written by a client schema the server cannot convert
  'CHANGED', // a delete of a row someone else changed since this device saw it (the row is kept)
  'TOO_LONG', // a text longer than its column takes (src-shared/sync/values.ts)
  // Set by the device itself, never sent by the server:
  'TOO_LARGE', // the push was larger than the server accepts (413), even as a batch of one
  'FAILED_REPEATEDLY', // the server failed on this change again and again; set aside so the rest can sync
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export const mutationResult = z.object({
  mutationId: uuid,
  outcome: z.enum(MUTATION_OUTCOMES),
  serverVersion: z.number().int().nullable(),
  /** A code this app does not know (a newer server's) reads as INVALID rather than failing the whole answer. */
  reasonCode: z.enum(REJECTION_CODES).optional().catch('INVALID'),
  reason: z.string().optional(),
  conflicts: z.array(fieldConflict),
  /** The row as the server has it after this mutation (null: it does not exist there), so the client settles at once. */
  row: serverRow.nullable().optional(),
  /** For a refused delete: the rows the device's own delete removed with it (children), to restore. */
  related: z.array(z.object({ table: z.string(), row: serverRow })).optional(),
});
export type MutationResult = z.infer<typeof mutationResult>;

export const pushResponse = z.object({ results: z.array(mutationResult) });
export type PushResponse = z.infer<typeof pushResponse>;

// ---- pull ----------------------------------------------------------------------------------------

export const MAX_PULL_LIMIT = 5_000;
export const pullQuery = z.object({
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(1_000),
});

export const pulledRow = z.object({ table: z.string(), row: serverRow });
export const tombstone = z.object({ table: z.string(), rowId: uuid });
export const pullResponse = z.object({
  changes: z.array(pulledRow),
  tombstones: z.array(tombstone),
  /** Pass back as `cursor` to continue; every version up to it has been delivered. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  /** The organization's newest version now, for progress (rows done / total). */
  headVersion: z.number().int().nonnegative(),
});
export type PullResponse = z.infer<typeof pullResponse>;

// ---- files ---------------------------------------------------------------------------------------

/** Which of these files does the organization hold (so a device downloads only what exists)? */
export const MAX_HELD_QUERY = 1_000;
export const heldBlobsRequest = z.object({ sha256s: z.array(sha256Hex).max(MAX_HELD_QUERY) }).strict();
export const heldBlobsResponse = z.object({ held: z.array(sha256Hex) });

// ---- live ----------------------------------------------------------------------------------------

/** Sent on the SSE stream (event "changed") whenever the organization's version moves. */
export const liveEvent = z.object({ organizationId: uuid, version: z.number().int() });

// ---- errors --------------------------------------------------------------------------------------

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

/** Tables a client may write through push (others are server-managed). */
export const CLIENT_WRITABLE_TABLES = [
  'valuations',
  'valuation_sessions',
  'documents',
  'document_versions',
  'images',
  'asset_variants',
  'assets',
  'comparables', // the organization's comparables library
] as const;
export type ClientWritableTable = (typeof CLIENT_WRITABLE_TABLES)[number];

/** Tables a pull delivers, in an order that satisfies foreign keys when applied. */
export const PULLED_TABLES = [
  'organizations',
  'users',
  'memberships',
  'valuations',
  'valuation_sessions',
  'documents',
  'document_versions',
  'images',
  'asset_variants',
  'assets',
  'activity_logs',
  'document_shares',
  'document_access_logs',
  'comparables', // the organization's comparables library
] as const;
export type PulledTable = (typeof PULLED_TABLES)[number];
