import type { TAlertSeverity, TAlertSource, TNotificationChannel } from '@mentorbridge/core';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { type AuditOrigin, writeAudit } from '../../audit/write-audit.ts';
import type { Tx } from '../../db/client.ts';
import {
  alertNotification,
  membership,
  mentorAssignment,
  organization,
  safetyAlert,
  supervisionAssignment,
  youth,
} from '../../db/schema.ts';

export type RaiseAlertInput = {
  youthId: string;
  source: TAlertSource;
  sourceId: string | null;
  severity: TAlertSeverity;
  /** Machine codes and content ids only; never free text (they reach logs, notices and audit detail). */
  reasons: string[];
  /** The signed-in user whose action raised it; null for a self-report link or kiosk answer. */
  raisedBy: string | null;
  now: Date;
  /**
   * 'care_team' (default): the youth's mentor and their supervisor (acute: also program managers).
   * 'managers': program managers only — a youth's flag of their mentor must not go to that mentor.
   */
  audience?: 'care_team' | 'managers';
};

const CHANNELS: TNotificationChannel[] = ['in_app', 'email', 'sms'];

/** Who hears of an alert at each level of the chain: the match, then management, then the organization's admins. */
export const alertRecipients = async (
  tx: Tx,
  target: { organizationId: string; programId: string; youthId: string },
  level: number,
  severity: TAlertSeverity,
  audience: 'care_team' | 'managers' = 'care_team',
): Promise<string[]> => {
  const ids = new Set<string>();
  const managers = async () => {
    const rows = await tx
      .select({ userId: membership.userId })
      .from(membership)
      .where(
        and(
          eq(membership.organizationId, target.organizationId),
          eq(membership.role, 'program_manager'),
          or(eq(membership.programId, target.programId), isNull(membership.programId)),
        ),
      );
    return rows.map((r) => r.userId);
  };
  const admins = async () => {
    const rows = await tx
      .select({ userId: membership.userId })
      .from(membership)
      .where(and(eq(membership.organizationId, target.organizationId), eq(membership.role, 'org_admin')));
    return rows.map((r) => r.userId);
  };
  if (level === 0 && audience === 'managers') {
    for (const id of await managers()) ids.add(id);
  } else if (level === 0) {
    const mentors = await tx
      .select({ userId: mentorAssignment.mentorUserId, suspendedAt: mentorAssignment.contactSuspendedAt })
      .from(mentorAssignment)
      .where(and(eq(mentorAssignment.youthId, target.youthId), eq(mentorAssignment.active, true)));
    const mentorIds = mentors.map((m) => m.userId);
    // A mentor the youth has flagged is not told (their supervisor still is) until a manager reviews the flag.
    for (const m of mentors) if (!m.suspendedAt) ids.add(m.userId);
    if (mentorIds.length > 0) {
      const supervisors = await tx
        .select({ userId: supervisionAssignment.supervisorUserId })
        .from(supervisionAssignment)
        .where(
          and(
            eq(supervisionAssignment.organizationId, target.organizationId),
            eq(supervisionAssignment.active, true),
            inArray(supervisionAssignment.mentorUserId, mentorIds),
          ),
        );
      for (const s of supervisors) ids.add(s.userId);
    }
    if (severity === 'acute' || ids.size === 0) for (const id of await managers()) ids.add(id);
  } else if (level === 1) {
    for (const id of await managers()) ids.add(id);
    if (ids.size === 0) for (const id of await admins()) ids.add(id);
  } else {
    for (const id of await admins()) ids.add(id);
  }
  // Nobody left to tell is not an option: fall back to the organization's admins.
  if (ids.size === 0) for (const id of await admins()) ids.add(id);
  return [...ids];
};

/** Pending notices on every channel for each recipient; a durable job delivers them after commit. */
export const queueAlertNotifications = async (
  tx: Tx,
  alert: { id: string; organizationId: string },
  userIds: string[],
  level: number,
): Promise<number> => {
  if (userIds.length === 0) return 0;
  const rows = userIds.flatMap((userId) =>
    CHANNELS.map((channel) => ({
      organizationId: alert.organizationId,
      alertId: alert.id,
      userId,
      channel,
      level,
      reason: level === 0 ? ('raised' as const) : ('escalated' as const),
    })),
  );
  await tx.insert(alertNotification).values(rows);
  return rows.length;
};

/**
 * Raises a safety alert in the caller's transaction — the same one that saves the answer, check-in, note or flag
 * that raised it — so if that is saved, the alert and its pending notices exist. Call
 * `app.deps.jobs.kick(ALERT_DELIVERY_TASK)` after commit to deliver at once; the delivery sweep every few seconds
 * finds anything a crash left pending. Pass `now` from `app.deps.clock`.
 */
export const raiseAlert = async (tx: Tx, origin: AuditOrigin, input: RaiseAlertInput): Promise<{ id: string }> => {
  const [target] = await tx
    .select({
      organizationId: youth.organizationId,
      programId: youth.programId,
      escalationMinutes: organization.acuteEscalationMinutes,
    })
    .from(youth)
    .innerJoin(organization, eq(organization.id, youth.organizationId))
    .where(eq(youth.id, input.youthId));
  if (!target) throw new Error('raiseAlert: youth not found');
  const escalateAt =
    input.severity === 'acute' ? new Date(input.now.getTime() + target.escalationMinutes * 60_000) : null;
  const [alert] = await tx
    .insert(safetyAlert)
    .values({
      organizationId: target.organizationId,
      programId: target.programId,
      youthId: input.youthId,
      source: input.source,
      sourceId: input.sourceId,
      severity: input.severity,
      reasons: input.reasons,
      raisedAt: input.now,
      raisedBy: input.raisedBy,
      escalateAt,
    })
    .returning({ id: safetyAlert.id });
  const chain = await alertRecipients(tx, { ...target, youthId: input.youthId }, 0, input.severity, input.audience);
  // Whoever raised it already knows; the others are told (unless nobody else is left to tell).
  const others = chain.filter((id) => id !== input.raisedBy);
  const recipients = others.length > 0 ? others : chain;
  await queueAlertNotifications(tx, { id: alert!.id, organizationId: target.organizationId }, recipients, 0);
  await writeAudit(tx, { ...origin, organizationId: target.organizationId }, {
    action: 'safety_alert.raise',
    resourceType: 'safety_alert',
    resourceId: alert!.id,
    youthId: input.youthId,
    detail: {
      source: input.source,
      sourceId: input.sourceId,
      severity: input.severity,
      reasons: input.reasons,
      recipients: recipients.length,
    },
  });
  return { id: alert!.id };
};
