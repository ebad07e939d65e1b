import {
  REFERRAL_STATUSES,
  REFERRAL_TRANSITIONS,
  type TReferral,
  type TReferralPage,
  type TReferralStatus,
  type TReferralSummary,
  type ZCreateReferral,
  type ZReferralListQuery,
  type ZReferralStatusChange,
} from '@mentorbridge/core';
import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { hasRole } from '../../access/context.ts';
import { programsFor, youthScope } from '../../access/scopes.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { episode, guardian, program, referral, youth, youthHubClinician } from '../../db/schema.ts';
import { AppError, badRequest, forbidden, versionConflict } from '../../http/errors.ts';
import { isoRequired } from '../../http/schemas.ts';
import { attachmentsOfReferral, toAttachment } from './attachments.ts';
import { insertHubService } from './hub-services.ts';
import { findReferralFor, orgToday, personRef, userNames } from './intake-common.ts';

type ReferralRow = typeof referral.$inferSelect;
type YouthRow = typeof youth.$inferSelect;

const toSummary = (r: ReferralRow, y: YouthRow, names: Map<string, string>): TReferralSummary => ({
  id: r.id,
  programId: r.programId,
  youth: {
    id: y.id,
    firstName: y.firstName,
    lastName: y.lastName,
    preferredName: y.preferredName,
    dateOfBirth: y.dateOfBirth,
    status: y.status,
  },
  hubType: r.hubType,
  referringAgency: r.referringAgency,
  referringClinicianName: r.referringClinicianName,
  referredBy: personRef(names, r.referredByUserId),
  status: r.status,
  priority: r.priority,
  declineReason: r.declineReason,
  receivedAt: isoRequired(r.receivedAt),
  statusChangedAt: isoRequired(r.statusChangedAt),
});

/** The whole referral: its youth, hub plan goals, attachments, where it may go next and the episode it opened. */
export const loadReferral = async (db: Db | Tx, r: ReferralRow, y: YouthRow): Promise<TReferral> => {
  const [files, [ep]] = await Promise.all([
    attachmentsOfReferral(db, r.id),
    db.select({ id: episode.id }).from(episode).where(eq(episode.referralId, r.id)).limit(1),
  ]);
  const names = await userNames(db, [r.referredByUserId, ...files.map((f) => f.uploadedBy)]);
  return {
    ...toSummary(r, y, names),
    hubServiceId: r.hubServiceId,
    reason: r.reason,
    planGoals: r.planGoals,
    lastAssessmentOn: r.lastAssessmentOn,
    lastCansOn: r.lastCansOn,
    statusNote: r.statusNote,
    version: r.version,
    nextStatuses: [...REFERRAL_TRANSITIONS[r.status]],
    episodeId: ep?.id ?? null,
    attachments: files.map((f) => toAttachment(f, names)),
  };
};

const notAfter = (fields: Record<string, string>, path: string, value: string | null | undefined, today: string) => {
  if (value && value > today) fields[path] = 'The date cannot be in the future';
};

/**
 * A referral from a hub clinician, or entered by staff on their behalf: creates the youth record (status
 * "referred"), their guardian, the referring hub service and the referral, in one transaction. A referring hub
 * clinician joins the youth's care team, which is what lets them follow the referral.
 */
export const createReferral = async (
  db: Db,
  actor: Actor,
  input: z.output<typeof ZCreateReferral>,
): Promise<TReferral> => {
  const [p] = await db
    .select({ id: program.id })
    .from(program)
    .where(and(eq(program.id, input.programId), eq(program.organizationId, actor.organizationId)));
  if (!p) throw badRequest({ programId: 'No such program in this organization' });
  const allowed = programsFor(actor, 'referral.create');
  if (allowed !== null && !allowed.includes(input.programId)) throw forbidden('You cannot refer youth to that program');
  const today = await orgToday(db, actor.organizationId);
  const fields: Record<string, string> = {};
  notAfter(fields, 'youth.dateOfBirth', input.youth.dateOfBirth, today);
  notAfter(fields, 'hub.startedOn', input.hub.startedOn, today);
  notAfter(fields, 'lastAssessmentOn', input.lastAssessmentOn, today);
  notAfter(fields, 'lastCansOn', input.lastCansOn, today);
  for (const [i, g] of input.planGoals.entries()) notAfter(fields, `planGoals.${i}.planDate`, g.planDate, today);
  if (Object.keys(fields).length) throw badRequest(fields);
  const byHubClinician = hasRole(actor, 'hub_clinician');

  return db.transaction(async (tx) => {
    const [y] = await tx
      .insert(youth)
      .values({
        ...input.youth,
        id: input.youth.id,
        organizationId: actor.organizationId,
        programId: input.programId,
        status: 'referred',
        createdBy: actor.userId,
      })
      .returning();
    const youthId = y!.id;
    const audits: Parameters<typeof writeAudit>[2] = [
      { action: 'youth.created', resourceType: 'youth', resourceId: youthId, youthId, detail: { via: 'referral' } },
    ];
    if (input.guardian) {
      const [g] = await tx
        .insert(guardian)
        .values({ ...input.guardian, id: input.guardian.id, organizationId: actor.organizationId, youthId })
        .returning({ id: guardian.id });
      audits.push({ action: 'guardian.created', resourceType: 'guardian', resourceId: g!.id, youthId });
    }
    if (byHubClinician) {
      await tx
        .insert(youthHubClinician)
        .values({ youthId, userId: actor.userId, organizationId: actor.organizationId });
    }
    await writeAudit(tx, originOf(actor), audits);
    const hub = await insertHubService(tx, actor, youthId, {
      ...input.hub,
      clinicianUserId: byHubClinician ? actor.userId : null,
    });
    const [r] = await tx
      .insert(referral)
      .values({
        id: input.id,
        organizationId: actor.organizationId,
        programId: input.programId,
        youthId,
        hubServiceId: hub.id,
        referredByUserId: actor.userId,
        referringClinicianName: input.hub.clinicianName,
        referringAgency: input.hub.agency,
        hubType: input.hub.type,
        reason: input.reason,
        planGoals: input.planGoals.map((g) => ({
          text: g.text,
          planGoalId: g.planGoalId ?? null,
          planType: g.planType,
          planDate: g.planDate ?? null,
        })),
        lastAssessmentOn: input.lastAssessmentOn ?? null,
        lastCansOn: input.lastCansOn ?? null,
      })
      .returning();
    await writeAudit(tx, originOf(actor), {
      action: 'referral.created',
      resourceType: 'referral',
      resourceId: r!.id,
      youthId,
      detail: {
        programId: input.programId,
        hubServiceId: hub.id,
        planGoals: input.planGoals.length,
        byHubClinician,
        guardian: Boolean(input.guardian),
      },
    });
    return loadReferral(tx, r!, y!);
  });
};

type ListQuery = z.output<typeof ZReferralListQuery>;

/** The pipeline: referrals within the actor's reach, with counts per status; the waitlist by priority, then age. */
export const listReferrals = async (db: Db, actor: Actor, q: ListQuery): Promise<TReferralPage> => {
  const base: SQL[] = [eq(referral.organizationId, actor.organizationId), youthScope(actor, 'referral.list')];
  if (q.programId) base.push(eq(referral.programId, q.programId));
  const where = and(...base, q.status ? eq(referral.status, q.status) : undefined);
  const order =
    q.status === 'waitlisted'
      ? [sql`${referral.priority} asc nulls last`, asc(referral.receivedAt), asc(referral.id)]
      : [desc(referral.receivedAt), asc(referral.id)];
  const [rows, [total], perStatus] = await Promise.all([
    db
      .select({ r: referral, y: youth })
      .from(referral)
      .innerJoin(youth, eq(youth.id, referral.youthId))
      .where(where)
      .orderBy(...order)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(referral).innerJoin(youth, eq(youth.id, referral.youthId)).where(where),
    db
      .select({ status: referral.status, n: count() })
      .from(referral)
      .innerJoin(youth, eq(youth.id, referral.youthId))
      .where(and(...base))
      .groupBy(referral.status),
  ]);
  const counts = Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, 0])) as Record<TReferralStatus, number>;
  for (const s of perStatus) counts[s.status] = s.n;
  if (rows.length) {
    await auditRead(db, actor, {
      action: 'referral.listed',
      resourceType: 'referral',
      detail: {
        filters: (['status', 'programId'] as const).filter((k) => q[k] != null),
        page: q.page,
        shown: rows.map((r) => r.r.id),
      },
    });
  }
  const names = await userNames(
    db,
    rows.map((r) => r.r.referredByUserId),
  );
  return {
    items: rows.map((r) => toSummary(r.r, r.y, names)),
    page: q.page,
    pageSize: q.pageSize,
    total: total?.n ?? 0,
    counts,
  };
};

export const getReferral = async (db: Db, actor: Actor, referralId: string): Promise<TReferral> => {
  const { r, y } = await findReferralFor(db, actor, referralId, 'referral.read');
  const out = await loadReferral(db, r, y);
  await auditRead(db, actor, {
    action: 'referral.viewed',
    resourceType: 'referral',
    resourceId: r.id,
    youthId: y.id,
  });
  return out;
};

export const invalidTransition = (from: string, to: string) =>
  new AppError(409, 'INVALID_TRANSITION', `A referral that is ${from} cannot become ${to}`);

/**
 * Moves a referral along received → screening → accepted / waitlisted (with a priority) / declined (with a reason).
 * Declining a referral leaves its youth record inactive.
 */
export const changeReferralStatus = async (
  db: Db,
  actor: Actor,
  referralId: string,
  input: z.output<typeof ZReferralStatusChange>,
): Promise<TReferral> =>
  db.transaction(async (tx) => {
    const { r, y } = await findReferralFor(tx, actor, referralId, 'referral.screen');
    if (r.version !== input.version) throw versionConflict(await loadReferral(tx, r, y));
    if (!REFERRAL_TRANSITIONS[r.status].includes(input.status)) throw invalidTransition(r.status, input.status);
    const fields: Record<string, string> = {};
    if (input.status === 'waitlisted' && input.priority == null)
      fields.priority = 'A waitlisted referral needs a priority (1 is the most urgent)';
    if (input.status === 'declined' && !input.declineReason) fields.declineReason = 'Say why the referral is declined';
    if (input.status === 'declined' && input.declineReason === 'other' && !input.note)
      fields.note = 'Describe the reason in a note';
    if (Object.keys(fields).length) throw badRequest(fields);
    const [row] = await tx
      .update(referral)
      .set({
        status: input.status,
        priority: input.status === 'waitlisted' ? input.priority : null,
        declineReason: input.status === 'declined' ? input.declineReason : null,
        statusNote: input.note ?? null,
        statusChangedAt: new Date(),
        updatedAt: new Date(),
        version: sql`${referral.version} + 1`,
      })
      .where(and(eq(referral.id, r.id), eq(referral.version, input.version)))
      .returning();
    if (!row) throw versionConflict(await loadReferral(tx, r, y));
    let youthRow = y;
    if (input.status === 'declined' && y.status === 'referred') {
      const [updated] = await tx
        .update(youth)
        .set({
          status: 'inactive',
          deactivatedAt: new Date(),
          version: sql`${youth.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(youth.id, y.id))
        .returning();
      youthRow = updated!;
    }
    await writeAudit(tx, originOf(actor), {
      action: 'referral.status_changed',
      resourceType: 'referral',
      resourceId: r.id,
      youthId: y.id,
      detail: {
        from: r.status,
        to: input.status,
        priority: row.priority,
        declineReason: row.declineReason,
        note: Boolean(input.note),
        youthStatus: youthRow.status !== y.status ? youthRow.status : undefined,
      },
    });
    return loadReferral(tx, row, youthRow);
  });
