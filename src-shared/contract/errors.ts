import { z } from 'zod';
import type { ErrorReason } from './error-reasons.ts';

/** Every failure the core returns carries one of these codes, whatever the transport. */
export const ERROR_CODES = [
  'VALIDATION', // the input does not satisfy the contract or a domain rule
  'NOT_FOUND', // no such row in the caller's organization
  'FORBIDDEN', // the caller's role may not do this
  'LIFECYCLE', // the valuation's status does not allow this (e.g. SIGNED is immutable)
  'CONFLICT', // a concurrent change or duplicate
  'STORAGE', // disk, file or blob problems
  'UNAUTHENTICATED', // no signed-in user
  'UNAVAILABLE', // the server cannot be reached
  'INTERNAL', // a bug: logged, never expected
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const appErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AppErrorShape = z.infer<typeof appErrorSchema>;

/** What every refusal carries: the reason a person is told (error-reasons.ts) and its sentence's parameters. */
export type AppErrorDetails = { reason: ErrorReason } & Record<string, unknown>;

/**
 * Thrown inside the core; dispatch turns it into an AppErrorShape for the caller. The message is
 * English for logs; what a user reads comes from details.reason through the renderer's catalog.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: AppErrorDetails;
  constructor(code: ErrorCode, message: string, details: AppErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toShape(): AppErrorShape {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
