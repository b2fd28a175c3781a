// Section 4 of the report, the factors and considerations: sentences drawn from the data of the other
// sections (location, the apartment, the legal and planning status, the comparables), then the fixed
// considerations of the comparison approach. A fact that is not stated is left out, not guessed.
import { MIN_COMPARABLES } from '../calculation/comparables.ts';
import type { ValuationResult } from '../calculation/valuation.ts';
import { formatSqmHundredths } from './format.ts';
import { AIR_DIRECTION_LABELS } from './labels.ts';
import type { Step1View } from './step1.ts';
import { joined } from './tables.ts';
import { CONSIDERATIONS, DEDUCTIONS_CONSIDERATION, FIXED_SUMS_CONSIDERATION } from './texts.ts';
import type { FactorsSection, LegalSection, PlanningSection } from './types.ts';

interface FactorInputs {
  step1: Step1View;
  address: string | null;
  /** Printed sqm ('142.3'), or null. */
  registeredArea: string | null;
  legal: LegalSection;
  planning: PlanningSection;
  result: ValuationResult | null;
  fewComparablesReason: string | null;
}

export function factorsSection({ step1, address, registeredArea, legal, planning, result, fewComparablesReason }: FactorInputs): FactorsSection {
  const factors: string[] = [];
  if (address) factors.push(`הנכס ממוקם ב${address}${step1.neighborhood ? `, בשכונת ${step1.neighborhood}` : ''}.`);
  const apartment = joined(' ', step1.rooms ? `בת ${step1.rooms} חדרים` : null, step1.floor ? `בקומה ${step1.floor}` : null);
  if (apartment) factors.push(`הנכס הנישום הוא דירה ${apartment}.`);
  if (step1.airDirections.length) factors.push(`כיווני אוויר: ${step1.airDirections.map((d) => AIR_DIRECTION_LABELS[d] ?? d).join(', ')}.`);
  if (registeredArea) factors.push(`שטח הדירה הרשום הוא ${registeredArea} מ"ר.`);
  if (result) factors.push(`השטח האקוויוולנטי לחישוב הוא ${formatSqmHundredths(result.equivalentArea.areaHundredths)} מ"ר.`);
  const owners = legal.owners.rows.length;
  if (owners) factors.push(`הזכויות בנכס רשומות על שם ${owners === 1 ? 'בעלים אחד' : `${owners} בעלים`}, כמפורט בפרק 2.`);
  if (legal.mortgages.rows.length) factors.push('על הנכס רשומות משכנתאות; השווי נקבע בהנחה שהן יסולקו.');
  if (legal.notes.rows.length) factors.push('על הנכס רשומות הערות, כמפורט בפרק 2.');
  if (planning.permits.rows.length) factors.push('לבניין היתר בנייה, כמפורט בפרק 3.');
  factors.push(planning.contamination);
  const count = result?.statistics?.count ?? 0;
  if (result?.pricePerSqm.source === 'MANUAL') factors.push(`המחיר למ"ר נקבע על ידי השמאי, על רקע ${count} עסקאות השוואה שנבחנו.`);
  else if (result) factors.push(`השווי נגזר מ-${count} עסקאות השוואה שנכללו בתחשיב.`);
  if (result && count < MIN_COMPARABLES && fewComparablesReason) factors.push(`מספר עסקאות ההשוואה קטן מ-${MIN_COMPARABLES}: ${fewComparablesReason}`);
  const considerations = [
    ...CONSIDERATIONS,
    ...(result?.fixedSums.length ? [FIXED_SUMS_CONSIDERATION] : []),
    ...(result?.deductions.length ? [DEDUCTIONS_CONSIDERATION] : []),
  ];
  return { heading: '4. גורמים ושיקולים', factors, considerations };
}
