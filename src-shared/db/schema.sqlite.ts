// The client's local copy of the data model (SQLite). Its twin is schema.pg.ts; the parity test in
// tests/unit/db/schema-parity.test.ts fails when the two drift apart.
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  sqliteTable,
  sqliteView,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
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
  MUTATION_OPERATIONS,
  MUTATION_STATES,
  REJECTION_STATUSES,
  ROOM_TYPES,
  VALUATION_STATUSES,
  VARIANT_STATUSES,
  VARIANT_TYPES,
  WIZARD_SESSION_STATUSES,
} from '../domain/enums.ts';
import { COMPARABLE_SOURCES } from '../domain/comparables/sources.ts';
import { inList, SQLITE_NOW } from './conventions.ts';

const id = () => text('id').primaryKey();
const timestamp = (name: string) => text(name);
const createdAt = () => timestamp('created_at').notNull().default(sql.raw(`(${SQLITE_NOW})`));
const updatedAt = () => timestamp('updated_at').notNull().default(sql.raw(`(${SQLITE_NOW})`));
const json = (name: string) => text(name, { mode: 'json' });
const bool = (name: string) => integer(name, { mode: 'boolean' });
/** The change-feed version of the row as last seen from the server; 0 = never synced. */
const serverVersion = () => integer('server_version').notNull().default(0);
const enumText = <T extends readonly [string, ...string[]]>(name: string, values: T) => text(name, { enum: values });
const enumCheck = (table: string, column: string, values: readonly string[]) =>
  check(`${table}_${column}_check`, sql.raw(inList(column, values)));
const nonNegative = (table: string, column: string) =>
  check(`${table}_${column}_non_negative`, sql.raw(`"${column}" IS NULL OR "${column}" >= 0`));

// ---- tenancy and people -----------------------------------------------------------------------

export const organizations = sqliteTable('organizations', {
  id: id(),
  name: text('name').notNull(),
  settings: json('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  serverVersion: serverVersion(),
});

export const users = sqliteTable('users', {
  id: id(),
  email: text('email').notNull().unique('users_email_unique'),
  name: text('name').notNull(),
  image: text('image'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  serverVersion: serverVersion(),
});

export const memberships = sqliteTable(
  'memberships',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id')
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

export const valuations = sqliteTable(
  'valuations',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdById: text('created_by_id')
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
    finalValuationAgorot: integer('final_valuation_agorot'),
    pricePerSqmAgorot: integer('price_per_sqm_agorot'),
    comparableData: json('comparable_data').$type<unknown>(),
    propertyAnalysis: json('property_analysis').$type<unknown>(),
    revisionOfId: text('revision_of_id').references((): AnySQLiteColumn => valuations.id, { onDelete: 'set null' }),
    signedById: text('signed_by_id').references(() => users.id, { onDelete: 'restrict' }),
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
    index('valuations_organization_title_idx').on(t.organizationId, t.title, t.id),
    index('valuations_organization_status_id_idx').on(t.organizationId, t.status, t.id),
    enumCheck('valuations', 'status', VALUATION_STATUSES),
    nonNegative('valuations', 'final_valuation_agorot'),
    nonNegative('valuations', 'price_per_sqm_agorot'),
  ],
);

export const valuationSessions = sqliteTable(
  'valuation_sessions',
  {
    id: id(),
    sessionId: text('session_id').notNull().unique('valuation_sessions_session_id_unique'),
    valuationId: text('valuation_id').references(() => valuations.id, { onDelete: 'set null' }),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
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

export const documents = sqliteTable(
  'documents',
  {
    id: id(),
    valuationId: text('valuation_id')
      .notNull()
      .references(() => valuations.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    docType: enumText('doc_type', DOCUMENT_TYPES).notNull(),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    mimeType: text('mime_type').notNull(),
    source: enumText('source', DOCUMENT_SOURCES).notNull().default('USER_UPLOAD'),
    extracted: json('extracted').$type<Record<string, unknown>>(),
    uploadedById: text('uploaded_by_id')
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
    enumCheck('documents', 'doc_type', DOCUMENT_TYPES),
    enumCheck('documents', 'source', DOCUMENT_SOURCES),
    nonNegative('documents', 'size_bytes'),
  ],
);

export const documentVersions = sqliteTable(
  'document_versions',
  {
    id: id(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    versionNumber: integer('version_number').notNull(),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    changesSummary: text('changes_summary'),
    createdById: text('created_by_id')
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

export const images = sqliteTable(
  'images',
  {
    id: id(),
    valuationId: text('valuation_id')
      .notNull()
      .references(() => valuations.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    mimeType: text('mime_type').notNull(),
    roomType: enumText('room_type', ROOM_TYPES).notNull().default('OTHER'),
    features: json('features').$type<Record<string, unknown>>().notNull().default({}),
    finishLevel: enumText('finish_level', FINISH_LEVELS),
    isCover: bool('is_cover').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    uploadedById: text('uploaded_by_id')
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
export const assetVariants = sqliteTable(
  'asset_variants',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    imageId: text('image_id').references(() => images.id, { onDelete: 'cascade' }),
    documentId: text('document_id').references(() => documents.id, { onDelete: 'cascade' }),
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
export const assets = sqliteTable(
  'assets',
  {
    id: id(),
    valuationId: text('valuation_id')
      .notNull()
      .references(() => valuations.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    assetType: enumText('asset_type', ASSET_TYPES).notNull(),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    slug: text('slug').notNull(),
    generatedById: text('generated_by_id')
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
export const activityLogs = sqliteTable(
  'activity_logs',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    subjectType: enumText('subject_type', ACTIVITY_SUBJECT_TYPES).notNull(),
    subjectId: text('subject_id').notNull(),
    valuationId: text('valuation_id'),
    action: enumText('action', ACTIVITY_ACTIONS).notNull(),
    actorId: text('actor_id')
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
export const documentShares = sqliteTable(
  'document_shares',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    documentId: text('document_id').references(() => documents.id, { onDelete: 'cascade' }),
    assetId: text('asset_id').references(() => assets.id, { onDelete: 'cascade' }),
    sharedById: text('shared_by_id')
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

export const documentAccessLogs = sqliteTable(
  'document_access_logs',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    documentId: text('document_id').references(() => documents.id, { onDelete: 'set null' }),
    assetId: text('asset_id').references(() => assets.id, { onDelete: 'set null' }),
    shareId: text('share_id').references(() => documentShares.id, { onDelete: 'set null' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
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
export const comparables = sqliteTable(
  'comparables',
  {
    id: id(),
    organizationId: text('organization_id')
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
    priceAgorot: integer('price_agorot').notNull(),
    propertyType: text('property_type'),
    dealNature: text('deal_nature'),
    /** The share of the property the deal sold ('1/2', '25%'), null when the whole of it was sold. */
    partialShare: text('partial_share'),
    createdById: text('created_by_id')
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

export const activeValuations = sqliteView('active_valuations').as((qb) =>
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

// ---- client-only sync bookkeeping ---------------------------------------------------------------

/** Pending local mutations, in per-device sequence order (seq). Written in the same transaction as the row. */
export const syncMutations = sqliteTable(
  'sync_mutations',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    mutationId: text('mutation_id').notNull().unique('sync_mutations_mutation_id_unique'),
    deviceId: text('device_id').notNull(),
    organizationId: text('organization_id').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    operation: enumText('operation', MUTATION_OPERATIONS).notNull(),
    /** Changed fields and their new values (column names as in the database). */
    changes: json('changes').$type<Record<string, unknown>>().notNull(),
    /** The same fields as they were when the edit was made, for per-field conflict detection. */
    base: json('base').$type<Record<string, unknown>>().notNull(),
    baseVersion: integer('base_version').notNull(),
    blobSha256: text('blob_sha256'),
    /** The activity_logs row written with this change; it travels to the server inside the mutation. */
    activityId: text('activity_id'),
    state: enumText('state', MUTATION_STATES).notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    index('sync_mutations_row_idx').on(t.tableName, t.rowId),
    enumCheck('sync_mutations', 'operation', MUTATION_OPERATIONS),
    enumCheck('sync_mutations', 'state', MUTATION_STATES),
  ],
);

/** Small key/value facts of the sync engine: device id, pull cursor, last sync time. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: json('value').$type<unknown>().notNull(),
  updatedAt: updatedAt(),
});

/** A field both this device and another changed; the loser's value is kept here for a person to decide. */
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    id: id(),
    organizationId: text('organization_id').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    localValue: json('local_value').$type<unknown>(),
    serverValue: json('server_value').$type<unknown>(),
    winner: enumText('winner', CONFLICT_WINNERS).notNull(),
    localMutationId: text('local_mutation_id'),
    serverActorId: text('server_actor_id'),
    serverChangedAt: timestamp('server_changed_at'),
    status: enumText('status', CONFLICT_STATUSES).notNull().default('OPEN'),
    resolvedAt: timestamp('resolved_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('sync_conflicts_row_idx').on(t.tableName, t.rowId),
    index('sync_conflicts_status_idx').on(t.status),
    enumCheck('sync_conflicts', 'winner', CONFLICT_WINNERS),
    enumCheck('sync_conflicts', 'status', CONFLICT_STATUSES),
  ],
);

/** Mutations the server refused, kept visible with its reason until retried or discarded. */
export const syncRejections = sqliteTable(
  'sync_rejections',
  {
    id: id(),
    mutationId: text('mutation_id').notNull().unique('sync_rejections_mutation_id_unique'),
    organizationId: text('organization_id').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    operation: enumText('operation', MUTATION_OPERATIONS).notNull(),
    changes: json('changes').$type<Record<string, unknown>>().notNull(),
    reasonCode: text('reason_code').notNull(),
    reason: text('reason').notNull(),
    status: enumText('status', REJECTION_STATUSES).notNull().default('OPEN'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('sync_rejections_status_idx').on(t.status),
    index('sync_rejections_row_idx').on(t.tableName, t.rowId),
    enumCheck('sync_rejections', 'operation', MUTATION_OPERATIONS),
    enumCheck('sync_rejections', 'status', REJECTION_STATUSES),
  ],
);
