// Section 3 of the report, the planning status: the plans table and building rights from the planning
// documents (step 3's `planning` section), the permits (each PERMIT extraction, and permit rows typed
// into a planning document), the completion certificate, building details, and step 1's
// land-contamination note.
import { Extraction, isRecord, type Row } from './extracted.ts';
import { displayText, formatDate, plainText } from './format.ts';
import { EXTRACTED_KEY_LABELS } from './labels.ts';
import type { Step1View } from './step1.ts';
import { field, firstOf, tableOf } from './tables.ts';
import type { PlanningSection, ReportField, ReportSource, ReportTable } from './types.ts';

/** Row keys that are bookkeeping, not content. */
const HIDDEN_KEYS = new Set(['page', 'confidence', 'idValid']);
const LTR_KEYS = /date|number|area|year|percent|floors|units/i;
const labelOf = (key: string) => EXTRACTED_KEY_LABELS[key] ?? key;
const cellText = (key: string, value: unknown) => (/date/i.test(key) ? (formatDate(value) ?? displayText(value)) : displayText(value));

/** Rows of any keys as a table whose columns are the keys the rows have, in first-seen order. */
function rowsTable(rows: Row[]): ReportTable {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((key) => !HIDDEN_KEYS.has(key));
  return tableOf(
    rows,
    keys.map((key) => ({ label: labelOf(key), ltr: LTR_KEYS.test(key), cell: (row: Row) => cellText(key, row[key]) })),
  );
}

/** A list field whose items are rows, or plain items (one column named `label`). */
function listRows(value: unknown, label: string): Row[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): Row[] => (isRecord(item) ? [item] : displayText(item) ? [{ [label]: item }] : []));
}

/** Building rights as fields: a text, a record of rights (main area, service area, ...), or rows. */
function rightsFields(value: unknown): ReportField[] {
  if (isRecord(value)) return Object.entries(value).map(([key, v]) => field(labelOf(key), displayText(v), LTR_KEYS.test(key)));
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (!isRecord(item)) return displayText(item) ? [field('זכויות בנייה', displayText(item))] : [];
      const label = plainText(item.name ?? item.description ?? item.plan) ?? 'זכויות בנייה';
      return [field(label, displayText(item.value ?? item.area ?? item.rights))];
    });
  }
  const text = displayText(value);
  return text ? [field('זכויות בנייה', text)] : [];
}

function contaminationNote(step1: Step1View): string {
  if (!step1.landContamination) return 'לא הובא לידיעת השמאי מידע על זיהום קרקע בנכס או בסביבתו, והשומה נערכה בהנחה שאין בו זיהום.';
  return `קיים חשד לזיהום קרקע בנכס: ${step1.landContaminationNote ?? 'לא צוין פירוט'}. השומה נערכה בכפוף לכך.`;
}

export function planningSection(source: ReportSource, step1: Step1View): PlanningSection {
  const planning = source.extractions.planning.map((e) => new Extraction(e));
  const permits = source.extractions.permits.map((e) => new Extraction(e));
  const both = [...planning, ...permits];
  const plans = planning.flatMap((doc) => listRows(doc.value('planning', 'plans'), 'plan'));
  const permitRows: Row[] = [
    ...permits.map((doc) => ({
      number: doc.value('planning', 'permitNumber'),
      date: doc.value('planning', 'permitDate'),
      description: doc.value('planning', 'permitDescription'),
    })),
    ...planning.flatMap((doc) => listRows(doc.value('planning', 'permits'), 'description')),
  ];
  const details = ['buildingYear', 'floors', 'units'].map((key) =>
    field(labelOf(key), firstOf(...both.map((doc) => displayText(doc.value('buildingDetails', key)))), true),
  );
  return {
    heading: '3. המצב התכנוני',
    plans: plans.length ? rowsTable(plans) : null,
    buildingRights: planning.flatMap((doc) => rightsFields(doc.value('planning', 'buildingRights'))),
    permits: tableOf(permitRows, [
      { label: 'מספר היתר', ltr: true, cell: (r) => plainText(r.number ?? r.permitNumber) },
      { label: 'תאריך', ltr: true, cell: (r) => formatDate(r.date ?? r.permitDate) ?? plainText(r.date) },
      { label: 'תיאור', cell: (r) => displayText(r.description ?? r.permitDescription) },
    ]),
    completionCertificate: firstOf(...both.map((doc) => displayText(doc.value('planning', 'completionCertificate')))),
    otherFields: [
      ...details.filter((f) => f.value !== null),
      ...both.flatMap((doc) => doc.manualFields()).map((f) => field(f.label, displayText(f.value))),
    ],
    contamination: contaminationNote(step1),
  };
}
