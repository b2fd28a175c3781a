import type { z } from 'zod';
import { AppError, type AppErrorShape, type Result } from '../../src-shared/contract/errors.ts';
import { contract, isMethodName, type MethodName } from '../../src-shared/contract/methods.ts';
import { BlobError } from './blobs/errors.ts';
import type { CoreContext } from './context.ts';
import type { HandlerMap } from './handlers.ts';

export interface DispatchLog {
  error(message: string, details: Record<string, unknown>): void;
}

/**
 * The single entry of the core: parses the input with the contract, runs the handler, and turns every
 * failure into a typed error. Nothing a caller sends can reach a handler unparsed.
 */
export function createDispatch(handlers: HandlerMap, ctx: CoreContext, log: DispatchLog) {
  return async function dispatch(method: string, input: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method)) return fail({ code: 'VALIDATION', message: `Unknown method: ${String(method).slice(0, 100)}`, details: { reason: 'UNEXPECTED' } });
    const spec = contract[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return fail(validationError(parsed.error));
    try {
      const handler = handlers[method] as (input: unknown, ctx: CoreContext) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value: (spec.output as z.ZodType).parse(value) };
    } catch (error) {
      return fail(toAppError(method, error, log));
    }
  };
}

function fail(error: AppErrorShape): Result<never> {
  return { ok: false, error };
}

/**
 * The contract's refusal of an input, with each issue's zod code and bounds so the UI can say which
 * field and what is wrong in the user's words ("the title is longer than 300 characters").
 */
function validationError(error: z.ZodError): AppErrorShape {
  const issues = error.issues.map((issue) => {
    const bounds = issue as { minimum?: unknown; maximum?: unknown };
    return {
      path: issue.path.join('.'),
      code: issue.code,
      message: issue.message,
      ...(typeof bounds.maximum === 'number' || typeof bounds.maximum === 'bigint' ? { maximum: Number(bounds.maximum) } : {}),
      ...(typeof bounds.minimum === 'number' || typeof bounds.minimum === 'bigint' ? { minimum: Number(bounds.minimum) } : {}),
    };
  });
  const first = issues[0];
  return {
    code: 'VALIDATION',
    message: first ? `${first.path || 'input'}: ${first.message}` : 'Invalid input',
    details: { reason: 'INVALID_INPUT', issues },
  };
}

const BLOB_CODES: Record<BlobError['code'], AppErrorShape['code']> = {
  TYPE_NOT_ALLOWED: 'VALIDATION',
  TYPE_MISMATCH: 'VALIDATION',
  TOO_LARGE: 'VALIDATION',
  INVALID_HASH: 'VALIDATION',
  NOT_FOUND: 'NOT_FOUND',
  IO: 'STORAGE',
};

function toAppError(method: MethodName, error: unknown, log: DispatchLog): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  if (error instanceof BlobError) {
    return { code: BLOB_CODES[error.code], message: error.message, details: { ...error.details, reason: error.code === 'NOT_FOUND' ? 'FILE_NOT_FOUND' : error.code } };
  }
  const sqliteCode = (error as { code?: unknown })?.code;
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_CONSTRAINT')) {
    return { code: 'VALIDATION', message: 'The change breaks a rule of the data model.', details: { reason: 'DATA_RULE', sqlite: sqliteCode } };
  }
  if (typeof sqliteCode === 'string' && /^SQLITE_(FULL|IOERR|CANTOPEN|READONLY|CORRUPT|NOTADB)/.test(sqliteCode)) {
    return { code: 'STORAGE', message: 'The local database could not be written.', details: { reason: 'DISK', sqlite: sqliteCode } };
  }
  log.error('unexpected error in core handler', { method, error: error instanceof Error ? error.stack : String(error) });
  return { code: 'INTERNAL', message: 'Something went wrong; the details were logged.', details: { reason: 'UNEXPECTED' } };
}
