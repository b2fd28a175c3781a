import * as schema from '../../src-shared/db/schema.pg.ts';
import { DEFAULT_NOW, generateComparablesLibrary, generateDemoPeople, generateValuations, type SeedOptions } from '../../src-shared/seed/index.ts';
import type { ServerDatabase } from './database.ts';
import { insertRows } from './insert-rows.ts';

// Rows are written in chunks so that 100,000 valuations never sit in memory at once.
const CHUNK = 2_000;

/**
 * Writes the demo organization (people, its comparables library and valuations) unless it is already there. Returns whether
 * anything was written. Deterministic: the same seed always produces the same rows and ids.
 */
export async function seedDemoOrganization(db: ServerDatabase, options: SeedOptions): Promise<boolean> {
  const people = generateDemoPeople(options.seed, options.now);
  const [existing] = await db.query('SELECT 1 FROM organizations WHERE id = $1', [people.organization.id]);
  if (existing) return false;
  await db.transaction(async (tx) => {
    await insertRows(tx, schema.organizations, [people.organization]);
    const users = [people.owner, people.orgAdmin, ...people.appraisers, people.clientViewer];
    await insertRows(tx, schema.users, users);
    await insertRows(tx, schema.memberships, people.memberships);
    await insertRows(tx, schema.comparables, generateComparablesLibrary(options.seed, people, options.now ?? DEFAULT_NOW));
    let valuations: object[] = [];
    let documents: object[] = [];
    let activity: object[] = [];
    const flush = async () => {
      await insertRows(tx, schema.valuations, valuations);
      await insertRows(tx, schema.documents, documents);
      await insertRows(tx, schema.activityLogs, activity);
      valuations = [];
      documents = [];
      activity = [];
    };
    for (const item of generateValuations(options, people)) {
      valuations.push(item.valuation);
      documents.push(...(item.documents));
      activity.push(...(item.activity));
      if (valuations.length >= CHUNK) await flush();
    }
    await flush();
  });
  return true;
}
