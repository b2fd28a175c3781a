// The checks each printed value of an extract passes before it is trusted (tabu-values.ts).
import { describe, expect, it } from 'vitest';
import { asAmount, asDate, asDeedNumber, asIdNumber, asIdType, asName, asRank, asShare } from '../../../src-main/core/extraction/tabu-values.ts';

describe('values of an extract', () => {
  it('reads sums with the shekel sign to agorot, and refuses what is not a sum', () => {
    expect(asAmount('₪ 1,305,000')).toEqual({ value: 130500000, check: 'VALID' });
    expect(asAmount('1,305,000.50 ש"ח')).toEqual({ value: 130500050, check: 'VALID' });
    expect(asAmount('₪ 1,305,00O')).toMatchObject({ value: null, check: 'FAILED', reason: 'AMOUNT_UNREADABLE' });
  });

  it('reads shares and the whole, refusing a share above the whole or of nothing', () => {
    expect(asShare('בשלמות')).toEqual({ value: '1/1', check: 'VALID' });
    expect(asShare('104/5975').value).toBe('104/5975');
    expect(asShare('3/2')).toMatchObject({ check: 'FAILED', reason: 'SHARE_UNREADABLE' });
    expect(asShare('0/4')).toMatchObject({ check: 'FAILED' });
  });

  it('checks identity and company numbers by their check digit, per their printed type', () => {
    expect(asIdNumber('ת.ז')('034587121')).toEqual({ value: '034587121', check: 'VALID' });
    expect(asIdNumber('חברה')('520123456')).toEqual({ value: '520123456', check: 'VALID' });
    expect(asIdNumber('ת.ז')('204815931')).toEqual({ value: '204815931', check: 'FAILED', reason: 'INVALID_ID_CHECK_DIGIT' });
    expect(asIdNumber('דרכון')('12345678')).toEqual({ value: '12345678', check: 'TEXT' });
    expect(asIdType('חברה').value).toBe('COMPANY');
    expect(asIdType('ישראלי')).toMatchObject({ check: 'FAILED', reason: 'ID_TYPE_UNKNOWN' });
  });

  it('refuses a name that holds an ID number or a date (a misread column)', () => {
    expect(asName('ישראלי ישראל')).toEqual({ value: 'ישראלי ישראל', check: 'TEXT' });
    expect(asName('ישראלי 034587121')).toMatchObject({ check: 'FAILED', reason: 'IMPLAUSIBLE_TEXT' });
    expect(asName('01/02/2015 ישראלי')).toMatchObject({ check: 'FAILED' });
  });

  it('checks dates exist, deed numbers have their form, ranks are ordinals', () => {
    expect(asDate('29/02/2024').value).toBe('2024-02-29');
    expect(asDate('30/02/2024')).toMatchObject({ check: 'FAILED', reason: 'INVALID_DATE' });
    expect(asDeedNumber('12345/2015/1').check).toBe('VALID');
    expect(asDeedNumber('על כל הבעלים').check).toBe('FAILED');
    expect(asRank('שנייה').value).toBe(2);
    expect(asRank('ראשונה ושנייה')).toMatchObject({ check: 'FAILED' });
  });
});
