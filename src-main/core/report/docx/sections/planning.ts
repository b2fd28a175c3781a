// Section 3, the planning status: plans, building rights, permits, completion certificate, and land
// contamination.
import type { Paragraph, Table } from 'docx';
import type { PlanningSection } from '../../../../../src-shared/domain/report/model.ts';
import { fieldsTable, reportTable } from '../tables.ts';
import { paragraph, placeholderRun, sectionHeading, subheading, textParagraph, valueRuns } from '../text.ts';

export function planning(section: PlanningSection): (Paragraph | Table)[] {
  const notStated = () => paragraph([placeholderRun()]);
  return [
    sectionHeading(section.heading),
    subheading('תכניות בניין עיר החלות על המקרקעין'),
    section.plans ? reportTable(section.plans) : notStated(),
    subheading('זכויות בנייה'),
    ...(section.buildingRights.length ? fieldsTable(section.buildingRights) : [notStated()]),
    subheading('היתרי בנייה'),
    reportTable(section.permits),
    subheading('תעודת גמר'),
    paragraph(valueRuns(section.completionCertificate)),
    ...(section.otherFields.length ? [subheading('נתונים נוספים'), ...fieldsTable(section.otherFields)] : []),
    subheading('זיהום קרקע'),
    textParagraph(section.contamination),
  ];
}
