import type { TYouth } from '@mentorbridge/core';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../access/context.ts';
import type { Action } from '../../access/policy.ts';
import { youthScope } from '../../access/scopes.ts';
import type { Db, Tx } from '../../db/client.ts';
import { youth } from '../../db/schema.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { iso, isoRequired } from '../../http/schemas.ts';

export type YouthRow = typeof youth.$inferSelect;

/**
 * Loads one youth for an action: 404 when the actor cannot see the record at all, 403 when they can see it but
 * the action is not theirs to take. One query decides both.
 */
export const findYouthFor = async (db: Db | Tx, actor: Actor, id: string, action: Action): Promise<YouthRow> => {
  const [row] = await db
    .select({ y: youth, allowed: sql<boolean>`(${youthScope(actor, action)})` })
    .from(youth)
    .where(and(eq(youth.id, id), youthScope(actor, 'youth.read')));
  if (!row) throw notFound('Youth');
  if (!row.allowed) throw forbidden();
  return row.y;
};

export const toYouth = (r: YouthRow): TYouth => ({
  id: r.id,
  organizationId: r.organizationId,
  programId: r.programId,
  firstName: r.firstName,
  lastName: r.lastName,
  preferredName: r.preferredName,
  pronouns: r.pronouns,
  dateOfBirth: r.dateOfBirth,
  genderIdentity: r.genderIdentity,
  races: r.races as TYouth['races'],
  raceDeclined: r.raceDeclined,
  ethnicity: r.ethnicity,
  primaryLanguage: r.primaryLanguage,
  interpreterNeeded: r.interpreterNeeded,
  school: r.school,
  grade: r.grade,
  payer: r.payer,
  memberId: r.memberId,
  phone: r.phone,
  address: r.address,
  status: r.status,
  deactivatedAt: iso(r.deactivatedAt),
  version: r.version,
  createdAt: isoRequired(r.createdAt),
  updatedAt: isoRequired(r.updatedAt),
});

/** Names of the fields whose value a patch actually changes (for the audit trail: names only, never values). */
export const changedFields = (before: Record<string, unknown>, patch: Record<string, unknown>): string[] =>
  Object.keys(patch).filter(
    (k) => k !== 'version' && patch[k] !== undefined && JSON.stringify(before[k]) !== JSON.stringify(patch[k]),
  );
