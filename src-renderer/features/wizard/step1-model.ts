// Step 1 of the wizard (DOMAIN.md "The 5-step wizard"): the form's draft, its validation and the
// step1_data it writes. Pure: no React, no API, so the rules are unit-tested on their own.
//
// The draft keeps what the user typed (rooms as text, so "3." survives while typing); toStep1Data
// turns it into the stored shape, the same one the seed writes and the search indexes read
// ($.client.name, $.city, $.street).
import type { Step1Data as SeedStep1Data } from '../../../src-shared/seed/types.ts';

export const VALUATION_TYPES = [
  'market_value',
  'real_estate_appraisal',
  'investment_value',
  'insurance_value',
  'tax_value',
  'expropriation_value',
] as const;
export type ValuationType = (typeof VALUATION_TYPES)[number];

export const CLIENT_RELATIONS = ['owner', 'client', 'potential_buyer', 'seller', 'bank', 'court', 'other'] as const;
export type ClientRelation = (typeof CLIENT_RELATIONS)[number];

export const AIR_DIRECTIONS = ['N', 'S', 'E', 'W'] as const;
export type AirDirection = (typeof AIR_DIRECTIONS)[number];

/** What the form holds while the user types; saved as is in the wizard session's stepData.step1. */
export interface Step1Draft {
  valuationType: ValuationType | '';
  /** ISO 'YYYY-MM-DD' (what <input type="date"> gives), or '' */
  reportDate: string;
  /** The determining date (valuation effective date), ISO 'YYYY-MM-DD' or ''. */
  valuationDate: string;
  /** The date the appraiser visited the property, ISO 'YYYY-MM-DD' or ''. */
  visitDate: string;
  client: { title: string; name: string; note: string; relation: ClientRelation | '' };
  street: string;
  buildingNumber: string;
  neighborhood: string;
  city: string;
  /** As typed; a number in 0.5 steps once valid. */
  rooms: string;
  floor: string;
  /** Built area in sqm as typed (optional here; the preflight needs it before READY). */
  builtAreaSqm: string;
  airDirections: AirDirection[];
  landContamination: boolean;
  landContaminationNote: string;
  appraiserName: string;
  appraiserLicense: string;
}

/** What step completion writes into valuations.step1_data. */
export interface Step1Data {
  valuationType: ValuationType;
  reportDate: string;
  valuationDate: string;
  /** The visit date; the preflight requires it before READY. */
  visitDate: string;
  client: { title: string; name: string; note?: string; relation: ClientRelation };
  street: string;
  buildingNumber: string;
  neighborhood: string;
  city: string;
  rooms: number;
  floor: string;
  /** Decimal sqm with at most two decimals, e.g. '121.5'; absent when not given. */
  builtAreaSqm?: string;
  airDirections: AirDirection[];
  landContamination: boolean;
  /** Present exactly when landContamination is true. */
  landContaminationNote?: string;
  appraiserName: string;
  appraiserLicense: string;
}

// The stored shape must stay readable by everything that reads the seed's step1_data.
type Assignable<T extends U, U> = T;
export type _Step1MatchesSeed = Assignable<Step1Data, SeedStep1Data>;

/** The element id of a step-1 field ('client.name' -> 'step1-client-name'); preflight links focus it. */
export const fieldId = (field: string) => `step1-${field.replace('.', '-')}`;

/** The form's fields in display order; also the order "complete step" searches for the first error. */
export const STEP1_FIELDS = [
  'valuationType',
  'reportDate',
  'valuationDate',
  'visitDate',
  'client.title',
  'client.name',
  'client.relation',
  'client.note',
  'street',
  'buildingNumber',
  'neighborhood',
  'city',
  'rooms',
  'floor',
  'builtAreaSqm',
  'airDirections',
  'landContamination',
  'landContaminationNote',
  'appraiserName',
  'appraiserLicense',
] as const;
export type Step1Field = (typeof STEP1_FIELDS)[number];

/** i18n keys of the messages validateStep1 returns. */
export type Step1MessageKey =
  | 'step1.errors.required'
  | 'step1.errors.invalidChoice'
  | 'step1.errors.invalidDate'
  | 'step1.errors.roomsNumber'
  | 'step1.errors.roomsPositive'
  | 'step1.errors.roomsHalfSteps'
  | 'step1.errors.roomsTooMany'
  | 'step1.errors.noteRequired'
  | 'step1.errors.tooLong'
  | 'step1.errors.invalidArea';

export type Step1Errors = Partial<Record<Step1Field, Step1MessageKey>>;

export const MAX_ROOMS = 50;
const MAX_TEXT = 300;
const MAX_NOTE = 2000;

export function emptyStep1(defaults: Partial<Pick<Step1Draft, 'appraiserName' | 'appraiserLicense' | 'reportDate'>> = {}): Step1Draft {
  return {
    valuationType: '',
    reportDate: defaults.reportDate ?? '',
    valuationDate: '',
    visitDate: '',
    client: { title: '', name: '', note: '', relation: 'client' },
    street: '',
    buildingNumber: '',
    neighborhood: '',
    city: '',
    rooms: '',
    floor: '',
    builtAreaSqm: '',
    airDirections: [],
    landContamination: false,
    landContaminationNote: '',
    appraiserName: defaults.appraiserName ?? '',
    appraiserLicense: defaults.appraiserLicense ?? '',
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '');
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | '' => (values.includes(value as T) ? (value as T) : '');

/**
 * A draft from whatever was stored: a session draft, a completed step1_data (rooms as a number) or
 * nothing. Unknown values fall back to empty, so an old or foreign shape never breaks the form.
 */
export function toStep1Draft(stored: unknown, fallback: Step1Draft = emptyStep1()): Step1Draft {
  if (!isRecord(stored)) return fallback;
  const client = isRecord(stored.client) ? stored.client : {};
  const directions = Array.isArray(stored.airDirections) ? stored.airDirections : [];
  return {
    valuationType: oneOf(VALUATION_TYPES, stored.valuationType),
    reportDate: text(stored.reportDate),
    valuationDate: text(stored.valuationDate),
    visitDate: text(stored.visitDate),
    client: {
      title: text(client.title),
      name: text(client.name),
      note: text(client.note),
      relation: oneOf(CLIENT_RELATIONS, client.relation),
    },
    street: text(stored.street),
    buildingNumber: text(stored.buildingNumber),
    neighborhood: text(stored.neighborhood),
    city: text(stored.city),
    rooms: text(stored.rooms),
    floor: text(stored.floor),
    builtAreaSqm: text(stored.builtAreaSqm),
    airDirections: AIR_DIRECTIONS.filter((d) => directions.includes(d)),
    landContamination: stored.landContamination === true,
    landContaminationNote: text(stored.landContaminationNote),
    appraiserName: text(stored.appraiserName) || fallback.appraiserName,
    appraiserLicense: text(stored.appraiserLicense) || fallback.appraiserLicense,
  };
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2200) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** 'YYYY-MM-DD' as dd/mm/yyyy, without going through a time zone. */
export function formatIsoDate(value: string): string {
  if (!isIsoDate(value)) return '';
  const [year, month, day] = value.split('-');
  return `${day}/${month}/${year}`;
}

/** The rooms text as a number, or null when it is not one. Accepts a decimal comma ("3,5"). */
export function parseRooms(value: string): number | null {
  const trimmed = value.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** Every problem of the draft, as field -> i18n key of its message. Empty when the step can be completed. */
export function validateStep1(data: Step1Draft): Step1Errors {
  const errors: Step1Errors = {};
  const required = (field: Step1Field, value: string) => {
    if (!value.trim()) errors[field] = 'step1.errors.required';
    else if (value.length > MAX_TEXT) errors[field] = 'step1.errors.tooLong';
  };
  const optional = (field: Step1Field, value: string, max = MAX_TEXT) => {
    if (value.length > max) errors[field] = 'step1.errors.tooLong';
  };

  if (!data.valuationType) errors.valuationType = 'step1.errors.required';
  else if (!VALUATION_TYPES.includes(data.valuationType)) errors.valuationType = 'step1.errors.invalidChoice';

  for (const field of ['reportDate', 'valuationDate', 'visitDate'] as const) {
    if (!data[field].trim()) errors[field] = 'step1.errors.required';
    else if (!isIsoDate(data[field])) errors[field] = 'step1.errors.invalidDate';
  }

  optional('client.title', data.client.title);
  required('client.name', data.client.name);
  if (data.client.relation && !CLIENT_RELATIONS.includes(data.client.relation)) errors['client.relation'] = 'step1.errors.invalidChoice';
  optional('client.note', data.client.note, MAX_NOTE);

  required('street', data.street);
  required('buildingNumber', data.buildingNumber);
  optional('neighborhood', data.neighborhood);
  required('city', data.city);

  const rooms = parseRooms(data.rooms);
  if (!data.rooms.trim()) errors.rooms = 'step1.errors.required';
  else if (rooms === null) errors.rooms = 'step1.errors.roomsNumber';
  else if (rooms <= 0) errors.rooms = 'step1.errors.roomsPositive';
  else if (rooms > MAX_ROOMS) errors.rooms = 'step1.errors.roomsTooMany';
  else if (!Number.isInteger(rooms * 2)) errors.rooms = 'step1.errors.roomsHalfSteps';

  required('floor', data.floor);
  if (data.builtAreaSqm.trim() && !/^\d{1,5}(\.\d{1,2})?$/.test(data.builtAreaSqm.trim())) errors.builtAreaSqm = 'step1.errors.invalidArea';
  if (data.airDirections.some((d) => !AIR_DIRECTIONS.includes(d))) errors.airDirections = 'step1.errors.invalidChoice';

  if (data.landContamination && !data.landContaminationNote.trim()) errors.landContaminationNote = 'step1.errors.noteRequired';
  else optional('landContaminationNote', data.landContaminationNote, MAX_NOTE);

  required('appraiserName', data.appraiserName);
  required('appraiserLicense', data.appraiserLicense);
  return errors;
}

/** The first invalid field in display order, for focusing it. */
export function firstInvalidField(errors: Step1Errors): Step1Field | null {
  return STEP1_FIELDS.find((field) => errors[field] !== undefined) ?? null;
}

/** The stored step1_data of a valid draft (throws on an invalid one: validate first). */
export function toStep1Data(draft: Step1Draft): Step1Data {
  const rooms = parseRooms(draft.rooms);
  if (!draft.valuationType || rooms === null || Object.keys(validateStep1(draft)).length > 0) {
    throw new Error('Step 1 is not valid yet.');
  }
  const note = draft.client.note.trim();
  const data: Step1Data = {
    valuationType: draft.valuationType,
    reportDate: draft.reportDate,
    valuationDate: draft.valuationDate,
    visitDate: draft.visitDate,
    client: {
      title: draft.client.title.trim(),
      name: draft.client.name.trim(),
      ...(note ? { note } : {}),
      relation: draft.client.relation || 'client',
    },
    street: draft.street.trim(),
    buildingNumber: draft.buildingNumber.trim(),
    neighborhood: draft.neighborhood.trim(),
    city: draft.city.trim(),
    rooms,
    floor: draft.floor.trim(),
    airDirections: AIR_DIRECTIONS.filter((d) => draft.airDirections.includes(d)),
    landContamination: draft.landContamination,
    appraiserName: draft.appraiserName.trim(),
    appraiserLicense: draft.appraiserLicense.trim(),
  };
  if (draft.builtAreaSqm.trim()) data.builtAreaSqm = draft.builtAreaSqm.trim();
  if (draft.landContamination) data.landContaminationNote = draft.landContaminationNote.trim();
  return data;
}

/** The valuation's address_full, as the seed writes it: "street number, city". */
export function addressOf(data: Pick<Step1Data, 'street' | 'buildingNumber' | 'city'>): string {
  return `${data.street.trim()} ${data.buildingNumber.trim()}, ${data.city.trim()}`;
}
