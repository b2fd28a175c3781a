// Section 2 of the report, the legal status. The facts the appraiser confirmed or typed in step 3 —
// block, parcel, sub-parcel, registered area, rights type, owners, mortgages, notes, attachments,
// easements — come from the valuation itself (src-shared/domain/legal/facts.ts), the same fields the
// preflight checked, so the report cannot print two different plot numbers. The extract's own
// description (registry office, extract number, parcel area, bylaws, leases) comes from the newest
// TABU extraction, and the condominium order from its extraction.
import { readLegalFacts, type LegalAttachment, type LegalMortgage, type LegalOwner } from '../legal/facts.ts';
import { Extraction, type Row } from './extracted.ts';
import { displayText, formatDate, formatShare, formatShekels, formatSqmValue, plainText } from './format.ts';
import { BYLAWS_LABELS, ID_TYPE_LABELS, RIGHTS_TYPE_LABELS } from './labels.ts';
import { field, joined, tableOf } from './tables.ts';
import type { LegalSection, ReportSource, ReportTable } from './types.ts';

function identity(row: Row): string | null {
  const type = plainText(row.idType)?.toUpperCase();
  return joined(' ', type ? (ID_TYPE_LABELS[type] ?? null) : null, plainText(row.idNumber));
}

function attachmentsTable(rows: Row[], withSubparcel: boolean): ReportTable {
  return tableOf(rows, [
    ...(withSubparcel ? [{ label: 'תת חלקה', ltr: true, cell: (r: Row) => plainText(r.subparcel) }] : []),
    { label: 'סימון בתשריט', cell: (r) => plainText(r.symbol) },
    { label: 'צבע בתשריט', cell: (r) => plainText(r.colour ?? r.color) },
    { label: 'תיאור', cell: (r) => plainText(r.description) },
    { label: 'שטח (מ"ר)', ltr: true, cell: (r) => formatSqmValue(r.area) },
  ]);
}

function condominium(condo: unknown): LegalSection['condominium'] {
  if (condo === null || condo === undefined) return null;
  const order = new Extraction(condo);
  const attachments = order.rows('attachments', 'attachments');
  return {
    fields: [
      field('גוש', plainText(order.value('identification', 'block')), true),
      field('חלקה', plainText(order.value('identification', 'parcel')), true),
      field('מספר תתי חלקות', plainText(order.value('structure', 'subparcelCount')), true),
      ...order.manualFields().map((f) => field(f.label, displayText(f.value))),
    ],
    attachments: attachments.length ? attachmentsTable(attachments, true) : null,
  };
}

const ownerIdentity = (owner: LegalOwner) => joined(' ', ID_TYPE_LABELS[owner.idType] ?? null, plainText(owner.idNumber));

export function legalSection(source: ReportSource): LegalSection {
  const tabu = new Extraction(source.extractions.tabu);
  const { valuation } = source;
  const legal = readLegalFacts(valuation.meta);
  const meta = (typeof valuation.meta === 'object' && valuation.meta !== null ? valuation.meta : {}) as Record<string, unknown>;
  // What the extract itself describes is printed only where its evidence passed every check (or the
  // appraiser edited it); the legal facts come from what step 3 confirmed into the valuation.
  const id = (key: string) => plainText(tabu.trusted('identification', key));
  const bylaws = plainText(tabu.trusted('regulations', 'bylaws'));
  const leases = tabu.trustedRows('ownership', 'leases');
  const additionalAreas = tabu.trustedRows('unitData', 'additionalAreas');
  return {
    heading: '2. המצב המשפטי',
    extract: [
      field('לשכת רישום המקרקעין', id('registryOffice')),
      field('מספר נסח', id('extractNumber'), true),
      field('תאריך הפקת הנסח', formatDate(tabu.trusted('identification', 'issueDate')), true),
    ],
    parcel: [
      field('גוש', plainText(valuation.block), true),
      field('חלקה', plainText(valuation.parcel), true),
      field('תת חלקה', plainText(valuation.subparcel), true),
      field('סוג הזכויות', legal.rightsType ? RIGHTS_TYPE_LABELS[legal.rightsType] : null),
      field('שטח החלקה (מ"ר)', formatSqmValue(tabu.trusted('parcelDescription', 'parcelArea')), true),
      field('מספר תתי חלקות', plainText(tabu.trusted('structure', 'subparcelCount')), true),
      field('מספר מבנים', plainText(tabu.trusted('structure', 'buildingCount')), true),
      field('תקנון', bylaws ? (BYLAWS_LABELS[bylaws] ?? bylaws) : null),
    ],
    unit: [
      field('תיאור הדירה', plainText(tabu.trusted('unitData', 'unitDescription'))),
      field('קומה', plainText(tabu.trusted('unitData', 'floor'))),
      field('שטח רשום (מ"ר)', formatSqmValue(meta.registeredAreaSqm), true),
      field('חלק ברכוש המשותף', plainText(tabu.trusted('unitData', 'commonShare')), true),
    ],
    owners: tableOf(legal.owners, [
      { label: 'שם הבעלים', cell: (o: LegalOwner) => plainText(o.name) },
      { label: 'זיהוי', cell: ownerIdentity },
      { label: 'חלק בנכס', ltr: true, cell: (o) => formatShare(o.share) },
    ]),
    leases: leases.length
      ? tableOf(leases, [
          { label: 'חוכר', cell: (r) => plainText(r.lessee ?? r.name) },
          { label: 'זיהוי', cell: identity },
          { label: 'חלק', ltr: true, cell: (r) => formatShare(r.share) },
          { label: 'סיום החכירה', ltr: true, cell: (r) => formatDate(r.endDate) ?? plainText(r.endDate) },
        ])
      : null,
    mortgages: tableOf(legal.mortgages, [
      { label: 'דרגה', cell: (m: LegalMortgage) => plainText(m.rank) },
      { label: 'סכום', ltr: true, cell: (m) => (m.amountAgorot === null ? null : formatShekels(m.amountAgorot)) },
      { label: 'מלווים', cell: (m) => plainText(m.lenders) },
      { label: 'לווים', cell: (m) => plainText(m.borrowers) },
      { label: 'חלק', ltr: true, cell: (m) => formatShare(m.share) },
    ]),
    notes: tableOf(legal.notes, [{ label: 'הערה', cell: (n) => plainText(n.text) }]),
    attachments: tableOf(legal.attachments, [
      { label: 'סימון בתשריט', cell: (a: LegalAttachment) => plainText(a.symbol) },
      { label: 'צבע בתשריט', cell: (a) => plainText(a.colour) },
      { label: 'תיאור', cell: (a) => plainText(a.description) },
      { label: 'שטח (מ"ר)', ltr: true, cell: (a) => formatSqmValue(a.areaSqm) },
    ]),
    additionalAreas: additionalAreas.length
      ? tableOf(additionalAreas, [
          { label: 'תיאור', cell: (r) => plainText(r.description) },
          { label: 'שטח (מ"ר)', ltr: true, cell: (r) => formatSqmValue(r.area) },
        ])
      : null,
    easements: legal.easements.flatMap((e) => plainText(e.text) ?? []),
    condominium: condominium(source.extractions.condo),
  };
}
