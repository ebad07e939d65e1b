import {
  isWrittenReportOverdue,
  mandatedReportSweepSteps,
  type TMandatedReport,
  type TMandatedReportSummary,
  writtenReportDueAt,
  type ZCreateMandatedReport,
  type ZFileWrittenReport,
  type ZMandatedReportListQuery,
} from '@mentorbridge/core';
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { youthScope } from '../../access/scopes.ts';
import { type AuditOrigin, auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { mandatedReport, membership, supervisionAssignment, user, youth } from '../../db/schema.ts';
import { AppError, badRequest, forbidden, notFound, versionConflict } from '../../http/errors.ts';
import { iso, isoRequired } from '../../http/schemas.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { displayName } from '../care/care-access.ts';
import { findYouthFor } from '../youth/youth-record.ts';

export type MandatedReportDeps = { db: Db; mailer: Mailer; publicUrl: string };

type ReportRow = typeof mandatedReport.$inferSelect;
type YouthName = { firstName: string; lastName: string; preferredName: string | null };

const reportSelect = {
  r: mandatedReport,
  firstName: youth.firstName,
  lastName: youth.lastName,
  preferredName: youth.preferredName,
  reporterName: user.name,
};

const toSummary = (row: { r: ReportRow; reporterName: string | null } & YouthName, now: Date): TMandatedReportSummary => ({
  id: row.r.id,
  youthId: row.r.youthId,
  youthName: displayName(row),
  kinds: row.r.kinds,
  status: row.r.status,
  oralReportAt: isoRequired(row.r.oralReportAt),
  writtenDueAt: isoRequired(row.r.writtenDueAt),
  writtenFiledAt: iso(row.r.writtenFiledAt),
  reporterName: row.reporterName ?? '',
  overdue: isWrittenReportOverdue(row.r, now),
  version: row.r.version,
});

const toReport = (row: { r: ReportRow; reporterName: string | null } & YouthName, now: Date): TMandatedReport => ({
  ...toSummary(row, now),
  oralReportTo: row.r.oralReportTo,
  viaPersonInCharge: row.r.viaPersonInCharge,
  caregivers: row.r.caregivers,
  natureAndExtent: row.r.natureAndExtent,
  priorEvidence: row.r.priorEvidence,
  circumstances: row.r.circumstances,
  actionTaken: row.r.actionTaken,
  suspectedPerpetrator: row.r.suspectedPerpetrator,
  otherInformation: row.r.otherInformation,
  agencyReference: row.r.agencyReference,
  reporterUserId: row.r.reporterUserId,
  supervisorNotifiedAt: iso(row.r.supervisorNotifiedAt),
  closedAt: iso(row.r.closedAt),
  createdAt: isoRequired(row.r.createdAt),
});

const reportQuery = (db: Db | Tx) =>
  db
    .select(reportSelect)
    .from(mandatedReport)
    .innerJoin(youth, eq(youth.id, mandatedReport.youthId))
    .leftJoin(user, eq(user.id, mandatedReport.reporterUserId));

/** Program managers of the youth's program (or of every program). */
const managersOf = async (tx: Db | Tx, organizationId: string, programId: string) => {
  const rows = await tx
    .select({ userId: membership.userId, email: user.email })
    .from(membership)
    .innerJoin(user, eq(user.id, membership.userId))
    .where(
      and(
        eq(membership.organizationId, organizationId),
        eq(membership.role, 'program_manager'),
        or(eq(membership.programId, programId), isNull(membership.programId)),
      ),
    );
  return rows;
};

/** The reporter's active supervisors. */
const supervisorsOfReporter = async (tx: Db | Tx, organizationId: string, reporterUserId: string) =>
  tx
    .select({ userId: supervisionAssignment.supervisorUserId, email: user.email })
    .from(supervisionAssignment)
    .innerJoin(user, eq(user.id, supervisionAssignment.supervisorUserId))
    .where(
      and(
        eq(supervisionAssignment.organizationId, organizationId),
        eq(supervisionAssignment.mentorUserId, reporterUserId),
        eq(supervisionAssignment.active, true),
      ),
    );

const emailOf = async (tx: Db | Tx, userId: string) => {
  const [u] = await tx.select({ email: user.email }).from(user).where(eq(user.id, userId));
  return u?.email ?? null;
};

/** Notices carry no names or details of the child: only that a report exists, its deadline and where to look. */
const link = (publicUrl: string, reportId: string) => `${publicUrl.replace(/\/$/, '')}/mandated-reports/${reportId}`;

/**
 * Files a suspected abuse or neglect report: the oral report already made, the written report due 48 hours
 * later. The reporter's supervisors and the program managers are told at once; the guardian never is.
 */
export const createMandatedReport = async (
  deps: MandatedReportDeps,
  actor: Actor,
  youthId: string,
  input: z.output<typeof ZCreateMandatedReport>,
): Promise<TMandatedReport> => {
  const now = new Date();
  const oralAt = new Date(input.oralReportAt);
  if (oralAt.getTime() > now.getTime() + 5 * 60_000) throw badRequest({ oralReportAt: 'Cannot be in the future' });
  const id = await deps.db.transaction(async (tx) => {
    const y = await findYouthFor(tx, actor, youthId, 'mandated_report.create');
    const dueAt = writtenReportDueAt(oralAt);
    const [row] = await tx
      .insert(mandatedReport)
      .values({
        id: input.id,
        organizationId: y.organizationId,
        youthId,
        kinds: [...new Set(input.kinds)],
        oralReportAt: oralAt,
        oralReportTo: input.oralReportTo,
        viaPersonInCharge: input.viaPersonInCharge,
        writtenDueAt: dueAt,
        caregivers: input.caregivers ?? null,
        natureAndExtent: input.natureAndExtent,
        priorEvidence: input.priorEvidence ?? null,
        circumstances: input.circumstances,
        actionTaken: input.actionTaken ?? null,
        suspectedPerpetrator: input.suspectedPerpetrator ?? null,
        otherInformation: input.otherInformation ?? null,
        reporterUserId: actor.userId,
        supervisorNotifiedAt: now,
      })
      .returning({ id: mandatedReport.id });
    const reportId = row!.id;
    const recipients = new Map<string, string>();
    for (const r of await supervisorsOfReporter(tx, y.organizationId, actor.userId)) recipients.set(r.userId, r.email);
    for (const r of await managersOf(tx, y.organizationId, y.programId)) recipients.set(r.userId, r.email);
    recipients.delete(actor.userId);
    for (const email of recipients.values()) {
      await deps.mailer.enqueue(tx, {
        organizationId: y.organizationId,
        to: email,
        subject: 'Mandated report filed',
        text:
          `A staff member filed a mandated report (oral report made). The written report is due by ${dueAt.toISOString()}.\n` +
          `Open it in Mentorbridge: ${link(deps.publicUrl, reportId)}`,
      });
    }
    await writeAudit(tx, originOf(actor), [
      {
        action: 'mandated_report.filed',
        resourceType: 'mandated_report',
        resourceId: reportId,
        youthId,
        detail: { kinds: input.kinds, viaPersonInCharge: input.viaPersonInCharge },
      },
      {
        action: 'mandated_report.supervisors_notified',
        resourceType: 'mandated_report',
        resourceId: reportId,
        youthId,
        detail: { recipients: [...recipients.keys()] },
      },
    ]);
    return reportId;
  });
  return loadReport(deps.db, id);
};

const loadReport = async (db: Db | Tx, id: string) => {
  const [row] = await reportQuery(db).where(eq(mandatedReport.id, id));
  return toReport(row!, new Date());
};

/** Loads a report for an action, decided through its youth: 404 out of reach, 403 visible but not allowed. */
const findReportFor = async (
  db: Db | Tx,
  actor: Actor,
  reportId: string,
  action: 'mandated_report.read' | 'mandated_report.update' | 'mandated_report.close',
) => {
  const [row] = await db
    .select({ ...reportSelect, readable: sql<boolean>`(${youthScope(actor, 'mandated_report.read')})`, allowed: sql<boolean>`(${youthScope(actor, action)})` })
    .from(mandatedReport)
    .innerJoin(youth, eq(youth.id, mandatedReport.youthId))
    .leftJoin(user, eq(user.id, mandatedReport.reporterUserId))
    .where(and(eq(mandatedReport.id, reportId), youthScope(actor, 'youth.read')));
  // Reports are invisible to anyone who may not read them (guardians, the youth, hub clinicians): 404, not 403.
  if (!row || (!row.readable && !row.allowed)) throw notFound('Mandated report');
  if (!row.allowed) throw forbidden();
  return row;
};

export const getMandatedReport = async (db: Db, actor: Actor, reportId: string): Promise<TMandatedReport> => {
  const row = await findReportFor(db, actor, reportId, 'mandated_report.read');
  await auditRead(db, actor, {
    action: 'mandated_report.viewed',
    resourceType: 'mandated_report',
    resourceId: reportId,
    youthId: row.r.youthId,
  });
  return toReport(row, new Date());
};

export const listYouthMandatedReports = async (db: Db, actor: Actor, youthId: string): Promise<TMandatedReportSummary[]> => {
  await findYouthFor(db, actor, youthId, 'mandated_report.read');
  const rows = await reportQuery(db).where(eq(mandatedReport.youthId, youthId)).orderBy(sql`${mandatedReport.oralReportAt} desc`);
  await auditRead(db, actor, {
    action: 'mandated_report.listed',
    resourceType: 'youth',
    resourceId: youthId,
    youthId,
    detail: { shown: rows.map((r) => r.r.id) },
  });
  const now = new Date();
  return rows.map((r) => toSummary(r, now));
};

/** Reports within the manager's programs, earliest deadline first. */
export const listMandatedReports = async (
  db: Db,
  actor: Actor,
  q: z.output<typeof ZMandatedReportListQuery>,
): Promise<TMandatedReportSummary[]> => {
  const status =
    q.status === 'open' ? inArray(mandatedReport.status, ['oral_reported', 'written_filed']) : eq(mandatedReport.status, q.status);
  const rows = await reportQuery(db)
    .where(and(eq(mandatedReport.organizationId, actor.organizationId), youthScope(actor, 'mandated_report.list'), status))
    .orderBy(asc(mandatedReport.writtenDueAt))
    .limit(200);
  await auditRead(db, actor, {
    action: 'mandated_report.listed',
    resourceType: 'mandated_report',
    detail: { shown: rows.map((r) => r.r.id), youth: [...new Set(rows.map((r) => r.r.youthId))] },
  });
  const now = new Date();
  return rows.map((r) => toSummary(r, now));
};

export const fileWrittenReport = async (
  db: Db,
  actor: Actor,
  reportId: string,
  input: z.output<typeof ZFileWrittenReport>,
): Promise<TMandatedReport> =>
  db.transaction(async (tx) => {
    const before = await findReportFor(tx, actor, reportId, 'mandated_report.update');
    if (before.r.status !== 'oral_reported') {
      throw new AppError(409, 'ALREADY_FILED', 'The written report is already recorded');
    }
    const filedAt = new Date(input.writtenFiledAt);
    if (filedAt.getTime() > Date.now() + 5 * 60_000) throw badRequest({ writtenFiledAt: 'Cannot be in the future' });
    if (filedAt < before.r.oralReportAt) throw badRequest({ writtenFiledAt: 'Cannot be before the oral report' });
    const [row] = await tx
      .update(mandatedReport)
      .set({
        status: 'written_filed',
        writtenFiledAt: filedAt,
        agencyReference: input.agencyReference ?? null,
        version: sql`${mandatedReport.version} + 1`,
      })
      .where(and(eq(mandatedReport.id, reportId), eq(mandatedReport.version, input.version)))
      .returning({ id: mandatedReport.id });
    if (!row) throw versionConflict(toReport(before, new Date()));
    await writeAudit(tx, originOf(actor), {
      action: 'mandated_report.written_filed',
      resourceType: 'mandated_report',
      resourceId: reportId,
      youthId: before.r.youthId,
      detail: { late: filedAt > before.r.writtenDueAt, agencyReference: Boolean(input.agencyReference) },
    });
    return loadReport(tx, reportId);
  });

export const closeMandatedReport = async (
  db: Db,
  actor: Actor,
  reportId: string,
  version: number,
): Promise<TMandatedReport> =>
  db.transaction(async (tx) => {
    const before = await findReportFor(tx, actor, reportId, 'mandated_report.close');
    if (before.r.status === 'closed') throw new AppError(409, 'REPORT_CLOSED', 'This report is closed');
    if (before.r.status !== 'written_filed') {
      throw new AppError(409, 'WRITTEN_REPORT_MISSING', 'Record the written report before closing');
    }
    const [row] = await tx
      .update(mandatedReport)
      .set({ status: 'closed', closedAt: new Date(), version: sql`${mandatedReport.version} + 1` })
      .where(and(eq(mandatedReport.id, reportId), eq(mandatedReport.version, version)))
      .returning({ id: mandatedReport.id });
    if (!row) throw versionConflict(toReport(before, new Date()));
    await writeAudit(tx, originOf(actor), {
      action: 'mandated_report.closed',
      resourceType: 'mandated_report',
      resourceId: reportId,
      youthId: before.r.youthId,
    });
    return loadReport(tx, reportId);
  });

const SYSTEM: Omit<AuditOrigin, 'organizationId'> = { actorUserId: null, ip: null, userAgent: null, requestId: null };

/**
 * The periodic sweep: reminds the reporter 24 and 4 hours before the written report is due, and tells the program
 * managers once it is overdue. Each step is recorded on the report in the same transaction as its message, so a
 * repeated sweep sends nothing twice. `now` is explicit so tests (and catch-up runs) control the clock.
 */
export const mandatedReportSweep = async (
  deps: MandatedReportDeps,
  now: Date,
): Promise<{ reminders: number; escalations: number }> => {
  const waiting = await deps.db
    .select({ id: mandatedReport.id })
    .from(mandatedReport)
    .where(
      and(
        eq(mandatedReport.status, 'oral_reported'),
        isNull(mandatedReport.escalatedAt),
        sql`${mandatedReport.writtenDueAt} - interval '24 hours' <= ${now.toISOString()}::timestamptz`,
      ),
    );
  let reminders = 0;
  let escalations = 0;
  for (const { id } of waiting) {
    await deps.db.transaction(async (tx) => {
      // Re-read under a row lock: two sweeps at once must not both send.
      const [r] = await tx.select().from(mandatedReport).where(eq(mandatedReport.id, id)).for('update');
      if (!r || r.status !== 'oral_reported') return;
      const [y] = await tx.select({ programId: youth.programId }).from(youth).where(eq(youth.id, r.youthId));
      const origin = { ...SYSTEM, organizationId: r.organizationId };
      for (const step of mandatedReportSweepSteps(r, now)) {
        if (step.kind === 'remind') {
          const to = await emailOf(tx, r.reporterUserId);
          if (to) {
            await deps.mailer.enqueue(tx, {
              organizationId: r.organizationId,
              to,
              subject: `Written mandated report due in ${step.hoursBefore} hours`,
              text: `The written report for a mandated report you filed is due by ${r.writtenDueAt.toISOString()}.\nOpen it in Mentorbridge: ${link(deps.publicUrl, r.id)}`,
            });
          }
          await tx.update(mandatedReport).set({ remindersSent: step.remindersSent }).where(eq(mandatedReport.id, r.id));
          await writeAudit(tx, origin, {
            action: 'mandated_report.reminder_sent',
            resourceType: 'mandated_report',
            resourceId: r.id,
            youthId: r.youthId,
            detail: { hoursBefore: step.hoursBefore },
          });
          reminders += 1;
        } else {
          const managers = await managersOf(tx, r.organizationId, y!.programId);
          for (const m of managers) {
            await deps.mailer.enqueue(tx, {
              organizationId: r.organizationId,
              to: m.email,
              subject: 'Written mandated report overdue',
              text: `The written report for a mandated report in your program was due by ${r.writtenDueAt.toISOString()} and is not recorded as filed.\nOpen it in Mentorbridge: ${link(deps.publicUrl, r.id)}`,
            });
          }
          await tx.update(mandatedReport).set({ escalatedAt: now }).where(eq(mandatedReport.id, r.id));
          await writeAudit(tx, origin, {
            action: 'mandated_report.escalated',
            resourceType: 'mandated_report',
            resourceId: r.id,
            youthId: r.youthId,
            detail: { recipients: managers.map((m) => m.userId) },
          });
          escalations += 1;
        }
      }
    });
  }
  return { reminders, escalations };
};
