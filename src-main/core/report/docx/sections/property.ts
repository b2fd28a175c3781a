// Section 1, the property and its environment: particulars, description, maps, plans and photos.
import type { Paragraph, Table } from 'docx';
import type { PropertySection } from '../../../../../src-shared/domain/report/model.ts';
import { photoGallery, wideGallery } from '../images.ts';
import { fieldsTable } from '../tables.ts';
import { paragraph, placeholderRun, sectionHeading, subheading, valueRuns } from '../text.ts';

export function property(section: PropertySection): (Paragraph | Table)[] {
  return [
    sectionHeading(section.heading),
    ...fieldsTable(section.fields),
    subheading('תיאור הנכס'),
    paragraph(valueRuns(section.description)),
    ...(section.maps.length ? [subheading('מפות ותצלומי אוויר'), ...wideGallery(section.maps)] : []),
    ...(section.plans.length ? [subheading('תשריט הדירה'), ...wideGallery(section.plans)] : []),
    subheading('תמונות הנכס'),
    ...(section.photos.length ? photoGallery(section.photos) : [paragraph([placeholderRun()])]),
  ];
}
