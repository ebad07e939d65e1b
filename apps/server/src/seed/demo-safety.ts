import { checkInAlert, writtenReportDueAt } from '@mentorbridge/core';
import { eq, inArray } from 'drizzle-orm';
import type { AuditOrigin } from '../audit/write-audit.ts';
import type { Tx } from '../db/client.ts';
import { checkIn, mandatedReport, program, safetyPlan, staffProfile, youth } from '../db/schema.ts';
import { raiseAlert } from '../modules/safety/raise-alert.ts';
import type { DemoContext, DemoStep } from './demo-context.ts';

const DAY = 86_400_000;
/** A fictional (555) number: the demo must not dial a real crisis team. */
const DEMO_MOBILE_CRISIS = '617-555-0199';

/** Weekly ratings for a youth over eight weeks, oldest first: mostly steady, a few harder weeks. */
const weekRatings = (index: number, week: number, domains: string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  domains.forEach((d, k) => {
    // A deterministic wave per youth and area, kept within 1–4 (alerts come only from the need-to-talk below).
    out[d] = 1 + ((index + week * (k + 1) + k) % 4);
  });
  if (domains.includes('safety')) out.safety = Math.min(out.safety!, 2);
  return out;
};

/**
 * Youth safety demo data: Ana (the first youth) has her own account; eight weeks of check-ins for the TM youth,
 * one recent "I need to talk to someone" with its alert; a safety plan with two versions; an open mandated report;
 * the program's mobile crisis number; supervisors designated as mandated reporters.
 */
export const demoSafety: DemoStep = async (tx: Tx, ctx: DemoContext) => {
  const origin: AuditOrigin = { organizationId: ctx.organizationId, actorUserId: null, ip: null, userAgent: null, requestId: null };
  const ana = ctx.youth[0]!;
  await tx.update(youth).set({ userId: ctx.users.youth! }).where(eq(youth.id, ana.id));
  await tx.update(program).set({ mobileCrisisPhone: DEMO_MOBILE_CRISIS }).where(eq(program.id, ctx.programs.tm));
  await tx
    .update(staffProfile)
    .set({ mandatedReporter: true })
    .where(inArray(staffProfile.userId, [ctx.users.supervisor1!, ctx.users.supervisor2!]));

  const [tm] = await tx.select({ domains: program.checkInDomains }).from(program).where(eq(program.id, ctx.programs.tm));
  const domains = tm!.domains;
  const now = Date.now();
  const tmYouth = ctx.youth.filter((y) => y.programId === ctx.programs.tm).slice(0, 8);
  for (const y of tmYouth) {
    for (let week = 0; week < 8; week++) {
      const at = new Date(now - (7 * (8 - week) - (y.index % 3)) * DAY);
      const ratings = weekRatings(y.index, week, domains);
      // Lena asked to talk in her latest check-in: it raised an alert like any check-in would.
      const needToTalk = y.index === 2 && week === 7;
      const [row] = await tx
        .insert(checkIn)
        .values({
          organizationId: ctx.organizationId,
          youthId: y.id,
          ratings,
          needToTalk,
          comment: needToTalk ? 'Things have been hard at home this week.' : null,
          submittedBy: y.index === 0 ? ctx.users.youth! : ctx.users[y.mentorKey]!,
          createdAt: at,
        })
        .returning({ id: checkIn.id });
      const signal = checkInAlert(ratings, needToTalk);
      if (signal) {
        await raiseAlert(tx, origin, {
          youthId: y.id,
          source: 'check_in',
          sourceId: row!.id,
          severity: signal.severity,
          reasons: signal.reasons,
          raisedBy: null,
          now: at,
        });
      }
    }
  }

  // Ana's safety plan: a first version, then a revision shared with her and her mother.
  const sections = {
    warning_signs: ['Staying in my room all day', 'Not wanting to eat'],
    internal_coping: ['Listening to music', 'Drawing'],
    social_distraction: ['Walking to the library', 'Texting my cousin'],
    people_to_ask_for_help: ['Mom (Rosa)', 'Aunt Lucia'],
    professionals_and_agencies: ['My therapist at the clinic', 'Mobile crisis', '988'],
    making_environment_safe: ['Mom keeps medicines locked'],
  };
  await tx.insert(safetyPlan).values([
    {
      organizationId: ctx.organizationId,
      youthId: ana.id,
      version: 1,
      sections: { ...sections, social_distraction: ['Walking to the library'] },
      createdBy: ctx.users[ana.mentorKey]!,
      createdAt: new Date(now - 30 * DAY),
    },
    {
      organizationId: ctx.organizationId,
      youthId: ana.id,
      version: 2,
      sections,
      reasonsForLiving: 'My little brother, drawing, my cat',
      sharedWithYouth: true,
      sharedWithGuardian: true,
      createdBy: ctx.users.supervisor1!,
      createdAt: new Date(now - 9 * DAY),
    },
  ]);

  // An open mandated report on Diego, made by his mentor six hours ago: the written report is due in 42 hours.
  const diego = ctx.youth[3]!;
  const oral = new Date(now - 6 * 3_600_000);
  await tx.insert(mandatedReport).values({
    organizationId: ctx.organizationId,
    youthId: diego.id,
    kinds: ['neglect'],
    oralReportAt: oral,
    oralReportTo: 'DCF Child-at-Risk Hotline',
    writtenDueAt: writtenReportDueAt(oral),
    natureAndExtent: 'Youth said there has been little food at home for several days.',
    circumstances: 'Mentioned during a community visit; the mentor listened and did not question further.',
    actionTaken: 'Oral report made; supervisor informed.',
    reporterUserId: ctx.users[diego.mentorKey]!,
    supervisorNotifiedAt: oral,
    createdAt: oral,
  });
};
