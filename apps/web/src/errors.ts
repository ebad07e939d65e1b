import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from './api.ts';

const KNOWN = [
  'VALIDATION_ERROR',
  'UNAUTHENTICATED',
  'TWO_FACTOR_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'VERSION_CONFLICT',
  'IDEMPOTENCY_CONFLICT',
  'EXPORT_REQUIRED',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'CSRF_REJECTED',
  'INTERNAL',
  'NETWORK',
] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (code: string): code is Known => (KNOWN as readonly string[]).includes(code);

/** A translated sentence for any error; the server's own message only for codes we do not know. */
export const errorText = (t: TFunction, error: unknown): string => {
  if (error instanceof ApiError) {
    if (isKnown(error.code)) return t(`errors.${error.code}`);
    if (error.message) return error.message;
    return error.status >= 500 ? t('errors.INTERNAL') : t('errors.generic');
  }
  return t('errors.generic');
};

export const useErrorText = () => {
  const { t } = useTranslation();
  return useCallback((error: unknown) => errorText(t, error), [t]);
};

/** Field errors from a Zod validation, in the user's language. Keys are dot paths, like the API's `fields`. */
export const zodFieldErrors = (t: TFunction, error: z.ZodError): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (out[path]) continue;
    out[path] = issueText(t, issue);
  }
  return out;
};

const issueText = (t: TFunction, issue: z.core.$ZodIssue): string => {
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1 && issue.origin === 'string'
        ? t('validation.required')
        : issue.origin === 'string'
          ? t('validation.tooShort', { min: Number(issue.minimum) })
          : t('validation.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string'
        ? t('validation.tooLong', { max: Number(issue.maximum) })
        : t('validation.tooBig', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'date') return t('validation.date');
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'uuid') return t('validation.choose');
      if (issue.format === 'regex' && issue.path.at(-1) === 'licenceState') return t('validation.stateCode');
      return t('validation.invalid');
    case 'invalid_value':
      return t('validation.choose');
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? t('validation.required') : t('validation.invalid');
    default:
      return t('validation.invalid');
  }
};

/** Merge client (Zod) and server (`error.fields`) field errors into one map. */
export const fieldErrors = (clientErrors: Record<string, string>, serverError: unknown): Record<string, string> => {
  const server = serverError instanceof ApiError ? serverError.fields : {};
  const out: Record<string, string> = { ...clientErrors };
  for (const [path, message] of Object.entries(server)) {
    out[path] = message;
    const base = path.split('.')[0];
    if (base && !out[base]) out[base] = message;
  }
  return out;
};
