import {
  calendarDate,
  isLicenceExpired,
  STAFF_ROLES,
  type TStaffProfile,
  type ZUpdateStaffProfile,
} from '@mentorbridge/core';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { staffScope } from '../../access/scopes.ts';
import { originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { membership, organization, staffProfile, user } from '../../db/schema.ts';
import { forbidden, notFound, versionConflict } from '../../http/errors.ts';
import { changedFields } from '../youth/youth-record.ts';

const orgToday = async (db: Db | Tx, organizationId: string) => {
  const [o] = await db
    .select({ tz: organization.timeZone })
    .from(organization)
    .where(eq(organization.id, organizationId));
  return calendarDate(new Date(), o?.tz ?? 'UTC');
};

const staffQuery = (db: Db | Tx, actor: Actor) =>
  db
    .select({
      p: staffProfile,
      name: user.name,
      email: user.email,
      roles: sql<
        string[]
      >`array(select distinct ${membership.role}::text from ${membership} where ${membership.userId} = ${staffProfile.userId} and ${membership.organizationId} = ${actor.organizationId} order by 1)`,
    })
    .from(staffProfile)
    .innerJoin(user, eq(user.id, staffProfile.userId));

type StaffRow = Awaited<ReturnType<ReturnType<typeof staffQuery>['execute']>>[number];

const toStaff = (r: StaffRow, today: string): TStaffProfile => ({
  userId: r.p.userId,
  name: r.name,
  email: r.email,
  roles: r.roles,
  title: r.p.title,
  languages: r.p.languages,
  degreeLevel: r.p.degreeLevel,
  capacity: r.p.capacity,
  licenceType: r.p.licenceType,
  licenceNumber: r.p.licenceNumber,
  licenceState: r.p.licenceState,
  licenceExpiresOn: r.p.licenceExpiresOn,
  licenceExpired: isLicenceExpired(r.p.licenceExpiresOn, today),
  mandatedReporter: r.p.mandatedReporter,
  version: r.p.version,
});

const isStaff = (actor: Actor) =>
  sql`exists (select 1 from ${membership} where ${membership.userId} = ${staffProfile.userId} and ${membership.organizationId} = ${actor.organizationId} and ${inArray(membership.role, [...STAFF_ROLES])})`;

export const listStaff = async (db: Db, actor: Actor): Promise<TStaffProfile[]> => {
  const scope = staffScope(actor, 'staff.list');
  const where = and(
    eq(staffProfile.organizationId, actor.organizationId),
    isStaff(actor),
    scope.all ? undefined : eq(staffProfile.userId, actor.userId),
  );
  const [rows, today] = await Promise.all([
    staffQuery(db, actor).where(where).orderBy(asc(user.name)),
    orgToday(db, actor.organizationId),
  ]);
  return rows.map((r) => toStaff(r, today));
};

const findStaff = async (db: Db | Tx, actor: Actor, userId: string, action: 'staff.read' | 'staff.update') => {
  const read = staffScope(actor, 'staff.read');
  if (!read.all && !(read.self && userId === actor.userId)) throw notFound('Staff member');
  const [row] = await staffQuery(db, actor).where(
    and(eq(staffProfile.organizationId, actor.organizationId), eq(staffProfile.userId, userId)),
  );
  if (!row) throw notFound('Staff member');
  const act = staffScope(actor, action);
  if (!act.all && !(act.self && userId === actor.userId)) throw forbidden();
  return row;
};

export const getStaff = async (db: Db, actor: Actor, userId: string) =>
  toStaff(await findStaff(db, actor, userId, 'staff.read'), await orgToday(db, actor.organizationId));

export const updateStaff = async (
  db: Db,
  actor: Actor,
  userId: string,
  patch: z.output<typeof ZUpdateStaffProfile>,
): Promise<TStaffProfile> =>
  db.transaction(async (tx) => {
    const today = await orgToday(tx, actor.organizationId);
    const before = await findStaff(tx, actor, userId, 'staff.update');
    const { version, ...fields } = patch;
    if (before.p.version !== version) throw versionConflict(toStaff(before, today));
    const changed = changedFields(before.p, fields);
    if (!changed.length) return toStaff(before, today);
    const [updated] = await tx
      .update(staffProfile)
      .set({ ...fields, version: sql`${staffProfile.version} + 1`, updatedAt: new Date() })
      .where(and(eq(staffProfile.id, before.p.id), eq(staffProfile.version, version)))
      .returning({ id: staffProfile.id });
    if (!updated) throw versionConflict(toStaff(before, today));
    await writeAudit(tx, originOf(actor), {
      action: 'staff.updated',
      resourceType: 'staff_profile',
      resourceId: userId,
      detail: { fields: changed },
    });
    const [row] = await staffQuery(tx, actor).where(eq(staffProfile.id, before.p.id));
    return toStaff(row!, today);
  });
