// Step 4's stored comparables and calculation are read and mapped into the calculation by
// src-shared/domain/calculation/stored.ts (the preflight, the report and the exports use the same);
// here only what the screen adds: library rows, typed decimals, new ids.
import type { ComparableEntity } from '../../../src-shared/domain/comparables/contract.ts';
import { parseDecimal, toDecimalText, toSafeNumber } from '../../../src-shared/domain/calculation/index.ts';
import type { StoredComparable } from '../../../src-shared/domain/calculation/stored.ts';

export * from '../../../src-shared/domain/calculation/stored.ts';

/** A library comparable as a row of this valuation's selection (included, weight 1, no adjustments). */
export function fromLibrary(entity: ComparableEntity): StoredComparable {
  const address = entity.address ?? ([entity.street, entity.houseNumber].filter(Boolean).join(' ') + (entity.city ? `, ${entity.city}` : ''));
  return {
    id: entity.id,
    libraryId: entity.id,
    dealDate: entity.dealDate,
    address: address.trim(),
    blockParcel: [entity.block, entity.parcel, entity.subparcel].filter(Boolean).join('/'),
    rooms: entity.roomsTenths === null ? null : entity.roomsTenths / 10,
    floor: entity.floor,
    areaHundredths: entity.areaHundredths ?? 0,
    priceAgorot: entity.priceAgorot,
    included: true,
    weight: 1,
    adjustments: [],
  };
}

// ---- small helpers for inputs ---------------------------------------------------------------------

/** Typed decimal text as a scaled integer, or null when it is not a plain decimal with at most `decimals`. */
export function parseScaled(textValue: string, decimals: number): number | null {
  if (textValue.trim() === '') return null;
  const scaled = parseDecimal(textValue.replace(/,/g, ''), decimals);
  return scaled === null ? null : toSafeNumber(scaled);
}

/** A scaled integer as a decimal number (weights, coefficients, index values are stored so). */
export const scaledToNumber = (scaled: number, decimals: number): number => Number(toDecimalText(scaled, decimals));
/** A decimal number as a scaled integer (exact for numbers with at most `decimals` decimals). */
export function numberToScaled(value: number, decimals: number): number {
  const scaled = parseDecimal(value, decimals);
  return scaled === null ? Math.round(value * 10 ** decimals) : (toSafeNumber(scaled) ?? 0);
}

/** A new id for a comparable typed by hand, unique in the list. */
export function newComparableId(existing: readonly StoredComparable[]): string {
  const ids = new Set(existing.map((c) => c.id));
  let n = existing.length + 1;
  while (ids.has(`m${n}`)) n++;
  return `m${n}`;
}
