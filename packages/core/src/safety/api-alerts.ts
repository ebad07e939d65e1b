import { z } from 'zod';
import { optionalText, pageOf, ZPageQuery, ZUuid } from '../common.ts';
import {
  ZAlertActionKind,
  ZAlertDisposition,
  ZAlertSeverity,
  ZAlertSource,
  ZAlertStatus,
  ZNotificationChannel,
} from './enums.ts';

/** API shapes of safety alerts (R-6.6, R-1.34–1.36): list, detail, acknowledge, actions, close, in-app notices. */

const ZVersion = z.number().int().min(1);
const ZIsoDateTime = z.iso.datetime({ offset: true });

/** `active` = open or acknowledged (not closed yet). */
export const ALERT_STATUS_FILTERS = ['open', 'acknowledged', 'closed', 'active'] as const;
export const ZAlertListQuery = ZPageQuery.extend({
  status: z.enum(ALERT_STATUS_FILTERS).optional(),
  severity: ZAlertSeverity.optional(),
  /** Only `total` and `open` (no alerts listed): what the app shell polls for its indicator. */
  countsOnly: z.stringbool().optional(),
});
export type TAlertListQuery = z.input<typeof ZAlertListQuery>;

export const ZAlert = z.object({
  id: ZUuid,
  youthId: ZUuid,
  youthName: z.string(),
  programId: ZUuid,
  source: ZAlertSource,
  sourceId: ZUuid.nullable(),
  severity: ZAlertSeverity,
  /** Machine codes (e.g. "contact_note.safety_concern", "phq9.item9=2"); the web shows them in plain words. */
  reasons: z.array(z.string()),
  status: ZAlertStatus,
  raisedAt: z.string(),
  escalationLevel: z.number().int(),
  escalateAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  disposition: ZAlertDisposition.nullable(),
  actionCount: z.number().int(),
  version: z.number().int(),
});
export type TAlert = z.infer<typeof ZAlert>;

export const ZAlertPage = pageOf(ZAlert).extend({
  /** Open (unacknowledged) alerts within reach, whatever the filters: what the app shell shows. */
  open: z.object({ acute: z.number().int(), nonAcute: z.number().int() }),
});
export type TAlertPage = z.infer<typeof ZAlertPage>;

export const ZAlertAction = z.object({
  id: ZUuid,
  kind: ZAlertActionKind,
  note: z.string().nullable(),
  takenAt: z.string(),
  takenBy: z.string(),
  takenByName: z.string().nullable(),
  createdAt: z.string(),
});
export type TAlertAction = z.infer<typeof ZAlertAction>;

export const ZAlertNotice = z.object({
  id: ZUuid,
  userId: z.string(),
  userName: z.string().nullable(),
  channel: ZNotificationChannel,
  level: z.number().int(),
  reason: z.enum(['raised', 'escalated']),
  /** pending → delivered, or skipped (e.g. SMS to someone with no phone number). */
  status: z.string(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type TAlertNotice = z.infer<typeof ZAlertNotice>;

export const ALERT_LOG_EVENTS = ['raise', 'acknowledge', 'escalate', 'action', 'close'] as const;
export const ZAlertLogEntry = z.object({
  at: z.string(),
  event: z.enum(ALERT_LOG_EVENTS),
  actorName: z.string().nullable(),
  level: z.number().int().nullable(),
});
export type TAlertLogEntry = z.infer<typeof ZAlertLogEntry>;

export const ZAlertDetail = ZAlert.extend({
  raisedByName: z.string().nullable(),
  closedByName: z.string().nullable(),
  dispositionNote: z.string().nullable(),
  actions: z.array(ZAlertAction),
  notices: z.array(ZAlertNotice),
  log: z.array(ZAlertLogEntry),
  can: z.object({ acknowledge: z.boolean(), act: z.boolean(), close: z.boolean() }),
});
export type TAlertDetail = z.infer<typeof ZAlertDetail>;

export const ZAcknowledgeAlert = z.object({ version: ZVersion });

export const ZCreateAlertAction = z.object({
  id: ZUuid.optional(),
  kind: ZAlertActionKind,
  note: optionalText(2000),
  /** When the step was taken; defaults to now and may not be in the future. */
  takenAt: ZIsoDateTime.optional(),
});
export type TCreateAlertAction = z.input<typeof ZCreateAlertAction>;

export const ZCloseAlert = z.object({
  disposition: ZAlertDisposition,
  note: optionalText(2000),
  version: ZVersion,
});
export type TCloseAlert = z.input<typeof ZCloseAlert>;

export const ZNotification = z.object({
  id: ZUuid,
  alertId: ZUuid,
  severity: ZAlertSeverity,
  reason: z.enum(['raised', 'escalated']),
  level: z.number().int(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationQuery = ZPageQuery.extend({ unread: z.stringbool().optional() });
export const ZNotificationPage = pageOf(ZNotification).extend({ unread: z.number().int() });
export type TNotificationPage = z.infer<typeof ZNotificationPage>;

export const ZMarkNotificationsRead = z
  .object({
    ids: z.array(ZUuid).max(100).optional(),
    all: z.boolean().optional(),
  })
  .refine((v) => (v.ids?.length ?? 0) > 0 || v.all === true, { message: 'Give ids or all: true', path: ['ids'] });

export const ZAlertSettings = z.object({
  /** Minutes an acute alert may stay unacknowledged before it escalates, and between escalations. */
  acuteEscalationMinutes: z.number().int().min(1).max(240),
});
export type TAlertSettings = z.infer<typeof ZAlertSettings>;
