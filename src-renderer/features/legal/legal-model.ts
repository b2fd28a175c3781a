// Step 3's "property and rights" form: the valuation's own legal facts (src-shared/domain/legal/facts.ts)
// as the appraiser confirms them from an extraction or types them by hand. Pure: the draft, how an
// extraction fills it, its validation and the valuations.update fields it writes.
import type { Valuation, ValuationEditable } from '../../../src-shared/contract/entities.ts';
import { sqmTextToHundredths } from '../../../src-shared/domain/calculation/decimal.ts';
import {
  EMPTY_LEGAL_FACTS,
  LEGAL_ID_TYPES,
  readLegalFacts,
  RIGHTS_TYPES,
  type LegalAttachment,
  type LegalFacts,
  type LegalIdType,
  type LegalMortgage,
  type LegalOwner,
  type RightsType,
} from '../../../src-shared/domain/legal/facts.ts';
import { isValidIsraeliId } from '../../../src-shared/domain/validation/israeli-id.ts';
import { parseShare } from '../../../src-shared/domain/validation/shares.ts';
import { isRecord } from '../../../src-shared/domain/collections.ts';
import { Extraction } from '../../../src-shared/domain/report/extracted.ts';

export { LEGAL_ID_TYPES, RIGHTS_TYPES };
export type { LegalIdType, RightsType };

/** What the form holds while the user types: texts, the mortgage amount as typed in shekels. */
export interface LegalDraft {
  block: string;
  parcel: string;
  subparcel: string;
  registeredAreaSqm: string;
  rightsType: RightsType | '';
  owners: LegalOwner[];
  attachments: LegalAttachment[];
  mortgages: MortgageDraft[];
  /** One note per line. */
  notes: string;
  /** One easement per line. */
  easements: string;
  confirmedFromDocumentId: string | null;
}

export type MortgageDraft = Omit<LegalMortgage, 'amountAgorot'> & { amountShekels: string };

export const EMPTY_OWNER: LegalOwner = { name: '', idType: 'ISRAELI_ID', idNumber: '', share: '' };
export const EMPTY_ATTACHMENT: LegalAttachment = { symbol: '', colour: '', description: '', areaSqm: '' };
export const EMPTY_MORTGAGE: MortgageDraft = { rank: '', amountShekels: '', lenders: '', borrowers: '', share: '' };

const text = (value: unknown): string =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : Array.isArray(value) ? value.map(text).filter(Boolean).join(', ') : '';
const lines = (value: string): string[] =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const agorotToShekelsText = (agorot: number | null): string => (agorot === null ? '' : (agorot / 100).toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 2 }));

/** A typed amount in shekels ("1,305,000", "₪ 1305000.50") as integer agorot; null when empty; NaN when unreadable. */
export function shekelsTextToAgorot(value: string): number | null {
  const plain = value.replace(/[₪,\s]/g, '');
  if (!plain) return null;
  if (!/^\d+(\.\d{1,2})?$/.test(plain)) return Number.NaN;
  const [whole = '0', fraction = ''] = plain.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function draftFromFacts(block: string | null, parcel: string | null, subparcel: string | null, meta: unknown): LegalDraft {
  const legal = readLegalFacts(meta);
  return {
    block: block ?? '',
    parcel: parcel ?? '',
    subparcel: subparcel ?? '',
    registeredAreaSqm: isRecord(meta) ? text(meta.registeredAreaSqm) : '',
    rightsType: legal.rightsType ?? '',
    owners: legal.owners,
    attachments: legal.attachments,
    mortgages: legal.mortgages.map(({ amountAgorot, ...rest }) => ({ ...rest, amountShekels: agorotToShekelsText(amountAgorot) })),
    notes: legal.notes.map((n) => n.text).join('\n'),
    easements: legal.easements.map((e) => e.text).join('\n'),
    confirmedFromDocumentId: legal.confirmedFromDocumentId,
  };
}

export const draftFromValuation = (valuation: Pick<Valuation, 'block' | 'parcel' | 'subparcel' | 'meta'>): LegalDraft =>
  draftFromFacts(valuation.block, valuation.parcel, valuation.subparcel, valuation.meta);

/** The registry's identifier kinds (src-main/core/extraction) as the form's. */
const ID_TYPES: Readonly<Record<string, LegalIdType>> = { ID: 'ISRAELI_ID', ISRAELI_ID: 'ISRAELI_ID', COMPANY: 'COMPANY', PASSPORT: 'PASSPORT' };

const digits = (value: unknown): string => (/^\d+$/.test(text(value)) ? text(value) : '');
/** "בשלמות" as the registry prints it; the parser writes it as 1/1. */
const shareText = (value: unknown): string => (text(value) === '1/1' ? 'בשלמות' : text(value));

/**
 * The facts an extraction offers (land-registry extract), laid over the current draft: what the
 * extraction has replaces the draft's value, what it lacks keeps the draft's (a hand-typed rights type
 * survives a confirmation). The appraiser reviews the result before saving it.
 */
export function draftFromExtraction(extracted: unknown, documentId: string, current: LegalDraft): LegalDraft {
  const extraction = new Extraction(extracted);
  const pick = (value: string, fallback: string) => value || fallback;
  const owners = extraction.rows('ownership', 'owners').map(
    (row): LegalOwner => ({ name: text(row.name), idType: ID_TYPES[text(row.idType).toUpperCase()] ?? 'OTHER', idNumber: text(row.idNumber), share: shareText(row.share) }),
  );
  const attachments = extraction.rows('attachments', 'attachments').map(
    (row): LegalAttachment => ({ symbol: text(row.symbol), colour: text(row.colour ?? row.color), description: text(row.description), areaSqm: text(row.area ?? row.areaSqm) }),
  );
  const mortgages = extraction.rows('mortgages', 'mortgages').map(
    (row): MortgageDraft => ({
      rank: text(row.rank),
      amountShekels: typeof row.amountAgorot === 'number' ? agorotToShekelsText(row.amountAgorot) : text(row.amount),
      lenders: text(row.lenders),
      borrowers: text(row.borrowers),
      share: shareText(row.share),
    }),
  );
  const notes = extraction.rows('notes', 'notes').map((row) => [text(row.action), text(row.beneficiary)].filter(Boolean).join(' — '));
  const easements = extraction.rows('easements', 'easements').map((row) => text(row.description));
  return {
    ...current,
    block: pick(digits(extraction.value('identification', 'block')), current.block),
    parcel: pick(digits(extraction.value('identification', 'parcel')), current.parcel),
    subparcel: pick(digits(extraction.value('identification', 'subparcel')), current.subparcel),
    registeredAreaSqm: pick(text(extraction.value('unitData', 'registeredArea')), current.registeredAreaSqm),
    owners: owners.length ? owners : current.owners,
    attachments: attachments.length ? attachments : current.attachments,
    mortgages: mortgages.length ? mortgages : current.mortgages,
    notes: notes.length ? notes.filter(Boolean).join('\n') : current.notes,
    easements: easements.length ? easements.filter(Boolean).join('\n') : current.easements,
    confirmedFromDocumentId: documentId,
  };
}

/** Whether an extraction holds any fact the form takes. */
export function extractionOffersFacts(extracted: unknown): boolean {
  const probe = draftFromExtraction(extracted, '', emptyDraft());
  return probe.block !== '' || probe.parcel !== '' || probe.registeredAreaSqm !== '' || probe.owners.length > 0;
}

export const emptyDraft = (): LegalDraft => draftFromFacts(null, null, null, {});

/** i18n keys under legal.errors, by the form's element ids (the same ids the preflight links focus). */
export type LegalErrors = Record<string, string>;

export const legalFieldId = {
  block: 'legal-block',
  parcel: 'legal-parcel',
  subparcel: 'legal-subparcel',
  registeredAreaSqm: 'legal-registeredArea',
  rightsType: 'legal-rightsType',
  ownersAdd: 'legal-owners-add',
  owner: (index: number, column: keyof LegalOwner) => `legal-owner-${index}-${column}`,
  mortgage: (index: number, column: keyof MortgageDraft) => `legal-mortgage-${index}-${column}`,
  attachment: (index: number, column: keyof LegalAttachment) => `legal-attachment-${index}-${column}`,
} as const;

/** Errors that stop a save (a value the store would refuse or the report would print wrong). */
export function validateLegalDraft(draft: LegalDraft): LegalErrors {
  const errors: LegalErrors = {};
  const digitsField = (id: string, value: string, max: number) => {
    if (value && !new RegExp(`^\\d{1,${max}}$`).test(value.trim())) errors[id] = 'legal.errors.digits';
    else if (value && /^0+$/.test(value.trim())) errors[id] = 'legal.errors.digits';
  };
  digitsField(legalFieldId.block, draft.block, 6);
  digitsField(legalFieldId.parcel, draft.parcel, 5);
  digitsField(legalFieldId.subparcel, draft.subparcel, 4);
  if (draft.registeredAreaSqm.trim()) {
    const hundredths = sqmTextToHundredths(draft.registeredAreaSqm.trim());
    if (hundredths === null || hundredths <= 0) errors[legalFieldId.registeredAreaSqm] = 'legal.errors.area';
  }
  draft.owners.forEach((owner, i) => {
    if (!owner.name.trim()) errors[legalFieldId.owner(i, 'name')] = 'legal.errors.required';
    if (!owner.share.trim()) errors[legalFieldId.owner(i, 'share')] = 'legal.errors.required';
    else if (parseShare(owner.share.trim()) === null) errors[legalFieldId.owner(i, 'share')] = 'legal.errors.share';
    if (owner.idType === 'ISRAELI_ID' && owner.idNumber.trim() && !isValidIsraeliId(owner.idNumber.trim())) errors[legalFieldId.owner(i, 'idNumber')] = 'legal.errors.idNumber';
  });
  draft.mortgages.forEach((mortgage, i) => {
    if (Number.isNaN(shekelsTextToAgorot(mortgage.amountShekels))) errors[legalFieldId.mortgage(i, 'amountShekels')] = 'legal.errors.notANumber';
  });
  draft.attachments.forEach((attachment, i) => {
    if (attachment.areaSqm.trim() && sqmTextToHundredths(attachment.areaSqm.trim()) === null) errors[legalFieldId.attachment(i, 'areaSqm')] = 'legal.errors.area';
  });
  return errors;
}

const orNull = (value: string) => (value.trim() ? value.trim() : null);

/** The facts as stored (meta.legal), from a draft that validated. */
export function factsOf(draft: LegalDraft): LegalFacts {
  return {
    ...EMPTY_LEGAL_FACTS,
    rightsType: draft.rightsType || null,
    owners: draft.owners.map((o) => ({ name: o.name.trim(), idType: o.idType, idNumber: o.idNumber.trim(), share: o.share.trim() })),
    attachments: draft.attachments.map((a) => ({ symbol: a.symbol.trim(), colour: a.colour.trim(), description: a.description.trim(), areaSqm: a.areaSqm.trim() })),
    mortgages: draft.mortgages.map(({ amountShekels, ...m }) => ({
      rank: m.rank.trim(),
      amountAgorot: shekelsTextToAgorot(amountShekels),
      lenders: m.lenders.trim(),
      borrowers: m.borrowers.trim(),
      share: m.share.trim(),
    })),
    notes: lines(draft.notes).map((line) => ({ text: line })),
    easements: lines(draft.easements).map((line) => ({ text: line })),
    confirmedFromDocumentId: draft.confirmedFromDocumentId,
  };
}

/** The valuations.update fields that write the draft into the valuation, in one local transaction. */
export function toValuationFields(valuation: Pick<Valuation, 'meta'>, draft: LegalDraft): Partial<ValuationEditable> {
  return {
    block: orNull(draft.block),
    parcel: orNull(draft.parcel),
    subparcel: orNull(draft.subparcel),
    meta: { ...valuation.meta, registeredAreaSqm: draft.registeredAreaSqm.trim(), legal: factsOf(draft) },
  };
}

/** Whether the draft says something other than the valuation holds. */
export const draftDiffers = (valuation: Pick<Valuation, 'block' | 'parcel' | 'subparcel' | 'meta'>, draft: LegalDraft): boolean =>
  JSON.stringify(draftFromValuation(valuation)) !== JSON.stringify(draft);

/** A stored draft (wizard session) read tolerantly: anything unreadable is null. */
export function readStoredDraft(stored: unknown): LegalDraft | null {
  if (!isRecord(stored)) return null;
  const base = emptyDraft();
  const str = (key: keyof LegalDraft) => (typeof stored[key] === 'string' ? (stored[key] as string) : (base[key] as string));
  const list = <T>(key: keyof LegalDraft): T[] => (Array.isArray(stored[key]) ? (stored[key] as unknown[]).filter(isRecord) as T[] : []);
  const rights = typeof stored.rightsType === 'string' && (RIGHTS_TYPES as readonly string[]).includes(stored.rightsType) ? (stored.rightsType as RightsType) : '';
  return {
    block: str('block'),
    parcel: str('parcel'),
    subparcel: str('subparcel'),
    registeredAreaSqm: str('registeredAreaSqm'),
    rightsType: rights,
    owners: list<LegalOwner>('owners').map((o) => ({ ...EMPTY_OWNER, ...o })),
    attachments: list<LegalAttachment>('attachments').map((a) => ({ ...EMPTY_ATTACHMENT, ...a })),
    mortgages: list<MortgageDraft>('mortgages').map((m) => ({ ...EMPTY_MORTGAGE, ...m })),
    notes: str('notes'),
    easements: str('easements'),
    confirmedFromDocumentId: typeof stored.confirmedFromDocumentId === 'string' ? stored.confirmedFromDocumentId : null,
  };
}
