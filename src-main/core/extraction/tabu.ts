// parseTabu: a land-registry extract (DOMAIN.md, "Reading a land-registry extract") read by the
// geometry of its text — the page frame (tabu-pages.ts), the body's section titles and tables
// (tabu-tables.ts, tabu-schemas.ts), the facts assembled from them (tabu-facts.ts) — into the
// sections step 3 of the wizard shows. Both registers: the condominium register (מפנקס בתים משותפים,
// a sub-parcel) and the rights register (מפנקס הזכויות, a whole parcel: no unit, structure, bylaws or
// attachments).
//
// The stored shape (documents.extracted.sections):
//   identification    register ('CONDO' | 'PARCEL'), registryOffice, issueDate (ISO), extractNumber,
//                     block, parcel, subparcel (strings; no subparcel in the rights register)
//   parcelDescription parcelArea (sqm, number), address (when printed)
//   structure         subparcelCount, buildingCount (numbers)            condominium register only
//   regulations       bylaws ('AGREED' | 'STANDARD')                        condominium register only
//   unitData          unitDescription, floor, building (text), registeredArea (sqm), commonShare
//                     ("104/5975"), additionalAreas [{ description, area }]
//   attachments       attachments [{ symbol, colour, description, area }]
//   ownership         owners [{ name, idType, idNumber, share, deedType, deedNumber, date }],
//                     leases [{ lessee, idType, idNumber, share, endDate, deedType, deedNumber, date }]
//   mortgages         mortgages [{ rank, amountAgorot, lenders, lenderIdType, lenderIdNumber, borrowers,
//                     borrowerIdNumbers, share, deedType, deedNumber, date }] (several borrowers: "a; b")
//   notes             notes [{ action, beneficiary, beneficiaryIdType, beneficiaryIdNumber, deedNumber,
//                     date, scope }]
//   easements         easements [{ action, description, deedNumber, date }]
// Every field is { value, source: { document, page, bbox, text }, confidence, edited, needsReview?,
// reviewReasons? }; bbox is [left, top, right, bottom] in fractions 0..1 of the page (origin top-left).
// Every row of a list carries its own evidence after its values: page, bbox ("left,top,right,bottom",
// same units, on the row's first page), confidence, needsReview, reviewReasons ("A,B" or null).
// A list field's own needsReview/reviewReasons are about the list as a whole (shares not summing to
// one, a section printed but not read, pages missing); a row's are about that row.
// Values: idType 'ID' | 'COMPANY' | 'PASSPORT' | 'ASSOCIATION'; shares "n/d" as printed ("בשלמות" is
// "1/1"); sums of money integer agorot; dates ISO; a rank 1, 2, ... ("ראשונה" is 1).
import { boxOf, confidenceOf, type Fact, type PageSize } from './evidence.ts';
import type { PdfPage } from './pdf-text.ts';
import { bodyFacts, LIST_SECTION, type ListKey } from './tabu-facts.ts';
import { readFrame, type ExtractFrame, type HeaderValue, type PageHeader } from './tabu-pages.ts';
import { fieldOf } from './tabu-rows.ts';
import { readBody } from './tabu-tables.ts';
import { asDate, asText, type Reader } from './tabu-values.ts';
import type { ExtractionWarning, Field, ParsedDocument, Primitive, ReviewReason, Row, Sections } from './types.ts';
import { validateTabu } from './validate.ts';
import { parseShare, sumShares } from './values.ts';

export type TabuExtraction = ParsedDocument;

const asDigits: Reader = (text) => (/^\d+$/.test(text) ? { value: text, check: 'VALID' } : { value: null, check: 'FAILED', reason: 'NUMBER_UNREADABLE' });

const HEADER_FIELDS: readonly (readonly [key: keyof PageHeader & string, read: Reader, checkedAcrossPages: boolean])[] = [
  ['registryOffice', asText, false],
  ['issueDate', asDate, false],
  ['extractNumber', asDigits, true],
  ['block', asDigits, true],
  ['parcel', asDigits, true],
  ['subparcel', asDigits, true],
];

/** Where the scalar facts of the body go. */
const SCALAR_SECTION: Record<string, string> = {
  parcelArea: 'parcelDescription',
  address: 'parcelDescription',
  subparcelCount: 'structure',
  buildingCount: 'structure',
  bylaws: 'regulations',
  unitDescription: 'unitData',
  floor: 'unitData',
  registeredArea: 'unitData',
  commonShare: 'unitData',
  building: 'unitData',
};

const LIST_FIELD: Record<ListKey, readonly [section: string, key: string]> = {
  owners: ['ownership', 'owners'],
  leases: ['ownership', 'leases'],
  mortgages: ['mortgages', 'mortgages'],
  notes: ['notes', 'notes'],
  easements: ['easements', 'easements'],
  additionalAreas: ['unitData', 'additionalAreas'],
  attachments: ['attachments', 'attachments'],
};
const CONDO_ONLY: readonly ListKey[] = ['additionalAreas', 'attachments'];

function headerFact(value: HeaderValue, read: Reader, sizes: ReadonlyMap<number, PageSize>): Fact<Primitive> {
  const result = read(value.text);
  const { line, cell } = value;
  return {
    value: result.value,
    page: value.page,
    box: boxOf([{ page: value.page, left: cell.left, right: cell.right, top: line.y - 0.85 * line.size, bottom: line.y + 0.25 * line.size }], sizes),
    text: value.text,
    confidence: confidenceOf({ titled: true, aligned: 1, check: result.check }),
    reasons: result.check === 'FAILED' && result.reason ? [result.reason] : [],
  };
}

/** The pages "עמוד x מתוך y" says should be there and are not, and whether "סוף נתונים" was reached. */
function completeness(frame: ExtractFrame): { complete: boolean; missingPages: number[] } {
  const total = frame.headers.find((h) => h.pageOf)?.pageOf?.y ?? null;
  const printed = new Set(frame.headers.flatMap((h) => (h.pageOf ? [h.pageOf.x] : [])));
  const missingPages = total ? Array.from({ length: total }, (_, i) => i + 1).filter((n) => !printed.has(n)) : [];
  return { complete: frame.ended && missingPages.length === 0, missingPages };
}

function setField(sections: Sections, section: string, key: string, field: Field): void {
  (sections[section] ??= {})[key] = field;
}

function flag(field: Field, reason: ReviewReason): void {
  field.needsReview = true;
  field.reviewReasons = [...new Set([...(field.reviewReasons ?? []), reason])];
  field.confidence = Math.min(field.confidence, 0.6);
}

export function parseTabu(pages: readonly PdfPage[], document: string | null = null): TabuExtraction {
  const sizes = new Map(pages.map((p) => [p.page, { width: p.width, height: p.height }]));
  const frame = readFrame(pages);
  const body = bodyFacts(readBody(frame.body), sizes);
  const sections: Sections = {};
  const warnings: ExtractionWarning[] = [];
  const first = frame.headers.find((h) => h.block) ?? frame.headers[0];

  // Identification: from the page header, which every page must repeat with the same extract and parcel.
  if (first?.register && first.registerTitle) {
    const register = first.register;
    setField(sections, 'identification', 'register', fieldOf(headerFact(first.registerTitle, () => ({ value: register, check: 'VALID' }), sizes), document));
  }
  for (const [key, read, acrossPages] of HEADER_FIELDS) {
    const value = first?.[key] as HeaderValue | null | undefined;
    if (!value) continue;
    const field = fieldOf(headerFact(value, read, sizes), document);
    if (acrossPages) {
      const other = frame.headers.find((h) => {
        const theirs = h[key] as HeaderValue | null;
        return theirs && theirs.text !== value.text;
      });
      if (other) {
        flag(field, 'HEADER_MISMATCH');
        warnings.push({ code: 'HEADER_MISMATCH', message: `Page ${other.page} has another ${key} than page ${value.page}: are these pages of one extract?`, section: 'identification', field: key, page: other.page });
      }
    }
    setField(sections, 'identification', key, field);
  }

  for (const [key, fact] of Object.entries(body.scalars)) {
    const section = SCALAR_SECTION[key];
    if (section) setField(sections, section, key, fieldOf(fact, document));
  }

  // The sub-parcel is one of the parcel's sub-parcels.
  const subparcel = sections.identification?.subparcel;
  const subparcelCount = sections.structure?.subparcelCount;
  if (subparcel && subparcelCount && typeof subparcelCount.value === 'number' && Number(subparcel.value) > subparcelCount.value) {
    flag(subparcel, 'COUNT_MISMATCH');
    flag(subparcelCount, 'COUNT_MISMATCH');
  }

  const { complete, missingPages } = completeness(frame);
  if (!complete) {
    warnings.push({
      code: 'EXTRACT_INCOMPLETE',
      message: missingPages.length ? `Pages ${missingPages.join(', ')} of the extract are missing.` : 'The extract does not end with "סוף נתונים": pages may be missing.',
      details: { missingPages: missingPages.join(',') },
    });
  }
  for (const section of body.unread) {
    warnings.push({ code: 'UNREAD_SECTION', message: `The section "${section}" was printed but could not be read: enter it from the extract.`, section });
  }
  for (const [section, count] of body.unplaced) {
    warnings.push({ code: 'UNPLACED_TEXT', message: `${count} line(s) ${section ? `of the section "${section}"` : 'before the first section'} fit no table.`, section: section || undefined, details: { lines: count } });
  }

  const condo = first?.register !== 'PARCEL';
  for (const [list, [section, key]] of Object.entries(LIST_FIELD) as [ListKey, readonly [string, string]][]) {
    if (!condo && CONDO_ONLY.includes(list)) continue;
    const rows: Row[] = body.lists[list].map((b) => b.toRow());
    const printedSection = LIST_SECTION[list];
    const firstRow = rows[0];
    const field: Field = {
      value: rows,
      source: { document, page: typeof firstRow?.page === 'number' ? firstRow.page : (body.sectionsSeen.get(printedSection) ?? null) },
      confidence: rows.length ? Math.min(...rows.map((r) => (typeof r.confidence === 'number' ? r.confidence : 0))) : complete ? 0.9 : 0.5,
      edited: false,
    };
    if (body.unread.includes(printedSection)) {
      flag(field, 'UNREAD_SECTION');
      field.confidence = 0;
    }
    if (!complete) flag(field, 'EXTRACT_INCOMPLETE');
    if (body.unplaced.has(printedSection)) flag(field, 'UNPLACED_TEXT');
    if (rows.some((r) => r.reviewReasons && String(r.reviewReasons).includes('INCOMPLETE_BLOCK'))) {
      warnings.push({ code: 'INCOMPLETE_BLOCK', message: `A block of ${key} lacks a part (a share, borrowers or terms).`, section, field: key });
    }
    if (list === 'owners' && rows.length) {
      const shares = rows.map((r) => parseShare(String(r.share ?? '')));
      if (shares.every((s) => s !== null)) {
        const sum = sumShares(shares as NonNullable<(typeof shares)[number]>[]);
        if (sum.num !== sum.den) flag(field, 'SHARES_SUM_NOT_ONE');
      }
    }
    setField(sections, section, key, field);
  }

  return { sections, warnings: [...warnings, ...validateTabu(sections)] };
}
