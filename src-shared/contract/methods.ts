// The application API: one map from method name to its input and output schemas. The renderer calls
// it through a typed client; the core parses every input with these schemas, whichever transport
// (Electron IPC or the browser host) carried it.
import { z } from 'zod';
import {
  ACTIVITY_ACTIONS,
  DOCUMENT_TYPES,
  FINISH_LEVELS,
  ROOM_TYPES,
  VALUATION_STATUSES,
} from '../domain/enums.ts';
import {
  activityEntry,
  assetEntity,
  conflictEntity,
  documentEntity,
  documentVersion,
  id,
  imageEntity,
  rejectionEntity,
  reportBranding,
  sessionInfo,
  settings,
  sha256,
  shareEntity,
  syncStatus,
  timestamp,
  valuation,
  valuationEditable,
  valuationSummary,
  wizardSession,
} from './entities.ts';
// comparables library (step 4)
import {
  comparableField,
  comparableSearch,
  comparableSearchResult,
  dateOrder,
  importPreview,
  importResult,
} from '../domain/comparables/contract.ts';
// the preflight before READY and SIGNED
import { PREFLIGHT_CODES, type Issue } from '../domain/validation/preflight.ts';

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });
const byId = z.object({ id }).strict();
const jsonObject = z.record(z.string(), z.unknown());

/** One preflight issue (src-shared/domain/validation/preflight.ts Issue), linked to its field. */
const preflightIssue = z.object({
  code: z.enum(PREFLIGHT_CODES),
  messageKey: z.string(),
  field: z.string(),
  blocks: z.array(z.enum(['READY', 'SIGNED'])),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
// The schema and the domain type stay the same shape (blocks aside, which the domain keeps read-only).
type Assignable<T extends U, U> = T;
export type _PreflightIssueMatches = Assignable<Omit<Issue, 'blocks'>, Omit<z.output<typeof preflightIssue>, 'blocks'>>;

/** 70 MB of base64 is a little over the largest allowed upload; the blob store enforces the real limit. */
const MAX_BASE64_CHARS = 70 * 1024 * 1024;
export const fileSource = z.union([
  z.object({ path: z.string().min(1).max(4096) }).strict(),
  z.object({ bytesBase64: z.string().max(MAX_BASE64_CHARS) }).strict(),
]);

export const contract = {
  // ---- session --------------------------------------------------------------------------------
  'session.current': { input: empty, output: sessionInfo },
  'session.signIn': {
    input: z.object({ email: z.string().email(), password: z.string().min(1).max(1024) }).strict(),
    output: sessionInfo,
  },
  'session.continueOffline': { input: empty, output: sessionInfo },
  'session.switchOrganization': { input: z.object({ organizationId: id }).strict(), output: sessionInfo },
  'session.signOut': { input: empty, output: sessionInfo },

  // ---- valuations -------------------------------------------------------------------------------
  'valuations.list': {
    input: z
      .object({
        status: z.array(z.enum(VALUATION_STATUSES)).optional(),
        search: z.string().max(200).optional(),
        sort: z.enum(['updatedAt', 'createdAt', 'title', 'status']).default('updatedAt'),
        direction: z.enum(['asc', 'desc']).default('desc'),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ items: z.array(valuationSummary), total: z.number().int() }),
  },
  'valuations.get': { input: byId, output: valuation },
  'valuations.create': {
    input: valuationEditable.partial().required({ title: true }).strict(),
    output: valuation,
  },
  'valuations.update': {
    input: z.object({ id, fields: valuationEditable.partial().strict() }).strict(),
    output: valuation,
  },
  'valuations.changeStatus': {
    input: z.object({ id, status: z.enum(VALUATION_STATUSES) }).strict(),
    output: valuation,
  },
  'valuations.duplicate': { input: byId, output: valuation },
  'valuations.archive': { input: byId, output: valuation },
  'valuations.deleteDraft': { input: byId, output: ok },
  /**
   * Seals the valuation: renders the final report PDF, stores it as an asset with its sha256 and sets
   * SIGNED. Only its appraiser or an office admin, and only when the preflight has no hard stop.
   */
  'valuations.sign': { input: byId, output: z.object({ valuation, asset: assetEntity }) },
  /** A new valuation copied from a signed one and linked to it; the signed one stays as it is. */
  'valuations.revise': { input: byId, output: valuation },
  /** The hard stops and warnings before READY and SIGNED, each linked to its field. */
  'valuations.preflight': { input: byId, output: z.object({ hardStops: z.array(preflightIssue), warnings: z.array(preflightIssue) }) },

  // ---- wizard sessions --------------------------------------------------------------------------
  'wizard.start': { input: z.object({ valuationId: id.optional() }).strict(), output: wizardSession },
  /** The newest ACTIVE session of the current user (optionally for one valuation), or null. */
  'wizard.resume': { input: z.object({ valuationId: id.optional() }).strict(), output: wizardSession.nullable() },
  'wizard.autosave': {
    input: z
      .object({ id, currentStep: z.number().int().min(1).max(5), stepData: jsonObject, wizardData: jsonObject })
      .strict(),
    output: wizardSession,
  },
  'wizard.completeStep': {
    input: z.object({ id, step: z.number().int().min(1).max(5), data: jsonObject }).strict(),
    output: wizardSession,
  },

  // ---- documents --------------------------------------------------------------------------------
  'documents.add': {
    input: z
      .object({
        valuationId: id,
        docType: z.enum(DOCUMENT_TYPES),
        fileName: z.string().min(1).max(1024),
        source: fileSource,
        /** Re-upload: the new file becomes the current version of this document; the old one is kept as history. */
        replacesId: id.optional(),
      })
      .strict(),
    output: z.object({ document: documentEntity, duplicateOf: id.nullable() }),
  },
  'documents.list': { input: z.object({ valuationId: id }).strict(), output: z.array(documentEntity) },
  'documents.remove': { input: byId, output: ok },
  'documents.versions': { input: z.object({ documentId: id }).strict(), output: z.array(documentVersion) },
  'documents.getExtracted': { input: byId, output: z.object({ extracted: jsonObject.nullable() }) },
  'documents.updateExtracted': { input: z.object({ id, extracted: jsonObject }).strict(), output: documentEntity },
  /** Reads the fields of a Tabu extract, condominium order or permit from its text layer (offline). */
  'documents.extract': {
    input: z.object({ id, keepManual: z.boolean().optional() }).strict(),
    output: z.object({
      document: documentEntity,
      status: z.enum(['EXTRACTED', 'NO_TEXT_LAYER', 'UNSUPPORTED']),
      warnings: z.array(jsonObject),
    }),
  },

  // ---- images -----------------------------------------------------------------------------------
  'images.add': {
    input: z
      .object({
        valuationId: id,
        fileName: z.string().min(1).max(1024),
        source: fileSource,
        roomType: z.enum(ROOM_TYPES).optional(),
      })
      .strict(),
    output: z.object({ image: imageEntity, duplicateOf: id.nullable() }),
  },
  'images.list': { input: z.object({ valuationId: id }).strict(), output: z.array(imageEntity) },
  'images.update': {
    input: z
      .object({
        id,
        roomType: z.enum(ROOM_TYPES).optional(),
        finishLevel: z.enum(FINISH_LEVELS).nullable().optional(),
        features: jsonObject.optional(),
      })
      .strict(),
    output: imageEntity,
  },
  'images.setCover': { input: byId, output: imageEntity },
  'images.remove': { input: byId, output: ok },

  // ---- files and assets ---------------------------------------------------------------------------
  /** Small files only (thumbnails, previews): the bytes as base64. */
  'files.read': {
    input: z.object({ sha256 }).strict(),
    output: z.object({ mimeType: z.string(), bytesBase64: z.string() }),
  },
  /** Re-hashes every stored file and reports those that are corrupt or missing. */
  'files.verify': {
    input: empty,
    output: z.object({
      checked: z.number().int(),
      problems: z.array(z.object({ sha256: z.string(), problem: z.enum(['mismatch', 'missing', 'unreadable']), fileNames: z.array(z.string()) })),
    }),
  },
  'assets.list': { input: z.object({ valuationId: id }).strict(), output: z.array(assetEntity) },

  // ---- report and exports -----------------------------------------------------------------------
  /** The report as the same self-contained HTML that is printed to PDF. */
  'report.preview': { input: z.object({ valuationId: id }).strict(), output: z.object({ html: z.string() }) },
  /** Generates a file (a draft PDF, DOCX, CSV or JSON) and keeps it as a new version of the valuation's asset. */
  'report.export': {
    input: z.object({ valuationId: id, format: z.enum(['PDF', 'DOCX', 'CSV', 'JSON']) }).strict(),
    output: z.object({ asset: assetEntity, path: z.string() }),
  },

  // ---- share links (served by the sync server; online only) --------------------------------------
  'shares.create': {
    input: z
      .object({
        assetId: id,
        expiresInDays: z.number().int().min(1).max(90),
        password: z.string().min(6).max(200).optional(),
      })
      .strict(),
    output: shareEntity,
  },
  'shares.list': { input: z.object({ valuationId: id }).strict(), output: z.array(shareEntity) },
  'shares.revoke': { input: byId, output: shareEntity },
  /** A local copy of an asset's file under its own name; the desktop shell opens it with the system's program. */
  'assets.open': { input: byId, output: z.object({ path: z.string() }) },
  /** A generated file's bytes, for the browser version to save as a download under its own name. */
  'assets.read': { input: byId, output: z.object({ fileName: z.string(), mimeType: z.string(), bytesBase64: z.string() }) },

  // ---- activity ---------------------------------------------------------------------------------
  'activity.query': {
    input: z
      .object({
        valuationId: id.optional(),
        actorId: id.optional(),
        from: timestamp.optional(),
        to: timestamp.optional(),
        actions: z.array(z.enum(ACTIVITY_ACTIONS)).optional(),
        limit: z.number().int().min(1).max(1000).default(100),
        before: timestamp.optional(),
      })
      .strict(),
    output: z.array(activityEntry),
  },

  // ---- sync -------------------------------------------------------------------------------------
  'sync.status': { input: empty, output: syncStatus },
  'sync.start': { input: empty, output: syncStatus },
  'sync.pause': { input: empty, output: syncStatus },
  'sync.pendingCount': { input: empty, output: z.object({ pending: z.number().int() }) },
  'sync.conflicts.list': { input: empty, output: z.array(conflictEntity) },
  'sync.conflicts.resolve': {
    input: z
      .object({ id, choice: z.enum(['LOCAL', 'SERVER', 'CUSTOM']), value: z.unknown().optional() })
      .strict()
      .refine((v) => v.choice !== 'CUSTOM' || v.value !== undefined, 'a CUSTOM resolution needs a value'),
    output: ok,
  },
  'sync.rejected.list': { input: empty, output: z.array(rejectionEntity) },
  'sync.rejected.retry': { input: byId, output: ok },
  'sync.rejected.discard': { input: byId, output: ok },

  // ---- comparables library (organization-wide, synced) -------------------------------------------
  /** Reads a CSV or XLSX file and shows the column mapping, every row parsed and its errors; writes nothing. */
  'comparables.previewImport': {
    input: z
      .object({
        fileName: z.string().min(1).max(1024),
        source: fileSource,
        mapping: z.array(comparableField.nullable()).max(200).optional(),
        dateOrder: dateOrder.optional(),
      })
      .strict(),
    output: importPreview,
  },
  /** Adds the file's rows to the library; without skipInvalid any row with an error stops the whole import. */
  'comparables.import': {
    input: z
      .object({
        fileName: z.string().min(1).max(1024),
        source: fileSource,
        mapping: z.array(comparableField.nullable()).max(200).optional(),
        /** The file's date order when its dates read both ways (the preview's dateOrder.basis ASK). */
        dateOrder: dateOrder.optional(),
        skipInvalid: z.boolean(),
      })
      .strict(),
    output: importResult,
  },
  'comparables.search': { input: comparableSearch, output: comparableSearchResult },
  'comparables.remove': { input: byId, output: ok },

  // ---- about ------------------------------------------------------------------------------------
  'app.info': {
    input: empty,
    output: z.object({ version: z.string(), dataDir: z.string(), deviceId: id, schemaVersion: z.number().int() }),
  },

  // ---- settings ---------------------------------------------------------------------------------
  'settings.get': { input: empty, output: settings },
  'settings.update': {
    input: settings.omit({ locked: true, report: true }).extend({ report: reportBranding.partial().strict() }).partial().strict(),
    output: settings,
  },
  /** Sets the report's logo or signature from an image file (scaled down and kept as PNG); null removes it. */
  'settings.setReportImage': {
    input: z.object({ kind: z.enum(['logo', 'signature']), source: fileSource.nullable() }).strict(),
    output: settings,
  },
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}
