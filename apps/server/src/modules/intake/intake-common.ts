import { calendarDate, ruleSetOn, type TIntakeUser } from '@mentorbridge/core';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../access/context.ts';
import type { Action } from '../../access/policy.ts';
import { youthScope } from '../../access/scopes.ts';
import type { Db, Tx } from '../../db/client.ts';
import { episode, organization, programRuleSet, referral, user, youth } from '../../db/schema.ts';
import { forbidden, notFound } from '../../http/errors.ts';

/** The organization's calendar day. */
export const orgToday = async (db: Db | Tx, organizationId: string): Promise<string> => {
  const [o] = await db
    .select({ tz: organization.timeZone })
    .from(organization)
    .where(eq(organization.id, organizationId));
  return calendarDate(new Date(), o?.tz ?? 'UTC');
};

/** Names of users, by id, for "who decided / who recorded". */
export const userNames = async (db: Db | Tx, ids: (string | null | undefined)[]): Promise<Map<string, string>> => {
  const wanted = [...new Set(ids.filter((i): i is string => Boolean(i)))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
};

export const personRef = (names: Map<string, string>, id: string | null | undefined): TIntakeUser | null =>
  id ? { userId: id, name: names.get(id) ?? '' } : null;

/** A program's rule set versions, newest first (so among equal effective dates the newest wins). */
export const ruleSetVersions = (db: Db | Tx, programId: string) =>
  db.select().from(programRuleSet).where(eq(programRuleSet.programId, programId)).orderBy(desc(programRuleSet.version));

export type RuleSetRow = typeof programRuleSet.$inferSelect;

export const ruleSetInForce = async (db: Db | Tx, programId: string, day: string): Promise<RuleSetRow | undefined> =>
  ruleSetOn(await ruleSetVersions(db, programId), day);

/** Whether a hub service runs on a day: started, and not ended before it. */
export const hubActiveOn = (h: { startedOn: string; endedOn: string | null }, day: string) =>
  h.startedOn <= day && (h.endedOn === null || h.endedOn >= day);

type YouthRow = typeof youth.$inferSelect;

/**
 * Loads a referral with its youth for an action: 404 when the youth is out of the actor's reach, 403 when the
 * youth is visible but the action is not the actor's to take.
 */
export const findReferralFor = async (
  db: Db | Tx,
  actor: Actor,
  referralId: string,
  action: Action,
): Promise<{ r: typeof referral.$inferSelect; y: YouthRow }> => {
  const [row] = await db
    .select({ r: referral, y: youth, allowed: sql<boolean>`(${youthScope(actor, action)})` })
    .from(referral)
    .innerJoin(youth, eq(youth.id, referral.youthId))
    .where(
      and(
        eq(referral.id, referralId),
        eq(referral.organizationId, actor.organizationId),
        youthScope(actor, 'youth.read'),
      ),
    );
  if (!row) throw notFound('Referral');
  if (!row.allowed) throw forbidden();
  return { r: row.r, y: row.y };
};

/** Loads an episode with its youth for an action (404 out of reach, 403 visible but not allowed). */
export const findEpisodeFor = async (
  db: Db | Tx,
  actor: Actor,
  episodeId: string,
  action: Action,
): Promise<{ e: typeof episode.$inferSelect; y: YouthRow }> => {
  const [row] = await db
    .select({ e: episode, y: youth, allowed: sql<boolean>`(${youthScope(actor, action)})` })
    .from(episode)
    .innerJoin(youth, eq(youth.id, episode.youthId))
    .where(
      and(eq(episode.id, episodeId), eq(episode.organizationId, actor.organizationId), youthScope(actor, 'youth.read')),
    );
  if (!row) throw notFound('Episode');
  if (!row.allowed) throw forbidden();
  return { e: row.e, y: row.y };
};
