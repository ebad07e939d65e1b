import type { TYouth } from '@mentorbridge/core';
import { and, eq, type Placeholder, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Actor } from '../../access/context.ts';
import type { Action } from '../../access/policy.ts';
import { type ScopeActor, youthScope } from '../../access/scopes.ts';
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
  const [row] =
    db instanceof PgTransaction
      ? await findYouthQuery(db, actor, action, id)
      : await preparedFindYouth(db, actor, action).execute(placeholderValues(actor, id));
  if (!row) throw notFound('Youth');
  if (!row.allowed) throw forbidden();
  return row.y;
};

const findYouthQuery = (db: Db | Tx, actor: ScopeActor, action: Action, id: string | Placeholder) =>
  db
    .select({ y: youth, allowed: sql<boolean>`(${youthScope(actor, action)})` })
    .from(youth)
    .where(and(eq(youth.id, id), youthScope(actor, 'youth.read')));

/**
 * Outside a transaction the lookup runs as a prepared statement, one per action and shape of roles: building the
 * access-checked query cost more CPU than PostgreSQL spent answering it (docs/performance.md).
 */
const prepared = new WeakMap<Db, Map<string, ReturnType<ReturnType<typeof findYouthQuery>['prepare']>>>();

const shapeOf = (actor: Actor, action: Action) =>
  `${action}|${actor.roles.map((r) => (r.programId ? `${r.role}:p` : r.role)).join(',')}`;

const preparedFindYouth = (db: Db, actor: Actor, action: Action) => {
  let byShape = prepared.get(db);
  if (!byShape) {
    byShape = new Map();
    prepared.set(db, byShape);
  }
  const shape = shapeOf(actor, action);
  let query = byShape.get(shape);
  if (!query) {
    const template: ScopeActor = {
      userId: sql.placeholder('userId'),
      organizationId: sql.placeholder('organizationId'),
      roles: actor.roles.map((r, i) => ({ role: r.role, programId: r.programId ? sql.placeholder(`program${i}`) : null })),
    };
    query = findYouthQuery(db, template, action, sql.placeholder('id')).prepare(`find_youth_${byShape.size + 1}`);
    byShape.set(shape, query);
  }
  return query;
};

const placeholderValues = (actor: Actor, id: string) => {
  const values: Record<string, string> = { id, userId: actor.userId, organizationId: actor.organizationId };
  actor.roles.forEach((r, i) => {
    if (r.programId) values[`program${i}`] = r.programId;
  });
  return values;
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
