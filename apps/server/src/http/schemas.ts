import { ZErrorBody } from '@mentorbridge/core';
import { z } from 'zod';

/** Error answers every authenticated route can give, for OpenAPI. */
export const errorResponses = {
  400: ZErrorBody.describe('Invalid input; `fields` names each offending field'),
  401: ZErrorBody.describe('Not signed in, or the session ended'),
  403: ZErrorBody.describe('Not allowed, or two-factor required'),
  404: ZErrorBody.describe('Not found, or outside your reach'),
  409: ZErrorBody.describe('Conflict: stale version or duplicate id'),
};

export const ZIdParam = z.object({ id: z.uuid() });
export const ZNoContent = z.null().describe('No content');
export const ZVersionBody = z.object({ version: z.number().int().min(1) });

export const iso = (d: Date | string | null | undefined): string | null =>
  d == null ? null : typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();
export const isoRequired = (d: Date | string): string => iso(d)!;
