import { z } from 'zod';
import {
  ACTIVITY_ACTIONS,
  ACTIVITY_SUBJECT_TYPES,
  ASSET_TYPES,
  DOCUMENT_SOURCES,
  DOCUMENT_TYPES,
  FINISH_LEVELS,
  MEMBERSHIP_ROLES,
  MUTATION_OPERATIONS,
  ROOM_TYPES,
  VALUATION_STATUSES,
  WIZARD_SESSION_STATUSES,
} from '../domain/enums.ts';

export const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not a valid id');
export const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'not a sha256 hex digest');
export const timestamp = z.string();
const jsonObject = z.record(z.string(), z.unknown());
/** Integer agorot (1 NIS = 100 agorot); never a float. */
export const agorot = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** What the UI shows next to every row: where its latest change stands. */
export const ROW_SYNC_STATES = ['saved_locally', 'uploading', 'synced', 'conflict', 'rejected'] as const;
export const rowSyncState = z.enum(ROW_SYNC_STATES);
export type RowSyncState = z.infer<typeof rowSyncState>;

export const user = z.object({ id, email: z.string(), name: z.string(), image: z.string().nullable() });
export const membership = z.object({
  organizationId: id,
  organizationName: z.string(),
  role: z.enum(MEMBERSHIP_ROLES),
});
export const sessionInfo = z.object({
  user: user.nullable(),
  organizationId: id.nullable(),
  role: z.enum(MEMBERSHIP_ROLES).nullable(),
  memberships: z.array(membership),
  offline: z.boolean(),
  deviceId: id,
});
export type SessionInfo = z.infer<typeof sessionInfo>;

/** Fields of a valuation the UI may edit directly (status goes through valuations.changeStatus). */
export const valuationEditable = z.object({
  title: z.string().trim().min(1, 'a title is required').max(300),
  addressFull: z.string().max(500).nullable(),
  block: z.string().regex(/^\d{1,6}$/, 'block (gush) is digits').nullable(),
  parcel: z.string().regex(/^\d{1,5}$/, 'parcel (helka) is digits').nullable(),
  subparcel: z.string().regex(/^\d{1,4}$/, 'sub-parcel is digits').nullable(),
  meta: jsonObject,
  step1Data: jsonObject.nullable(),
  step2Data: jsonObject.nullable(),
  step3Data: jsonObject.nullable(),
  step4Data: jsonObject.nullable(),
  step5Data: jsonObject.nullable(),
  gisScreenshots: z.unknown(),
  gisAnalysis: z.unknown(),
  garmushkaMeasurements: z.unknown(),
  garmushkaImages: z.unknown(),
  finalValuationAgorot: agorot.nullable(),
  pricePerSqmAgorot: agorot.nullable(),
  comparableData: z.unknown(),
  propertyAnalysis: z.unknown(),
});
export type ValuationEditable = z.infer<typeof valuationEditable>;

export const valuation = valuationEditable.extend({
  id,
  organizationId: id,
  createdById: id,
  status: z.enum(VALUATION_STATUSES),
  revisionOfId: id.nullable(),
  signedById: id.nullable(),
  signedAt: timestamp.nullable(),
  reportSha256: sha256.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  serverVersion: z.number().int(),
  syncState: rowSyncState,
});
export type Valuation = z.infer<typeof valuation>;

export const valuationSummary = z.object({
  id,
  title: z.string(),
  status: z.enum(VALUATION_STATUSES),
  addressFull: z.string().nullable(),
  block: z.string().nullable(),
  parcel: z.string().nullable(),
  subparcel: z.string().nullable(),
  clientName: z.string().nullable(),
  createdById: id,
  creatorName: z.string().nullable(),
  finalValuationAgorot: agorot.nullable(),
  updatedAt: timestamp,
  syncState: rowSyncState,
});
export type ValuationSummary = z.infer<typeof valuationSummary>;

export const wizardSession = z.object({
  id,
  sessionId: z.string(),
  valuationId: id.nullable(),
  status: z.enum(WIZARD_SESSION_STATUSES),
  currentStep: z.number().int().min(1).max(5),
  stepData: jsonObject,
  wizardData: jsonObject,
  updatedAt: timestamp,
});
export type WizardSession = z.infer<typeof wizardSession>;

export const documentEntity = z.object({
  id,
  valuationId: id,
  docType: z.enum(DOCUMENT_TYPES),
  fileName: z.string(),
  sha256,
  sizeBytes: z.number().int().nonnegative(),
  mimeType: z.string(),
  source: z.enum(DOCUMENT_SOURCES),
  extracted: jsonObject.nullable(),
  uploadedById: id,
  createdAt: timestamp,
  updatedAt: timestamp,
  syncState: rowSyncState,
});
export type DocumentEntity = z.infer<typeof documentEntity>;

export const documentVersion = z.object({
  id,
  documentId: id,
  versionNumber: z.number().int().positive(),
  fileName: z.string(),
  sha256,
  sizeBytes: z.number().int().nonnegative(),
  changesSummary: z.string().nullable(),
  createdById: id,
  createdAt: timestamp,
});

export const imageEntity = z.object({
  id,
  valuationId: id,
  fileName: z.string(),
  sha256,
  sizeBytes: z.number().int().nonnegative(),
  mimeType: z.string(),
  roomType: z.enum(ROOM_TYPES),
  finishLevel: z.enum(FINISH_LEVELS).nullable(),
  features: jsonObject,
  isCover: z.boolean(),
  sortOrder: z.number().int(),
  thumbnailSha256: sha256.nullable(),
  createdAt: timestamp,
  syncState: rowSyncState,
});
export type ImageEntity = z.infer<typeof imageEntity>;

export const assetEntity = z.object({
  id,
  valuationId: id,
  assetType: z.enum(ASSET_TYPES),
  fileName: z.string(),
  sha256,
  sizeBytes: z.number().int().nonnegative(),
  slug: z.string(),
  version: z.number().int().positive(),
  generatedById: id,
  createdAt: timestamp,
  syncState: rowSyncState,
});
export type AssetEntity = z.infer<typeof assetEntity>;

/** An expiring link to a signed report, created and served by the sync server. */
export const shareEntity = z.object({
  id,
  assetId: id.nullable(),
  sharedById: id,
  url: z.string().nullable(),
  expiresAt: timestamp,
  hasPassword: z.boolean(),
  accessCount: z.number().int().nonnegative(),
  revokedAt: timestamp.nullable(),
  createdAt: timestamp,
});
export type ShareEntity = z.infer<typeof shareEntity>;

export const activityEntry = z.object({
  id,
  subjectType: z.enum(ACTIVITY_SUBJECT_TYPES),
  subjectId: id,
  valuationId: id.nullable(),
  action: z.enum(ACTIVITY_ACTIONS),
  actorId: id,
  actorName: z.string().nullable(),
  payload: jsonObject,
  createdAt: timestamp,
});
export type ActivityEntry = z.infer<typeof activityEntry>;

/** What a conflict or a refused change is about, in the user's words: the valuation's title, the file's name. */
export const changeSubject = z.object({
  kind: z.enum(['valuation', 'document', 'image', 'other']),
  /** The valuation's title, or the file's name. */
  title: z.string().nullable(),
  valuationId: id.nullable(),
  valuationTitle: z.string().nullable(),
});
export type ChangeSubject = z.infer<typeof changeSubject>;

export const conflictEntity = z.object({
  id,
  tableName: z.string(),
  rowId: id,
  field: z.string(),
  localValue: z.unknown(),
  serverValue: z.unknown(),
  winner: z.enum(['LOCAL', 'SERVER']),
  serverActorId: id.nullable(),
  serverActorName: z.string().nullable(),
  serverChangedAt: timestamp.nullable(),
  subject: changeSubject,
  createdAt: timestamp,
});

export const rejectionEntity = z.object({
  id,
  mutationId: id,
  tableName: z.string(),
  rowId: id,
  operation: z.enum(MUTATION_OPERATIONS),
  changes: jsonObject,
  reasonCode: z.string(),
  reason: z.string(),
  subject: changeSubject,
  createdAt: timestamp,
});

export const SYNC_PHASES = ['offline', 'idle', 'pushing', 'pulling', 'up_to_date', 'paused', 'error'] as const;
export const syncStatus = z.object({
  phase: z.enum(SYNC_PHASES),
  paused: z.boolean(),
  pending: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  lastSyncAt: timestamp.nullable(),
  lastError: z.string().nullable(),
  progress: z
    .object({
      rowsDone: z.number().int(),
      rowsTotal: z.number().int().nullable(),
      bytesDone: z.number().int(),
      bytesTotal: z.number().int().nullable(),
    })
    .nullable(),
});
export type SyncStatus = z.infer<typeof syncStatus>;

/** A small image (logo, signature) kept inside the settings: PNG or JPEG as a data: URL, at most ~1 MB. */
export const imageDataUrl = z
  .string()
  .max(1_400_000)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/, 'not a PNG or JPEG data URL');

/** The report's branding: the organization's logo and footer, and this appraiser's signature image. */
export const reportBranding = z.object({
  footerText: z.string().max(500),
  logoDataUrl: imageDataUrl.nullable(),
  signatureDataUrl: imageDataUrl.nullable(),
});
export type ReportBranding = z.infer<typeof reportBranding>;

export const settings = z.object({
  serverUrl: z.string().url().nullable(),
  report: reportBranding,
  language: z.enum(['he', 'en']),
  documentMaxBytes: z.number().int().positive(),
  imageMaxBytes: z.number().int().positive(),
  /** Settings that an IT policy fixed; the UI shows them read-only with the reason. */
  locked: z.array(z.string()),
});
export type Settings = z.infer<typeof settings>;
