import {
  retentionDate,
  type TDischargeSummary,
  type TEpisode,
  type ZDischarge,
  type ZDischargeReason,
} from '@mentorbridge/core';
import { and, eq, max, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db } from '../../db/client.ts';
import { contact, episode, goal, mentorAssignment, youth } from '../../db/schema.ts';
import { badRequest, versionConflict } from '../../http/errors.ts';
import { episodeClosed } from './consents.ts';
import { dischargeOf, loadEpisode } from './episodes.ts';
import { findEpisodeFor, orgToday } from './intake-common.ts';

type Reason = z.infer<typeof ZDischargeReason>;

/** The match closure reason code (MATCH_CLOSURE_REASONS) each discharge reason amounts to. */
const MATCH_CLOSURE_FOR: Record<Reason, string> = {
  goals_substantially_met: 'goals_met',
  no_longer_needed: 'family_request',
  caregiver_not_engaged: 'unreachable',
  consent_withdrawn: 'family_request',
  residential_no_return: 'other',
  independent_living: 'program_ended',
  aged_out: 'program_ended',
  moved_away: 'youth_moved',
  other: 'other',
};

/**
 * Discharges an episode, in one transaction: the summary (reasons,
 * recommendations, closure activity), a status for every active goal, the youth's open matches closed (planned,
 * unless consent was withdrawn), the youth discharged, and the retention date computed from the last service
 * (the latest completed contact, else the discharge date).
 */
export const dischargeEpisode = async (
  db: Db,
  actor: Actor,
  episodeId: string,
  input: z.output<typeof ZDischarge>,
): Promise<TEpisode> =>
  db.transaction(async (tx) => {
    const { e, y } = await findEpisodeFor(tx, actor, episodeId, 'episode.manage');
    if (e.version !== input.version) throw versionConflict(await loadEpisode(tx, e, actor.organizationId));
    if (e.status !== 'open') throw episodeClosed();
    const today = await orgToday(tx, actor.organizationId);
    const fields: Record<string, string> = {};
    if (input.dischargedOn > today) fields.dischargedOn = 'The discharge date cannot be in the future';
    else if (input.dischargedOn < e.admittedOn)
      fields.dischargedOn = `The discharge date cannot be before the admission (${e.admittedOn})`;
    const goals = await tx.select({ id: goal.id, status: goal.status }).from(goal).where(eq(goal.episodeId, e.id));
    const seen = new Set<string>();
    input.goalStatuses.forEach((g, i) => {
      if (!goals.some((x) => x.id === g.goalId)) fields[`goalStatuses.${i}.goalId`] = 'Not a goal of this episode';
      else if (seen.has(g.goalId)) fields[`goalStatuses.${i}.goalId`] = 'This goal is listed twice';
      seen.add(g.goalId);
    });
    const missing = goals.filter((g) => g.status === 'active' && !seen.has(g.id));
    if (missing.length)
      fields.goalStatuses = `Give a status at discharge for every active goal (${missing.length} missing)`;
    if (Object.keys(fields).length) throw badRequest(fields);

    const now = new Date();
    const changedGoals: string[] = [];
    for (const g of input.goalStatuses) {
      if (goals.find((x) => x.id === g.goalId)?.status === g.status) continue;
      await tx
        .update(goal)
        .set({ status: g.status, version: sql`${goal.version} + 1`, updatedAt: now })
        .where(eq(goal.id, g.goalId));
      changedGoals.push(g.goalId);
    }

    const closureType = input.reasons.includes('consent_withdrawn') ? 'unplanned' : 'planned';
    const closureReasons = [...new Set(input.reasons.map((r) => MATCH_CLOSURE_FOR[r]))];
    const closed = await tx
      .update(mentorAssignment)
      .set({
        active: false,
        status: 'closed',
        closedOn: input.dischargedOn,
        closureType,
        closureReasons,
        endedAt: now,
        version: sql`${mentorAssignment.version} + 1`,
      })
      .where(and(eq(mentorAssignment.youthId, y.id), eq(mentorAssignment.active, true)))
      .returning({ id: mentorAssignment.id });

    const [last] = await tx
      .select({ day: max(contact.date) })
      .from(contact)
      .where(and(eq(contact.youthId, y.id), eq(contact.status, 'completed')));
    const lastServiceDate = last?.day ?? input.dischargedOn;
    const retentionUntil = retentionDate({ lastServiceDate, dateOfBirth: y.dateOfBirth });
    const summary: TDischargeSummary = {
      reasons: input.reasons,
      goalStatuses: input.goalStatuses,
      recommendations: input.recommendations,
      closureActivity: input.closureActivity ?? null,
      lastServiceDate,
      closedMatchIds: closed.map((c) => c.id),
    };
    const [row] = await tx
      .update(episode)
      .set({
        status: 'discharged',
        dischargedOn: input.dischargedOn,
        dischargedBy: actor.userId,
        discharge: { ...dischargeOf(e), summary },
        retentionUntil,
        version: sql`${episode.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(episode.id, e.id), eq(episode.version, input.version)))
      .returning();
    if (!row) throw versionConflict(await loadEpisode(tx, e, actor.organizationId));
    await tx
      .update(youth)
      .set({ status: 'discharged', updatedAt: now, version: sql`${youth.version} + 1` })
      .where(eq(youth.id, y.id));
    await writeAudit(tx, originOf(actor), [
      {
        action: 'episode.discharged',
        resourceType: 'episode',
        resourceId: e.id,
        youthId: y.id,
        detail: { reasons: input.reasons, goalsChanged: changedGoals, retentionUntil, youthStatus: 'discharged' },
      },
      ...closed.map((c) => ({
        action: 'match.closed',
        resourceType: 'match',
        resourceId: c.id,
        youthId: y.id,
        detail: { via: 'discharge', episodeId: e.id, closureType, closureReasons },
      })),
    ]);
    return loadEpisode(tx, row, actor.organizationId);
  });
