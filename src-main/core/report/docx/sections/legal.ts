// Section 2, the legal status: the land-registry extract's particulars, owners, leases, mortgages,
// notes, attachments and easements, and the condominium order.
import type { Paragraph, Table } from 'docx';
import type { LegalSection } from '../../../../../src-shared/domain/report/model.ts';
import { COLORS, SIZES } from '../styles.ts';
import { fieldsTable, reportTable } from '../tables.ts';
import { bulletList, sectionHeading, subheading, textParagraph } from '../text.ts';

function condominium(order: LegalSection['condominium']): (Paragraph | Table)[] {
  if (!order) return [textParagraph('לא הומצא צו בית משותף.', {}, { size: SIZES.table, color: COLORS.grey })];
  return [...fieldsTable(order.fields), ...(order.attachments ? [reportTable(order.attachments)] : [])];
}

export function legal(section: LegalSection): (Paragraph | Table)[] {
  return [
    sectionHeading(section.heading),
    subheading('נסח רישום מקרקעין'),
    ...fieldsTable([...section.extract, ...section.parcel]),
    subheading('הדירה'),
    ...fieldsTable(section.unit),
    ...(section.additionalAreas ? [subheading('שטחים נוספים'), reportTable(section.additionalAreas)] : []),
    subheading('בעלויות'),
    reportTable(section.owners),
    ...(section.leases ? [subheading('חכירות'), reportTable(section.leases)] : []),
    subheading('משכנתאות'),
    reportTable(section.mortgages),
    subheading('הערות'),
    reportTable(section.notes),
    subheading('הצמדות'),
    reportTable(section.attachments),
    ...(section.easements.length ? [subheading('זיקות הנאה'), ...bulletList(section.easements)] : []),
    subheading('צו בית משותף'),
    ...condominium(section.condominium),
  ];
}
