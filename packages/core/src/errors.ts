import { z } from 'zod';

export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'UNAUTHENTICATED',
  'TWO_FACTOR_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'VERSION_CONFLICT',
  'IDEMPOTENCY_CONFLICT',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'CSRF_REJECTED',
  'INTERNAL',
] as const;
export const ZErrorCode = z.enum(ERROR_CODES);
export type TErrorCode = z.infer<typeof ZErrorCode>;

export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Field path (dot-separated) → message, for validation errors. */
    fields: z.record(z.string(), z.string()).optional(),
    /** The record as it is now, for a stale edit (409 VERSION_CONFLICT). */
    current: z.unknown().optional(),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;
