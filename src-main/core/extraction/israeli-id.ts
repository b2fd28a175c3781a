// Israeli identity numbers (and company numbers, which use the same scheme): nine digits, the last a
// check digit. Weights 1,2,1,2,... from the left; a product above 9 counts as the sum of its digits;
// the total must be a multiple of 10. Shorter numbers are padded with leading zeros.

/** True when `id` is 1..9 digits (spaces and dashes ignored) whose check digit is right. */
export function isValidIsraeliId(id: string): boolean {
  const digits = id.replace(/[\s-]/g, '');
  if (!/^\d{1,9}$/.test(digits) || /^0+$/.test(digits)) return false;
  const padded = digits.padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const product = Number(padded[i]) * (i % 2 === 0 ? 1 : 2);
    sum += product > 9 ? product - 9 : product;
  }
  return sum % 10 === 0;
}

/** The check digit that completes the first eight digits (used by the test fixtures). */
export function israeliIdCheckDigit(firstEight: string): number {
  for (let d = 0; d <= 9; d++) if (isValidIsraeliId(`${firstEight.padStart(8, '0')}${d}`)) return d;
  throw new Error('unreachable');
}

export type IdType = 'ID' | 'COMPANY' | 'PASSPORT' | 'ASSOCIATION' | 'OTHER';

/** The kind of identifier from the registry's wording (ת.ז, ח.פ, דרכון, ...). */
export function idTypeOf(text: string): IdType {
  const plain = text.replace(/["'.\s]/g, '');
  if (/^(תז|תעודתזהות|זהות)$/.test(plain)) return 'ID';
  if (/^(חפ|חברה|ח\.?צ|מספרחברה)$/.test(plain)) return 'COMPANY';
  if (/^דרכון/.test(plain)) return 'PASSPORT';
  if (/^(ער|עמותה|אגודה)$/.test(plain)) return 'ASSOCIATION';
  return 'OTHER';
}

/** Whether the check digit applies: identity and company numbers. */
export const hasCheckDigit = (type: IdType): boolean => type === 'ID' || type === 'COMPANY';
