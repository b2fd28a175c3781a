// Section 2 of the report, the legal status: the land-registry extract (the newest TABU document's
// extraction: identification, parcel, unit, owners with shares, leases, mortgages, notes, attachments,
// easements) and the condominium order when one was extracted.
import { Extraction, type Row } from './extracted.ts';
import { displayText, formatDate, formatShare, formatShekels, formatSqmValue, plainText } from './format.ts';
import { BYLAWS_LABELS, ID_TYPE_LABELS } from './labels.ts';
import { field, firstOf, joined, tableOf } from './tables.ts';
import type { LegalSection, ReportSource, ReportTable } from './types.ts';

function identity(row: Row): string | null {
  const type = plainText(row.idType)?.toUpperCase();
  return joined(' ', type ? (ID_TYPE_LABELS[type] ?? null) : null, plainText(row.idNumber));
}
const deed = (row: Row) => joined(' ', plainText(row.deedType), plainText(row.deedNumber));
const rowDate = (row: Row) => formatDate(row.date) ?? plainText(row.date);

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

export function legalSection(source: ReportSource): LegalSection {
  const tabu = new Extraction(source.extractions.tabu);
  const { valuation } = source;
  const id = (key: string) => plainText(tabu.value('identification', key));
  const bylaws = plainText(tabu.value('regulations', 'bylaws'));
  const leases = tabu.rows('ownership', 'leases');
  const additionalAreas = tabu.rows('unitData', 'additionalAreas');
  return {
    heading: '2. המצב המשפטי',
    extract: [
      field('לשכת רישום המקרקעין', id('registryOffice')),
      field('מספר נסח', id('extractNumber'), true),
      field('תאריך הפקת הנסח', formatDate(tabu.value('identification', 'issueDate')), true),
    ],
    parcel: [
      field('גוש', firstOf(id('block'), valuation.block), true),
      field('חלקה', firstOf(id('parcel'), valuation.parcel), true),
      field('תת חלקה', firstOf(id('subparcel'), valuation.subparcel), true),
      field('שטח החלקה (מ"ר)', formatSqmValue(tabu.value('parcelDescription', 'parcelArea')), true),
      field('מספר תתי חלקות', plainText(tabu.value('structure', 'subparcelCount')), true),
      field('מספר מבנים', plainText(tabu.value('structure', 'buildingCount')), true),
      field('תקנון', bylaws ? (BYLAWS_LABELS[bylaws] ?? bylaws) : null),
    ],
    unit: [
      field('תיאור הדירה', plainText(tabu.value('unitData', 'unitDescription'))),
      field('קומה', plainText(tabu.value('unitData', 'floor'))),
      field('שטח רשום (מ"ר)', formatSqmValue(tabu.value('unitData', 'registeredArea')), true),
      field('חלק ברכוש המשותף', plainText(tabu.value('unitData', 'commonShare')), true),
    ],
    owners: tableOf(tabu.rows('ownership', 'owners'), [
      { label: 'שם הבעלים', cell: (r) => plainText(r.name) },
      { label: 'זיהוי', cell: identity },
      { label: 'חלק בנכס', ltr: true, cell: (r) => formatShare(r.share) },
      { label: 'שטר', cell: deed },
      { label: 'תאריך', ltr: true, cell: rowDate },
    ]),
    leases: leases.length
      ? tableOf(leases, [
          { label: 'חוכר', cell: (r) => plainText(r.lessee ?? r.name) },
          { label: 'זיהוי', cell: identity },
          { label: 'חלק', ltr: true, cell: (r) => formatShare(r.share) },
          { label: 'סיום החכירה', ltr: true, cell: (r) => formatDate(r.endDate) ?? plainText(r.endDate) },
        ])
      : null,
    mortgages: tableOf(tabu.rows('mortgages', 'mortgages'), [
      { label: 'דרגה', cell: (r) => plainText(r.rank) },
      { label: 'סכום', ltr: true, cell: (r) => (typeof r.amountAgorot === 'number' ? formatShekels(r.amountAgorot) : plainText(r.amount)) },
      { label: 'מלווים', cell: (r) => displayText(r.lenders) },
      { label: 'לווים', cell: (r) => displayText(r.borrowers) },
      { label: 'חלק', ltr: true, cell: (r) => formatShare(r.share) },
      { label: 'שטר', cell: deed },
      { label: 'תאריך', ltr: true, cell: rowDate },
    ]),
    notes: tableOf(tabu.rows('notes', 'notes'), [
      { label: 'מהות הפעולה', cell: (r) => plainText(r.action) },
      { label: 'בעל הזכות', cell: (r) => displayText(r.beneficiary) },
      { label: 'שטר', cell: (r) => plainText(r.deedNumber) },
      { label: 'תאריך', ltr: true, cell: rowDate },
    ]),
    attachments: attachmentsTable(tabu.rows('attachments', 'attachments'), false),
    additionalAreas: additionalAreas.length
      ? tableOf(additionalAreas, [
          { label: 'תיאור', cell: (r) => plainText(r.description) },
          { label: 'שטח (מ"ר)', ltr: true, cell: (r) => formatSqmValue(r.area) },
        ])
      : null,
    easements: tabu.rows('easements', 'easements').flatMap((r) => plainText(r.description) ?? []),
    condominium: condominium(source.extractions.condo),
  };
}
