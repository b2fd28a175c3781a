// The central data model (PostgreSQL, also PGlite). Its twin is schema.sqlite.ts; the parity test in
// tests/unit/db/schema-parity.test.ts fails when the shared tables drift apart. Server-only tables
// (credentials, sessions, devices, sync bookkeeping, the event outbox) live at the end of this file.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  pgView,
  primaryKey,
  text,
  timestamp as pgTimestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  ACTIVITY_ACTIONS,
  ACTIVITY_SUBJECT_TYPES,
  ASSET_TYPES,
  CONFLICT_STATUSES,
  CONFLICT_WINNERS,
  DOCUMENT_ACCESS_ACTIONS,
  DOCUMENT_SOURCES,
  DOCUMENT_TYPES,
  FINISH_LEVELS,
  MEMBERSHIP_ROLES,
  ROOM_TYPES,
  VALUATION_STATUSES,
  VARIANT_STATUSES,
  VARIANT_TYPES,
  WIZARD_SESSION_STATUSES,
} from '../domain/enums.ts';
import { COMPARABLE_SOURCES } from '../domain/comparables/sources.ts';
import { inList } from './conventions.ts';

const id = () => uuid('id').primaryKey();
const timestamp = (name: string) => pgTimestamp(name, { withTimezone: true, precision: 3, mode: 'string' });
const createdAt = () => timestamp('created_at').notNull().defaultNow();
const updatedAt = () => timestamp('updated_at').notNull().defaultNow();
const json = (name: string) => jsonb(name);
const bool = (name: string) => boolean(name);
/** Integers that may exceed 2^31 (agorot, byte sizes, versions); read as JS numbers (safe below 2^53). */
const bigNumber = (name: string) => bigint(name, { mode: 'number' });
/** The change-feed version of the row: assigned from the organization's counter when the row changes. */
const serverVersion = () => bigNumber('server_version').notNull().default(0);
const enumText = <T extends readonly [string, ...string[]]>(name: string, values: T) => text(name, { enum: values });
const enumCheck = (table: string, column: string, values: readonly string[]) =>
  check(`${table}_${column}_check`, sql.raw(inList(column, values)));
const nonNegative = (table: string, column: string) =>
  check(`${table}_${column}_non_negative`, sql.raw(`"${column}" IS NULL OR "${column}" >= 0`));

// ---- tenancy and people -----------------------------------------------------------------------

export const organizations = pgTable('organizations', {
  id: id(),
  name: text('name').notNull(),
  settings: json('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  serverVersion: serverVersion(),
});

export const users = pgTable('users', {
  id: id(),
  email: text('email').notNull().unique('users_email_unique'),
  name: text('name').notNull(),
  image: text('image'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  serverVersion: serverVersion(),
});

export const memberships = pgTable(
  'memberships',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    role: enumText('role', MEMBERSHIP_ROLES).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    serverVersion: serverVersion(),
  },
  (t) => [
    uniqueIndex('memberships_user_org_unique').on(t.userId, t.organizationId),
    index('memberships_organization_id_idx').on(t.organizationId),
    enumCheck('memberships', 'role', MEMBERSHIP_ROLES),
  ],
);

// ---- valuations ---------------------------------------------------------------------------------

export const valuations = pgTable(
  'valuations',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    status: enumText('status', VALUATION_STATUSES).notNull().default('DRAFT'),
    addressFull: text('address_full'),
    block: text('block'),
    parcel: text('parcel'),
    subparcel: text('subparcel'),
    meta: json('meta').$type<Record<string, unknown>>().notNull().default({}),
    step1Data: json('step1_data').$type<Record<string, unknown>>(),
    step2Data: json('step2_data').$type<Record<string, unknown>>(),
    step3Data: json('step3_data').$type<Record<string, unknown>>(),
    step4Data: json('step4_data').$type<Record<string, unknown>>(),
    step5Data: json('step5_data').$type<Record<string, unknown>>(),
    gisScreenshots: json('gis_screenshots').$type<unknown>(),
    gisAnalysis: json('gis_analysis').$type<unknown>(),
    garmushkaMeasurements: json('garmushka_measurements').$type<unknown>(),
    garmushkaImages: json('garmushka_images').$type<unknown>(),
    finalValuationAgorot: bigNumber('final_valuation_agorot'),
    pricePerSqmAgorot: bigNumber('price_per_sqm_agorot'),
    comparableData: json('comparable_data').$type<unknown>(),
    propertyAnalysis: json('property_analysis').$type<unknown>(),
    revisionOfId: uuid('revision_of_id').references((): AnyPgColumn => valuations.id, { onDelete: 'set null' }),
    signedById: uuid('signed_by_id').references(() => users.id, { onDelete: 'restrict' }),
    signedAt: timestamp('signed_at'),
    reportSha256: text('report_sha256'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    serverVersion: serverVersion(),
  },
  (t) => [
    index('valuations_organization_id_idx').on(t.organizationId),
    index('valuations_organization_status_idx').on(t.organizationId, t.status),
    index('valuations_status_idx').on(t.status),
    index('valuations_created_by_id_idx').on(t.createdById),
    index('valuations_revision_of_id_idx').on(t.revisionOfId),
    index('valuations_signed_by_id_idx').on(t.signedById),
    index('valuations_block_parcel_idx').on(t.block, t.parcel, t.subparcel),
    index('valuations_updated_at_idx').on(t.updatedAt),
    // The dashboard lists one organization's valuations sorted by these columns.
    index('valuations_organization_updated_idx').on(t.organizationId, t.updatedAt, t.id),
    index('valuations_organization_created_idx').on(t.organizationId, t.createdAt, t.id),
    // A title's first 200 characters: a b-tree index row holds at most 2,704 bytes (error 54000 past it).
    index('valuations_organization_title_idx').on(t.organizationId, sql`left(${t.title}, 200)`, t.id),
    index('valuations_organization_status_id_idx').on(t.organizationId, t.status, t.id),
    index('valuations_meta_gin').using('gin', t.meta),
    index('valuations_step1_data_gin').using('gin', t.step1Data),
    index('valuations_comparable_data_gin').using('gin', t.comparableData),
    enumCheck('valuations', 'status', VALUATION_STATUSES),
    nonNegative('valuations', 'final_valuation_agorot'),
    nonNegative('valuations', 'price_per_sqm_agorot'),
  ],
);

export const valuationSessions = pgTable(
  'valuation_sessions',
  {
    id: id(),
    sessionId: text('session_id').notNull().unique('valuation_sessions_session_id_unique'),
    valuationId: uuid('valuation_id').references(() => valuations.id, { onDelete: 'set null' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: enumText('status', WIZARD_SESSION_STATUSES).notNull().default('ACTIVE'),
    currentStep: integer('current_step').notNull().default(1),
    stepData: json('step_data').$type<Record<string, unknown>>().notNull().default({}),
    wizardData: json('wizard_data').$type<Record<string, unknown>>().notNull().default({}),
    expiresAt: timestamp('expires_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    serverVersion: serverVersion(),
  },
  (t) => [
    index('valuation_sessions_valuation_id_idx').on(t.valuationId),
    index('valuation_sessions_organization_id_idx').on(t.organizationId),
    index('valuation_sessions_user_id_idx').on(t.userId),
    enumCheck('valuation_sessions', 'status', WIZARD_SESSION_STATUSES),
    check('valuation_sessions_current_step_range', sql.raw('"current_step" BETWEEN 1 AND 5')),
  ],
);

// ---- files --------------------------------------------------------------------------------------

export const documents = pgTable(
  'documents',
  {
    id: id(),
    valuationId: uuid('valuation_id')
      .notNull()
      .references(() => valuations.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    docType: enumText('doc_type', DOCUMENT_TYPES).notNull(),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigNumber('size_bytes').notNull(),
    mimeType: text('mime_type').notNull(),
    source: enumText('source', DOCUMENT_SOURCES).notNull().default('USER_UPLOAD'),
    extracted: json('extracted').$type<Record<string, unknown>>(),
    uploadedById: uuid('uploaded_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    serverVersion: serverVersion(),
  },
  (t) => [
    index('documents_valuation_id_idx').on(t.valuationId),
    index('documents_organization_id_idx').on(t.organizationId),
    index('documents_uploaded_by_id_idx').on(t.uploadedById),
    index('documents_sha256_idx').on(t.sha256),
    index('documents_extracted_gin').using('gin', t.extracted),
    enumCheck('documents', 'doc_type', DOCUMENT_TYPES),
    enumCheck('documents', 'source', DOCUMENT_SOURCES),
    nonNegative('documents', 'size_bytes'),
  ],
);

export const documentVersions = pgTable(
  'document_versions',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    versionNumber: integer('version_number').notNull(),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigNumber('size_bytes').notNull(),
    changesSummary: text('changes_summary'),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    serverVersion: serverVersion(),
  },
  (t) => [
    // Not unique: devices number versions provisionally offline; the server renumbers them under its
    // organization lock, so numbers it hands out do not repeat.
    index('document_versions_document_version_idx').on(t.documentId, t.versionNumber),
    index('document_versions_organization_id_idx').on(t.organizationId),
    index('document_versions_created_by_id_idx').on(t.createdById),
    check('document_versions_version_number_positive', sql.raw('"version_number" >= 1')),
    nonNegative('document_versions', 'size_bytes'),
  ],
);

export const images = pgTable(
  'images',
  {
    id: id(),
    valuationId: uuid('valuation_id')
      .notNull()
      .references(() => valuations.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigNumber('size_bytes').notNull(),
    mimeType: text('mime_type').notNull(),
    roomType: enumText('room_type', ROOM_TYPES).notNull().default('OTHER'),
    features: json('features').$type<Record<string, unknown>>().notNull().default({}),
    finishLevel: enumText('finish_level', FINISH_LEVELS),
    isCover: bool('is_cover').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    uploadedById: uuid('uploaded_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    serverVersion: serverVersion(),
  },
  (t) => [
    index('images_valuation_id_idx').on(t.valuationId),
    index('images_organization_id_idx').on(t.organizationId),
    index('images_uploaded_by_id_idx').on(t.uploadedById),
    index('images_sha256_idx').on(t.sha256),
    enumCheck('images', 'room_type', ROOM_TYPES),
    enumCheck('images', 'finish_level', FINISH_LEVELS),
    nonNegative('images', 'size_bytes'),
  ],
);

/** Derived files (thumbnails, web copies) of exactly one image or one document; regenerable. */
export const assetVariants = pgTable(
  'asset_variants',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    imageId: uuid('image_id').references(() => images.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id').references(() => documents.id, { onDelete: 'cascade' }),
    variantType: enumText('variant_type', VARIANT_TYPES).notNull(),
    storageKey: text('storage_key'),
    sha256: text('sha256'),
    width: integer('width'),
    height: integer('height'),
    status: enumText('status', VARIANT_STATUSES).notNull().default('PENDING'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    serverVersion: serverVersion(),
  },
  (t) => [
    index('asset_variants_organization_id_idx').on(t.organizationId),
    index('asset_variants_image_id_idx').on(t.imageId),
    index('asset_variants_document_id_idx').on(t.documentId),
    enumCheck('asset_variants', 'variant_type', VARIANT_TYPES),
    enumCheck('asset_variants', 'status', VARIANT_STATUSES),
    check('asset_variants_one_parent', sql.raw('("image_id" IS NULL) <> ("document_id" IS NULL)')),
    nonNegative('asset_variants', 'width'),
    nonNegative('asset_variants', 'height'),
  ],
);

/** Generated report files (PDF, DOCX, exports). */
export const assets = pgTable(
  'assets',
  {
    id: id(),
    valuationId: uuid('valuation_id')
      .notNull()
      .references(() => valuations.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    assetType: enumText('asset_type', ASSET_TYPES).notNull(),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigNumber('size_bytes').notNull(),
    slug: text('slug').notNull(),
    generatedById: uuid('generated_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    serverVersion: serverVersion(),
  },
  (t) => [
    // Not unique, like document versions: devices number a file's versions provisionally offline and
    // the server renumbers them under its organization lock.
    index('assets_valuation_slug_version_idx').on(t.valuationId, t.slug, t.version),
    index('assets_organization_id_idx').on(t.organizationId),
    index('assets_generated_by_id_idx').on(t.generatedById),
    enumCheck('assets', 'asset_type', ASSET_TYPES),
    nonNegative('assets', 'size_bytes'),
    check('assets_version_positive', sql.raw('"version" >= 1')),
  ],
);

// ---- audit and sharing --------------------------------------------------------------------------

/**
 * Append-only. subject_id and valuation_id carry no foreign key on purpose: the log outlives the
 * rows it describes (a deleted draft keeps its history).
 */
export const activityLogs = pgTable(
  'activity_logs',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    subjectType: enumText('subject_type', ACTIVITY_SUBJECT_TYPES).notNull(),
    subjectId: uuid('subject_id').notNull(),
    valuationId: uuid('valuation_id'),
    action: enumText('action', ACTIVITY_ACTIONS).notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    payload: json('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    serverVersion: serverVersion(),
  },
  (t) => [
    index('activity_logs_organization_created_idx').on(t.organizationId, t.createdAt),
    index('activity_logs_valuation_created_idx').on(t.valuationId, t.createdAt),
    index('activity_logs_actor_created_idx').on(t.actorId, t.createdAt),
    index('activity_logs_subject_idx').on(t.subjectType, t.subjectId),
    enumCheck('activity_logs', 'subject_type', ACTIVITY_SUBJECT_TYPES),
    enumCheck('activity_logs', 'action', ACTIVITY_ACTIONS),
  ],
);

/** An expiring link to one signed report (asset) or one document, served by the sync server. */
export const documentShares = pgTable(
  'document_shares',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id').references(() => documents.id, { onDelete: 'cascade' }),
    assetId: uuid('asset_id').references(() => assets.id, { onDelete: 'cascade' }),
    sharedById: uuid('shared_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    shareToken: text('share_token').notNull().unique('document_shares_share_token_unique'),
    expiresAt: timestamp('expires_at').notNull(),
    hasPassword: bool('has_password').notNull().default(false),
    accessCount: integer('access_count').notNull().default(0),
    revokedAt: timestamp('revoked_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    serverVersion: serverVersion(),
  },
  (t) => [
    index('document_shares_organization_id_idx').on(t.organizationId),
    index('document_shares_document_id_idx').on(t.documentId),
    index('document_shares_asset_id_idx').on(t.assetId),
    index('document_shares_shared_by_id_idx').on(t.sharedById),
    check('document_shares_one_target', sql.raw('("document_id" IS NULL) <> ("asset_id" IS NULL)')),
    nonNegative('document_shares', 'access_count'),
  ],
);

export const documentAccessLogs = pgTable(
  'document_access_logs',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id').references(() => documents.id, { onDelete: 'set null' }),
    assetId: uuid('asset_id').references(() => assets.id, { onDelete: 'set null' }),
    shareId: uuid('share_id').references(() => documentShares.id, { onDelete: 'set null' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    action: enumText('action', DOCUMENT_ACCESS_ACTIONS).notNull(),
    success: bool('success').notNull(),
    createdAt: createdAt(),
    serverVersion: serverVersion(),
  },
  (t) => [
    index('document_access_logs_organization_id_idx').on(t.organizationId),
    index('document_access_logs_document_id_idx').on(t.documentId),
    index('document_access_logs_asset_id_idx').on(t.assetId),
    index('document_access_logs_share_id_idx').on(t.shareId),
    index('document_access_logs_user_id_idx').on(t.userId),
    enumCheck('document_access_logs', 'action', DOCUMENT_ACCESS_ACTIONS),
  ],
);

// ---- comparables (organization-wide library of past deals) -------------------------------------

/**
 * One past deal of the organization's comparables library (imported from a nadlan export or an
 * appraiser's spreadsheet, or typed in). Belongs to no valuation. Money in agorot, area in hundredths
 * of a square metre, rooms in tenths (3.5 rooms = 35); deal_date is an ISO date 'YYYY-MM-DD'.
 */
export const comparables = pgTable(
  'comparables',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    source: enumText('source', COMPARABLE_SOURCES).notNull(),
    sourceFileName: text('source_file_name'),
    dealDate: text('deal_date').notNull(),
    address: text('address'),
    street: text('street'),
    houseNumber: text('house_number'),
    city: text('city'),
    block: text('block'),
    parcel: text('parcel'),
    subparcel: text('subparcel'),
    roomsTenths: integer('rooms_tenths'),
    floor: text('floor'),
    areaHundredths: integer('area_hundredths'),
    parking: integer('parking'),
    buildYear: integer('build_year'),
    priceAgorot: bigNumber('price_agorot').notNull(),
    propertyType: text('property_type'),
    dealNature: text('deal_nature'),
    /** The share of the property the deal sold ('1/2', '25%'), null when the whole of it was sold. */
    partialShare: text('partial_share'),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    serverVersion: serverVersion(),
  },
  (t) => [
    index('comparables_organization_block_parcel_idx').on(t.organizationId, t.block, t.parcel),
    index('comparables_organization_city_street_idx').on(t.organizationId, t.city, t.street),
    index('comparables_organization_deal_date_idx').on(t.organizationId, t.dealDate),
    index('comparables_created_by_id_idx').on(t.createdById),
    enumCheck('comparables', 'source', COMPARABLE_SOURCES),
    check('comparables_deal_date_format', sql.raw(`"deal_date" LIKE '____-__-__'`)),
    nonNegative('comparables', 'rooms_tenths'),
    nonNegative('comparables', 'area_hundredths'),
    nonNegative('comparables', 'parking'),
    nonNegative('comparables', 'build_year'),
    nonNegative('comparables', 'price_agorot'),
  ],
);

export const activeValuations = pgView('active_valuations').as((qb) =>
  qb
    .select({
      id: valuations.id,
      organizationId: valuations.organizationId,
      title: valuations.title,
      status: valuations.status,
      addressFull: valuations.addressFull,
      block: valuations.block,
      parcel: valuations.parcel,
      subparcel: valuations.subparcel,
      createdById: valuations.createdById,
      creatorName: sql<string>`${users.name}`.as('creator_name'),
      organizationName: sql<string>`${organizations.name}`.as('organization_name'),
      createdAt: valuations.createdAt,
      updatedAt: valuations.updatedAt,
    })
    .from(valuations)
    .innerJoin(users, sql`${users.id} = ${valuations.createdById}`)
    .innerJoin(organizations, sql`${organizations.id} = ${valuations.organizationId}`)
    .where(sql`${valuations.status} IN ('DRAFT', 'IN_PROGRESS', 'READY')`),
);


// ---- server-only ------------------------------------------------------------------------------

/** Password hashes live apart from users so that no pull can ever carry one. */
export const userCredentials = pgTable('user_credentials', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A signed-in installation of the app. Revoking it ends its sessions. */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    platform: text('platform').notNull(),
    appVersion: text('app_version'),
    lastSeenAt: timestamp('last_seen_at'),
    revokedAt: timestamp('revoked_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('devices_user_id_idx').on(t.userId)],
);

export const userSessions = pgTable(
  'user_sessions',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'cascade' }),
    refreshTokenHash: text('refresh_token_hash').notNull().unique('user_sessions_refresh_token_hash_unique'),
    /** The token the last refresh replaced: within a short grace it gets the same new pair again (a lost answer). */
    previousRefreshTokenHash: text('previous_refresh_token_hash'),
    rotatedAt: timestamp('rotated_at'),
    deviceInfo: jsonb('device_info').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    expiresAt: timestamp('expires_at').notNull(),
    revokedAt: timestamp('revoked_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('user_sessions_user_id_idx').on(t.userId),
    index('user_sessions_device_id_idx').on(t.deviceId),
    index('user_sessions_expires_at_idx').on(t.expiresAt),
  ],
);

/**
 * Failed sign-ins (and wrong share-link passwords) per key — an e-mail, an address, a link's hash —
 * shared by every server instance, so N instances do not give N times the budget. Rows older than
 * the window are deleted as new ones come.
 */
export const authFailures = pgTable(
  'auth_failures',
  {
    key: text('key').notNull(),
    failedAt: timestamp('failed_at').notNull(),
  },
  (t) => [index('auth_failures_key_failed_at_idx').on(t.key, t.failedAt), index('auth_failures_failed_at_idx').on(t.failedAt)],
);

/** Password hashes of protected share links. */
export const sharePasswords = pgTable('share_passwords', {
  shareId: uuid('share_id')
    .primaryKey()
    .references(() => documentShares.id, { onDelete: 'cascade' }),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
});

/**
 * One row per organization; a push locks it and takes the next versions, so versions become visible
 * in commit order and a pull by `server_version > cursor` can never skip a row (guarantee 3).
 */
export const syncCounters = pgTable('sync_counters', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  lastVersion: bigNumber('last_version').notNull().default(0),
});

/** Every mutation id the server has applied, recorded in the transaction that applied it (guarantee 2). */
export const appliedMutations = pgTable(
  'applied_mutations',
  {
    mutationId: uuid('mutation_id').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id').notNull(),
    deviceSeq: bigNumber('device_seq').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    schemaVersion: integer('schema_version').notNull(),
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
    appliedAt: createdAt(),
  },
  (t) => [
    // Mutation ids are unique per organization: another organization's id is an unknown id here.
    primaryKey({ columns: [t.organizationId, t.mutationId], name: 'applied_mutations_pk' }),
    index('applied_mutations_user_id_idx').on(t.userId),
    // Not unique: a device restored from a backup sends its old sequence numbers again with new mutations.
    index('applied_mutations_device_seq_idx').on(t.deviceId, t.deviceSeq),
  ],
);

/**
 * The change feed: the newest version of every row an organization can see, deletions included.
 * A pull reads it in version order; one entry per (organization, table, row), replaced on each change.
 */
export const syncChanges = pgTable(
  'sync_changes',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    tableName: text('table_name').notNull(),
    rowId: uuid('row_id').notNull(),
    serverVersion: bigNumber('server_version').notNull(),
    deleted: boolean('deleted').notNull().default(false),
    changedById: uuid('changed_by_id').references(() => users.id, { onDelete: 'set null' }),
    changedAt: timestamp('changed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.tableName, t.rowId], name: 'sync_changes_pk' }),
    uniqueIndex('sync_changes_organization_version_unique').on(t.organizationId, t.serverVersion),
    index('sync_changes_changed_by_id_idx').on(t.changedById),
  ],
);

/** Files the server holds, per organization that proved it has them by uploading them. */
export const serverBlobs = pgTable(
  'server_blobs',
  {
    sha256: text('sha256').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    sizeBytes: bigNumber('size_bytes').notNull(),
    mimeType: text('mime_type').notNull(),
    uploadedById: uuid('uploaded_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.sha256, t.organizationId], name: 'server_blobs_pk' }),
    index('server_blobs_organization_id_idx').on(t.organizationId),
    index('server_blobs_uploaded_by_id_idx').on(t.uploadedById),
    check('server_blobs_sha256_hex', sql.raw(`"sha256" ~ '^[0-9a-f]{64}$'`)),
  ],
);

/** Secrets shared by every server instance (e.g. the access-token signing key), created at first start. */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});

/** Both sides of a same-field edit: the value that won and the one kept for a person to decide. */
export const mutationConflicts = pgTable(
  'mutation_conflicts',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    tableName: text('table_name').notNull(),
    rowId: uuid('row_id').notNull(),
    field: text('field').notNull(),
    winningValue: jsonb('winning_value').$type<unknown>(),
    losingValue: jsonb('losing_value').$type<unknown>(),
    winner: enumText('winner', CONFLICT_WINNERS).notNull(),
    mutationId: uuid('mutation_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    status: enumText('status', CONFLICT_STATUSES).notNull().default('OPEN'),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at'),
  },
  (t) => [
    index('mutation_conflicts_organization_id_idx').on(t.organizationId),
    index('mutation_conflicts_user_id_idx').on(t.userId),
    index('mutation_conflicts_row_idx').on(t.tableName, t.rowId),
    enumCheck('mutation_conflicts', 'winner', CONFLICT_WINNERS),
    enumCheck('mutation_conflicts', 'status', CONFLICT_STATUSES),
  ],
);

/** The transactional event outbox that other systems consume (DOMAIN.md "outbox"). */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    processed: boolean('processed').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('outbox_unprocessed_idx').on(t.processed, t.id),
    index('outbox_organization_id_idx').on(t.organizationId),
  ],
);
