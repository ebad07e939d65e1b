import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { alertNotification, outboxMessage, staffProfile, user } from '../../db/schema.ts';
import type { Mailer } from '../../mail/mailer.ts';

export type DeliveryDeps = { db: Db; mailer: Mailer; publicUrl: string };

const BATCH = 100;

/** The text of an alert notice: where to look, and nothing about the youth or what raised it. */
export const alertNoticeText = (publicUrl: string, alertId: string, reason: 'raised' | 'escalated') => {
  const link = `${publicUrl}/alerts/${alertId}`;
  return {
    subject: 'Mentorbridge: a safety alert needs your attention',
    email: [
      reason === 'escalated'
        ? 'A safety alert has not been acknowledged in time and now needs your attention.'
        : 'A safety alert needs your attention.',
      '',
      `Open the alert: ${link}`,
      '',
      'This message holds no details. Sign in to see the alert and follow your safety procedure.',
    ].join('\n'),
    sms: `Mentorbridge: a safety alert needs your attention. ${link}`,
  };
};

/**
 * Delivers pending alert notices: in-app at once, email through the mailer outbox, SMS to the outbox when the
 * person has a phone number (otherwise skipped). Each notice is claimed with a conditional update in its own
 * transaction, so a notice is delivered once even if two runs overlap or a run repeats after a crash.
 */
export const deliverPendingNotices = async (deps: DeliveryDeps, now: Date): Promise<number> => {
  const { db } = deps;
  let done = 0;
  for (let round = 0; round < 20; round++) {
    const pending = await db
      .select({
        id: alertNotification.id,
        alertId: alertNotification.alertId,
        organizationId: alertNotification.organizationId,
        channel: alertNotification.channel,
        reason: alertNotification.reason,
        email: user.email,
        phone: staffProfile.phone,
      })
      .from(alertNotification)
      .innerJoin(user, eq(user.id, alertNotification.userId))
      .leftJoin(
        staffProfile,
        and(
          eq(staffProfile.userId, alertNotification.userId),
          eq(staffProfile.organizationId, alertNotification.organizationId),
        ),
      )
      .where(eq(alertNotification.status, 'pending'))
      .orderBy(asc(alertNotification.createdAt), asc(alertNotification.id))
      .limit(BATCH);
    if (pending.length === 0) break;
    for (const n of pending) {
      await db.transaction(async (tx) => {
        const skip = n.channel === 'sms' && !n.phone?.trim();
        const [claimed] = await tx
          .update(alertNotification)
          .set({
            status: skip ? 'skipped' : 'delivered',
            deliveredAt: skip ? null : now,
            attempts: sql`${alertNotification.attempts} + 1`,
          })
          .where(and(eq(alertNotification.id, n.id), eq(alertNotification.status, 'pending')))
          .returning({ id: alertNotification.id });
        if (!claimed || skip || n.channel === 'in_app') return;
        const text = alertNoticeText(deps.publicUrl, n.alertId, n.reason);
        let outboxId: string;
        if (n.channel === 'email') {
          outboxId = await deps.mailer.enqueue(tx, {
            organizationId: n.organizationId,
            to: n.email,
            subject: text.subject,
            text: text.email,
          });
        } else {
          // No SMS gateway is configured: the development transport keeps the message in the outbox.
          const [row] = await tx
            .insert(outboxMessage)
            .values({
              organizationId: n.organizationId,
              channel: 'sms',
              recipient: n.phone!.trim(),
              subject: text.subject,
              body: text.sms,
              status: 'kept',
            })
            .returning({ id: outboxMessage.id });
          outboxId = row!.id;
        }
        await tx.update(alertNotification).set({ outboxId }).where(eq(alertNotification.id, n.id));
      });
      done += 1;
    }
    if (pending.length < BATCH) break;
  }
  return done;
};
