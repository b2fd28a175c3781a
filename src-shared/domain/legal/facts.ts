// The valuation's own legal facts (issue #14: one source of truth). Block, parcel and sub-parcel are
// columns of the valuation row; the registered area is meta.registeredAreaSqm (decimal sqm text); the
// rest lives in meta.legal, written by step 3 when the appraiser confirms an extraction or types the
// facts by hand. The preflight, the report, the exports and the dashboard read these fields only —
// never the extraction itself, which is evidence, not a fact until confirmed.
import { z } from 'zod';
import { isRecord } from '../collections.ts';

export const RIGHTS_TYPES = ['PRIVATE_OWNERSHIP', 'CAPITALIZED_LEASE', 'ILA_LEASE', 'HOUSING_COMPANY', 'OTHER'] as const;
export type RightsType = (typeof RIGHTS_TYPES)[number];

export const LEGAL_ID_TYPES = ['ISRAELI_ID', 'COMPANY', 'PASSPORT', 'OTHER'] as const;
export type LegalIdType = (typeof LEGAL_ID_TYPES)[number];

/** Text fields are bounded so a pasted page cannot become a fact (and so the server's limits hold). */
const shortText = z.string().trim().max(200);
const longText = z.string().trim().max(2000);

export const legalOwner = z.object({
  name: shortText,
  idType: z.enum(LEGAL_ID_TYPES),
  idNumber: z.string().trim().max(20),
  /** As printed: '1/2', '104/5975', 'בשלמות'. */
  share: z.string().trim().max(40),
});
export type LegalOwner = z.infer<typeof legalOwner>;

export const legalAttachment = z.object({
  symbol: z.string().trim().max(20),
  colour: z.string().trim().max(40),
  description: shortText,
  /** Decimal sqm text, '' when not printed. */
  areaSqm: z.string().trim().max(20),
});
export type LegalAttachment = z.infer<typeof legalAttachment>;

export const legalMortgage = z.object({
  /** 'ראשונה', 'שנייה', … as printed. */
  rank: z.string().trim().max(40),
  /** Integer agorot, null when the extract prints no amount ("ללא הגבלת סכום"). */
  amountAgorot: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable(),
  lenders: shortText,
  borrowers: longText,
  share: z.string().trim().max(40),
});
export type LegalMortgage = z.infer<typeof legalMortgage>;

export const legalNote = z.object({ text: longText });
export type LegalNote = z.infer<typeof legalNote>;

export const legalFacts = z.object({
  rightsType: z.enum(RIGHTS_TYPES).nullable(),
  owners: z.array(legalOwner).max(200),
  attachments: z.array(legalAttachment).max(100),
  mortgages: z.array(legalMortgage).max(50),
  notes: z.array(legalNote).max(100),
  easements: z.array(legalNote).max(100),
  /** The extraction these facts were confirmed from (documents.id), null when typed by hand. */
  confirmedFromDocumentId: z.string().max(64).nullable(),
});
export type LegalFacts = z.infer<typeof legalFacts>;

export const EMPTY_LEGAL_FACTS: LegalFacts = {
  rightsType: null,
  owners: [],
  attachments: [],
  mortgages: [],
  notes: [],
  easements: [],
  confirmedFromDocumentId: null,
};


/**
 * meta.legal of a stored valuation, read tolerantly: a draft may hold part of it, an old row none.
 * Entries that do not parse are left out (never an exception).
 */
export function readLegalFacts(meta: unknown): LegalFacts {
  const raw = isRecord(meta) && isRecord(meta.legal) ? meta.legal : {};
  const list = <T>(value: unknown, schema: z.ZodType<T>): T[] =>
    Array.isArray(value) ? value.flatMap((item) => {
      const parsed = schema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    }) : [];
  const rights = z.enum(RIGHTS_TYPES).safeParse(raw.rightsType);
  return {
    rightsType: rights.success ? rights.data : null,
    owners: list(raw.owners, legalOwner),
    attachments: list(raw.attachments, legalAttachment),
    mortgages: list(raw.mortgages, legalMortgage),
    notes: list(raw.notes, legalNote),
    easements: list(raw.easements, legalNote),
    confirmedFromDocumentId: typeof raw.confirmedFromDocumentId === 'string' ? raw.confirmedFromDocumentId : null,
  };
}
