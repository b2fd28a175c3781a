// The report model: Standard 1's sections from a valuation's data, with the figures of the one
// calculation (computeValuation), and a draft with nothing in it that still builds.
import { describe, expect, it } from 'vitest';
import { computeValuation } from '../../../src-shared/domain/calculation/valuation.ts';
import { shekelsInWords } from '../../../src-shared/domain/report/hebrew-words.ts';
import { buildReportModel, type ReportTable } from '../../../src-shared/domain/report/model.ts';
import { emptyReportSource, fullReportSource, OWNER_NAMES, TABU_EXTRACTION, WORKED_EXAMPLE_INPUT } from '../../helpers/report-fixture.ts';

const column = (table: ReportTable, label: string) => {
  const index = table.columns.findIndex((c) => c.label === label);
  expect(index, `column ${label}`).toBeGreaterThanOrEqual(0);
  return table.rows.map((row) => row.cells[index]);
};
const lastRow = (table: ReportTable) => table.rows.at(-1)?.cells ?? [];

describe('buildReportModel from a fully filled valuation (the worked example)', () => {
  const model = buildReportModel(fullReportSource());
  const outcome = computeValuation(WORKED_EXAMPLE_INPUT);
  if (!outcome.ok) throw new Error('the worked example must compute');
  const result = outcome.result;

  it('states the value computeValuation gives, in digits and in Hebrew words', () => {
    expect(result.equivalentArea.areaHundredths).toBe(16_230);
    expect(result.roundedValueAgorot).toBe(570_000_000);
    expect(model.valuation.valueDigits).toBe('5,700,000\u00a0₪');
    expect(model.valuation.valueWords).toBe(shekelsInWords(result.roundedValueAgorot));
    expect(model.valuation.valueWords).toContain('חמישה מיליון ושבע מאות אלף');
  });

  it('prints the equivalent area lines with their coefficients and the stated total', () => {
    const table = model.calculations.equivalentArea;
    expect(column(table, 'מקדם').slice(0, 2)).toEqual(['1', '0.5']);
    expect(column(table, 'שטח אקוויוולנטי (מ"ר)')).toEqual(['142.3', '20', '162.3']);
    expect(lastRow(table)[0]).toBe('סה"כ שטח אקוויוולנטי');
  });

  it('prints the appraiser\'s own intermediate figures when each area line is rounded first: 142 + 40 × 0.5 = 162, × 35,000 = 5,670,000', () => {
    const other = buildReportModel(fullReportSource({ ...WORKED_EXAMPLE_INPUT, areaLineRounding: 'WHOLE_SQM' }));
    const table = other.calculations.equivalentArea;
    expect(column(table, 'שטח מדוד (מ"ר)').slice(0, 2)).toEqual(['142.3', '40']);
    expect(column(table, 'שטח לחישוב (מ"ר)').slice(0, 2)).toEqual(['142', '40']);
    expect(column(table, 'שטח אקוויוולנטי (מ"ר)')).toEqual(['142', '20', '162']);
    const rows = other.calculations.calculation.rows.map((r) => r.cells);
    expect(rows.find((r) => r[0] === 'שטח אקוויוולנטי (מ"ר)')).toEqual(['שטח אקוויוולנטי (מ"ר)', 'שטח כל רכיב עוגל למ"ר שלם לפני הכפלתו במקדם', '162']);
    expect(rows.find((r) => r[0] === 'שווי השטח')).toEqual(['שווי השטח', '162 מ"ר × 35,000\u00a0₪', '5,670,000\u00a0₪']);
    expect(other.valuation.valueDigits).toBe('5,700,000\u00a0₪');
    // Off by default: the measured areas multiply as they are.
    expect(model.calculations.equivalentArea.columns.map((c) => c.label)).not.toContain('שטח מדוד (מ"ר)');
  });

  it('prints the calculation table step by step, ending in the rounded value and the VAT statement', () => {
    const rows = model.calculations.calculation.rows.map((r) => r.cells);
    expect(rows.find((r) => r[0] === 'מחיר למ"ר')?.[2]).toBe('35,000\u00a0₪');
    expect(rows.find((r) => r[0] === 'שווי השטח')).toEqual(['שווי השטח', '162.3 מ"ר × 35,000\u00a0₪', '5,680,500\u00a0₪']);
    expect(rows.find((r) => r[0] === 'שווי הנכס')).toEqual(['שווי הנכס', 'עיגול ל-100,000 ₪ הקרובים', '5,700,000\u00a0₪']);
    expect(rows.find((r) => r[0] === 'שטח אקוויוולנטי (מ"ר)')?.[2]).toBe('162.3');
    expect(rows.at(-1)).toEqual(['מע"מ', 'השווי כולל מע"מ.', null]);
    expect(model.calculations.unavailable).toBeNull();
  });

  it('lists the comparables with their addresses and the statistics of the calculation', () => {
    const table = model.calculations.comparables;
    expect(column(table, 'כתובת')).toEqual(['הרצל 20, רמת גן', 'ביאליק 5, רמת גן', 'הרצל 31, רמת גן']);
    expect(column(table, 'מחיר למ"ר')).toEqual(['34,000\u00a0₪', '35,000\u00a0₪', '36,000\u00a0₪']);
    const stats = Object.fromEntries(model.calculations.statistics.map((f) => [f.label, f.value]));
    expect(stats).toMatchObject({ 'מספר עסקאות שנכללו': '3', 'ממוצע מחיר מתואם למ"ר': '35,000\u00a0₪', חציון: '35,000\u00a0₪', מינימום: '34,000\u00a0₪', מקסימום: '36,000\u00a0₪' });
  });

  it('follows the input: another balcony coefficient gives another area and value', () => {
    const input = { ...WORKED_EXAMPLE_INPUT, areas: [WORKED_EXAMPLE_INPUT.areas[0]!, { kind: 'OPEN_BALCONY' as const, areaHundredths: 4_000, coefficient: '0.3' }] };
    const other = buildReportModel(fullReportSource(input));
    const computed = computeValuation(input);
    expect(computed.ok && computed.result.equivalentArea.areaHundredths).toBe(15_430);
    expect(lastRow(other.calculations.equivalentArea)[3]).toBe('154.3');
    expect(other.valuation.valueDigits).not.toBe(model.valuation.valueDigits);
    expect(other.valuation.valueDigits).toBe(computed.ok ? `${(computed.result.roundedValueAgorot / 100).toLocaleString('en-US')}\u00a0₪` : null);
  });

  it('adds fixed sums and subtracts deductions as the calculation does, and says so', () => {
    const input = {
      ...WORKED_EXAMPLE_INPUT,
      fixedSums: [{ kind: 'PARKING' as const, label: 'חניה בטאבו', amountAgorot: 15_000_000 }],
      deductions: [{ label: 'תיקון רטיבות', amountAgorot: 4_000_000 }],
    };
    const computed = computeValuation(input);
    if (!computed.ok) throw new Error('must compute');
    const other = buildReportModel(fullReportSource(input));
    const rows = other.calculations.calculation.rows.map((r) => r.cells);
    expect(rows.find((r) => r[0] === 'תוספת: חניה')).toEqual(['תוספת: חניה', 'חניה בטאבו', '+150,000\u00a0₪']);
    expect(rows.find((r) => r[0] === 'הפחתה')).toEqual(['הפחתה', 'תיקון רטיבות', '-40,000\u00a0₪']);
    expect(rows.find((r) => r[0] === 'שווי לפני עיגול')?.[2]).toBe('5,790,500\u00a0₪');
    expect(computed.result.roundedValueAgorot).toBe(580_000_000);
    expect(other.valuation.valueDigits).toBe('5,800,000\u00a0₪');
    expect(other.factors.considerations).toHaveLength(model.factors.considerations.length + 2);
  });

  it('carries the legal facts confirmed into the valuation, and the extract\'s own description', () => {
    const { legal } = model;
    expect(column(legal.owners, 'שם הבעלים')).toEqual([...OWNER_NAMES]);
    expect(column(legal.owners, 'חלק בנכס')).toEqual(['1/2', '1/2']);
    expect(column(legal.owners, 'זיהוי')).toEqual(['ת"ז 123456782', 'ת"ז 039337423']);
    expect(column(legal.mortgages, 'סכום')).toEqual(['1,950,000\u00a0₪']);
    expect(column(legal.mortgages, 'חלק')).toEqual(['בשלמות']);
    expect(column(legal.notes, 'הערה')).toEqual(['הערת אזהרה סעיף 126 לטובת בנק לאומי לישראל בע"מ']);
    expect(legal.parcel.slice(0, 4).map((f) => f.value)).toEqual(['6109', '396', '118', 'בעלות פרטית']);
    expect(legal.extract.find((f) => f.label === 'מספר נסח')?.value).toBe('88213');
    expect(legal.unit.find((f) => f.label === 'חלק ברכוש המשותף')).toEqual({ label: 'חלק ברכוש המשותף', value: '104/5975', ltr: true });
  });

  it('leaves out what the extract says when its evidence failed a check, unless the appraiser edited it', () => {
    const source = fullReportSource();
    const tabu = structuredClone(TABU_EXTRACTION) as unknown as { sections: Record<string, Record<string, Record<string, unknown>>> };
    tabu.sections.identification!.extractNumber = { ...tabu.sections.identification!.extractNumber, needsReview: true };
    tabu.sections.unitData!.commonShare = { ...tabu.sections.unitData!.commonShare, confidence: 0.45 };
    tabu.sections.unitData!.floor = { ...tabu.sections.unitData!.floor, confidence: 0.45, edited: true, value: '5' };
    const legal = buildReportModel({ ...source, extractions: { ...source.extractions, tabu } }).legal;
    expect(legal.extract.find((f) => f.label === 'מספר נסח')?.value).toBeNull();
    expect(legal.unit.find((f) => f.label === 'חלק ברכוש המשותף')?.value).toBeNull();
    expect(legal.unit.find((f) => f.label === 'קומה')?.value).toBe('5');
  });

  it('prints one plot number: the valuation\'s, even when an extraction says otherwise', () => {
    const source = fullReportSource();
    const tabu = structuredClone(TABU_EXTRACTION);
    tabu.sections.identification.parcel = { ...tabu.sections.identification.parcel, value: '999' };
    const legal = buildReportModel({ ...source, extractions: { ...source.extractions, tabu } }).legal;
    expect(legal.parcel.find((f) => f.label === 'חלקה')?.value).toBe('396');
  });

  it('fills the cover, the letter, planning and the appraiser from step 1 and the documents', () => {
    expect(model.cover).toMatchObject({ title: 'חוות דעת בעניין אומדן שווי זכויות במקרקעין', propertyType: 'דירה', address: 'רחוב הרצל 12, רמת גן' });
    expect(model.letter.addressee).toBe('עו"ד דנה לוי');
    const letter = Object.fromEntries(model.letter.fields.map((f) => [f.label, f.value]));
    expect(letter).toMatchObject({ 'מטרת חוות הדעת': 'אומדן שווי שוק', 'מועד הביקור בנכס': '30/05/2024', 'המועד הקובע לשומה': '01/06/2024' });
    expect(model.property.fields.find((f) => f.label === 'גוש/חלקה/תת חלקה')?.value).toBe('6109/396/118');
    expect(model.planning.plans?.rows[0]?.cells).toEqual(['רג/340', 'תכנית מתאר', '01/04/1985']);
    expect(column(model.planning.permits, 'מספר היתר')).toEqual(['20150432']);
    expect(model.valuation.appraiser).toEqual({ name: 'משה כהן', licence: '1234', signatureDataUrl: null });
    expect(model.footerText).toBe('כהן שמאות מקרקעין בע"מ · רחוב הברזל 3, תל אביב');
  });
});

describe('buildReportModel from an empty draft', () => {
  it('builds every section with nothing stated, without throwing', () => {
    const model = buildReportModel(emptyReportSource());
    expect(model.valuation.valueDigits).toBeNull();
    expect(model.valuation.valueWords).toBeNull();
    expect(model.valuation.appraiser).toEqual({ name: null, licence: null, signatureDataUrl: null });
    expect(model.calculations.unavailable).toBe('טרם הוזנו נתוני התחשיב.');
    expect(model.calculations.comparables.rows).toEqual([]);
    expect(model.cover.address).toBeNull();
    expect(model.cover.photo).toBeNull();
    expect(model.letter.fields.every((f) => f.value === null)).toBe(true);
    expect(model.legal.owners.rows).toEqual([]);
    expect(model.legal.parcel.every((f) => f.value === null)).toBe(true);
    expect(model.planning.plans).toBeNull();
    expect(model.footerText).toBeNull();
  });

  it('says why a calculation that cannot run has no figures', () => {
    const source = { ...emptyReportSource(), calculationInput: { ...WORKED_EXAMPLE_INPUT, comparables: [] } };
    const model = buildReportModel(source);
    expect(model.calculations.unavailable).toContain('לא נבחרו עסקאות השוואה');
    expect(model.valuation.valueDigits).toBeNull();
  });
});
