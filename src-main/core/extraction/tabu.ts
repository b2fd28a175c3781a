// parseTabu: every field of a land-registry extract (DOMAIN.md, "Reading a land-registry extract"),
// from the lines of its text layer, in the sections step 3 of the wizard shows:
//   identification   registryOffice, issueDate (ISO), extractNumber, block, parcel, subparcel (strings)
//   parcelDescription parcelArea (sqm, number)
//   structure        subparcelCount, buildingCount
//   regulations      bylaws ('AGREED' | 'STANDARD' | the text)
//   unitData         unitDescription, floor, registeredArea (sqm), commonShare ("104/5975"),
//                    additionalAreas [{ description, area, page }]
//   attachments      attachments [{ symbol, colour, description, area, page }]
//   ownership        owners [{ name, idType, idNumber, idValid, share, deedType, deedNumber, date, page }],
//                    leases [{ lessee, idType, idNumber, share, endDate, page }]
//   mortgages        mortgages [{ rank, amountAgorot, lenders, borrowers, share, deedType, deedNumber, date, page }]
//   notes            notes [{ action, beneficiary, deedNumber, date, page }]
//   easements        easements [{ description, page }]
// Shares are "n/d" as printed ("בשלמות" is "1/1"); sums of money are integer agorot; dates ISO.
import type { TextLine } from './lines.ts';
import type { PdfPage } from './pdf-text.ts';
import { SectionsBuilder } from './fields.ts';
import { TabuLists, type ListKey } from './tabu-lists.ts';
import { HEADINGS, LABEL, untilNextLabel, VALUE, type Zone } from './tabu-patterns.ts';
import { contentLines, findText, findValue, isHeading, type Found } from './text-scan.ts';
import type { ParsedDocument } from './types.ts';
import { validateTabu } from './validate.ts';
import { parseDate, parseDecimal, parseShare, shareText } from './values.ts';

export type TabuExtraction = ParsedDocument;

const LIST_FIELDS: readonly (readonly [ListKey, string])[] = [
  ['additionalAreas', 'unitData'],
  ['attachments', 'attachments'],
  ['owners', 'ownership'],
  ['leases', 'ownership'],
  ['mortgages', 'mortgages'],
  ['notes', 'notes'],
  ['easements', 'easements'],
];

function headingZone(line: TextLine): Zone | null {
  for (const [zone, pattern] of HEADINGS) if (isHeading(line, pattern)) return zone;
  return null;
}

export function parseTabu(pages: readonly PdfPage[], document: string | null = null): TabuExtraction {
  const out = new SectionsBuilder(document);
  const lists = new TabuLists();
  const set = (section: string, key: string, found: Found | null, value: (text: string) => unknown, loose = 0) => {
    if (!found || out.has(section, key)) return;
    const parsed = value(found.text);
    if (parsed === null || parsed === undefined || parsed === '') return;
    out.set(section, key, parsed, found.page, found.confidence - loose);
  };
  const asText = (text: string) => text.trim();
  const asDigits = (text: string) => (/^\d+$/.test(text) ? text : null);
  const asNumber = (text: string) => parseDecimal(text);
  const asCount = (text: string) => (/^\d+$/.test(text) ? Number(text) : null);

  let zone: Zone = 'header';
  for (const line of contentLines(pages, { runningHeaderLines: 4, isRunningHeader })) {
    const next = headingZone(line);
    if (next) {
      zone = next;
      lists.enter(zone, line.page);
      if (zone === 'unit') set('identification', 'subparcel', findValue(line, LABEL.subparcel, VALUE.digits), asDigits, 0.1);
      continue;
    }
    if (zone === 'end') break;

    // Anywhere: the distinctive labels.
    set('identification', 'registryOffice', findText(line, LABEL.registryOffice), untilNextLabel);
    set('identification', 'extractNumber', findValue(line, LABEL.extractNumber, /(\d{4,})/), asText);
    set('identification', 'block', findValue(line, LABEL.block, VALUE.digits), asDigits);
    set('identification', 'parcel', findValue(line, LABEL.parcel, VALUE.digits), asDigits);
    set('identification', 'subparcel', findValue(line, LABEL.subparcel, VALUE.digits), asDigits);
    const triple = findValue(line, LABEL.blockParcelTriple, /(\d+\s*\/\s*\d+\s*\/\s*\d+)/);
    if (triple) {
      const [block, parcel, subparcel] = triple.text.split('/').map((part) => part.trim());
      for (const [key, value] of [['block', block], ['parcel', parcel], ['subparcel', subparcel]] as const) {
        if (value) set('identification', key, { ...triple, text: value }, asDigits, 0.15);
      }
    }
    set('regulations', 'bylaws', findText(line, LABEL.bylaws, { requireColon: true }), (t) => bylaws(untilNextLabel(t)));
    set('structure', 'subparcelCount', findValue(line, LABEL.subparcelCount, VALUE.digits), asCount);
    set('structure', 'buildingCount', findValue(line, LABEL.buildingCount, VALUE.digits), asCount);
    set('unitData', 'commonShare', findValue(line, LABEL.commonShare, /(\d{1,9}\s*\/\s*\d{1,9})/), (t) => {
      const share = parseShare(t);
      return share ? shareText(share) : null;
    });

    switch (zone) {
      case 'header':
      case 'parcel':
        if (zone === 'header' && line.page === pages[0]?.page) set('identification', 'issueDate', findValue(line, LABEL.issueDate, VALUE.date), parseDate);
        set('parcelDescription', 'parcelArea', findValue(line, LABEL.parcelArea, VALUE.number), asNumber);
        break;
      case 'unit':
      case 'additionalAreas':
        set('unitData', 'unitDescription', findText(line, LABEL.unitDescription, { requireColon: true }), untilNextLabel);
        set('unitData', 'floor', findText(line, LABEL.floor, { requireColon: true }), untilNextLabel);
        set('unitData', 'registeredArea', findValue(line, LABEL.registeredArea, VALUE.number), asNumber);
        if (zone === 'additionalAreas') lists.line(zone, line);
        break;
      default:
        lists.line(zone, line);
    }
  }

  for (const [key, section] of LIST_FIELDS) {
    const list = lists.lists[key];
    if (list) out.setRows(section, key, list.rows, list.headingPage, list.none ? 0.9 : 0.5);
  }
  return { sections: out.sections, warnings: validateTabu(out.sections) };
}

/** A page's running header repeats the extract number or the block: never a row of a list. */
function isRunningHeader(line: TextLine): boolean {
  return Boolean(findValue(line, LABEL.extractNumber, /(\d{4,})/) ?? findValue(line, LABEL.block, VALUE.digits));
}

function bylaws(text: string): string {
  if (/מוסכם/.test(text)) return 'AGREED';
  if (/מצוי/.test(text)) return 'STANDARD';
  return text.trim();
}
