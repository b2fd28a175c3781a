// The preflight before READY and SIGNED (DOMAIN.md "The report": it blocks signing while required data
// is missing — address, visit and valuation dates, block/parcel, registered and built area, ownership,
// at least 3 comparables or a stated reason — plus the wizard's step 1 required fields).
//
// Each issue names the field it links to, so the UI can jump there: 'step1Data.street', 'block',
// 'meta.registeredAreaSqm', 'ownership.1.idNumber', 'comparables.2', 'calculation.vat', ...
// A hard stop lists the target statuses it blocks; a warning blocks nothing and is shown before
// the user confirms.
//
// Which hard stop blocks what:
//   - every missing or invalid required datum, a missing or failing calculation, and too few
//     comparables without a stated reason block both READY and SIGNED (READY means "ready to sign");
//   - STALE_VALUE (the stored final value differs from the value the calculation gives now) blocks
//     SIGNED only: the report must sign exactly what computeValuation returns.
//
// Where the data is read (the stored shapes, read defensively since drafts are partial):
//   step1Data.*            step 1 (its required fields, and step1Data.visitDate — see the report)
//   addressFull, block, parcel   the valuation row
//   meta.registeredAreaSqm, meta.builtAreaSqm   decimal texts in sqm
//   context.owners         the confirmed ownership, meta.legal.owners (step 3; src-shared/domain/legal/facts.ts)
//   context.rightsType     the confirmed type of rights, meta.legal.rightsType
//   context.calculation    the outcome of computeValuation for this valuation
//   context.fewComparablesReason   the appraiser's reason for fewer than 3 comparables
import { MIN_COMPARABLES } from '../calculation/comparables.ts';
import { isIsoDate } from '../calculation/dates.ts';
import { sqmTextToHundredths } from '../calculation/decimal.ts';
import type { CalculationWarning } from '../calculation/issues.ts';
import type { ValuationOutcome } from '../calculation/valuation.ts';
import { isValidIsraeliId } from './israeli-id.ts';
import { parseShare, sumShares } from './shares.ts';

export type PreflightTarget = 'READY' | 'SIGNED';
export const PREFLIGHT_TARGETS: readonly PreflightTarget[] = ['READY', 'SIGNED'];

export const PREFLIGHT_CODES = [
  // hard stops
  'REQUIRED', // a required field is empty
  'INVALID', // a required field has a value that is not valid (a date, rooms <= 0, a block that is not digits)
  'NO_OWNERS', // no ownership recorded
  'FEW_COMPARABLES', // fewer than 3 included comparables and no stated reason
  'NO_CALCULATION', // the value was not computed
  'CALCULATION_ERROR', // the calculation refuses its input (params.code: the calculation's error code)
  'STALE_VALUE', // the stored final value differs from the computed one (blocks SIGNED)
  // warnings
  'FEW_COMPARABLES_WITH_REASON',
  'OUTLIER',
  'SHARES_NOT_WHOLE', // the owners' shares do not sum to exactly 1
  'INVALID_SHARE',
  'INVALID_ID_NUMBER', // an Israeli ID number with a wrong check digit
  'VAT_NOT_STATED',
  'DATES_OUT_OF_ORDER', // the valuation or visit date after the report date
  'VISIT_AFTER_VALUATION_DATE', // the visit is after the determining date: the appraiser did not see the property as valued
  'AREA_MISMATCH', // the main area the calculation uses differs from the registered or built area by more than 10 %
  'RIGHTS_TYPE_MISSING', // the type of rights (ownership, lease, ...) was not stated
  'CALCULATION_WARNING', // any other calculation warning (params.code: its code)
] as const;
export type PreflightCode = (typeof PREFLIGHT_CODES)[number];

export interface Issue {
  code: PreflightCode;
  /** i18n key of the message: 'preflight.<code in camelCase>', e.g. 'preflight.noOwners'. */
  messageKey: string;
  /** The field the issue links to (dotted path). */
  field: string;
  params: Readonly<Record<string, string | number | boolean>>;
  /** The statuses this issue blocks; empty for a warning. */
  blocks: readonly PreflightTarget[];
}

export interface PreflightResult {
  hardStops: Issue[];
  warnings: Issue[];
}

/** The valuation as stored (row fields and JSON columns, possibly partial). */
export interface PreflightValuation {
  addressFull?: string | null;
  block?: string | null;
  parcel?: string | null;
  subparcel?: string | null;
  meta?: unknown;
  step1Data?: unknown;
  comparableData?: unknown;
  finalValuationAgorot?: number | null;
}

export const OWNER_ID_TYPES = ['ISRAELI_ID', 'PASSPORT', 'COMPANY', 'OTHER'] as const;
export type OwnerIdType = (typeof OWNER_ID_TYPES)[number];

export interface OwnerInput {
  name?: string | null;
  /** Absent: treated as an Israeli ID when the number is 1-9 digits. */
  idType?: OwnerIdType | null;
  idNumber?: string | null;
  /** '1/2', '104/5975', 'whole', 'בשלמות'. */
  share?: string | null;
}

/** The calculation's outcome, or the reasons step 4's stored data could not even be given to it. */
export type PreflightCalculation = ValuationOutcome | { ok: false; errors: readonly { code: string; path: string; params: Readonly<Record<string, string | number>> }[] };

export interface PreflightContext {
  calculation?: PreflightCalculation | null;
  owners?: readonly OwnerInput[] | null;
  /** Absent: not checked (callers that know nothing of rights); null: not stated. */
  rightsType?: string | null;
  fewComparablesReason?: string | null;
}

/** Step 1's required fields (DOMAIN.md "The 5-step wizard"), as paths inside step1Data. */
export const STEP1_REQUIRED_FIELDS = [
  'valuationType',
  'reportDate',
  'valuationDate',
  'visitDate',
  'client.name',
  'street',
  'buildingNumber',
  'city',
  'rooms',
  'floor',
  'appraiserName',
  'appraiserLicense',
] as const;

const BOTH: readonly PreflightTarget[] = ['READY', 'SIGNED'];
const SIGNED_ONLY: readonly PreflightTarget[] = ['SIGNED'];
const NONE: readonly PreflightTarget[] = [];

const camel = (code: string) => code.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const issue = (code: PreflightCode, field: string, blocks: readonly PreflightTarget[], params: Issue['params'] = {}): Issue => ({
  code,
  messageKey: `preflight.${camel(code)}`,
  field,
  params,
  blocks,
});

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const at = (record: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), record);
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : '');

const DATE_FIELDS = new Set(['reportDate', 'valuationDate', 'visitDate']);

function checkStep1(step1: unknown, out: Issue[]): void {
  for (const path of STEP1_REQUIRED_FIELDS) {
    const field = `step1Data.${path}`;
    const value = at(step1, path);
    const shown = text(value);
    if (!shown) {
      out.push(issue('REQUIRED', field, BOTH));
    } else if (DATE_FIELDS.has(path) && !isIsoDate(shown)) {
      out.push(issue('INVALID', field, BOTH, { value: shown }));
    } else if (path === 'rooms' && !(Number(shown) > 0)) {
      out.push(issue('INVALID', field, BOTH, { value: shown }));
    }
  }
  if (at(step1, 'landContamination') === true && !text(at(step1, 'landContaminationNote'))) {
    out.push(issue('REQUIRED', 'step1Data.landContaminationNote', BOTH));
  }
}

function checkDates(step1: unknown, warnings: Issue[]): void {
  const report = text(at(step1, 'reportDate'));
  const valuationDate = text(at(step1, 'valuationDate'));
  const visit = text(at(step1, 'visitDate'));
  if (isIsoDate(report)) {
    for (const [path, date] of [['valuationDate', valuationDate], ['visitDate', visit]] as const) {
      if (isIsoDate(date) && date > report) warnings.push(issue('DATES_OUT_OF_ORDER', `step1Data.${path}`, NONE, { date, reportDate: report }));
    }
  }
  if (isIsoDate(visit) && isIsoDate(valuationDate) && visit > valuationDate) {
    warnings.push(issue('VISIT_AFTER_VALUATION_DATE', 'step1Data.visitDate', NONE, { visitDate: visit, valuationDate }));
  }
}

/** Share of difference beyond which the area the value rests on is questioned (issue #14). */
export const AREA_MISMATCH_RATIO = 0.1;

/**
 * The main area the calculation prices (main and safe-room lines, as measured or typed in step 4)
 * against the registered and built areas: a Garmushka polygon of 37.5 m² for an 85 m² flat is a
 * measuring mistake the appraiser must see before signing.
 */
function checkAreaAgreement(meta: unknown, calculation: PreflightCalculation | null | undefined, warnings: Issue[]): void {
  if (!calculation?.ok) return;
  const used = calculation.result.equivalentArea.lines
    .filter((line) => line.kind === 'MAIN' || line.kind === 'SAFE_ROOM')
    .reduce((sum, line) => sum + line.areaHundredths, 0);
  if (used <= 0) return;
  for (const key of ['registeredAreaSqm', 'builtAreaSqm'] as const) {
    const reference = sqmTextToHundredths(text(at(meta, key)));
    if (reference === null || reference <= 0) continue;
    const difference = Math.abs(used - reference) / reference;
    if (difference > AREA_MISMATCH_RATIO) {
      warnings.push(
        issue('AREA_MISMATCH', 'calculation.areas', NONE, {
          usedSqm: used / 100,
          reference: key === 'registeredAreaSqm' ? 'registered' : 'built',
          referenceSqm: reference / 100,
          percent: Math.round(difference * 100),
        }),
      );
    }
  }
}

function checkArea(meta: unknown, key: 'registeredAreaSqm' | 'builtAreaSqm', out: Issue[]): void {
  const field = `meta.${key}`;
  const value = text(at(meta, key));
  if (!value) out.push(issue('REQUIRED', field, BOTH));
  else {
    const hundredths = sqmTextToHundredths(value);
    if (hundredths === null || hundredths <= 0) out.push(issue('INVALID', field, BOTH, { value }));
  }
}

function checkOwners(owners: readonly OwnerInput[] | null | undefined, hardStops: Issue[], warnings: Issue[]): void {
  if (!owners || owners.length === 0) {
    hardStops.push(issue('NO_OWNERS', 'ownership', BOTH));
    return;
  }
  const shares: string[] = [];
  owners.forEach((owner, i) => {
    if (!text(owner.name)) hardStops.push(issue('REQUIRED', `ownership.${i}.name`, BOTH));
    const share = text(owner.share);
    if (!share) hardStops.push(issue('REQUIRED', `ownership.${i}.share`, BOTH));
    else if (parseShare(share) === null) warnings.push(issue('INVALID_SHARE', `ownership.${i}.share`, NONE, { share }));
    else shares.push(share);
    const id = text(owner.idNumber);
    const idType = owner.idType ?? (/^[\d\s-]{1,11}$/.test(id) ? 'ISRAELI_ID' : 'OTHER');
    if (id && idType === 'ISRAELI_ID' && !isValidIsraeliId(id)) warnings.push(issue('INVALID_ID_NUMBER', `ownership.${i}.idNumber`, NONE, { idNumber: id }));
  });
  // Only when every share parsed: a sum over some of them says nothing.
  if (shares.length === owners.length) {
    const total = sumShares(shares);
    if (total.ok && !total.isWhole) warnings.push(issue('SHARES_NOT_WHOLE', 'ownership', NONE, { sum: total.text }));
  }
}

/** Calculation warnings as preflight issues; comparables' paths stay as they are, others go under 'calculation.'. */
/** A warning's parameters that a message can show (a value it could not compute, null, is left out). */
function shownParams(params: Readonly<Record<string, unknown>>): Issue['params'] {
  return Object.fromEntries(
    Object.entries(params).filter(([, value]) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'),
  ) as Issue['params'];
}

function fromCalculationWarning(w: CalculationWarning): Issue | null {
  const field = w.path.startsWith('comparables') ? w.path : `calculation.${w.path}`;
  switch (w.code) {
    case 'FEW_COMPARABLES':
      return null; // handled with the stated reason
    case 'OUTLIER':
      return issue('OUTLIER', field, NONE, shownParams(w.params));
    case 'VAT_NOT_STATED':
      return issue('VAT_NOT_STATED', field, NONE);
    default:
      return issue('CALCULATION_WARNING', field, NONE, { code: w.code, ...shownParams(w.params) });
  }
}

function includedComparables(valuation: PreflightValuation, calculation: PreflightCalculation | null | undefined): number {
  if (calculation?.ok) return calculation.result.comparables.filter((c) => c.included).length;
  return Array.isArray(valuation.comparableData) ? valuation.comparableData.length : 0;
}

/** Every hard stop and warning of the valuation. */
export function preflight(valuation: PreflightValuation, context: PreflightContext = {}): PreflightResult {
  const hardStops: Issue[] = [];
  const warnings: Issue[] = [];
  const step1 = valuation.step1Data;

  checkStep1(step1, hardStops);
  checkDates(step1, warnings);

  if (!text(valuation.addressFull)) hardStops.push(issue('REQUIRED', 'addressFull', BOTH));
  for (const key of ['block', 'parcel'] as const) {
    const value = text(valuation[key]);
    if (!value) hardStops.push(issue('REQUIRED', key, BOTH));
    else if (!/^\d{1,6}$/.test(value) || /^0+$/.test(value)) hardStops.push(issue('INVALID', key, BOTH, { value }));
  }
  checkArea(valuation.meta, 'registeredAreaSqm', hardStops);
  checkArea(valuation.meta, 'builtAreaSqm', hardStops);
  checkOwners(context.owners, hardStops, warnings);
  if (context.rightsType === null) warnings.push(issue('RIGHTS_TYPE_MISSING', 'legal.rightsType', NONE));

  const calculation = context.calculation;
  const count = includedComparables(valuation, calculation);
  if (count < MIN_COMPARABLES) {
    const reason = text(context.fewComparablesReason);
    if (reason) warnings.push(issue('FEW_COMPARABLES_WITH_REASON', 'comparables', NONE, { count, minimum: MIN_COMPARABLES }));
    else hardStops.push(issue('FEW_COMPARABLES', 'comparables', BOTH, { count, minimum: MIN_COMPARABLES }));
  }

  if (!calculation) {
    hardStops.push(issue('NO_CALCULATION', 'calculation', BOTH));
  } else if (!calculation.ok) {
    for (const e of calculation.errors) {
      const field = e.path.startsWith('comparables') ? e.path : e.path ? `calculation.${e.path}` : 'calculation';
      hardStops.push(issue('CALCULATION_ERROR', field, BOTH, { code: e.code, ...e.params }));
    }
  } else {
    checkAreaAgreement(valuation.meta, calculation, warnings);
    for (const w of calculation.result.warnings) {
      const mapped = fromCalculationWarning(w);
      if (mapped) warnings.push(mapped);
    }
    const stored = valuation.finalValuationAgorot;
    const computed = calculation.result.roundedValueAgorot;
    if (stored !== null && stored !== undefined && stored !== computed) {
      hardStops.push(issue('STALE_VALUE', 'finalValuationAgorot', SIGNED_ONLY, { storedAgorot: stored, computedAgorot: computed }));
    }
  }
  return { hardStops, warnings };
}

export interface StatusCheck {
  target: PreflightTarget;
  allowed: boolean;
  /** The hard stops that block the target. */
  blocking: Issue[];
  /** Hard stops of a later status that do not block this one, and all warnings. */
  warnings: Issue[];
}

/** Whether the valuation may move to READY or SIGNED, with the issues that block it. */
export function checkBeforeStatus(target: PreflightTarget, valuation: PreflightValuation, context: PreflightContext = {}): StatusCheck {
  const { hardStops, warnings } = preflight(valuation, context);
  const blocking = hardStops.filter((i) => i.blocks.includes(target));
  const later = hardStops.filter((i) => !i.blocks.includes(target));
  return { target, allowed: blocking.length === 0, blocking, warnings: [...later, ...warnings] };
}
