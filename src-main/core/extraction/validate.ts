// Checks on a Tabu extraction's values, run after parsing and again after a merge (the user may have
// corrected an owner's share or ID): owners' shares must sum to exactly 1 (rationals, no floats),
// identity and company numbers must pass the check digit, and the key fields must be there.
import { hasCheckDigit, idTypeOf, isValidIsraeliId, type IdType } from './israeli-id.ts';
import type { ExtractionWarning } from './types.ts';
import { parseShare, sumShares, type Rational } from './values.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const ID_TYPES: readonly string[] = ['ID', 'COMPANY', 'PASSPORT', 'ASSOCIATION', 'OTHER'];

function fieldValue(sections: Record<string, unknown>, section: string, key: string): unknown {
  const container = sections[section];
  if (!isRecord(container)) return undefined;
  const field = container[key];
  return isRecord(field) && 'value' in field ? field.value : field;
}

const present = (value: unknown) => value !== undefined && value !== null && value !== '';
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
const pageOf = (row: Record<string, unknown>) => (typeof row.page === 'number' ? row.page : null);

export function validateTabu(sections: Record<string, unknown>): ExtractionWarning[] {
  const warnings: ExtractionWarning[] = [];
  for (const [section, key] of [
    ['identification', 'block'],
    ['identification', 'parcel'],
    ['ownership', 'owners'],
  ] as const) {
    const value = fieldValue(sections, section, key);
    if (!present(value) || (Array.isArray(value) && value.length === 0)) {
      warnings.push({ code: 'MISSING_FIELD', message: `No ${key} was found; enter it manually.`, section, field: key });
    }
  }

  const owners = fieldValue(sections, 'ownership', 'owners');
  if (!Array.isArray(owners)) return warnings;
  const shares: Rational[] = [];
  let unreadable = false;
  for (const owner of owners) {
    if (!isRecord(owner)) continue;
    const name = text(owner.name);
    const idNumber = text(owner.idNumber);
    const rawType = text(owner.idType);
    const type: IdType = ID_TYPES.includes(rawType) ? (rawType as IdType) : idTypeOf(rawType);
    const checkable = hasCheckDigit(type) || (rawType === '' && /^\d{9}$/.test(idNumber));
    if (idNumber && checkable && !isValidIsraeliId(idNumber)) {
      warnings.push({
        code: 'INVALID_ID_CHECK_DIGIT',
        message: `The ID number ${idNumber} of ${name || 'an owner'} fails the check digit; check it against the extract.`,
        section: 'ownership',
        field: 'owners',
        page: pageOf(owner),
        details: { name, idNumber },
      });
    }
    const share = parseShare(text(owner.share));
    if (share) shares.push(share);
    else {
      unreadable = true;
      warnings.push({
        code: 'SHARE_UNREADABLE',
        message: `The share of ${name || 'an owner'} (${text(owner.share) || 'empty'}) is not a fraction.`,
        section: 'ownership',
        field: 'owners',
        page: pageOf(owner),
        details: { name, share: text(owner.share) },
      });
    }
  }
  if (!unreadable && shares.length > 0) {
    const sum = sumShares(shares);
    if (sum.num !== sum.den) {
      warnings.push({
        code: 'SHARES_SUM_NOT_ONE',
        message: `The owners' shares sum to ${sum.num}/${sum.den}, not 1.`,
        section: 'ownership',
        field: 'owners',
        details: { sum: `${sum.num}/${sum.den}` },
      });
    }
  }
  return warnings;
}
