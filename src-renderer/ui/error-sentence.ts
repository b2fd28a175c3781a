// A failure as the user's sentence (pure, so the catalog test can render every reason in Node).
import type { TFunction } from 'i18next';
import { ApiError } from '../../src-shared/contract/client.ts';
import { isErrorReason } from '../../src-shared/contract/error-reasons.ts';
import { formatBytes } from '../i18n/format.ts';
import { isRecord } from '../../src-shared/domain/collections.ts';

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** The words a file refusal needs: the file's name, what it claimed to be, what it really is. */
function fileParams(t: TFunction, details: Record<string, unknown>): Record<string, string> {
  const claimedExt = text(details.claimedExt);
  const claimKey = ['pdf', 'docx', 'xlsx', 'csv'].includes(claimedExt) ? claimedExt : ['jpg', 'jpeg', 'png', 'webp', 'heic', 'heif', 'tif', 'tiff'].includes(claimedExt) ? 'image' : 'none';
  const sizeBytes = typeof details.sizeBytes === 'number' ? details.sizeBytes : null;
  const limitBytes = typeof details.limitBytes === 'number' ? details.limitBytes : null;
  return {
    fileName: text(details.declaredName ?? details.fileName),
    claimedText: t(`fileClaims.${claimKey}`),
    foundText: t(`fileFound.${text(details.foundKind) || 'UNKNOWN'}`),
    expectedText: details.expected === 'image' || details.expected === 'document' ? t(`fileExpected.${details.expected}`) : '',
    size: sizeBytes === null ? '' : formatBytes(sizeBytes),
    limit: limitBytes === null ? '' : formatBytes(limitBytes),
  };
}

/** The first refused field of an input the contract refused, named by its label, never by its path. */
function validationSentence(t: TFunction, details: Record<string, unknown>): string | null {
  const issues = Array.isArray(details.issues) ? details.issues.filter(isRecord) : [];
  const first = issues[0];
  if (!first) return null;
  const segments = text(first.path).split('.').filter((part) => !/^\d+$/.test(part));
  const key = segments.at(-1) ?? '';
  const field = t(`fieldNames.${key}`, { defaultValue: t('fieldNames.value') });
  return t(`validation.${text(first.code)}`, { field, maximum: first.maximum ?? '', minimum: first.minimum ?? '', defaultValue: t('validation.invalid', { field }) });
}

/**
 * A failure as the user's sentence: the catalog's text for its reason (with its parameters), else the
 * refused field of an input, else the general sentence for its code. The core's own English message
 * is for logs and never shown.
 */
export function errorSentence(t: TFunction, error: unknown, messages?: Readonly<Record<string, string>>): { heading: string; detail: string } {
  if (!(error instanceof ApiError)) return { heading: t('errors.generic'), detail: t('errors.genericDetail') };
  const details = isRecord(error.details) ? error.details : {};
  const reason = isErrorReason(details.reason) ? details.reason : null;
  const heading = t(`errors.${error.code}`);
  const known = messages ? ((reason !== null ? messages[reason] : undefined) ?? messages[error.code]) : undefined;
  if (known) return { heading, detail: known };
  if (reason === 'INVALID_INPUT') return { heading, detail: validationSentence(t, details) ?? t('errorReasons.INVALID_INPUT') };
  if (reason !== null) {
    const params = { ...Object.fromEntries(Object.entries(details).filter(([, v]) => typeof v === 'string' || typeof v === 'number')), ...fileParams(t, details) };
    return { heading, detail: t(`errorReasons.${reason}`, params) };
  }
  return { heading, detail: t(`errors.detail.${error.code}`) };
}

