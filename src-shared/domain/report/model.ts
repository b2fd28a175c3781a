// buildReportModel: the valuation's data (ReportSource) as the sections of the appraisal report that
// Standard 1 of the appraisers' council requires (DOMAIN.md "The report"): cover, opening letter,
// 1 property and environment, 2 legal status, 3 planning, 4 factors and considerations,
// 5 calculations, 6 valuation. Pure: no clock, no I/O. The figures are computeValuation's, called
// once here on the input the preflight uses, so the report prints the value that is signed. A draft
// builds too: what is missing is null and the template prints a placeholder.
import { computeValuation, type ValuationOutcome } from '../calculation/valuation.ts';
import type { GisSlotKey } from '../geometry/gis.ts';
import { calculationSection } from './calculation.ts';
import { Extraction, isRecord } from './extracted.ts';
import { factorsSection } from './factors.ts';
import { formatDate, formatProseDate, formatShekels, formatSqmValue, plainText } from './format.ts';
import { shekelsInWords } from './hebrew-words.ts';
import { AIR_DIRECTION_LABELS, CLIENT_RELATION_LABELS, ROOM_TYPE_LABELS, VALUATION_TYPE_LABELS, VAT_LABELS } from './labels.ts';
import { legalSection } from './legal.ts';
import { planningSection } from './planning.ts';
import { readStep1, type Step1View } from './step1.ts';
import { field, firstOf, joined } from './tables.ts';
import { DECLARATION, LIMITATION_OF_LIABILITY, REPORT_TITLE, VALUE_CONDITIONS } from './texts.ts';
import type { LetterSection, PropertySection, ReportImage, ReportModel, ReportSource, SourceImage, ValuationSection } from './types.ts';

export type * from './types.ts';

const MAP_CAPTIONS: Readonly<Record<GisSlotKey, string>> = { wide: 'מפת הסביבה', parcel: 'תשריט החלקה', aerial: 'תצלום אוויר' };

const captioned = (image: SourceImage, caption: string | null): ReportImage => ({ dataUrl: image.dataUrl, width: image.width, height: image.height, caption });

/** The facts several sections print, read once. */
interface Facts {
  step1: Step1View;
  meta: Record<string, unknown>;
  tabu: Extraction;
  address: string | null;
  blockParcel: string | null;
  registeredArea: string | null;
  valuationType: string | null;
}

function readFacts(source: ReportSource): Facts {
  const { valuation } = source;
  const step1 = readStep1(valuation.step1Data);
  const meta = isRecord(valuation.meta) ? valuation.meta : {};
  const tabu = new Extraction(source.extractions.tabu);
  const street = joined(' ', step1.street, step1.buildingNumber);
  return {
    step1,
    meta,
    tabu,
    address: firstOf(plainText(valuation.addressFull), joined(', ', street, step1.city)),
    blockParcel: valuation.block && valuation.parcel ? joined('/', valuation.block, valuation.parcel, valuation.subparcel) : null,
    // The same precedence as the preflight: the valuation's own figure, else the extract's.
    registeredArea: formatSqmValue(meta.registeredAreaSqm),
    valuationType: step1.valuationType ? (VALUATION_TYPE_LABELS[step1.valuationType] ?? step1.valuationType) : null,
  };
}

function letterSection(source: ReportSource, facts: Facts): LetterSection {
  const { step1 } = facts;
  const client = joined(' ', step1.client.title, step1.client.name);
  const valuationDate = formatProseDate(step1.valuationDate);
  const relation = step1.client.relation ? (CLIENT_RELATION_LABELS[step1.client.relation] ?? step1.client.relation) : null;
  return {
    addressee: client,
    date: formatProseDate(step1.reportDate),
    reference: plainText(source.valuation.title),
    subject: `${REPORT_TITLE}${facts.address ? ` — ${facts.address}` : ''}`,
    fields: [
      field('מזמין חוות הדעת', client),
      field('זיקת המזמין לנכס', relation),
      ...(step1.client.note ? [field('הערה', step1.client.note)] : []),
      field('מטרת חוות הדעת', facts.valuationType),
      field('מועד הביקור בנכס', formatDate(step1.visitDate), true),
      field('המועד הקובע לשומה', formatDate(step1.valuationDate), true),
      field('תאריך חוות הדעת', formatDate(step1.reportDate), true),
    ],
    introduction:
      `התבקשתי על ידי ${client ?? 'מזמין חוות הדעת'} לערוך חוות דעת בעניין ${facts.valuationType ?? 'אומדן שווי'} של הזכויות בנכס שבנדון, ` +
      `נכון למועד הקובע${valuationDate ? `, ${valuationDate}` : ''}. לשם כך ביקרתי בנכס, עיינתי במסמכים ובנתונים המפורטים להלן, והריני מתכבד להגיש את חוות דעתי.`,
    liability: [...LIMITATION_OF_LIABILITY],
  };
}

function propertySection(source: ReportSource, facts: Facts): PropertySection {
  const { step1, meta } = facts;
  const { images } = source;
  return {
    heading: '1. תיאור הנכס והסביבה',
    fields: [
      field('כתובת', facts.address),
      field('שכונה', step1.neighborhood),
      field('גוש/חלקה/תת חלקה', facts.blockParcel, true),
      field('מספר חדרים', step1.rooms, true),
      field('קומה', step1.floor),
      field('כיווני אוויר', step1.airDirections.length ? step1.airDirections.map((d) => AIR_DIRECTION_LABELS[d] ?? d).join(', ') : null),
      field('שטח רשום (מ"ר)', facts.registeredArea, true),
      field('שטח בנוי (מ"ר)', formatSqmValue(meta.builtAreaSqm) ?? formatSqmValue(step1.builtAreaSqm), true),
    ],
    description: plainText(meta.description),
    maps: images.maps.map((m) => captioned(m, MAP_CAPTIONS[m.slot])),
    plans: images.plans.map((p, i) => captioned(p, images.plans.length > 1 ? `תשריט הדירה (${i + 1})` : 'תשריט הדירה')),
    photos: images.interior.map((p) => captioned(p, ROOM_TYPE_LABELS[p.roomType] ?? null)),
  };
}

function valuationSection(source: ReportSource, facts: Facts, outcome: ValuationOutcome | null): ValuationSection {
  const result = outcome?.ok ? outcome.result : null;
  const value = result?.roundedValueAgorot ?? null;
  const date = formatProseDate(facts.step1.valuationDate);
  return {
    heading: '6. השומה',
    valueDigits: formatShekels(value),
    valueWords: value === null ? null : shekelsInWords(value),
    statement:
      'לאור האמור לעיל, ובהתחשב בגורמים ובשיקולים שפורטו, שווי הזכויות בנכס שבנדון, במצבו הנוכחי, ' +
      `נכון למועד הקובע${date ? ` ${date}` : ''}, הוא:`,
    conditions: [...VALUE_CONDITIONS, ...(result?.vat ? [VAT_LABELS[result.vat]] : [])],
    declaration: [...DECLARATION],
    appraiser: {
      name: firstOf(facts.step1.appraiserName, source.appraiser.userName),
      licence: facts.step1.appraiserLicense,
      signatureDataUrl: source.appraiser.signatureDataUrl,
    },
    date: formatProseDate(facts.step1.reportDate),
  };
}

export function buildReportModel(source: ReportSource): ReportModel {
  const facts = readFacts(source);
  const outcome = source.calculationInput ? computeValuation(source.calculationInput) : null;
  const legal = legalSection(source);
  const planning = planningSection(source, facts.step1);
  const { organization } = source;
  return {
    footerText: firstOf(plainText(organization.footerText), organization.name),
    cover: {
      logoDataUrl: organization.logoDataUrl,
      organizationName: organization.name,
      title: REPORT_TITLE,
      propertyType: firstOf(
        plainText(facts.meta.propertyType),
        plainText(facts.tabu.trusted('unitData', 'unitDescription')),
        facts.step1.rooms ? `דירת ${facts.step1.rooms} חדרים` : null,
      ),
      address: facts.address,
      photo: source.images.cover ? captioned(source.images.cover, null) : null,
      reportDate: formatProseDate(facts.step1.reportDate),
    },
    letter: letterSection(source, facts),
    property: propertySection(source, facts),
    legal,
    planning,
    factors: factorsSection({
      step1: facts.step1,
      address: facts.address,
      registeredArea: facts.registeredArea,
      legal,
      planning,
      result: outcome?.ok ? outcome.result : null,
      fewComparablesReason: source.fewComparablesReason,
    }),
    calculations: calculationSection(source, outcome),
    valuation: valuationSection(source, facts, outcome),
  };
}
