// gatherReportSource: everything the report prints, read from the local store for a valuation the
// actor may see (getValuation's tenancy and client-viewer rules apply): the valuation, the calculation
// input exactly as the preflight builds it, the documents' extractions, the photos, map screenshots
// and plan crops embedded as data: URLs, the appraiser, and the organization's branding.
import type { Valuation } from '../../../src-shared/contract/entities.ts';
import type { StoredComparable } from '../../../src-shared/domain/calculation/stored.ts';
import { readGisScreenshots, GIS_SLOTS } from '../../../src-shared/domain/geometry/gis.ts';
import { readGarmushkaImages } from '../../../src-shared/domain/geometry/measurement.ts';
import type { ReportSource, SourceComparable, SourceImage } from '../../../src-shared/domain/report/model.ts';
import type { Actor, CoreContext } from '../context.ts';
import { calculationInput, newestExtraction, readComparables } from '../preflight/context.ts';
import { readReportBranding } from '../settings/handlers.ts';
import { decodeColumns } from '../store/tables.ts';
import { getValuation } from '../valuations/queries.ts';
import { embedImage } from './images.ts';

export function toSourceComparable(stored: StoredComparable): SourceComparable {
  return {
    id: stored.id,
    dealDate: stored.dealDate || null,
    priceAgorot: stored.priceAgorot,
    areaHundredths: stored.areaHundredths,
    address: stored.address || null,
    blockParcel: stored.blockParcel || null,
    rooms: stored.rooms === null ? null : String(stored.rooms),
    floor: stored.floor ?? null,
  };
}

/** documents.extracted of every document of a type that has one, oldest first. */
function extractionsOf(ctx: CoreContext, actor: Actor, valuationId: string, docType: 'PERMIT' | 'PLANNING_INFO'): unknown[] {
  const rows = ctx.db
    .prepare(
      `SELECT extracted FROM documents WHERE valuation_id = ? AND organization_id = ? AND doc_type = ? AND extracted IS NOT NULL
       ORDER BY created_at, id`,
    )
    .all(valuationId, actor.organizationId, docType) as Record<string, unknown>[];
  return rows.flatMap((row) => {
    try {
      return [decodeColumns('documents', row).extracted];
    } catch {
      return []; // an unreadable extraction is left out, as the preflight does
    }
  });
}

interface ImageRow {
  sha256: string;
  room_type: string;
  is_cover: number;
}

/** The cover photo (the one marked, else the first facade photo) and the others, in their order. */
async function photos(ctx: CoreContext, actor: Actor, valuationId: string): Promise<Pick<ReportSource['images'], 'cover' | 'interior'>> {
  const rows = ctx.db
    .prepare('SELECT sha256, room_type, is_cover FROM images WHERE valuation_id = ? AND organization_id = ? ORDER BY sort_order, created_at, id')
    .all(valuationId, actor.organizationId) as ImageRow[];
  const cover = rows.find((r) => r.is_cover === 1) ?? rows.find((r) => r.room_type === 'EXTERIOR') ?? null;
  const others = rows.filter((r) => r !== cover);
  const [coverImage, ...interior] = await Promise.all([cover ? embedImage(ctx.blobs, cover.sha256) : null, ...others.map((r) => embedImage(ctx.blobs, r.sha256))]);
  return {
    cover: coverImage ?? null,
    interior: others.flatMap((row, i) => {
      const image = interior[i];
      return image ? [{ ...image, roomType: row.room_type }] : [];
    }),
  };
}

/** Step 4's map screenshots (GIS slots) and Garmushka plan crops. */
async function analysisImages(ctx: CoreContext, valuation: Valuation): Promise<Pick<ReportSource['images'], 'maps' | 'plans'>> {
  // The screenshots and crops are files of this valuation (documents step 4 added); a hash in the JSON
  // that names no such file (another office's, on a shared laptop) is not printed.
  const own = new Set(
    ctx.db
      .prepare('SELECT sha256 FROM documents WHERE valuation_id = ? AND organization_id = ?')
      .pluck()
      .all(valuation.id, valuation.organizationId) as string[],
  );
  const gis = readGisScreenshots(valuation.gisScreenshots);
  const slots = GIS_SLOTS.flatMap((slot) => {
    const stored = gis[slot];
    return stored && own.has(stored.sha256) ? [{ slot, sha256: stored.sha256 }] : [];
  });
  const crops = readGarmushkaImages(valuation.garmushkaImages).images.filter((crop) => own.has(crop.sha256));
  const [maps, plans] = await Promise.all([
    Promise.all(slots.map(async ({ slot, sha256 }) => ({ slot, image: await embedImage(ctx.blobs, sha256) }))),
    Promise.all(crops.map((crop) => embedImage(ctx.blobs, crop.sha256))),
  ]);
  return {
    maps: maps.flatMap(({ slot, image }) => (image ? [{ ...image, slot }] : [])),
    plans: plans.filter((image): image is SourceImage => image !== null),
  };
}

/** The fields of a valuation row the report prints from. */
export function reportValuation(valuation: ReportSource['valuation']): ReportSource['valuation'] {
  const { id, title, addressFull, block, parcel, subparcel, meta, step1Data } = valuation;
  return { id, title, addressFull, block, parcel, subparcel, meta, step1Data };
}

export async function gatherReportSource(ctx: CoreContext, actor: Actor, valuationId: string): Promise<ReportSource> {
  const valuation = getValuation(ctx, actor, valuationId);
  const stored = readComparables(valuation.comparableData);
  // The valuation's organization's logo and footer, and its appraiser's own signature as kept on this
  // device: never the branding of whoever happens to be signed in or of the organization last used.
  const branding = readReportBranding(ctx, valuation.organizationId, valuation.createdById);
  const organization = ctx.db.prepare('SELECT name FROM organizations WHERE id = ?').get(actor.organizationId) as { name: string } | undefined;
  const appraiser = ctx.db.prepare('SELECT name FROM users WHERE id = ?').get(valuation.createdById) as { name: string } | undefined;
  const [photoSet, analysis] = await Promise.all([photos(ctx, actor, valuationId), analysisImages(ctx, valuation)]);
  return {
    valuation: reportValuation(valuation),
    calculationInput: calculationInput(valuation),
    comparables: stored.comparables.map(toSourceComparable),
    fewComparablesReason: stored.fewComparablesReason,
    extractions: {
      tabu: newestExtraction(ctx, actor, valuationId, 'TABU'),
      condo: newestExtraction(ctx, actor, valuationId, 'CONDO'),
      permits: extractionsOf(ctx, actor, valuationId, 'PERMIT'),
      planning: extractionsOf(ctx, actor, valuationId, 'PLANNING_INFO'),
    },
    images: { ...photoSet, ...analysis },
    appraiser: {
      userName: appraiser?.name ?? null,
      // The appraiser's signature is printed only on their own reports and only when they make them.
      signatureDataUrl: actor.userId === valuation.createdById ? branding.signatureDataUrl : null,
    },
    organization: { name: organization?.name ?? null, logoDataUrl: branding.logoDataUrl, footerText: branding.footerText },
  };
}
