// Step 4's comparables and calculation as stored JSON, and the pure mapping between that JSON and the
// input of computeValuation. The screen, the preflight, the report and the exports all read a stored
// valuation through here, so they compute the same value from the same data (DOMAIN.md: one function).
//
// valuations.comparableData:
//   { version: 1, comparables: [{ id, libraryId?, dealDate, address, blockParcel, rooms, floor?,
//     areaHundredths, priceAgorot, included, weight, adjustments: [{ label, basisPoints }] }],
//     indexTable: { 'YYYY-MM': value }, valuationMonth, fewComparablesReason? }
// valuations.step4Data.calculation:
//   { version: 1, areaSource, manualAreas, coefficients, pricePerSqmOverrideAgorot, fixedSums,
//     deductions, rounding, vat, areaLineRounding }
// Reading is tolerant: the seed's older shape (an array of { dealDate, address, blockParcel, rooms,
// floor, areaSqm: '85.50', priceAgorot }) and any field that does not parse fall back to a default.
import { z } from 'zod';
import { areaLines, readMeasurementDocument } from '../geometry/index.ts';
import { analyzeComparables, type ComparablesAnalysis } from './comparables.ts';
import { AREA_KINDS, type AreaKind } from './coefficients.ts';
import { isIsoDate, MONTH_KEY } from './dates.ts';
import { sqmTextToHundredths, toDecimalText } from './decimal.ts';
import { AREA_LINE_ROUNDING_RULES, comparableInputSchema, FIXED_SUM_KINDS, VALUE_ROUNDING_RULES, valuationInputSchema, VAT_STATEMENTS, type ComparableInput, type ValuationInput } from './input.ts';
import { computeValuation, type ValuationOutcome } from './valuation.ts';

// ---- comparableData -------------------------------------------------------------------------------

const text = (max: number) => z.string().max(max).catch('');
const nonNegativeInt = z.number().int().nonnegative();

export const storedAdjustmentSchema = z.object({
  label: text(100),
  /** A percent in basis points: +5% is 500, -2.5% is -250. */
  basisPoints: z.number().int().catch(0),
});
export type StoredAdjustment = z.infer<typeof storedAdjustmentSchema>;

/** Legacy fields (areaSqm as decimal text, a number rooms/floor) are normalised before the schema reads them. */
function normaliseComparable(value: unknown, index: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const raw = value as Record<string, unknown>;
  const out: Record<string, unknown> = { ...raw };
  if (typeof raw.id !== 'string' || raw.id.length === 0) out.id = `c${index + 1}`;
  if (raw.areaHundredths === undefined && raw.areaSqm !== undefined) {
    const sqm = raw.areaSqm;
    out.areaHundredths = typeof sqm === 'string' ? sqmTextToHundredths(sqm) : typeof sqm === 'number' ? sqmTextToHundredths(String(sqm)) : null;
  }
  if (typeof raw.floor === 'number') out.floor = String(raw.floor);
  if (typeof raw.rooms === 'string') out.rooms = Number(raw.rooms);
  return out;
}

export const storedComparableSchema = z.object({
  id: z.string().min(1).max(100),
  /** The comparable's id in the organization's library, when it came from there. */
  libraryId: z.string().max(100).nullable().optional().catch(undefined),
  dealDate: z.string().catch(''),
  address: text(500),
  blockParcel: text(100),
  rooms: z.number().nonnegative().nullable().catch(null),
  floor: z.string().max(20).nullable().optional().catch(undefined),
  areaHundredths: nonNegativeInt.catch(0),
  priceAgorot: nonNegativeInt.catch(0),
  included: z.boolean().catch(true),
  /** A decimal weight (1 is the default; up to 4 decimals). */
  weight: z.number().nonnegative().catch(1),
  adjustments: z.array(storedAdjustmentSchema).max(50).catch([]),
});
export type StoredComparable = z.infer<typeof storedComparableSchema>;

export const comparableDataSchema = z.object({
  version: z.literal(1).catch(1),
  comparables: z.array(z.unknown()).catch([]),
  /** Home-price index by month; decimal values. */
  indexTable: z.record(z.string(), z.unknown()).catch({}),
  /** 'YYYY-MM' of the valuation date, or '' when not known. */
  valuationMonth: z.string().catch(''),
  fewComparablesReason: z.string().max(2000).optional().catch(undefined),
});

export interface ComparableData {
  version: 1;
  comparables: StoredComparable[];
  indexTable: Record<string, number>;
  valuationMonth: string;
  fewComparablesReason?: string;
}

export const emptyComparableData = (): ComparableData => ({ version: 1, comparables: [], indexTable: {}, valuationMonth: '' });

/** Whatever valuations.comparableData holds, as the current shape (never throws). */
export function readComparableData(value: unknown): ComparableData {
  if (value === null || value === undefined) return emptyComparableData();
  const wrapped = Array.isArray(value) ? { comparables: value } : value;
  const parsed = comparableDataSchema.safeParse(wrapped);
  if (!parsed.success) return emptyComparableData();
  const ids = new Set<string>();
  const comparables: StoredComparable[] = [];
  parsed.data.comparables.forEach((item, index) => {
    const one = storedComparableSchema.safeParse(normaliseComparable(item, index));
    if (!one.success) return;
    let id = one.data.id;
    while (ids.has(id)) id = `${id}-${index + 1}`;
    ids.add(id);
    comparables.push({ ...one.data, id });
  });
  const indexTable: Record<string, number> = {};
  for (const [month, raw] of Object.entries(parsed.data.indexTable)) {
    const number = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
    if (MONTH_KEY.test(month) && Number.isFinite(number) && number > 0) indexTable[month] = number;
  }
  const data: ComparableData = { version: 1, comparables, indexTable, valuationMonth: MONTH_KEY.test(parsed.data.valuationMonth) ? parsed.data.valuationMonth : '' };
  if (parsed.data.fewComparablesReason) data.fewComparablesReason = parsed.data.fewComparablesReason;
  return data;
}

// ---- step4Data.calculation ------------------------------------------------------------------------

export const AREA_SOURCES = ['GARMUSHKA', 'MANUAL'] as const;
export type AreaSource = (typeof AREA_SOURCES)[number];

const manualAreaSchema = z.object({ kind: z.enum(AREA_KINDS), areaHundredths: nonNegativeInt.catch(0), label: z.string().max(300).optional().catch(undefined) });
const fixedSumSchema = z.object({ kind: z.enum(FIXED_SUM_KINDS), label: text(300), amountAgorot: nonNegativeInt.catch(0) });
const deductionSchema = z.object({ label: text(300), amountAgorot: nonNegativeInt.catch(0) });

/** Keeps the valid items of an array, drops the rest. */
const tolerantArray = <T extends z.ZodType>(item: T) =>
  z
    .array(z.unknown())
    .catch([])
    .transform((items) => items.flatMap((value) => {
      const parsed = item.safeParse(value);
      return parsed.success ? [parsed.data as z.output<T>] : [];
    }));

export const calculationSettingsSchema = z.object({
  version: z.literal(1).catch(1),
  areaSource: z.enum(AREA_SOURCES).catch('GARMUSHKA'),
  manualAreas: tolerantArray(manualAreaSchema),
  /** Coefficient per kind as a decimal (0.5); a kind left out takes its default. */
  coefficients: z.record(z.string(), z.unknown()).catch({}).transform((record) => {
    const out: Partial<Record<AreaKind, number>> = {};
    for (const kind of AREA_KINDS) {
      const value = record[kind];
      if (typeof value === 'number' && Number.isFinite(value)) out[kind] = value;
    }
    return out;
  }),
  pricePerSqmOverrideAgorot: z.number().int().positive().nullable().catch(null),
  fixedSums: tolerantArray(fixedSumSchema),
  deductions: tolerantArray(deductionSchema),
  rounding: z.enum(VALUE_ROUNDING_RULES).catch('NEAREST_1000'),
  vat: z.enum(VAT_STATEMENTS).nullable().catch(null),
  /** Each area line in whole sqm before its coefficient; off unless the appraiser chose it (older valuations compute as before). */
  areaLineRounding: z.enum(AREA_LINE_ROUNDING_RULES).catch('NONE'),
});
export type CalculationSettings = z.output<typeof calculationSettingsSchema>;
export type ManualArea = CalculationSettings['manualAreas'][number];
export type FixedSum = CalculationSettings['fixedSums'][number];
export type Deduction = CalculationSettings['deductions'][number];

export const defaultCalculationSettings = (): CalculationSettings => calculationSettingsSchema.parse({});

/** step4Data.calculation (or anything else) as settings, defaults where it does not parse. */
export function readCalculationSettings(step4Data: unknown): CalculationSettings {
  const calculation = typeof step4Data === 'object' && step4Data !== null ? (step4Data as Record<string, unknown>).calculation : undefined;
  const parsed = calculationSettingsSchema.safeParse(calculation ?? {});
  return parsed.success ? parsed.data : defaultCalculationSettings();
}

// ---- mapping into computeValuation ----------------------------------------------------------------

export interface AreaLine {
  kind: AreaKind;
  areaHundredths: number;
  label?: string;
}

/** A problem found before the calculation runs (its codes are translated like the calculation's). */
export interface ScreenIssue {
  code: string;
  path: string;
  params: Readonly<Record<string, string | number>>;
}

export type ScreenOutcome = ValuationOutcome | { ok: false; errors: ScreenIssue[] };

/** The area lines the calculation uses: Garmushka's when chosen and present, else the typed ones. */
export function effectiveAreaLines(settings: CalculationSettings, garmushkaLines: readonly AreaLine[]): { source: AreaSource; lines: AreaLine[] } {
  if (settings.areaSource === 'GARMUSHKA' && garmushkaLines.length > 0) return { source: 'GARMUSHKA', lines: garmushkaLines.map((l) => ({ ...l })) };
  return { source: 'MANUAL', lines: settings.manualAreas.map((l) => ({ kind: l.kind, areaHundredths: l.areaHundredths, ...(l.label ? { label: l.label } : {}) })) };
}

/** The valuation date: step 1's determining date, else the first of the stored valuation month; null when neither. */
export function resolveValuationDate(step1ValuationDate: unknown, data: ComparableData): string | null {
  if (typeof step1ValuationDate === 'string' && isIsoDate(step1ValuationDate)) return step1ValuationDate;
  if (MONTH_KEY.test(data.valuationMonth)) return `${data.valuationMonth}-01`;
  return null;
}

/** A basis-point adjustment as the percent text the calculation takes (500 -> '5', -250 -> '-2.5'). */
export const basisPointsToPercent = (bp: number): string => toDecimalText(bp, 2);

export interface MappingSources {
  data: ComparableData;
  settings: CalculationSettings;
  garmushkaLines: readonly AreaLine[];
  valuationDate: string | null;
}

/** The input of computeValuation for what is stored, or the issues that keep it from running. */
export function toValuationInput({ data, settings, garmushkaLines, valuationDate }: MappingSources): { input: ValuationInput; issues: [] } | { input: null; issues: ScreenIssue[] } {
  const issues: ScreenIssue[] = [];
  if (valuationDate === null) issues.push({ code: 'NO_VALUATION_DATE', path: 'valuationDate', params: {} });
  const { lines } = effectiveAreaLines(settings, garmushkaLines);
  if (lines.length === 0) issues.push({ code: 'NO_AREAS', path: 'areas', params: {} });
  data.comparables.forEach((c, i) => {
    if (!isIsoDate(c.dealDate)) issues.push({ code: 'INVALID_DATE', path: `comparables.${i}.dealDate`, params: {} });
  });
  if (issues.length > 0 || valuationDate === null) return { input: null, issues };
  const indexTable = Object.keys(data.indexTable).length > 0 ? { ...data.indexTable } : null;
  const input: ValuationInput = {
    areas: lines.map((l) => ({ kind: l.kind, areaHundredths: l.areaHundredths, ...(l.label ? { label: l.label } : {}) })),
    coefficients: { ...settings.coefficients },
    valuationDate,
    comparables: comparableInputs(data),
    indexTable,
    pricePerSqmOverrideAgorot: settings.pricePerSqmOverrideAgorot,
    fixedSums: settings.fixedSums.map((f) => ({ kind: f.kind, amountAgorot: f.amountAgorot, ...(f.label.trim() ? { label: f.label.trim() } : {}) })),
    deductions: settings.deductions.map((d) => ({ label: d.label.trim(), amountAgorot: d.amountAgorot })),
    rounding: settings.rounding,
    vat: settings.vat,
    areaLineRounding: settings.areaLineRounding,
  };
  return { input, issues: [] };
}

function comparableInputs(data: ComparableData): ComparableInput[] {
  return data.comparables.map((c) => ({
    id: c.id,
    dealDate: c.dealDate,
    priceAgorot: c.priceAgorot,
    areaHundredths: c.areaHundredths,
    included: c.included,
    weight: c.weight,
    adjustments: c.adjustments.map((a) => ({ factor: a.label.trim() || '-', percent: basisPointsToPercent(a.basisPoints) })),
  }));
}

/**
 * The comparables' per-line prices, statistics and outlier flags by the calculation's own
 * analyzeComparables, for the comparables table even while the rest (areas, say) cannot be computed
 * yet. Null when a comparable or the index table does not parse (the calculation lists why).
 */
export function analyzeSelection(data: ComparableData, valuationDate: string | null): ComparablesAnalysis | null {
  if (valuationDate === null) return null;
  const comparables = z.array(comparableInputSchema).safeParse(comparableInputs(data));
  const indexTable = valuationInputSchema.shape.indexTable.safeParse(Object.keys(data.indexTable).length > 0 ? data.indexTable : null);
  if (!comparables.success || !indexTable.success) return null;
  return analyzeComparables(comparables.data, { valuationDate, indexTable: indexTable.data });
}

/** Stored JSON in, the one calculation's outcome out. */
export function calculate(sources: MappingSources): ScreenOutcome {
  const mapped = toValuationInput(sources);
  if (mapped.input === null) return { ok: false, errors: mapped.issues };
  return computeValuation(mapped.input);
}

/** What the valuation stores from an ok result (finalValuationAgorot, pricePerSqmAgorot). */
export function finalFigures(outcome: ScreenOutcome): { finalValuationAgorot: number; pricePerSqmAgorot: number } | null {
  if (!outcome.ok) return null;
  return { finalValuationAgorot: outcome.result.roundedValueAgorot, pricePerSqmAgorot: outcome.result.pricePerSqm.usedAgorot };
}


// ---- a stored valuation ---------------------------------------------------------------------------

/** The stored fields of a valuation the calculation reads. */
export interface StoredValuationFields {
  comparableData: unknown;
  step4Data: unknown;
  step1Data: unknown;
  garmushkaMeasurements: unknown;
}

/** Garmushka's area lines of a stored measurement document (none when there is none). */
export function garmushkaAreaLines(garmushkaMeasurements: unknown): AreaLine[] {
  const doc = readMeasurementDocument(garmushkaMeasurements);
  return doc ? areaLines(doc) : [];
}

/** Everything the calculation of a stored valuation takes, read as the screen reads it. */
export function mappingSourcesOf(valuation: StoredValuationFields): MappingSources {
  const data = readComparableData(valuation.comparableData);
  const step1 = typeof valuation.step1Data === 'object' && valuation.step1Data !== null ? (valuation.step1Data as Record<string, unknown>) : {};
  return {
    data,
    settings: readCalculationSettings(valuation.step4Data),
    garmushkaLines: garmushkaAreaLines(valuation.garmushkaMeasurements),
    valuationDate: resolveValuationDate(step1.valuationDate, data),
  };
}
