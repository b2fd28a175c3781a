// Section 4, the factors and considerations.
import type { Paragraph } from 'docx';
import type { FactorsSection } from '../../../../../src-shared/domain/report/model.ts';
import { bulletList, sectionHeading, subheading } from '../text.ts';

export function factors(section: FactorsSection): Paragraph[] {
  return [
    sectionHeading(section.heading),
    subheading('גורמים'),
    ...bulletList(section.factors),
    subheading('שיקולים'),
    ...bulletList(section.considerations),
  ];
}
