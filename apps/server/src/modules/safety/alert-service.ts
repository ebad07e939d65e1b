import type {
  TAlert,
  TAlertDetail,
  TAlertLogEntry,
  TAlertPage,
  TAlertSettings,
  TNotificationPage,
  ZAcknowledgeAlert,
  ZAlertListQuery,
  ZCloseAlert,
  ZCreateAlertAction,
  ZMarkNotificationsRead,
  ZNotificationQuery,
} from '@mentorbridge/core';
import { and, asc, count, desc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import type { Action } from '../../access/policy.ts';
import { youthScope } from '../../access/scopes.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import {
  alertNotification,
  auditEvent,
  organization,
  safetyAlert,
  safetyAlertAction,
  user,
  youth,
} from '../../db/schema.ts';
import { AppError, badRequest, forbidden, notFound, versionConflict } from '../../http/errors.ts';
import { iso, isoRequired } from '../../http/schemas.ts';
import { findYouthFor } from '../youth/youth-record.ts';

export type AlertDeps = { db: Db; now: () => Date };

type AlertRow = typeof safetyAlert.$inferSelect;

const ackBy = alias(user, 'alert_ack_by');

/** The alerts an actor may see: their youth's alerts, except that a flag of a mentor reaches managers only. */
const visibleAlerts = (actor: Actor): SQL =>
  and(
    eq(safetyAlert.organizationId, actor.organizationId),
    youthScope(actor, 'alert.read'),
    or(ne(safetyAlert.source, 'mentor_flag'), youthScope(actor, 'alert.read_mentor_flag')),
  )!;

const actionCount = sql<number>`(select count(*)::int from ${safetyAlertAction} where ${safetyAlertAction.alertId} = ${safetyAlert.id})`;
const youthName = sql<string>`coalesce(${youth.preferredName}, ${youth.firstName}) || ' ' || ${youth.lastName}`;

const alertSelect = { a: safetyAlert, youthName, ackName: ackBy.name, actionCount };

const toAlert = (r: { a: AlertRow; youthName: string; ackName: string | null; actionCount: number }): TAlert => ({
  id: r.a.id,
  youthId: r.a.youthId,
  youthName: r.youthName,
  programId: r.a.programId,
  source: r.a.source,
  sourceId: r.a.sourceId,
  severity: r.a.severity,
  reasons: r.a.reasons,
  status: r.a.status,
  raisedAt: isoRequired(r.a.raisedAt),
  escalationLevel: r.a.escalationLevel,
  escalateAt: iso(r.a.escalateAt),
  acknowledgedAt: iso(r.a.acknowledgedAt),
  acknowledgedByName: r.ackName,
  closedAt: iso(r.a.closedAt),
  disposition: r.a.disposition,
  actionCount: Number(r.actionCount),
  version: r.a.version,
});

/** Most urgent first: unacknowledged before acknowledged before closed, acute first, higher escalation, oldest. */
const URGENCY = [
  sql`case ${safetyAlert.status} when 'open' then 0 when 'acknowledged' then 1 else 2 end`,
  sql`case ${safetyAlert.severity} when 'acute' then 0 else 1 end`,
  desc(safetyAlert.escalationLevel),
  sql`case when ${safetyAlert.status} = 'closed' then null else ${safetyAlert.raisedAt} end asc nulls last`,
  desc(safetyAlert.raisedAt),
];

type ListQuery = z.output<typeof ZAlertListQuery>;

const statusFilter = (status: ListQuery['status']): SQL | undefined => {
  if (!status) return undefined;
  if (status === 'active') return ne(safetyAlert.status, 'closed');
  return eq(safetyAlert.status, status);
};

const listWhere = async (db: Db, actor: Actor, q: ListQuery, youthId?: string): Promise<TAlertPage> => {
  const where = and(
    visibleAlerts(actor),
    statusFilter(q.status),
    q.severity ? eq(safetyAlert.severity, q.severity) : undefined,
    youthId ? eq(safetyAlert.youthId, youthId) : undefined,
  );
  const [rows, [total], openCounts] = await Promise.all([
    q.countsOnly
      ? Promise.resolve([])
      : db
          .select(alertSelect)
          .from(safetyAlert)
          .innerJoin(youth, eq(youth.id, safetyAlert.youthId))
          .leftJoin(ackBy, eq(ackBy.id, safetyAlert.acknowledgedBy))
          .where(where)
          .orderBy(...URGENCY)
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(safetyAlert).innerJoin(youth, eq(youth.id, safetyAlert.youthId)).where(where),
    db
      .select({ severity: safetyAlert.severity, n: count() })
      .from(safetyAlert)
      .innerJoin(youth, eq(youth.id, safetyAlert.youthId))
      .where(
        and(visibleAlerts(actor), eq(safetyAlert.status, 'open'), youthId ? eq(safetyAlert.youthId, youthId) : undefined),
      )
      .groupBy(safetyAlert.severity),
  ]);
  const items = rows.map(toAlert);
  // Counts show no youth's data; anything listed is a read of those youth's records.
  if (!q.countsOnly) await auditRead(db, actor, {
    action: 'safety_alert.listed',
    resourceType: youthId ? 'youth' : 'safety_alert',
    resourceId: youthId ?? null,
    youthId: youthId ?? null,
    detail: {
      filters: (['status', 'severity'] as const).filter((k) => q[k] != null),
      page: q.page,
      shown: items.map((i) => i.id),
      youth: [...new Set(items.map((i) => i.youthId))],
    },
  });
  return {
    items,
    page: q.page,
    pageSize: q.pageSize,
    total: total?.n ?? 0,
    open: {
      acute: openCounts.find((c) => c.severity === 'acute')?.n ?? 0,
      nonAcute: openCounts.find((c) => c.severity === 'non_acute')?.n ?? 0,
    },
  };
};

export const listAlerts = (db: Db, actor: Actor, q: ListQuery) => listWhere(db, actor, q);

export const listYouthAlerts = async (db: Db, actor: Actor, youthId: string, q: ListQuery) => {
  await findYouthFor(db, actor, youthId, 'alert.read');
  return listWhere(db, actor, q, youthId);
};

/** One alert for an action: 404 when out of sight, 403 when visible but the action is not the actor's. */
const findAlertFor = async (db: Db | Tx, actor: Actor, id: string, action: Action, lock = false) => {
  const q = db
    .select({ ...alertSelect, allowed: sql<boolean>`(${youthScope(actor, action)})` })
    .from(safetyAlert)
    .innerJoin(youth, eq(youth.id, safetyAlert.youthId))
    .leftJoin(ackBy, eq(ackBy.id, safetyAlert.acknowledgedBy))
    .where(and(eq(safetyAlert.id, id), visibleAlerts(actor)));
  const [row] = lock ? await q.for('update', { of: safetyAlert }) : await q;
  if (!row) throw notFound('Alert');
  if (!row.allowed) throw forbidden();
  return row;
};

const LOG_EVENTS: Record<string, TAlertLogEntry['event']> = {
  'safety_alert.raise': 'raise',
  'safety_alert.acknowledge': 'acknowledge',
  'safety_alert.escalate': 'escalate',
  'safety_alert.action': 'action',
  'safety_alert.close': 'close',
};

const detailOf = async (db: Db | Tx, actor: Actor, id: string): Promise<TAlertDetail> => {
  const row = await findAlertFor(db, actor, id, 'alert.read');
  const a = row.a;
  const [mayAct] = await db
    .select({ allowed: sql<boolean>`(${youthScope(actor, 'alert.act')})` })
    .from(youth)
    .where(eq(youth.id, a.youthId));
  const taker = alias(user, 'alert_action_by');
  const recipient = alias(user, 'alert_notice_to');
  const actor2 = alias(user, 'alert_log_actor');
  const names = alias(user, 'alert_people');
  const [actions, notices, events, people] = await Promise.all([
    db
      .select({ x: safetyAlertAction, name: taker.name })
      .from(safetyAlertAction)
      .leftJoin(taker, eq(taker.id, safetyAlertAction.takenBy))
      .where(eq(safetyAlertAction.alertId, id))
      .orderBy(asc(safetyAlertAction.takenAt), asc(safetyAlertAction.createdAt)),
    db
      .select({ n: alertNotification, name: recipient.name })
      .from(alertNotification)
      .leftJoin(recipient, eq(recipient.id, alertNotification.userId))
      .where(eq(alertNotification.alertId, id))
      .orderBy(asc(alertNotification.level), asc(alertNotification.createdAt), asc(recipient.name)),
    db
      .select({ at: auditEvent.at, action: auditEvent.action, detail: auditEvent.detail, name: actor2.name })
      .from(auditEvent)
      .leftJoin(actor2, eq(actor2.id, auditEvent.actorUserId))
      .where(
        and(
          eq(auditEvent.organizationId, a.organizationId),
          eq(auditEvent.resourceType, 'safety_alert'),
          eq(auditEvent.resourceId, id),
          inArray(auditEvent.action, Object.keys(LOG_EVENTS)),
        ),
      )
      .orderBy(asc(auditEvent.seq)),
    db
      .select({ id: names.id, name: names.name })
      .from(names)
      .where(inArray(names.id, [a.raisedBy, a.closedBy].filter((x): x is string => x != null).concat(['-']))),
  ]);
  const nameOf = (uid: string | null) => (uid ? (people.find((p) => p.id === uid)?.name ?? null) : null);
  const canAct = Boolean(mayAct?.allowed);
  const base = toAlert(row);
  return {
    ...base,
    raisedByName: nameOf(a.raisedBy),
    closedByName: nameOf(a.closedBy),
    dispositionNote: a.dispositionNote,
    actions: actions.map(({ x, name }) => ({
      id: x.id,
      kind: x.kind,
      note: x.note,
      takenAt: isoRequired(x.takenAt),
      takenBy: x.takenBy,
      takenByName: name,
      createdAt: isoRequired(x.createdAt),
    })),
    notices: notices.map(({ n, name }) => ({
      id: n.id,
      userId: n.userId,
      userName: name,
      channel: n.channel,
      level: n.level,
      reason: n.reason,
      status: n.status,
      createdAt: isoRequired(n.createdAt),
      deliveredAt: iso(n.deliveredAt),
    })),
    log: events.map((e) => ({
      at: isoRequired(e.at),
      event: LOG_EVENTS[e.action]!,
      actorName: e.name,
      level: typeof e.detail.level === 'number' ? e.detail.level : null,
    })),
    can: {
      acknowledge: canAct && a.status === 'open',
      act: canAct && a.status !== 'closed',
      close: canAct && a.status === 'acknowledged' && base.actionCount > 0,
    },
  };
};

export const getAlert = async (db: Db, actor: Actor, id: string): Promise<TAlertDetail> => {
  const detail = await detailOf(db, actor, id);
  await auditRead(db, actor, {
    action: 'safety_alert.read',
    resourceType: 'safety_alert',
    resourceId: id,
    youthId: detail.youthId,
  });
  return detail;
};

const alertClosed = () => new AppError(409, 'ALERT_CLOSED', 'This alert is closed');

export const acknowledgeAlert = (
  deps: AlertDeps,
  actor: Actor,
  id: string,
  input: z.output<typeof ZAcknowledgeAlert>,
): Promise<TAlertDetail> =>
  deps.db.transaction(async (tx) => {
    const { a } = await findAlertFor(tx, actor, id, 'alert.act', true);
    if (a.version !== input.version) throw versionConflict(await detailOf(tx, actor, id));
    if (a.status === 'closed') throw alertClosed();
    if (a.status !== 'open') throw new AppError(409, 'ALERT_ALREADY_ACKNOWLEDGED', 'This alert is already acknowledged');
    const now = deps.now();
    await tx
      .update(safetyAlert)
      .set({
        status: 'acknowledged',
        acknowledgedAt: now,
        acknowledgedBy: actor.userId,
        escalateAt: null,
        version: sql`${safetyAlert.version} + 1`,
      })
      .where(eq(safetyAlert.id, id));
    // The one who acknowledged has seen it; others' notices stay unread until they look.
    await tx
      .update(alertNotification)
      .set({ readAt: now })
      .where(
        and(eq(alertNotification.alertId, id), eq(alertNotification.userId, actor.userId), isNull(alertNotification.readAt)),
      );
    await writeAudit(tx, originOf(actor), {
      action: 'safety_alert.acknowledge',
      resourceType: 'safety_alert',
      resourceId: id,
      youthId: a.youthId,
      detail: { escalationLevel: a.escalationLevel },
    });
    return detailOf(tx, actor, id);
  });

/** Future steps cannot be recorded; a minute's slack covers clocks that differ a little. */
const SLACK_MS = 60_000;

export const addAlertAction = (
  deps: AlertDeps,
  actor: Actor,
  id: string,
  input: z.output<typeof ZCreateAlertAction>,
): Promise<TAlertDetail> =>
  deps.db.transaction(async (tx) => {
    const { a } = await findAlertFor(tx, actor, id, 'alert.act', true);
    if (input.id) {
      const [existing] = await tx
        .select({ alertId: safetyAlertAction.alertId })
        .from(safetyAlertAction)
        .where(eq(safetyAlertAction.id, input.id));
      if (existing?.alertId === id) return detailOf(tx, actor, id);
      if (existing) throw new AppError(409, 'CONFLICT', 'That id belongs to another record');
    }
    if (a.status === 'closed') throw alertClosed();
    const now = deps.now();
    const takenAt = input.takenAt ? new Date(input.takenAt) : now;
    if (takenAt.getTime() > now.getTime() + SLACK_MS) throw badRequest({ takenAt: 'This time is in the future' });
    if (takenAt.getTime() < a.raisedAt.getTime() - SLACK_MS)
      throw badRequest({ takenAt: 'This is before the alert was raised' });
    const [row] = await tx
      .insert(safetyAlertAction)
      .values({
        ...(input.id ? { id: input.id } : {}),
        organizationId: a.organizationId,
        alertId: id,
        kind: input.kind,
        note: input.note ?? null,
        takenAt,
        takenBy: actor.userId,
      })
      .returning({ id: safetyAlertAction.id });
    await writeAudit(tx, originOf(actor), {
      action: 'safety_alert.action',
      resourceType: 'safety_alert',
      resourceId: id,
      youthId: a.youthId,
      detail: { actionId: row!.id, kind: input.kind, note: input.note ? 'given' : 'none' },
    });
    return detailOf(tx, actor, id);
  });

export const closeAlert = (
  deps: AlertDeps,
  actor: Actor,
  id: string,
  input: z.output<typeof ZCloseAlert>,
): Promise<TAlertDetail> =>
  deps.db.transaction(async (tx) => {
    const { a, actionCount: actions } = await findAlertFor(tx, actor, id, 'alert.act', true);
    if (a.version !== input.version) throw versionConflict(await detailOf(tx, actor, id));
    if (a.status === 'closed') throw alertClosed();
    if (a.status !== 'acknowledged')
      throw new AppError(409, 'ALERT_NOT_ACKNOWLEDGED', 'Acknowledge the alert before closing it');
    if (Number(actions) === 0)
      throw new AppError(409, 'ALERT_NEEDS_ACTION', 'Record at least one action taken before closing the alert');
    await tx
      .update(safetyAlert)
      .set({
        status: 'closed',
        closedAt: deps.now(),
        closedBy: actor.userId,
        disposition: input.disposition,
        dispositionNote: input.note ?? null,
        escalateAt: null,
        version: sql`${safetyAlert.version} + 1`,
      })
      .where(eq(safetyAlert.id, id));
    await writeAudit(tx, originOf(actor), {
      action: 'safety_alert.close',
      resourceType: 'safety_alert',
      resourceId: id,
      youthId: a.youthId,
      detail: { disposition: input.disposition, note: input.note ? 'given' : 'none' },
    });
    return detailOf(tx, actor, id);
  });

// ---------------------------------------------------------------------------------------------------------------
// In-app notices

const myNotices = (actor: Actor) =>
  and(
    eq(alertNotification.userId, actor.userId),
    eq(alertNotification.organizationId, actor.organizationId),
    eq(alertNotification.channel, 'in_app'),
  );

export const listNotifications = async (
  db: Db,
  actor: Actor,
  q: z.output<typeof ZNotificationQuery>,
): Promise<TNotificationPage> => {
  const where = and(myNotices(actor), q.unread ? isNull(alertNotification.readAt) : undefined);
  const [rows, [total], [unread]] = await Promise.all([
    db
      .select({ n: alertNotification, severity: safetyAlert.severity })
      .from(alertNotification)
      .innerJoin(safetyAlert, eq(safetyAlert.id, alertNotification.alertId))
      .where(where)
      .orderBy(desc(alertNotification.createdAt), desc(alertNotification.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(alertNotification).where(where),
    db
      .select({ n: count() })
      .from(alertNotification)
      .where(and(myNotices(actor), isNull(alertNotification.readAt))),
  ]);
  await auditRead(db, actor, {
    action: 'notification.listed',
    resourceType: 'alert_notification',
    detail: { page: q.page, alerts: [...new Set(rows.map((r) => r.n.alertId))] },
  });
  return {
    items: rows.map(({ n, severity }) => ({
      id: n.id,
      alertId: n.alertId,
      severity,
      reason: n.reason,
      level: n.level,
      createdAt: isoRequired(n.createdAt),
      readAt: iso(n.readAt),
    })),
    page: q.page,
    pageSize: q.pageSize,
    total: total?.n ?? 0,
    unread: unread?.n ?? 0,
  };
};

export const markNotificationsRead = (
  deps: AlertDeps,
  actor: Actor,
  input: z.output<typeof ZMarkNotificationsRead>,
): Promise<{ unread: number }> =>
  deps.db.transaction(async (tx) => {
    const marked = await tx
      .update(alertNotification)
      .set({ readAt: deps.now() })
      .where(
        and(
          myNotices(actor),
          isNull(alertNotification.readAt),
          input.all ? undefined : inArray(alertNotification.id, input.ids ?? []),
        ),
      )
      .returning({ id: alertNotification.id });
    if (marked.length > 0) {
      await writeAudit(tx, originOf(actor), {
        action: 'notification.read',
        resourceType: 'alert_notification',
        detail: { marked: marked.map((m) => m.id) },
      });
    }
    const [unread] = await tx
      .select({ n: count() })
      .from(alertNotification)
      .where(and(myNotices(actor), isNull(alertNotification.readAt)));
    return { unread: unread?.n ?? 0 };
  });

// ---------------------------------------------------------------------------------------------------------------
// Organization settings

export const getAlertSettings = async (db: Db, actor: Actor): Promise<TAlertSettings> => {
  const [o] = await db
    .select({ acuteEscalationMinutes: organization.acuteEscalationMinutes })
    .from(organization)
    .where(eq(organization.id, actor.organizationId));
  if (!o) throw notFound('Organization');
  return o;
};

/** New minutes apply to alerts raised from now on; open alerts keep their deadline and use them after it. */
export const updateAlertSettings = (db: Db, actor: Actor, input: TAlertSettings): Promise<TAlertSettings> =>
  db.transaction(async (tx) => {
    const [before] = await tx
      .select({ minutes: organization.acuteEscalationMinutes })
      .from(organization)
      .where(eq(organization.id, actor.organizationId));
    if (!before) throw notFound('Organization');
    await tx
      .update(organization)
      .set({ acuteEscalationMinutes: input.acuteEscalationMinutes })
      .where(eq(organization.id, actor.organizationId));
    await writeAudit(tx, originOf(actor), {
      action: 'organization.alert_settings_updated',
      resourceType: 'organization',
      resourceId: actor.organizationId,
      detail: { fields: before.minutes === input.acuteEscalationMinutes ? [] : ['acuteEscalationMinutes'] },
    });
    return { acuteEscalationMinutes: input.acuteEscalationMinutes };
  });
