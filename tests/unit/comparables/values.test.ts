import { describe, expect, it } from 'vitest';
import {
  parseAreaHundredths,
  parseBlockParcel,
  parseBuildYear,
  parseDate,
  parseParking,
  parsePartialShare,
  parsePriceAgorot,
  parseRoomsTenths,
  splitAddress,
  type Parsed,
} from '../../../src-shared/domain/comparables/values.ts';

const value = <T>(parsed: Parsed<T>): T => {
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
const failure = <T>(parsed: Parsed<T>): string => {
  if (parsed.ok) throw new Error(`expected a failure, got ${JSON.stringify(parsed.value)}`);
  return parsed.message;
};

describe('comparables value parsers', () => {
  it('reads dd/mm/yyyy day first, other separators, two-digit years and ISO dates', () => {
    expect(value(parseDate('15/01/2024'))).toBe('2024-01-15');
    expect(value(parseDate('5/1/2024'))).toBe('2024-01-05');
    expect(value(parseDate('03/04/2024'))).toBe('2024-04-03'); // never month first
    expect(value(parseDate('15.01.2024'))).toBe('2024-01-15');
    expect(value(parseDate('15-01-24'))).toBe('2024-01-15');
    expect(value(parseDate('15/01/85'))).toBe('1985-01-15');
    expect(value(parseDate('2024-01-15'))).toBe('2024-01-15');
    expect(value(parseDate('2024-01-15T00:00:00'))).toBe('2024-01-15');
    expect(value(parseDate('2024-01-15T00:00:00.000Z'))).toBe('2024-01-15');
    expect(value(parseDate('\u200e15/01/2024 10:30'))).toBe('2024-01-15');
    expect(value(parseDate('29/02/2024'))).toBe('2024-02-29');
  });

  it('refuses dates that are not dates', () => {
    expect(failure(parseDate('31/02/2024'))).toMatch(/not a valid date/);
    expect(failure(parseDate('15/13/2024'))).toMatch(/not a valid date/);
    expect(failure(parseDate('אתמול'))).toMatch(/not a date/);
    expect(failure(parseDate('45306'))).toMatch(/not a date/);
    expect(failure(parseDate('15/01/1700'))).toMatch(/out of range/);
  });

  it('converts prices to agorot exactly, with thousands separators, currency signs and decimals', () => {
    expect(value(parsePriceAgorot('2850000'))).toBe(285_000_000);
    expect(value(parsePriceAgorot('2,850,000'))).toBe(285_000_000);
    expect(value(parsePriceAgorot('₪1,950,000'))).toBe(195_000_000);
    expect(value(parsePriceAgorot('1,950,000 ש"ח'))).toBe(195_000_000);
    expect(value(parsePriceAgorot('\u202a2,850,000.50\u202c'))).toBe(285_000_050);
    expect(value(parsePriceAgorot('0.29'))).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(value(parsePriceAgorot('1234567.005'))).toBe(123_456_701); // half up
    expect(value(parsePriceAgorot('99999999999.99'))).toBe(9_999_999_999_999);
    expect(failure(parsePriceAgorot('-2,850,000'))).toMatch(/negative/);
    expect(failure(parsePriceAgorot('כ-3 מיליון'))).toMatch(/not a number/);
    expect(failure(parsePriceAgorot('0'))).toMatch(/zero/);
    expect(failure(parsePriceAgorot('2,85,000'))).toMatch(/not a number/);
  });

  it('converts areas to hundredths of a sqm and rooms to tenths in half-room steps', () => {
    expect(value(parseAreaHundredths('85.5'))).toBe(8550);
    expect(value(parseAreaHundredths('142.3 מ"ר'))).toBe(14230);
    expect(value(parseAreaHundredths('85,5'))).toBe(8550); // decimal comma
    expect(value(parseAreaHundredths('1,250'))).toBe(125_000); // thousands
    expect(value(parseAreaHundredths('0.30000000000000004'))).toBe(30); // an XLSX float artefact
    expect(failure(parseAreaHundredths('שמונים'))).toMatch(/not a number/);
    expect(failure(parseAreaHundredths('0'))).toMatch(/zero/);
    expect(value(parseRoomsTenths('3.5'))).toBe(35);
    expect(value(parseRoomsTenths('4'))).toBe(40);
    expect(failure(parseRoomsTenths('3.3'))).toMatch(/steps of 0.5/);
    expect(failure(parseRoomsTenths('3.55'))).toMatch(/steps of 0.5/);
    expect(failure(parseRoomsTenths('0'))).toMatch(/believable/);
  });

  it('reads parking as a count or yes/no, and a believable year of construction', () => {
    expect(value(parseParking('2'))).toBe(2);
    expect(value(parseParking('יש'))).toBe(1);
    expect(value(parseParking('אין'))).toBe(0);
    expect(failure(parseParking('1.5'))).toMatch(/parking/);
    expect(value(parseBuildYear('2010'))).toBe(2010);
    expect(failure(parseBuildYear('210'))).toMatch(/believable/);
    expect(failure(parseBuildYear('שנות ה-70'))).toMatch(/not a year/);
  });

  it('splits block/parcel/sub-parcel written in one cell', () => {
    expect(value(parseBlockParcel('9905/88/8'))).toEqual({ block: '9905', parcel: '88', subparcel: '8' });
    expect(value(parseBlockParcel('6158-123-4'))).toEqual({ block: '6158', parcel: '123', subparcel: '4' });
    expect(value(parseBlockParcel('6158 / 123'))).toEqual({ block: '6158', parcel: '123', subparcel: null });
    expect(value(parseBlockParcel('\u20666158/123/4\u2069'))).toEqual({ block: '6158', parcel: '123', subparcel: '4' });
    expect(value(parseBlockParcel('גוש 6158 חלקה 123 תת חלקה 4'))).toEqual({ block: '6158', parcel: '123', subparcel: '4' });
    expect(value(parseBlockParcel('06158/0123/04'))).toEqual({ block: '6158', parcel: '123', subparcel: '4' });
    expect(value(parseBlockParcel('6158'))).toEqual({ block: '6158', parcel: null, subparcel: null });
    expect(failure(parseBlockParcel('6158/123/4/9'))).toMatch(/not a block\/parcel\/sub-parcel/);
    expect(failure(parseBlockParcel('ליד הפארק'))).toMatch(/expected e.g. 9905\/88\/8/);
  });

  it('reads the share a partial deal sold; the whole property is no share', () => {
    expect(value(parsePartialShare('1/2'))).toBe('1/2');
    expect(value(parsePartialShare('50%'))).toBe('50%');
    expect(value(parsePartialShare('0.25'))).toBe('0.25');
    expect(value(parsePartialShare('1'))).toBeNull();
    expect(value(parsePartialShare('100%'))).toBeNull();
    expect(value(parsePartialShare('שלם'))).toBeNull();
    expect(failure(parsePartialShare('3/2'))).toMatch(/between 0 and 1/);
  });

  it('splits an address into street, house number and city', () => {
    expect(splitAddress('רחוב הרצל 123, תל אביב')).toEqual({ street: 'הרצל', houseNumber: '123', city: 'תל אביב' });
    expect(splitAddress("רח' ביאליק 12א, רמת גן")).toEqual({ street: 'ביאליק', houseNumber: '12א', city: 'רמת גן' });
    expect(splitAddress('שדרות רוטשילד 5')).toEqual({ street: 'שדרות רוטשילד', houseNumber: '5', city: null });
    expect(splitAddress('12 Herzl St, Haifa')).toEqual({ street: 'Herzl St', houseNumber: '12', city: 'Haifa' });
  });
});

describe('numbers as people write them', () => {
  it.each([
    ['₪ 2,600,000', 260_000_000],
    ['2,600,000 ₪', 260_000_000],
    ['₪2,600,000', 260_000_000],
    ['2.600.000', 260_000_000],
    ['2.600.000,50 ₪', 260_000_050],
    ['2.600,50', 260_050],
    ['2 600 000', 260_000_000],
    ['2\u00a0600\u00a0000 ש"ח', 260_000_000],
    ["2'600'000", 260_000_000],
    ['2.6M', 260_000_000],
    ['₪2.6m', 260_000_000],
    ['2.65 מיליון', 265_000_000],
    ['2.65 מיליון ₪', 265_000_000],
    ["3 מ'", 300_000_000],
    ['850K', 85_000_000],
    ['850 אלף', 85_000_000],
    ['1.2345678M', 123_456_780],
    ['? 2,600,000', 260_000_000], // ₪ lost to '?' in a file saved without Hebrew
    ['2,600,000 ?', 260_000_000],
  ])('reads the price %s exactly', (raw, agorot) => {
    expect(value(parsePriceAgorot(raw))).toBe(agorot);
  });

  it.each([
    ['-2,600,000', 'NEGATIVE'],
    ['2,600,000-', 'NEGATIVE'], // the minus an RTL sheet shows at the end
    ['₪ -2,600,000', 'NEGATIVE'],
    ['(2,600,000)', 'NEGATIVE'],
    ['-2.6M', 'NEGATIVE'],
    ['0', 'PRICE_ZERO'],
    ['₪ 0.00', 'PRICE_ZERO'],
    ['0M', 'PRICE_ZERO'],
    ['כ-3 מיליון', 'NOT_A_NUMBER'],
    ['2.6MM', 'NOT_A_NUMBER'],
    ['??', 'NOT_A_NUMBER'],
  ])('refuses the price %s with the reason %s', (raw, code) => {
    const parsed = parsePriceAgorot(raw);
    expect(parsed.ok ? 'accepted' : parsed.code).toBe(code);
    if (!parsed.ok && 'text' in parsed.params) expect(parsed.params.text).toBe(raw); // the cell as the user wrote it
  });

  it.each([
    ['85.5 מ"ר', 8550],
    ['85.5 מ״ר', 8550],
    ['85,5 מ"ר', 8550],
    ['120 sqm', 12000],
    ['120 sq m', 12000],
    ['120m²', 12000],
    ['1,250.75', 125075],
  ])('reads the area %s', (raw, hundredths) => {
    expect(value(parseAreaHundredths(raw))).toBe(hundredths);
  });

  it('refuses a zero or negative area, and reads no multiplier in an area', () => {
    expect(parseAreaHundredths('0 מ"ר')).toMatchObject({ ok: false, code: 'AREA_ZERO' });
    expect(parseAreaHundredths('-85')).toMatchObject({ ok: false, code: 'NEGATIVE' });
    expect(parseAreaHundredths('85K')).toMatchObject({ ok: false, code: 'NOT_A_NUMBER' });
  });
});
