import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Config } from '../config.ts';
import type { Db, Tx } from '../db/client.ts';
import { outboxMessage } from '../db/schema.ts';

export type Mail = { organizationId: string | null; to: string; subject: string; text: string };
export type Mailer = {
  /** Queues the message in the caller's transaction: it leaves only if the change that caused it commits. */
  enqueue: (tx: Tx | Db, mail: Mail) => Promise<string>;
  /** Delivers pending messages (SMTP in production; the development transport keeps them in the outbox table). */
  flush: () => Promise<number>;
};

export const createMailer = (config: Config, db: Db, log: Logger): Mailer => ({
  enqueue: async (tx, mail) => {
    const [row] = await tx
      .insert(outboxMessage)
      .values({
        organizationId: mail.organizationId,
        channel: 'email',
        recipient: mail.to,
        subject: mail.subject,
        body: mail.text,
        status: config.mail.transport === 'outbox' ? 'kept' : 'pending',
      })
      .returning({ id: outboxMessage.id });
    log.info({ outboxId: row!.id, transport: config.mail.transport }, 'email queued');
    return row!.id;
  },
  flush: async () => {
    if (config.mail.transport !== 'smtp') return 0;
    const { createTransport } = await import('nodemailer');
    const { eq } = await import('drizzle-orm');
    const transport = createTransport(config.mail.smtpUrl!);
    const pending = await db.select().from(outboxMessage).where(eq(outboxMessage.status, 'pending')).limit(50);
    for (const m of pending) {
      try {
        await transport.sendMail({ from: config.mail.from, to: m.recipient, subject: m.subject, text: m.body });
        await db.update(outboxMessage).set({ status: 'sent', sentAt: new Date() }).where(eq(outboxMessage.id, m.id));
      } catch {
        log.warn({ outboxId: m.id }, 'email delivery failed; will retry');
      }
    }
    return pending.length;
  },
});
