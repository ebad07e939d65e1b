import { createHash } from 'node:crypto';
import { addDays } from '@mentorbridge/core';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import type { Actor } from '../../access/context.ts';
import type { Action } from '../../access/policy.ts';
import { youthScope } from '../../access/scopes.ts';
import { type Db, rowsOf, type Tx } from '../../db/client.ts';
import { goal, mentorAssignment, youth } from '../../db/schema.ts';
import { forbidden, notFound } from '../../http/errors.ts';

// One organization clock for every area (notes keep it beside the wall-clock helpers).
export { orgClock } from '../notes/org-time.ts';

export type MatchRow = typeof mentorAssignment.$inferSelect;
export type GoalRow = typeof goal.$inferSelect;

/**
 * Loads a match for an action. The match is visible when its youth is (404 otherwise); the action is then
 * decided by the relationship to that youth (403 when it is not the actor's to take). One query decides both.
 */
export const findMatchFor = async (db: Db | Tx, actor: Actor, matchId: string, action: Action) => {
  const [row] = await db
    .select({ m: mentorAssignment, allowed: sql<boolean>`(${youthScope(actor, action)})` })
    .from(mentorAssignment)
    .innerJoin(youth, eq(youth.id, mentorAssignment.youthId))
    .where(and(eq(mentorAssignment.id, matchId), youthScope(actor, 'youth.read')));
  if (!row) throw notFound('Match');
  if (!row.allowed) throw forbidden();
  return row.m;
};

/** Loads a goal for an action, decided through its youth like {@link findMatchFor}. */
export const findGoalFor = async (db: Db | Tx, actor: Actor, goalId: string, action: Action) => {
  const [row] = await db
    .select({ g: goal, allowed: sql<boolean>`(${youthScope(actor, action)})` })
    .from(goal)
    .innerJoin(youth, eq(youth.id, goal.youthId))
    .where(and(eq(goal.id, goalId), youthScope(actor, 'youth.read')));
  if (!row) throw notFound('Goal');
  if (!row.allowed) throw forbidden();
  return row.g;
};

/** Which of `actions` the actor may take on one youth (one query). */
export const permissionsOn = async <A extends Action>(
  db: Db | Tx,
  actor: Actor,
  youthId: string,
  actions: readonly A[],
): Promise<Record<A, boolean>> => {
  const fields: Record<string, SQL<boolean>> = {};
  actions.forEach((a, i) => {
    fields[`a${i}`] = sql<boolean>`(${youthScope(actor, a)})`;
  });
  const [row] = await db.select(fields).from(youth).where(eq(youth.id, youthId));
  const out = {} as Record<A, boolean>;
  actions.forEach((a, i) => {
    out[a] = Boolean(row?.[`a${i}`]);
  });
  return out;
};

/** Serializes writers that touch the same youth's or mentor's matches (capacity, one primary per youth). */
export const lockKey = async (tx: Tx, key: string) => {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
};

/**
 * Runs a set-based dashboard query as a named statement (named by its text): PostgreSQL then parses it once per
 * connection and may keep a generic plan, where planning these joins cost more than running them (1.5–3 ms vs
 * 0.1–0.2 ms per query at state scale). `named: false` for a query whose best plan depends on a parameter's size
 * (a list of ids): a generic plan made for a caseload of ten would run for seconds over an organization's 5,000.
 */
export const rows = async <T>(db: Db | Tx, query: SQL, opts: { named?: boolean } = {}): Promise<T[]> => {
  if (opts.named === false) return rowsOf<T>(await db.execute(query));
  const internal = db as unknown as { dialect: PgDialect; session: PgSession };
  const built = internal.dialect.sqlToQuery(query);
  const name = `q_${createHash('sha1').update(built.sql).digest('hex').slice(0, 24)}`;
  return rowsOf<T>(await internal.session.prepareQuery(built, undefined, name, false).execute());
};

export const displayName = (y: { firstName: string; lastName: string; preferredName: string | null }) =>
  `${y.preferredName || y.firstName} ${y.lastName}`;

/**
 * A day after the organization's today. One day of slack: a user east of the organization's time zone may already
 * be on the next calendar day.
 */
export const isFuture = (day: string, today: string) => day > addDays(today, 1);
