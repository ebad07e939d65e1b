import { addDays, calendarDate, findEmbeddedInstrument, measureDuePoints, ZMeasurementSchedule } from '@mentorbridge/core';
import { and, desc, eq } from 'drizzle-orm';
import type { AuditOrigin } from '../audit/write-audit.ts';
import { episode, organization, programRuleSet } from '../db/schema.ts';
import type { AnswersInput } from '../modules/measures/catalog.ts';
import { saveResponse } from '../modules/measures/response-service.ts';
import type { DemoStep } from './demo-context.ts';

/** Symptom answers that sum to about `target` (0–3 each), never touching a safety item. */
const spread = (ids: string[], target: number, max = 3): Record<string, number> => {
  const out: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  let left = Math.max(0, Math.min(target, ids.length * max));
  for (let round = 0; left > 0; round++) {
    for (const id of ids) {
      if (left === 0) break;
      if (out[id]! < max) {
        out[id]! += 1;
        left -= 1;
      }
    }
    if (round > max) break;
  }
  return out;
};

const teenPhq = (target: number): AnswersInput => {
  const def = findEmbeddedInstrument('phq9_teen')!;
  const symptoms = def.items.filter((i) => i.scored && i.id !== 'self_harm_thoughts').map((i) => i.id);
  const answers: AnswersInput = { ...spread(symptoms, target), self_harm_thoughts: 0 };
  for (const item of def.items.filter((i) => !i.scored)) answers[item.id] = typeof item.options[0]!.value === 'number' ? 1 : 'no';
  return answers;
};
const adultPhq = (target: number): AnswersInput => {
  const def = findEmbeddedInstrument('phq9')!;
  const symptoms = def.items.filter((i) => i.scored && i.id !== 'self_harm_thoughts').map((i) => i.id);
  const answers: AnswersInput = { ...spread(symptoms, target), self_harm_thoughts: 0 };
  for (const item of def.items.filter((i) => !i.scored)) answers[item.id] = item.options[1]!.value;
  return answers;
};
const byIds = (instrumentId: string, target: number, max: number): AnswersInput => {
  const def = findEmbeddedInstrument(instrumentId)!;
  return spread(
    def.items.filter((i) => i.scored).map((i) => i.id),
    target,
    max,
  );
};

/**
 * Demo questionnaire responses over time, through the same save path as the API (so scores and any alert are real):
 * - TM youth: the teen PHQ-9 (youth) and PSC-17 (guardian) at the schedule's points since admission, mostly
 *   improving, one worsening; some youth miss their latest point so the overdue list has entries;
 * - some youth also have a GAD-7, and the oldest youth an adult PHQ-9.
 * No demo answer touches a safety item: the alerts area seeds its own alerts.
 */
export const demoMeasures: DemoStep = async (tx, ctx) => {
  const [org] = await tx.select({ tz: organization.timeZone }).from(organization).where(eq(organization.id, ctx.organizationId));
  const today = calendarDate(new Date(), org?.tz ?? 'America/New_York');
  const origin: AuditOrigin = { organizationId: ctx.organizationId, actorUserId: null, ip: null, userAgent: null, requestId: 'demo-seed' };
  const now = new Date();
  for (const y of ctx.youth) {
    const [ep] = await tx
      .select({ admittedOn: episode.admittedOn, rules: programRuleSet.rules })
      .from(episode)
      .innerJoin(programRuleSet, eq(programRuleSet.id, episode.ruleSetId))
      .where(and(eq(episode.youthId, y.id), eq(episode.status, 'open')))
      .orderBy(desc(episode.admittedOn))
      .limit(1);
    if (!ep) continue;
    const schedule = ZMeasurementSchedule.parse((ep.rules as { measurementSchedule: unknown }).measurementSchedule);
    const points = measureDuePoints({ admittedOn: ep.admittedOn, dischargedOn: null, schedule, today }).filter((p) => p.dueOn <= today);
    // Every third youth misses their latest point (overdue); youth 4 and 11 have nothing yet (baseline overdue).
    const skipLatest = y.index % 3 === 1;
    if (y.index === 4 || y.index === 11) continue;
    const worsening = y.index === 7;
    const start = 14 + (y.index % 6);
    const entered = ctx.users[y.mentorKey] ?? null;
    const save = async (instrumentId: string, answers: AnswersInput, respondent: 'youth' | 'guardian', on: string, key: string) =>
      saveResponse(tx, { ...origin, actorUserId: entered }, {
        youth: { id: y.id, organizationId: ctx.organizationId },
        instrument: { kind: 'embedded', def: findEmbeddedInstrument(instrumentId)! },
        answers,
        respondent,
        mode: 'visit',
        administrationId: null,
        language: 'en',
        administeredOn: on,
        scheduleKey: key,
        enteredBy: entered,
        now,
      });
    const taken = points.filter((_, i) => !(skipLatest && i === points.length - 1 && points.length > 1));
    for (const [n, p] of taken.entries()) {
      const on = p.dueOn > addDays(today, -1) ? today : addDays(p.dueOn, 2 + (y.index % 4));
      const level = worsening ? start - 6 + n * 4 : Math.max(2, start - n * 5);
      if (y.index < 14) {
        await save('phq9_teen', teenPhq(level), 'youth', on, p.key);
        await save('psc17', byIds('psc17', level + 4, 2), 'guardian', on, p.key);
      } else if (y.index === 19) {
        await save('phq9', adultPhq(level), 'youth', on, p.key);
      } else {
        await save('phq9_teen', teenPhq(level), 'youth', on, p.key);
      }
      if (y.index % 5 === 0) await save('gad7', byIds('gad7', Math.max(1, level - 4), 3), 'youth', on, p.key);
    }
  }
};
