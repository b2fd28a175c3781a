// The closed vocabularies of the data model. Both database dialects build their CHECK constraints
// from these arrays, so a value added here reaches SQLite and PostgreSQL through one migration each.

export const MEMBERSHIP_ROLES = ['OWNER', 'ORG_ADMIN', 'APPRAISER', 'CLIENT_VIEWER'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const VALUATION_STATUSES = ['DRAFT', 'IN_PROGRESS', 'READY', 'SIGNED', 'ARCHIVED'] as const;
export type ValuationStatus = (typeof VALUATION_STATUSES)[number];

/** Statuses listed by the active_valuations view. */
export const ACTIVE_VALUATION_STATUSES = ['DRAFT', 'IN_PROGRESS', 'READY'] as const;

export const WIZARD_SESSION_STATUSES = ['ACTIVE', 'COMPLETED', 'ABANDONED', 'EXPIRED'] as const;
export type WizardSessionStatus = (typeof WIZARD_SESSION_STATUSES)[number];

export const DOCUMENT_TYPES = [
  'TABU',
  'CONDO',
  'PERMIT',
  'PLANNING_INFO',
  'GARMUSHKA',
  'GIS_SCREENSHOT',
  'PROPERTY_IMAGE',
  'OTHER',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_SOURCES = ['USER_UPLOAD', 'APP_GENERATED', 'AI_EXTRACTED'] as const;
export type DocumentSource = (typeof DOCUMENT_SOURCES)[number];

export const ROOM_TYPES = ['LIVING', 'KITCHEN', 'BATH', 'BEDROOM', 'EXTERIOR', 'OTHER'] as const;
export type RoomType = (typeof ROOM_TYPES)[number];

export const FINISH_LEVELS = ['BASIC', 'STANDARD', 'PREMIUM'] as const;
export type FinishLevel = (typeof FINISH_LEVELS)[number];

export const VARIANT_TYPES = ['thumbnail', 'webp', 'preview'] as const;
export type VariantType = (typeof VARIANT_TYPES)[number];

export const VARIANT_STATUSES = ['PENDING', 'READY', 'FAILED'] as const;
export type VariantStatus = (typeof VARIANT_STATUSES)[number];

export const ASSET_TYPES = ['PDF', 'DOCX', 'CSV', 'JSON', 'IMAGE'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

export const ACTIVITY_SUBJECT_TYPES = ['valuation', 'document', 'image', 'asset', 'session', 'share'] as const;
export type ActivitySubjectType = (typeof ACTIVITY_SUBJECT_TYPES)[number];

export const ACTIVITY_ACTIONS = [
  'created',
  'updated',
  'deleted',
  'uploaded',
  'generated',
  'completed',
  'status_changed',
  'signed',
  'archived',
  'duplicated',
  'shared',
  'revoked',
  'conflict_resolved',
] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

export const DOCUMENT_ACCESS_ACTIONS = ['view', 'download', 'upload', 'share', 'delete', 'edit'] as const;
export type DocumentAccessAction = (typeof DOCUMENT_ACCESS_ACTIONS)[number];

// ---- sync bookkeeping -------------------------------------------------------------------------

export const MUTATION_OPERATIONS = ['insert', 'update', 'delete'] as const;
export type MutationOperation = (typeof MUTATION_OPERATIONS)[number];

export const MUTATION_STATES = ['PENDING', 'IN_FLIGHT'] as const;
export type MutationState = (typeof MUTATION_STATES)[number];

export const CONFLICT_WINNERS = ['LOCAL', 'SERVER'] as const;
export const CONFLICT_STATUSES = ['OPEN', 'RESOLVED'] as const;
export const REJECTION_STATUSES = ['OPEN', 'RETRIED', 'DISCARDED'] as const;
