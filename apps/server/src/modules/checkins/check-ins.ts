import {
  checkInAlert,
  checkInTrend,
  type TCheckIn,
  type TCheckInHistory,
  type TLatestCheckIn,
  type TTopChallenges,
  topChallenges,
  type ZCreateCheckIn,
  type ZTopChallengesQuery,
} from '@mentorbridge/core';
import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { programsFor, youthScope } from '../../access/scopes.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { checkIn, program, safetyAlert, youth } from '../../db/schema.ts';
import { badRequest, forbidden } from '../../http/errors.ts';
import { isoRequired } from '../../http/schemas.ts';
import { displayName, permissionsOn } from '../care/care-access.ts';
import { raiseAlert } from '../safety/raise-alert.ts';
import { findYouthFor } from '../youth/youth-record.ts';

type CheckInRow = typeof checkIn.$inferSelect;

/** The safety alert a check-in raised, if any. */
const alertOf = sql<
  string | null
>`(select ${safetyAlert.id} from ${safetyAlert} where ${safetyAlert.source} = 'check_in' and ${safetyAlert.sourceId} = ${checkIn.id} limit 1)`;

const toCheckIn = (r: { c: CheckInRow; alertId: string | null; youthUserId: string | null }, showComment: boolean): TCheckIn => ({
  id: r.c.id,
  youthId: r.c.youthId,
  ratings: r.c.ratings,
  needToTalk: r.c.needToTalk,
  comment: showComment ? r.c.comment : null,
  byYouth: r.c.submittedBy != null && r.c.submittedBy === r.youthUserId,
  alertId: r.alertId,
  createdAt: isoRequired(r.c.createdAt),
});

const domainsOf = async (db: Db | Tx, programId: string): Promise<string[]> => {
  const [p] = await db.select({ d: program.checkInDomains }).from(program).where(eq(program.id, programId));
  return p?.d ?? [];
};

/**
 * The youth's weekly check-in. A need-to-talk or a serious difficulty raises a safety alert in the same
 * transaction, so a saved check-in always has its alert.
 */
export const submitCheckIn = async (
  db: Db,
  actor: Actor,
  youthId: string,
  input: z.output<typeof ZCreateCheckIn>,
): Promise<TCheckIn> =>
  db.transaction(async (tx) => {
    const y = await findYouthFor(tx, actor, youthId, 'check_in.submit');
    const domains = await domainsOf(tx, y.programId);
    const unknown = Object.keys(input.ratings).filter((d) => !domains.includes(d));
    if (unknown.length) {
      throw badRequest(Object.fromEntries(unknown.map((d) => [`ratings.${d}`, 'Not a check-in area of this program'])));
    }
    const now = new Date();
    const [row] = await tx
      .insert(checkIn)
      .values({
        id: input.id,
        organizationId: y.organizationId,
        youthId,
        ratings: input.ratings,
        needToTalk: input.needToTalk,
        comment: input.comment ?? null,
        submittedBy: actor.userId,
        createdAt: now,
      })
      .returning();
    const signal = checkInAlert(input.ratings, input.needToTalk);
    const alert = signal
      ? await raiseAlert(tx, originOf(actor), {
          youthId,
          source: 'check_in',
          sourceId: row!.id,
          severity: signal.severity,
          reasons: signal.reasons,
          raisedBy: actor.userId,
          now,
        })
      : null;
    await writeAudit(tx, originOf(actor), {
      action: 'check_in.submitted',
      resourceType: 'check_in',
      resourceId: row!.id,
      youthId,
      detail: { domains: Object.keys(input.ratings).sort(), alertId: alert?.id ?? null },
    });
    return toCheckIn({ c: row!, alertId: alert?.id ?? null, youthUserId: y.userId }, true);
  });

const HISTORY = 26;

/** A youth's recent check-ins, newest first, with the trend of the latest against the one before. */
export const listCheckIns = async (db: Db, actor: Actor, youthId: string): Promise<TCheckInHistory> => {
  const y = await findYouthFor(db, actor, youthId, 'check_in.read');
  const [rows, may, domains] = await Promise.all([
    db
      .select({ c: checkIn, alertId: alertOf })
      .from(checkIn)
      .where(eq(checkIn.youthId, youthId))
      .orderBy(desc(checkIn.createdAt))
      .limit(HISTORY),
    permissionsOn(db, actor, youthId, ['check_in.read_comment'] as const),
    domainsOf(db, y.programId),
  ]);
  const items = rows.map((r) => toCheckIn({ ...r, youthUserId: y.userId }, may['check_in.read_comment']));
  await auditRead(db, actor, {
    action: 'check_in.listed',
    resourceType: 'youth',
    resourceId: youthId,
    youthId,
    detail: { shown: items.map((i) => i.id), comments: may['check_in.read_comment'] },
  });
  return { domains, items, trend: items[0] ? checkInTrend(items[0].ratings, items[1]?.ratings ?? null) : {} };
};

/** Each youth within reach with their latest check-in and its trend (the mentor's caseload view). */
export const latestCheckIns = async (db: Db, actor: Actor): Promise<TLatestCheckIn[]> => {
  const ys = await db
    .select({
      id: youth.id,
      firstName: youth.firstName,
      lastName: youth.lastName,
      preferredName: youth.preferredName,
      userId: youth.userId,
    })
    .from(youth)
    .where(and(youthScope(actor, 'check_in.read'), eq(youth.status, 'active')))
    .orderBy(asc(sql`lower(${youth.lastName})`), asc(sql`lower(${youth.firstName})`))
    .limit(500);
  const ids = ys.map((y) => y.id);
  const recent = ids.length
    ? await db
        .select({ c: checkIn, alertId: alertOf })
        .from(checkIn)
        .where(
          and(
            inArray(checkIn.youthId, ids),
            // The latest two per youth: enough for the trend.
            sql`(select count(*) from ${checkIn} as newer where newer.youth_id = ${checkIn.youthId} and newer.created_at > ${checkIn.createdAt}) < 2`,
          ),
        )
        .orderBy(desc(checkIn.createdAt))
    : [];
  const out = ys.map((y): TLatestCheckIn => {
    const mine = recent.filter((r) => r.c.youthId === y.id);
    // The caseload overview shows ratings only; comments are read on the youth's own page.
    const latest = mine[0] ? toCheckIn({ ...mine[0], youthUserId: y.userId }, false) : null;
    return {
      youthId: y.id,
      youthName: displayName(y),
      latest,
      trend: latest ? checkInTrend(latest.ratings, mine[1]?.c.ratings ?? null) : {},
      highest: latest ? Math.max(...Object.values(latest.ratings)) : null,
    };
  });
  await auditRead(db, actor, {
    action: 'check_in.latest_viewed',
    resourceType: 'check_in',
    detail: { youth: out.filter((o) => o.latest).map((o) => o.youthId) },
  });
  return out;
};

/** A program's top challenges over the last days: counts by domain, never names. */
export const programTopChallenges = async (
  db: Db,
  actor: Actor,
  q: z.output<typeof ZTopChallengesQuery>,
): Promise<TTopChallenges> => {
  const scoped = programsFor(actor, 'check_in.aggregate');
  if (q.programId && scoped !== null && !scoped.includes(q.programId)) throw forbidden();
  const programIds = q.programId ? [q.programId] : scoped;
  const since = new Date(Date.now() - q.days * 86_400_000);
  const where = and(
    eq(checkIn.organizationId, actor.organizationId),
    gte(checkIn.createdAt, since),
    programIds === null ? undefined : programIds.length ? inArray(youth.programId, programIds) : sql`false`,
  );
  const rows = await db
    .select({ youthId: checkIn.youthId, ratings: checkIn.ratings, needToTalk: checkIn.needToTalk })
    .from(checkIn)
    .innerJoin(youth, eq(youth.id, checkIn.youthId))
    .where(where);
  const programRows = await db
    .select({ d: program.checkInDomains })
    .from(program)
    .where(
      and(
        eq(program.organizationId, actor.organizationId),
        programIds === null ? undefined : programIds.length ? inArray(program.id, programIds) : sql`false`,
      ),
    );
  const domains = [...new Set([...programRows.flatMap((p) => p.d), ...rows.flatMap((r) => Object.keys(r.ratings))])];
  await auditRead(db, actor, {
    action: 'check_in.aggregate_viewed',
    resourceType: 'program',
    resourceId: q.programId ?? null,
    detail: { days: q.days, checkIns: rows.length },
  });
  return {
    since: since.toISOString(),
    checkIns: rows.length,
    youthCount: new Set(rows.map((r) => r.youthId)).size,
    needToTalk: rows.filter((r) => r.needToTalk).length,
    domains: topChallenges(domains, rows),
  };
};
