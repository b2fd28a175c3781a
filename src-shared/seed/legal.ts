// The legal facts of a seeded valuation (meta.legal, src-shared/domain/legal/facts.ts) as an appraiser
// would have confirmed them from a land-registry extract: owners with Israeli ID numbers whose check
// digit is right and shares that sum to the whole, the rights type, attachments for the storage room,
// and the bank's mortgage where there is one.
import type { LegalFacts, LegalMortgage, LegalOwner, RightsType } from '../domain/legal/facts.ts';
import { israeliIdCheckDigit } from '../domain/validation/israeli-id.ts';
import { BANKS, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from './hebrew.ts';
import type { Random } from './random.ts';

const RIGHTS: readonly (readonly [RightsType, number])[] = [
  ['PRIVATE_OWNERSHIP', 70],
  ['CAPITALIZED_LEASE', 20],
  ['ILA_LEASE', 10],
];

/** How an apartment is held: one owner, a couple, or three heirs of an estate. Each set sums to 1. */
const SHARE_SETS: readonly (readonly [readonly string[], number])[] = [
  [['בשלמות'], 45],
  [['1/2', '1/2'], 40],
  [['3/4', '1/4'], 5],
  [['1/3', '1/3', '1/3'], 10],
];

const WARNING_NOTES = ['הערת אזהרה לפי סעיף 126 לחוק המקרקעין', 'הערה על קיום תקנון מוסכם'];

/** A 9-digit Israeli ID number with a correct check digit. */
export function israeliId(rng: Random): string {
  const first = String(rng.int(10_000_000, 39_999_999));
  return `${first}${israeliIdCheckDigit(first) ?? 0}`;
}

function owners(rng: Random): LegalOwner[] {
  const shares = rng.weighted(SHARE_SETS);
  // A family shares the last name; the heirs of an estate often do too.
  const lastName = rng.pick(LAST_NAMES);
  return shares.map((share): LegalOwner => {
    const first = rng.pick(rng.chance(0.5) ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    return { name: `${first} ${lastName}`, idType: 'ISRAELI_ID', idNumber: israeliId(rng), share };
  });
}

function mortgage(rng: Random, borrowers: readonly LegalOwner[]): LegalMortgage {
  return {
    rank: 'ראשונה',
    // Most extracts print the amount; an "unlimited amount" mortgage prints none.
    amountAgorot: rng.chance(0.85) ? rng.int(30, 250) * 1_000_000 : null,
    lenders: rng.pick(BANKS),
    borrowers: borrowers.map((o) => o.name).join(', '),
    share: 'בשלמות',
  };
}

/** meta.legal of one valuation; storageSqm is the storage room's area text ('' when there is none). */
export function legalFacts(rng: Random, storageSqm: string): LegalFacts {
  const people = owners(rng);
  return {
    rightsType: rng.weighted(RIGHTS),
    owners: people,
    attachments: storageSqm ? [{ symbol: 'א', colour: 'כתום', description: 'מחסן', areaSqm: storageSqm }] : [],
    mortgages: rng.chance(0.45) ? [mortgage(rng, people)] : [],
    notes: rng.chance(0.15) ? [{ text: rng.pick(WARNING_NOTES) }] : [],
    easements: [],
    // Typed by hand in the demo: the seeded documents carry no extraction to confirm from.
    confirmedFromDocumentId: null,
  };
}
