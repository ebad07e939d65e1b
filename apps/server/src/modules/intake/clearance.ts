import type { TClearance, TClearanceStatus, ZCreateClearance } from '@mentorbridge/core';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { staffScope } from '../../access/scopes.ts';
import { originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { membership, mentorClearance, staffProfile } from '../../db/schema.ts';
import { badRequest, forbidden, notFound } from '../../http/errors.ts';
import { iso, isoRequired } from '../../http/schemas.ts';
import { orgToday, personRef, userNames } from './intake-common.ts';

type ClearanceRow = typeof mentorClearance.$inferSelect;

const toClearance = (c: ClearanceRow, names: Map<string, string>): TClearance => ({
  id: c.id,
  mentorUserId: c.mentorUserId,
  clearedOn: c.clearedOn,
  clearedBy: personRef(names, c.clearedBy),
  note: c.note,
  revokedAt: iso(c.revokedAt),
  createdAt: isoRequired(c.createdAt),
});

/** A staff member visible to the actor (as on the staff profile: everyone's, or only one's own). */
const findStaffMember = async (
  db: Db | Tx,
  actor: Actor,
  userId: string,
  action: 'staff.read' | 'mentor_clearance.write',
) => {
  const read = staffScope(actor, 'staff.read');
  if (!read.all && !(read.self && userId === actor.userId)) throw notFound('Staff member');
  const [p] = await db
    .select({ userId: staffProfile.userId })
    .from(staffProfile)
    .where(and(eq(staffProfile.organizationId, actor.organizationId), eq(staffProfile.userId, userId)));
  if (!p) throw notFound('Staff member');
  const act = staffScope(actor, action);
  if (!act.all && !(act.self && userId === actor.userId)) throw forbidden();
};

const statusOf = async (db: Db | Tx, actor: Actor, userId: string): Promise<TClearanceStatus> => {
  const [rows, today] = await Promise.all([
    db
      .select()
      .from(mentorClearance)
      .where(and(eq(mentorClearance.organizationId, actor.organizationId), eq(mentorClearance.mentorUserId, userId)))
      .orderBy(desc(mentorClearance.clearedOn), desc(mentorClearance.createdAt)),
    orgToday(db, actor.organizationId),
  ]);
  const names = await userNames(
    db,
    rows.map((r) => r.clearedBy),
  );
  const latest = rows.find((r) => r.revokedAt === null && r.clearedOn <= today);
  return {
    userId,
    latest: latest ? toClearance(latest, names) : null,
    cleared: Boolean(latest),
    history: rows.map((r) => toClearance(r, names)),
  };
};

export const getClearance = async (db: Db, actor: Actor, userId: string): Promise<TClearanceStatus> => {
  await findStaffMember(db, actor, userId, 'staff.read');
  return statusOf(db, actor, userId);
};

/**
 * Records that a mentor is cleared to practise (screening and pre-match training done), dated and with who
 * cleared them: the input of the "mentor cleared" gate before a billable note is signed.
 */
export const recordClearance = async (
  db: Db,
  actor: Actor,
  userId: string,
  input: z.output<typeof ZCreateClearance>,
): Promise<TClearanceStatus> =>
  db.transaction(async (tx) => {
    await findStaffMember(tx, actor, userId, 'mentor_clearance.write');
    const [isMentor] = await tx
      .select({ id: membership.id })
      .from(membership)
      .where(
        and(
          eq(membership.organizationId, actor.organizationId),
          eq(membership.userId, userId),
          eq(membership.role, 'mentor'),
        ),
      )
      .limit(1);
    if (!isMentor) throw badRequest({ userId: 'Only mentors are cleared to practise' });
    if (input.clearedOn > (await orgToday(tx, actor.organizationId)))
      throw badRequest({ clearedOn: 'The date cannot be in the future' });
    const [row] = await tx
      .insert(mentorClearance)
      .values({
        id: input.id,
        organizationId: actor.organizationId,
        mentorUserId: userId,
        clearedOn: input.clearedOn,
        clearedBy: actor.userId,
        note: input.note ?? null,
      })
      .returning();
    await writeAudit(tx, originOf(actor), {
      action: 'mentor_clearance.recorded',
      resourceType: 'staff_profile',
      resourceId: userId,
      detail: { clearanceId: row!.id, clearedOn: row!.clearedOn },
    });
    return statusOf(tx, actor, userId);
  });
