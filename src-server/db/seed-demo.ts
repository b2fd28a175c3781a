import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as schema from '../../src-shared/db/schema.pg.ts';
import {
  DEFAULT_NOW,
  generateComparablesLibrary,
  generateDemoPeople,
  generateValuations,
  sealWithReport,
  unsealed,
  type DemoPeople,
  type GeneratedValuation,
  type SeedOptions,
} from '../../src-shared/seed/index.ts';
import { commitBlob } from '../blobs/store.ts';
import type { ServerDatabase } from './database.ts';
import { insertRows } from './insert-rows.ts';

// Rows are written in chunks so that 100,000 valuations never sit in memory at once.
const CHUNK = 2_000;

/**
 * Prints the report of a seeded SIGNED valuation as the app prints it (the server itself prints
 * nothing: whoever starts it with the demo office may bring a printer, see scripts/start.ts).
 */
export type DemoReportPrinter = (item: GeneratedValuation, people: DemoPeople) => Promise<{ pdf: Uint8Array; fileName: string }>;

export interface DemoReports {
  print: DemoReportPrinter;
  /** The server's blob store, where the sealed files go. */
  blobDir: string;
}

export interface DemoSeedResult {
  seeded: boolean;
  /** SIGNED valuations sealed with their printed report. */
  sealed: number;
  /** Would-be SIGNED valuations seeded as READY, for want of a printer. */
  unsealed: number;
}

/** Stores the printed report as a blob of the server (content-addressed) and returns its seal. */
async function storeReport(blobDir: string, pdf: Uint8Array): Promise<{ sha256: string; sizeBytes: number }> {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const staging = join(blobDir, 'tmp');
  await mkdir(staging, { recursive: true });
  const file = join(staging, `seed-${sha256}`);
  await writeFile(file, pdf);
  try {
    await commitBlob(blobDir, sha256, file, pdf.byteLength);
  } finally {
    await rm(file, { force: true });
  }
  return { sha256, sizeBytes: pdf.byteLength };
}

/**
 * Writes the demo organization (people, its comparables library and valuations) unless it is already
 * there. SIGNED valuations are sealed with their printed report when `reports` is given, else seeded as
 * READY. Deterministic: the same seed always produces the same rows and ids (the sealed files' hashes
 * aside: they are whatever the printer printed).
 */
export async function seedDemoOrganization(db: ServerDatabase, options: SeedOptions, reports?: DemoReports): Promise<DemoSeedResult> {
  const people = generateDemoPeople(options.seed, options.now);
  const result: DemoSeedResult = { seeded: false, sealed: 0, unsealed: 0 };
  const [existing] = await db.query('SELECT 1 FROM organizations WHERE id = $1', [people.organization.id]);
  if (existing) return result;
  await db.transaction(async (tx) => {
    await insertRows(tx, schema.organizations, [people.organization]);
    const users = [people.owner, people.orgAdmin, ...people.appraisers, people.clientViewer];
    await insertRows(tx, schema.users, users);
    await insertRows(tx, schema.memberships, people.memberships);
    await insertRows(tx, schema.comparables, generateComparablesLibrary(options.seed, people, options.now ?? DEFAULT_NOW));
    let valuations: object[] = [];
    let documents: object[] = [];
    let activity: object[] = [];
    let assets: object[] = [];
    let blobs: object[] = [];
    const stored = new Set<string>();
    const flush = async () => {
      await insertRows(tx, schema.valuations, valuations);
      await insertRows(tx, schema.documents, documents);
      await insertRows(tx, schema.activityLogs, activity);
      await insertRows(tx, schema.serverBlobs, blobs);
      await insertRows(tx, schema.assets, assets);
      valuations = [];
      documents = [];
      activity = [];
      assets = [];
      blobs = [];
    };
    for (const generated of generateValuations(options, people)) {
      let item = generated;
      if (item.valuation.status === 'SIGNED') {
        if (reports) {
          const { pdf, fileName } = await reports.print(item, people);
          const seal = await storeReport(reports.blobDir, pdf);
          // One server_blobs row per content and organization.
          const known = stored.has(seal.sha256);
          stored.add(seal.sha256);
          item = sealWithReport(item, { fileName, ...seal });
          const { organizationId, createdById, signedAt } = item.valuation;
          if (!known) blobs.push({ sha256: seal.sha256, organizationId, sizeBytes: seal.sizeBytes, mimeType: 'application/pdf', uploadedById: createdById, createdAt: signedAt });
          result.sealed++;
        } else {
          item = unsealed(item);
          result.unsealed++;
        }
      }
      valuations.push(item.valuation);
      documents.push(...item.documents);
      activity.push(...item.activity);
      assets.push(...item.assets);
      if (valuations.length >= CHUNK) await flush();
    }
    await flush();
  });
  result.seeded = true;
  return result;
}
