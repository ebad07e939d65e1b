import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import type { AuditOrigin } from '../../audit/write-audit.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Db } from '../../db/client.ts';
import { organization, safetyAlert } from '../../db/schema.ts';
import { alertRecipients, queueAlertNotifications } from './raise-alert.ts';

export const systemOrigin = (organizationId: string): AuditOrigin => ({
  organizationId,
  actorUserId: null,
  ip: null,
  userAgent: null,
  requestId: null,
});

/**
 * Escalates acute alerts nobody has acknowledged by their `escalate_at`: one level up the chain (1 = program
 * managers, 2 and on = the organization's admins), notices for that level, and the next deadline the
 * organization's minutes from now. Each alert in its own transaction, re-checked under a row lock, so an
 * acknowledgement that lands first wins and a repeated run does not escalate twice.
 */
export const escalateDueAlerts = async (db: Db, now: Date): Promise<number> => {
  const due = await db
    .select({ id: safetyAlert.id })
    .from(safetyAlert)
    .where(
      and(
        eq(safetyAlert.status, 'open'),
        eq(safetyAlert.severity, 'acute'),
        isNotNull(safetyAlert.escalateAt),
        lte(safetyAlert.escalateAt, now),
      ),
    )
    .orderBy(asc(safetyAlert.escalateAt))
    .limit(200);
  let escalated = 0;
  for (const { id } of due) {
    const did = await db.transaction(async (tx) => {
      const [a] = await tx
        .select({
          id: safetyAlert.id,
          organizationId: safetyAlert.organizationId,
          programId: safetyAlert.programId,
          youthId: safetyAlert.youthId,
          severity: safetyAlert.severity,
          level: safetyAlert.escalationLevel,
          minutes: organization.acuteEscalationMinutes,
        })
        .from(safetyAlert)
        .innerJoin(organization, eq(organization.id, safetyAlert.organizationId))
        .where(and(eq(safetyAlert.id, id), eq(safetyAlert.status, 'open'), lte(safetyAlert.escalateAt, now)))
        .for('update', { of: safetyAlert });
      if (!a) return false;
      const level = a.level + 1;
      const recipients = await alertRecipients(tx, a, level, a.severity);
      await queueAlertNotifications(tx, a, recipients, level);
      await tx
        .update(safetyAlert)
        .set({ escalationLevel: level, escalateAt: new Date(now.getTime() + a.minutes * 60_000) })
        .where(eq(safetyAlert.id, a.id));
      await writeAudit(tx, systemOrigin(a.organizationId), {
        action: 'safety_alert.escalate',
        resourceType: 'safety_alert',
        resourceId: a.id,
        youthId: a.youthId,
        detail: { level, recipients: recipients.length },
      });
      return true;
    });
    if (did) escalated += 1;
  }
  return escalated;
};
