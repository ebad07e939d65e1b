import type { TErrorCode } from '@mentorbridge/core';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: TErrorCode | (string & {}),
    message: string,
    readonly extra: { fields?: Record<string, string>; current?: unknown } = {},
  ) {
    super(message);
  }
}

export const notFound = (what = 'Record') => new AppError(404, 'NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do that') => new AppError(403, 'FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in to continue') => new AppError(401, 'UNAUTHENTICATED', message);
export const versionConflict = (current: unknown) =>
  new AppError(409, 'VERSION_CONFLICT', 'Someone else changed this record; review the current version', { current });
export const badRequest = (fields: Record<string, string>, message = 'Some fields need attention') =>
  new AppError(400, 'VALIDATION_ERROR', message, { fields });

/** The SQLSTATE of a database error, however the driver and drizzle wrapped it. */
export const sqlState = (err: unknown): string | undefined => {
  let e = err as { code?: unknown; cause?: unknown } | undefined;
  for (let i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
};
