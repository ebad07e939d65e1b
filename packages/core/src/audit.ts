import { z } from 'zod';
import { ZPageQuery, ZUuid } from './common.ts';

export const ZAuditEvent = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  youthId: ZUuid.nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditQuery = ZPageQuery.extend({
  youthId: ZUuid.optional(),
  actorUserId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  resourceType: z.string().max(60).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const ZAuditPage = z.object({
  items: z.array(ZAuditEvent),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const ZYouthAccessEntry = z.object({
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  firstAt: z.string(),
  lastAt: z.string(),
  count: z.number().int(),
});
