// Israeli ID numbers (teudat zehut) carry a check digit (DOMAIN.md "Reading a land-registry extract").
//
// The algorithm: left-pad to 9 digits with zeros; multiply the digits alternately by 1, 2, 1, 2, ...
// from the left; when a product has two digits, add them (equivalently subtract 9); the number is
// valid when the total is a multiple of 10. Example: 123456782 ->
//   1*1=1, 2*2=4, 3*1=3, 4*2=8, 5*1=5, 6*2=12->3, 7*1=7, 8*2=16->7, 2*1=2; total 40 -> valid.

/** The ID's digits: spaces and hyphens removed ('12345678-2' -> '123456782'); null when not 1-9 digits. */
export function normalizeIsraeliId(value: string): string | null {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{1,9}$/.test(digits) ? digits.padStart(9, '0') : null;
}

/** The check-digit sum of a 9-digit string. */
function checkSum(nineDigits: string): number {
  let total = 0;
  for (let i = 0; i < 9; i += 1) {
    const product = Number(nineDigits[i]) * (i % 2 === 0 ? 1 : 2);
    total += product > 9 ? product - 9 : product;
  }
  return total;
}

/** True when the value is a well-formed Israeli ID number with a correct check digit (all zeros is not). */
export function isValidIsraeliId(value: string): boolean {
  const digits = normalizeIsraeliId(value);
  if (digits === null || /^0+$/.test(digits)) return false;
  return checkSum(digits) % 10 === 0;
}

/** The check digit that completes the first 8 digits (left-padded), e.g. '12345678' -> 2. */
export function israeliIdCheckDigit(firstDigits: string): number | null {
  if (!/^\d{1,8}$/.test(firstDigits)) return null;
  const sum = checkSum(`${firstDigits.padStart(8, '0')}0`);
  return (10 - (sum % 10)) % 10;
}
