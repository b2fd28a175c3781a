import { describe, expect, it } from 'vitest';
import { decideDateOrder, parseDateIn, readingsOf } from '../../../src-shared/domain/comparables/dates.ts';
import { previewImport } from '../../../src-shared/domain/comparables/preview.ts';

const cells = (...raws: string[]) => raws.map((raw, i) => ({ rowNumber: i + 2, raw }));
const HEADER = ['תאריך עסקה', 'כתובת', 'מחיר'];
const dates = (preview: ReturnType<typeof previewImport>) => preview.rows.map((r) => r.values.dealDate);

describe('date order of a comparables file', () => {
  it('reads every cell both ways, and fixed forms one way', () => {
    expect(readingsOf('04/06/2024')).toEqual({ kind: 'ordered', dmy: '2024-06-04', mdy: '2024-04-06' });
    expect(readingsOf('9/18/2024')).toEqual({ kind: 'ordered', dmy: null, mdy: '2024-09-18' });
    expect(readingsOf('18.9.24')).toEqual({ kind: 'ordered', dmy: '2024-09-18', mdy: null });
    expect(readingsOf('18-09-2024')).toEqual({ kind: 'ordered', dmy: '2024-09-18', mdy: null });
    expect(readingsOf('2024-09-18')).toEqual({ kind: 'fixed', iso: '2024-09-18' });
    expect(readingsOf('45553', { excelSerials: true })).toEqual({ kind: 'fixed', iso: '2024-09-18' });
    expect(readingsOf('45553')).toEqual({ kind: 'invalid', text: '45553' }); // a number in a CSV is not a date
    expect(readingsOf('18/09-2024')).toEqual({ kind: 'invalid', text: '18/09-2024' }); // mixed separators
  });

  it('reads dates written with the month\'s name in English or Hebrew, which need no order', () => {
    expect(readingsOf('18-Sep-24')).toEqual({ kind: 'fixed', iso: '2024-09-18' });
    expect(readingsOf('4 Jun 2024')).toEqual({ kind: 'fixed', iso: '2024-06-04' });
    expect(readingsOf('Jun 4, 2024')).toEqual({ kind: 'fixed', iso: '2024-06-04' });
    expect(readingsOf('4 ביוני 2024')).toEqual({ kind: 'fixed', iso: '2024-06-04' });
    expect(readingsOf('18-ספט-24')).toEqual({ kind: 'fixed', iso: '2024-09-18' });
    expect(readingsOf('1 במרץ 2025')).toEqual({ kind: 'fixed', iso: '2025-03-01' });
    expect(readingsOf('31 Jun 2024')).toEqual({ kind: 'invalid', text: '31 Jun 2024' });
    expect(readingsOf('4 בשבט 2024')).toEqual({ kind: 'invalid', text: '4 בשבט 2024' }); // Hebrew calendar: not read
    expect(parseDateIn('31 Jun 2024', null)).toMatchObject({ ok: false, code: 'INVALID_DATE' });
  });

  it('lets a value only month-first can read decide the whole file (the issue\'s export)', () => {
    const decision = decideDateOrder(cells('3/11/2024', '9/18/2024', '04/06/2024', '2/20/2025', '01/02/2025'), null);
    expect(decision).toMatchObject({ order: 'MDY', basis: 'FILE' });
    expect(decision.samples).toEqual([
      { rowNumber: 2, raw: '3/11/2024', dmy: '2024-11-03', mdy: '2024-03-11' },
      { rowNumber: 4, raw: '04/06/2024', dmy: '2024-06-04', mdy: '2024-04-06' },
    ]);
    const preview = previewImport([HEADER, ['3/11/2024', 'הרצל 1, חולון', '2600000'], ['9/18/2024', 'הרצל 2, חולון', '2700000'], ['04/06/2024', 'הרצל 3, חולון', '2500000'], ['2/20/2025', 'הרצל 4, חולון', '2800000'], ['01/02/2025', 'הרצל 5, חולון', '2650000']]);
    expect(preview.dateOrder.order).toBe('MDY');
    expect(dates(preview)).toEqual(['2024-03-11', '2024-09-18', '2024-04-06', '2025-02-20', '2025-01-02']);
    expect(preview.invalidCount).toBe(0);
  });

  it('lets a value only day-first can read decide the file', () => {
    const preview = previewImport([HEADER, ['04/06/2024', 'הרצל 3, חולון', '2500000'], ['18.09.24', 'הרצל 2, חולון', '2700000'], ['2024-01-15', 'הרצל 1, חולון', '2600000']]);
    expect(preview.dateOrder).toMatchObject({ order: 'DMY', basis: 'FILE' });
    expect(dates(preview)).toEqual(['2024-06-04', '2024-09-18', '2024-01-15']);
  });

  it('asks when every date reads both ways, and reads nothing until the user chooses', () => {
    const rows = [HEADER, ['04/06/2024', 'הרצל 3, חולון', '2500000'], ['01/02/2025', 'הרצל 2, חולון', '2700000'], ['05/05/2024', 'הרצל 1, חולון', '2600000']];
    const asked = previewImport(rows);
    expect(asked.dateOrder).toEqual({
      order: null,
      basis: 'ASK',
      samples: [
        { rowNumber: 2, raw: '04/06/2024', dmy: '2024-06-04', mdy: '2024-04-06' },
        { rowNumber: 3, raw: '01/02/2025', dmy: '2025-02-01', mdy: '2025-01-02' },
      ],
    });
    expect(dates(asked)).toEqual([null, null, '2024-05-05']); // 5/5 reads the same both ways
    expect(asked.rows[0]?.errors.map((e) => e.code)).toEqual(['DATE_ORDER_UNDECIDED']);
    expect(asked.validCount).toBe(1);

    const monthFirst = previewImport(rows, { dateOrder: 'MDY' });
    expect(monthFirst.dateOrder).toMatchObject({ order: 'MDY', basis: 'USER' });
    expect(dates(monthFirst)).toEqual(['2024-04-06', '2025-01-02', '2024-05-05']);
    expect(dates(previewImport(rows, { dateOrder: 'DMY' }))).toEqual(['2024-06-04', '2025-02-01', '2024-05-05']);
  });

  it('asks when the file mixes both orders, and refuses the values the chosen order cannot read', () => {
    const rows = [HEADER, ['18/09/2024', 'הרצל 3, חולון', '2500000'], ['9/18/2024', 'הרצל 2, חולון', '2700000']];
    expect(previewImport(rows).dateOrder).toEqual({
      order: null,
      basis: 'MIXED',
      samples: [
        { rowNumber: 2, raw: '18/09/2024', dmy: '2024-09-18', mdy: null },
        { rowNumber: 3, raw: '9/18/2024', dmy: null, mdy: '2024-09-18' },
      ],
    });
    const chosen = previewImport(rows, { dateOrder: 'DMY' });
    expect(dates(chosen)).toEqual(['2024-09-18', null]);
    expect(chosen.rows[1]?.errors[0]).toMatchObject({ code: 'INVALID_DATE', message: "'9/18/2024' is not a valid date (day/month/year)" });
  });

  it('needs no choice when no date depends on the order', () => {
    expect(decideDateOrder(cells('2024-01-15', '05/05/2024', '45306'), null, { excelSerials: true })).toEqual({ order: null, basis: 'NONE', samples: [] });
    expect(parseDateIn('45306', null, { excelSerials: true })).toEqual({ ok: true, value: '2024-01-15' });
    expect(parseDateIn('31/31/2024', 'DMY')).toMatchObject({ ok: false, code: 'INVALID_DATE' });
  });
});
