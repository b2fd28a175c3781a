// The comparables library: import (preview, then insert), search, remove. Comparables belong to the
// organization, not to a valuation; every write goes through the writer (row + outbox mutation +
// activity row in one transaction) and syncs like any other row.
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors.ts';
import type { fileSource } from '../../../src-shared/contract/methods.ts';
import type { ImportPreviewOutput } from '../../../src-shared/domain/comparables/contract.ts';
import { dealKey, previewImport, type ComparableValues } from '../../../src-shared/domain/comparables/preview.ts';
import type { ComparableField } from '../../../src-shared/domain/comparables/headers.ts';
import type { DateOrder } from '../../../src-shared/domain/comparables/dates.ts';
import { canWrite } from '../../../src-shared/domain/lifecycle.ts';
import { enforce, requireActor, type Actor, type CoreContext } from '../context.ts';
import { safeDisplayName } from '../blobs/file-names.ts';
import type { HandlerMap } from '../handlers.ts';
import type { Change } from '../store/writer.ts';
import { existingDealKeys, getComparable, searchComparables } from './queries.ts';
import { readComparablesFile } from './read-file.ts';

type Methods = 'comparables.previewImport' | 'comparables.import' | 'comparables.search' | 'comparables.remove';

/** The library is working material of the office: a client viewer neither sees nor changes it. */
function writer(ctx: CoreContext): Actor {
  const actor = requireActor(ctx);
  enforce(canWrite(actor.role));
  return actor;
}

async function preview(
  ctx: CoreContext,
  actor: Actor,
  fileName: string,
  source: z.output<typeof fileSource>,
  mapping: readonly (ComparableField | null)[] | undefined,
  dateOrder: DateOrder | undefined,
): Promise<ImportPreviewOutput> {
  const file = await readComparablesFile(fileName, source);
  const result = previewImport(file.rows, { ...(mapping ? { mapping } : {}), ...(dateOrder ? { dateOrder } : {}), excelSerials: file.format === 'xlsx' });
  const valid = result.rows.filter((r) => r.errors.length === 0);
  const existing = existingDealKeys(ctx, actor, valid.map((r) => r.values.dealDate!));
  const seen = new Set<string>();
  let duplicateCount = 0;
  const rows = result.rows.map((row) => {
    const key = row.errors.length === 0 ? dealKey(row.values) : null;
    const duplicate = key !== null && (existing.has(key) || seen.has(key));
    if (key) seen.add(key);
    if (duplicate) duplicateCount++;
    return { ...row, duplicate };
  });
  return {
    fileName: safeDisplayName(fileName),
    format: file.format,
    encoding: file.encoding,
    sheet: file.sheet,
    ...result,
    rows,
    duplicateCount,
  };
}

/** The table row of one parsed comparable. */
function rowValues(actor: Actor, id: string, values: ComparableValues, source: 'NADLAN' | 'SPREADSHEET', fileName: string, now: string) {
  return {
    id,
    organization_id: actor.organizationId,
    source,
    source_file_name: fileName,
    deal_date: values.dealDate,
    address: values.address,
    street: values.street,
    house_number: values.houseNumber,
    city: values.city,
    block: values.block,
    parcel: values.parcel,
    subparcel: values.subparcel,
    rooms_tenths: values.roomsTenths,
    floor: values.floor,
    area_hundredths: values.areaHundredths,
    parking: values.parking,
    build_year: values.buildYear,
    price_agorot: values.priceAgorot,
    property_type: values.propertyType,
    deal_nature: values.dealNature,
    partial_share: values.partialShare,
    created_by_id: actor.userId,
    created_at: now,
    updated_at: now,
  };
}

function changed(ctx: CoreContext, ids: string[]) {
  ctx.emit('data.changed', { tables: ['comparables', 'activity_logs'], ids });
}

export const comparableHandlers: HandlerMap<Methods> = {
  'comparables.previewImport': async ({ fileName, source, mapping, dateOrder }, ctx) => preview(ctx, writer(ctx), fileName, source, mapping, dateOrder),

  'comparables.import': async ({ fileName, source, mapping, dateOrder, skipInvalid }, ctx) => {
    const actor = writer(ctx);
    const result = await preview(ctx, actor, fileName, source, mapping, dateOrder);
    if (result.dateOrder.basis === 'ASK' || result.dateOrder.basis === 'MIXED') {
      // Never a silent guess: the dates read two ways until the user picks the order.
      throw new AppError('VALIDATION', 'The file\'s dates do not settle day-first or month-first; choose the date order. Nothing was imported.', {
        reason: 'DATE_ORDER_REQUIRED',
        samples: result.dateOrder.samples,
      });
    }
    const invalid = result.rows.filter((r) => r.errors.length > 0);
    if (result.missingFields.length > 0 && result.validCount === 0) {
      throw new AppError('VALIDATION', `No column holds the ${result.missingFields.join(' and ')}; map the columns and try again.`, {
        reason: 'MISSING_COLUMNS',
        missingFields: result.missingFields,
      });
    }
    if (invalid.length > 0 && !skipInvalid) {
      throw new AppError('VALIDATION', `${invalid.length} row(s) have errors; fix them or import the valid rows only. Nothing was imported.`, {
        reason: 'INVALID_ROWS',
        invalidRows: invalid.slice(0, 50).map((r) => ({ rowNumber: r.rowNumber, errors: r.errors })),
      });
    }
    const now = ctx.now();
    const ids: string[] = [];
    const changes: Change[] = [];
    for (const row of result.rows) {
      if (row.errors.length > 0 || row.duplicate) continue;
      const id = ctx.newId();
      ids.push(id);
      changes.push({
        table: 'comparables',
        op: 'insert',
        rowId: id,
        values: rowValues(actor, id, row.values, result.source === 'NADLAN' ? 'NADLAN' : 'SPREADSHEET', result.fileName, now),
        // Comparables belong to no valuation; the activity log has no subject type of its own for them.
        activity: { subjectType: 'valuation', subjectId: id, valuationId: null, action: 'created', payload: { comparable: true, fileName: result.fileName, rowNumber: row.rowNumber } },
      });
    }
    if (changes.length > 0) {
      ctx.writer.write(actor, changes); // one transaction: the whole import or nothing
      changed(ctx, ids);
    }
    return { imported: ids.length, duplicates: result.duplicateCount, invalid: invalid.length, ids };
  },

  'comparables.search': (input, ctx) => searchComparables(ctx, writer(ctx), input),

  'comparables.remove': ({ id }, ctx) => {
    const actor = writer(ctx);
    const current = getComparable(ctx, actor, id);
    ctx.writer.write(actor, [
      {
        table: 'comparables',
        op: 'delete',
        rowId: id,
        values: {},
        activity: {
          subjectType: 'valuation',
          subjectId: id,
          valuationId: null,
          action: 'deleted',
          payload: { comparable: true, dealDate: current.dealDate, address: current.address ?? current.street, priceAgorot: current.priceAgorot },
        },
      },
    ]);
    changed(ctx, [id]);
    return { ok: true as const };
  },
};
