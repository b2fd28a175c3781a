// A printed cell to a stored value, with what its check says: VALID (it has a form that was checked:
// a date that exists, an ID whose check digit is right, a fraction), TEXT (free text: a name, a
// description; nothing to check) or FAILED (with the reason the user is asked to look at it).
import { hasCheckDigit, idTypeOf, isValidIsraeliId } from './israeli-id.ts';
import type { Primitive, ReviewReason } from './types.ts';
import { parseAgorot, parseDate, parseDecimal, parseRank, parseShare, shareText } from './values.ts';

export type Check = 'VALID' | 'TEXT' | 'FAILED';

export interface ReadValue {
  value: Primitive;
  check: Check;
  reason?: ReviewReason;
}

export type Reader = (text: string) => ReadValue;

const failed = (reason: ReviewReason): ReadValue => ({ value: null, check: 'FAILED', reason });

export const asText: Reader = (text) => ({ value: text.trim() || null, check: 'TEXT' });

/** A person's or company's name: letters, never an ID number or a date (those mean a column was misread). */
export const asName: Reader = (text) => {
  const value = text.trim() || null;
  if (!value || !/\p{L}/u.test(value) || /\d{5,}|\d{1,2}\/\d{1,2}\/\d{4}/.test(value)) return { value, check: 'FAILED', reason: 'IMPLAUSIBLE_TEXT' };
  return { value, check: 'TEXT' };
};

export const asDate: Reader = (text) => {
  const iso = parseDate(text);
  return iso ? { value: iso, check: 'VALID' } : failed('INVALID_DATE');
};

export const asDeedNumber: Reader = (text) =>
  /^\d{1,7}\/\d{2,4}(?:\/\d{1,4})?$/.test(text.trim()) ? { value: text.trim(), check: 'VALID' } : { value: text.trim() || null, check: 'FAILED', reason: 'NUMBER_UNREADABLE' };

export const asDecimal: Reader = (text) => {
  const value = parseDecimal(text);
  return value === null ? failed('NUMBER_UNREADABLE') : { value, check: 'VALID' };
};

export const asCount: Reader = (text) => (/^\d{1,5}$/.test(text.trim()) ? { value: Number(text.trim()), check: 'VALID' } : failed('NUMBER_UNREADABLE'));

export const asShare: Reader = (text) => {
  const share = parseShare(text);
  return share && share.num > 0n && share.num <= share.den ? { value: shareText(share), check: 'VALID' } : failed('SHARE_UNREADABLE');
};

/** A sum as printed ("₪ 1,305,000", "1,305,000 ש"ח") in agorot. */
export const asAmount: Reader = (text) => {
  const agorot = parseAgorot(text.replace(/₪|ש"ח|שקלים|ש״ח/g, '').trim());
  return agorot === null ? failed('AMOUNT_UNREADABLE') : { value: agorot, check: 'VALID' };
};

export const asRank: Reader = (text) => {
  const rank = parseRank(text);
  return typeof rank === 'number' ? { value: rank, check: 'VALID' } : failed('NUMBER_UNREADABLE');
};

export const asBylaws: Reader = (text) => {
  if (/מוסכם/.test(text)) return { value: 'AGREED', check: 'VALID' };
  if (/מצוי/.test(text)) return { value: 'STANDARD', check: 'VALID' };
  return { value: text.trim(), check: 'FAILED', reason: 'UNPLACED_TEXT' };
};

export const asIdType: Reader = (text) => {
  const type = idTypeOf(text);
  return type === 'OTHER' ? { value: text.trim(), check: 'FAILED', reason: 'ID_TYPE_UNKNOWN' } : { value: type, check: 'VALID' };
};

/** An identity or company number, checked against its check digit when its type has one. */
export function asIdNumber(idTypeText: string | undefined): Reader {
  return (text) => {
    const digits = text.replace(/[\s-]/g, '');
    if (!/^\d{1,9}$/.test(digits)) return { value: text.trim() || null, check: 'FAILED', reason: 'NUMBER_UNREADABLE' };
    const type = idTypeOf(idTypeText ?? '');
    if (!hasCheckDigit(type)) return { value: digits, check: 'TEXT' };
    return isValidIsraeliId(digits) ? { value: digits, check: 'VALID' } : { value: digits, check: 'FAILED', reason: 'INVALID_ID_CHECK_DIGIT' };
  };
}
