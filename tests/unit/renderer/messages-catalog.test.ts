// Everything the core, the server and the domain can tell a user has words in both languages, and
// what the UI renders from them names no column, path or code: the catalog is walked code by code.
import i18next, { type TFunction } from 'i18next';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../../src-shared/contract/client.ts';
import { ERROR_REASONS } from '../../../src-shared/contract/error-reasons.ts';
import { ERROR_CODES } from '../../../src-shared/contract/errors.ts';
import { CALCULATION_ERROR_CODES } from '../../../src-shared/domain/calculation/issues.ts';
import { COMPARABLE_ISSUE_CODES } from '../../../src-shared/domain/comparables/values.ts';
import { PREFLIGHT_CODES, preflight } from '../../../src-shared/domain/validation/preflight.ts';
import { ACTIVITY_ACTIONS, ACTIVITY_SUBJECT_TYPES } from '../../../src-shared/domain/enums.ts';
import { REJECTION_CODES } from '../../../src-shared/sync/protocol.ts';
import { en } from '../../../src-renderer/i18n/en.ts';
import { he } from '../../../src-renderer/i18n/he.ts';
import { errorSentence } from '../../../src-renderer/ui/error-sentence.ts';

const CATALOGS = { he, en } as const;
const lookup = (catalog: unknown, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);

async function translator(lng: 'he' | 'en'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ lng, resources: { [lng]: { translation: CATALOGS[lng] } }, interpolation: { escapeValue: false } });
  return instance.t;
}

/** Latin words a Hebrew sentence may hold: formats and units, never identifiers. */
const ALLOWED_LATIN = new Set(['PDF', 'DOCX', 'XLSX', 'CSV', 'UTF', 'Excel', 'Word', 'JPEG', 'PNG', 'WebP', 'HEIC', 'TIFF', 'ZIP', 'MB', 'KB']);
const latinWords = (text: string) => (text.match(/[A-Za-z_][A-Za-z_0-9]*/g) ?? []).filter((word) => !ALLOWED_LATIN.has(word));
/** What an internal name looks like: camelCase, snake_case, dotted paths, SHOUTING_CODES. */
const INTERNAL = /\b([a-z]+[A-Z]\w*|\w+_\w+|[a-z]+\.[a-z]+\w*|[A-Z]{2,}_[A-Z_]+)\b/;

/** Parameters a real refusal of each kind carries (file names as users give them). */
const SAMPLE_DETAILS: Record<string, Record<string, unknown>> = {
  TYPE_NOT_ALLOWED: { declaredName: 'נסח טאבו.pdf', claimedExt: 'pdf', foundKind: 'PROGRAM', detectedMime: 'application/x-msdownload' },
  TYPE_MISMATCH: { declaredName: 'חזית.pdf', expected: 'image', detectedMime: 'application/pdf' },
  TOO_LARGE: { declaredName: 'היתר.pdf', sizeBytes: 64_172_851, limitBytes: 52_428_800 },
  PREFLIGHT_BLOCKS: { count: 3 },
};

describe('the message catalogs', () => {
  test.each(['he', 'en'] as const)('%s has a heading and a sentence for every error code, and a sentence for every reason', (lng) => {
    const catalog = CATALOGS[lng];
    for (const code of ERROR_CODES) {
      expect(typeof lookup(catalog, `errors.${code}`), code).toBe('string');
      expect(typeof lookup(catalog, `errors.detail.${code}`), code).toBe('string');
    }
    for (const reason of ERROR_REASONS) expect(typeof lookup(catalog, `errorReasons.${reason}`), reason).toBe('string');
    for (const code of COMPARABLE_ISSUE_CODES) expect(typeof lookup(catalog, `comparableIssues.${code}`), code).toBe('string');
    for (const code of CALCULATION_ERROR_CODES) expect(typeof lookup(catalog, `calculation.codes.${code}`), code).toBe('string');
    for (const code of REJECTION_CODES) expect(typeof lookup(catalog, `rejectionReasons.${code}`), code).toBe('string');
    for (const action of ACTIVITY_ACTIONS) expect(typeof lookup(catalog, `activity.actions.${action}`), action).toBe('string');
    for (const subject of ACTIVITY_SUBJECT_TYPES) expect(typeof lookup(catalog, `activity.subjects.${subject}`), subject).toBe('string');
    for (const code of PREFLIGHT_CODES) {
      const key = preflight({}, {}).hardStops.find((i) => i.code === code)?.messageKey ?? `preflight.${code.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())}`;
      expect(typeof lookup(catalog, key), code).toBe('string');
    }
  });

  test('every reason, rendered in Hebrew, is Hebrew: no English sentence, no internal name, no leftover placeholder', async () => {
    const t = await translator('he');
    for (const reason of ERROR_REASONS) {
      const error = new ApiError({ code: 'VALIDATION', message: `English log message for ${reason}`, details: { reason, ...SAMPLE_DETAILS[reason] } });
      const { heading, detail } = errorSentence(t, error);
      const shown = `${heading}: ${detail}`.replace(/"[^"]*\.(pdf|jpg|png)"/g, '"file"');
      expect(shown, reason).not.toContain('English log message');
      expect(shown, reason).not.toMatch(/{{|}}/);
      expect(latinWords(shown.replace('"file"', '')), `${reason}: ${shown}`).toEqual([]);
    }
  });

  test('a refused file says what it is, in the user\'s words', async () => {
    const heT = await translator('he');
    const enT = await translator('en');
    const error = new ApiError({ code: 'VALIDATION', message: 'x', details: { reason: 'TYPE_NOT_ALLOWED', ...SAMPLE_DETAILS.TYPE_NOT_ALLOWED } });
    expect(errorSentence(heT, error).detail).toContain('הקובץ "נסח טאבו.pdf" אינו PDF: זו תוכנה');
    expect(errorSentence(enT, error).detail).toContain('The file "נסח טאבו.pdf" is not a PDF: it is a program');
    const large = new ApiError({ code: 'VALIDATION', message: 'x', details: { reason: 'TOO_LARGE', ...SAMPLE_DETAILS.TOO_LARGE } });
    expect(errorSentence(enT, large).detail).toBe('The file "היתר.pdf" is too large (61.2 MB); the limit is 50 MB.');
  });

  test('an input the contract refused names the field by its label, never by its path', async () => {
    for (const lng of ['he', 'en'] as const) {
      const t = await translator(lng);
      const error = new ApiError({
        code: 'VALIDATION',
        message: 'fields.title: Too big: expected string to have <=300 characters',
        details: { reason: 'INVALID_INPUT', issues: [{ path: 'fields.title', code: 'too_big', maximum: 300, message: 'Too big' }] },
      });
      const { detail } = errorSentence(t, error);
      expect(detail).toBe(lng === 'he' ? 'כותרת השומה: ארוך מדי (עד 300)' : 'The title: too long (at most 300)');
      expect(detail).not.toMatch(INTERNAL);
      // A field the catalog does not name is "a value", not its path.
      const unknown = new ApiError({ code: 'VALIDATION', message: 'x', details: { reason: 'INVALID_INPUT', issues: [{ path: 'fields.step4Data.calculation', code: 'invalid_type', message: 'x' }] } });
      expect(errorSentence(t, unknown).detail).not.toMatch(/step4Data|calculation/);
    }
  });

  test('a failure that is not the core\'s (a bug in the page) still reads as a sentence', async () => {
    const t = await translator('he');
    expect(errorSentence(t, new TypeError("Cannot read properties of undefined (reading 'id')"))).toEqual({ heading: 'משהו השתבש.', detail: he.errors.genericDetail });
  });
});
