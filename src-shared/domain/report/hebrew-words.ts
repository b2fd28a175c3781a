// Cardinal numbers in Hebrew words, as the value line of an appraisal report writes them
// ("חמישה מיליון ושבע מאות אלף שקלים חדשים"). Rules followed (Academy of the Hebrew Language usage):
// - the units agree with the counted noun; מאה is feminine (שלוש מאות), אלף, מיליון and מיליארד are
//   masculine, so their multipliers are masculine (שלושה מיליון, אחד עשר אלף);
// - 2 and 3–10 thousand have their own forms: אלפיים, שלושת … עשרת אלפים; a lone 1 before a scale
//   word is dropped (אלף, מיליון) and a lone 2 takes the construct form (שני מיליון);
// - the conjunction ו joins only the last element of a number; a compound multiplier keeps its
//   own inner ו (מיליון תשע מאות וחמישים אלף), a simple one takes it on the whole term
//   (חמישה מיליון ושבע מאות אלף).

export type HebrewGender = 'masculine' | 'feminine';

export const MAX_HEBREW_WORDS_NUMBER = 999_999_999_999;

const UNITS: Record<HebrewGender, readonly string[]> = {
  masculine: ['', 'אחד', 'שניים', 'שלושה', 'ארבעה', 'חמישה', 'שישה', 'שבעה', 'שמונה', 'תשעה', 'עשרה'],
  feminine: ['', 'אחת', 'שתיים', 'שלוש', 'ארבע', 'חמש', 'שש', 'שבע', 'שמונה', 'תשע', 'עשר'],
};

const TEENS: Record<HebrewGender, readonly string[]> = {
  masculine: ['', 'אחד עשר', 'שנים עשר', 'שלושה עשר', 'ארבעה עשר', 'חמישה עשר', 'שישה עשר',
    'שבעה עשר', 'שמונה עשר', 'תשעה עשר'],
  feminine: ['', 'אחת עשרה', 'שתים עשרה', 'שלוש עשרה', 'ארבע עשרה', 'חמש עשרה', 'שש עשרה',
    'שבע עשרה', 'שמונה עשרה', 'תשע עשרה'],
};

// Tens have one form for both genders.
const TENS = ['', '', 'עשרים', 'שלושים', 'ארבעים', 'חמישים', 'שישים', 'שבעים', 'שמונים', 'תשעים'];

const HUNDREDS = ['', 'מאה', 'מאתיים', 'שלוש מאות', 'ארבע מאות', 'חמש מאות', 'שש מאות', 'שבע מאות',
  'שמונה מאות', 'תשע מאות'];

// Construct forms used only for exactly 3–10 thousand.
const THOUSANDS_3_TO_10 = ['', '', '', 'שלושת', 'ארבעת', 'חמשת', 'ששת', 'שבעת', 'שמונת', 'תשעת', 'עשרת'];

/** One term of the number (e.g. "תשע מאות וחמישים אלף") and whether it already holds its ו. */
interface Term {
  readonly text: string;
  readonly compound: boolean;
}

/** The elements of 1..999 in order: hundreds, then tens and units (or a teen, or ten). */
function groupParts(n: number, gender: HebrewGender): string[] {
  const parts: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) parts.push(HUNDREDS[hundreds]!);
  if (rest >= 11 && rest <= 19) parts.push(TEENS[gender][rest - 10]!);
  else if (rest === 10) parts.push(UNITS[gender][10]!);
  else {
    const tens = Math.floor(rest / 10);
    const units = rest % 10;
    if (tens > 0) parts.push(TENS[tens]!);
    if (units > 0) parts.push(UNITS[gender][units]!);
  }
  return parts;
}

/** Joins the elements with ו before the last one. */
function joinParts(parts: readonly string[]): Term {
  if (parts.length === 1) return { text: parts[0]!, compound: false };
  const head = parts.slice(0, -1).join(' ');
  return { text: `${head} ו${parts[parts.length - 1]!}`, compound: true };
}

function thousandsTerm(count: number): Term {
  if (count === 1) return { text: 'אלף', compound: false };
  if (count === 2) return { text: 'אלפיים', compound: false };
  if (count <= 10) return { text: `${THOUSANDS_3_TO_10[count]!} אלפים`, compound: false };
  const multiplier = joinParts(groupParts(count, 'masculine'));
  return { text: `${multiplier.text} אלף`, compound: multiplier.compound };
}

function largeScaleTerm(count: number, scaleWord: string): Term {
  if (count === 1) return { text: scaleWord, compound: false };
  if (count === 2) return { text: `שני ${scaleWord}`, compound: false };
  const multiplier = joinParts(groupParts(count, 'masculine'));
  return { text: `${multiplier.text} ${scaleWord}`, compound: multiplier.compound };
}

/**
 * Writes a whole number 0 … 999,999,999,999 in Hebrew words. The gender is that of the counted noun
 * and only changes the last group (units); scale words keep their own agreement.
 */
export function hebrewNumberWords(n: number, gender: HebrewGender = 'masculine'): string {
  if (!Number.isInteger(n) || n < 0 || n > MAX_HEBREW_WORDS_NUMBER) {
    throw new RangeError(`hebrewNumberWords: expected an integer 0..${MAX_HEBREW_WORDS_NUMBER}, got ${n}`);
  }
  if (n === 0) return 'אפס';
  const billions = Math.floor(n / 1e9);
  const millions = Math.floor(n / 1e6) % 1000;
  const thousands = Math.floor(n / 1e3) % 1000;
  const units = n % 1000;

  const terms: Term[] = [];
  if (billions > 0) terms.push(largeScaleTerm(billions, 'מיליארד'));
  if (millions > 0) terms.push(largeScaleTerm(millions, 'מיליון'));
  if (thousands > 0) terms.push(thousandsTerm(thousands));
  if (units > 0) terms.push(joinParts(groupParts(units, gender)));

  const last = terms[terms.length - 1]!;
  if (terms.length === 1 || last.compound) return terms.map((t) => t.text).join(' ');
  // A simple last term carries the number's only outer ו.
  return [...terms.slice(0, -1).map((t) => t.text), `ו${last.text}`].join(' ');
}

/** Counts a masculine noun: "שקל חדש אחד", "שני שקלים חדשים", "שלושה שקלים חדשים". */
function wholeShekels(shekels: number): string {
  if (shekels === 1) return 'שקל חדש אחד';
  if (shekels === 2) return 'שני שקלים חדשים';
  return `${hebrewNumberWords(shekels, 'masculine')} שקלים חדשים`;
}

/** Counts the feminine אגורה: "אגורה אחת", "שתי אגורות", "חמישים אגורות". */
function agorotWords(agorot: number): string {
  if (agorot === 1) return 'אגורה אחת';
  if (agorot === 2) return 'שתי אגורות';
  return `${hebrewNumberWords(agorot, 'feminine')} אגורות`;
}

/**
 * The value in words as written in an appraisal report, from integer agorot:
 * 570_000_000 → "חמישה מיליון ושבע מאות אלף שקלים חדשים"; 12_350 → "מאה עשרים ושלושה שקלים חדשים ו-חמישים אגורות".
 * A value under one shekel is written in agorot alone.
 */
export function shekelsInWords(agorot: number): string {
  if (!Number.isSafeInteger(agorot) || agorot < 0) {
    throw new RangeError(`shekelsInWords: expected a non-negative integer number of agorot, got ${agorot}`);
  }
  const shekels = Math.floor(agorot / 100);
  const rest = agorot % 100;
  if (rest === 0) return wholeShekels(shekels);
  if (shekels === 0) return agorotWords(rest);
  return `${wholeShekels(shekels)} ו-${agorotWords(rest)}`;
}
