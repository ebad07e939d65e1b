import {
  CHANGE_PARAMETERS,
  GAS_DEFAULT_RHO,
  gasTScore,
  reliableChange,
  type TGasSummary,
  type TRciParameters,
  type TTrajectory,
  type ZTrajectoryQuery,
} from '@mentorbridge/core';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { auditRead } from '../../audit/write-audit.ts';
import type { Db } from '../../db/client.ts';
import { goal, goalProgress } from '../../db/schema.ts';
import { badRequest } from '../../http/errors.ts';
import { findYouthFor } from '../youth/youth-record.ts';
import { bandById, bandsOf, rangeOf, resolveInstrument, titleOf } from './catalog.ts';
import { responsesForTrend } from './response-service.ts';

type Query = z.output<typeof ZTrajectoryQuery>;

/**
 * A youth's scores on one instrument over time, the bands to shade, and Jacobson & Truax change between the first
 * and the latest valid score — with the SD, reliability and cut-off it used, or the reason there is none.
 */
export const trajectory = async (db: Db, actor: Actor, youthId: string, q: Query): Promise<TTrajectory> => {
  const y = await findYouthFor(db, actor, youthId, 'measure.read');
  const r = await resolveInstrument(db, actor.organizationId, q.instrument, { programId: y.programId });
  if (q.score !== 'total' && bandsOf(r, q.score).length === 0 && rangeOf(r, q.score) == null) {
    throw badRequest({ score: `Not a score of ${r.def.id}` });
  }
  if ((q.sd == null) !== (q.reliability == null)) {
    throw badRequest({ [q.sd == null ? 'sd' : 'reliability']: 'Give both the SD and the reliability, or neither' });
  }
  const rows = await responsesForTrend(db, actor, y, r.def.id);
  const points = rows
    .map((row) => {
      const score = q.score === 'total' ? (row.total == null ? null : Number(row.total)) : (row.subscales[q.score]?.score ?? null);
      const bandId = q.score === 'total' ? row.bandId : (row.subscales[q.score]?.bandId ?? null);
      return score == null
        ? null
        : {
            responseId: row.id,
            administeredOn: row.administeredOn,
            score,
            band: bandById(r, bandId, q.score),
            respondent: row.respondent,
            mode: row.mode,
          };
    })
    .filter((p) => p != null);

  const preset = CHANGE_PARAMETERS[r.def.id];
  const scoreParams = preset?.scores[q.score];
  const direction = r.kind === 'program_survey' ? r.def.direction : (preset?.direction ?? 'lower_is_better');
  let parameters: TRciParameters | null = null;
  if (q.sd != null && q.reliability != null) {
    parameters = { sd: q.sd, reliability: q.reliability, reliabilityKind: 'cronbach_alpha', source: 'Supplied by the program for this view' };
  } else if (scoreParams?.presets[0]) {
    const { sd, reliability, reliabilityKind, source } = scoreParams.presets[0];
    parameters = { sd, reliability, reliabilityKind, source };
  }

  let change: TTrajectory['change'] = null;
  let changeUnavailable: TTrajectory['changeUnavailable'] = null;
  if (points.length < 2) changeUnavailable = 'too_few_points';
  else if (!parameters) changeUnavailable = 'no_parameters';
  else {
    const first = points[0]!;
    const last = points[points.length - 1]!;
    const rc = reliableChange({ pre: first.score, post: last.score, direction, parameters, cutoff: scoreParams?.cutoff ?? null });
    change = {
      pre: rc.pre,
      post: rc.post,
      preOn: first.administeredOn,
      postOn: last.administeredOn,
      change: rc.change,
      rci: rc.rci,
      sdiff: rc.sdiff,
      reliableChangeThreshold: rc.reliableChangeThreshold,
      reliable: rc.reliable,
      category: rc.category,
      sd: rc.parameters.sd,
      reliability: rc.parameters.reliability,
      reliabilityKind: rc.parameters.reliabilityKind,
      parametersSource: rc.parameters.source,
      cutoff: rc.cutoff,
      preDysfunctional: rc.preDysfunctional,
      postDysfunctional: rc.postDysfunctional,
      method: rc.method,
    };
  }
  await auditRead(db, actor, {
    action: 'measure.trajectory_viewed',
    resourceType: 'youth',
    resourceId: youthId,
    youthId,
    detail: { instrumentId: r.def.id, score: q.score, shown: points.map((p) => p.responseId) },
  });
  return {
    instrumentId: r.def.id,
    title: titleOf(r),
    score: q.score,
    direction,
    bands: bandsOf(r, q.score),
    range: rangeOf(r, q.score),
    points,
    change,
    changeUnavailable,
    publishedAlternatives: scoreParams?.publishedAlternatives ?? [],
  };
};

// Qualified by hand: without a join drizzle writes the outer column unqualified, which the subquery would capture.
const goalIdRef = sql.raw('"goal"."id"');
const latestLevel = sql<number | null>`(select ${goalProgress.level} from ${goalProgress} where ${goalProgress.goalId} = ${goalIdRef} order by ${goalProgress.ratedOn} desc, ${goalProgress.createdAt} desc limit 1)`;
const latestRatedOn = sql<string | null>`(select ${goalProgress.ratedOn}::text from ${goalProgress} where ${goalProgress.goalId} = ${goalIdRef} order by ${goalProgress.ratedOn} desc, ${goalProgress.createdAt} desc limit 1)`;

/** GAS T-score (Kiresuk–Sherman, ρ = 0.3) over the youth's goals that have GAS levels and a rating. */
export const gasSummary = async (db: Db, actor: Actor, youthId: string): Promise<TGasSummary> => {
  await findYouthFor(db, actor, youthId, 'goal.read');
  const rows = await db
    .select({ id: goal.id, title: goal.title, weight: goal.weight, level: latestLevel, ratedOn: latestRatedOn })
    .from(goal)
    .where(and(eq(goal.youthId, youthId), eq(goal.organizationId, actor.organizationId), ne(goal.status, 'discontinued'), sql`${goal.gasLevels} is not null`))
    .orderBy(asc(goal.createdAt));
  const goals = rows.map((g) => ({
    goalId: g.id,
    title: g.title,
    weight: g.weight,
    attainment: g.level == null ? null : Number(g.level),
    ratedOn: g.ratedOn,
  }));
  const rated = goals.filter((g) => g.attainment != null && g.weight > 0);
  const result = rated.length > 0 ? gasTScore({ goals: rated.map((g) => ({ attainment: g.attainment!, weight: g.weight })) }) : null;
  await auditRead(db, actor, {
    action: 'goal.gas_viewed',
    resourceType: 'youth',
    resourceId: youthId,
    youthId,
    detail: { goals: goals.map((g) => g.goalId) },
  });
  return {
    tScore: result?.tScore ?? null,
    rho: result?.rho ?? GAS_DEFAULT_RHO,
    formula: result?.formula ?? gasTScore({ goals: [{ attainment: 0, weight: 1 }] }).formula,
    weightedSum: result?.weightedSum ?? null,
    denominator: result?.denominator ?? null,
    goals,
  };
};
