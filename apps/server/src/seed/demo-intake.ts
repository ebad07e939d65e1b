import {
  addDays,
  calendarDate,
  checkEligibility,
  RULE_SET_PRESETS,
  type THubType,
  type TReferralStatus,
  type TRuleSet,
} from '@mentorbridge/core';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import {
  consent,
  episode,
  guardian,
  hubService,
  mentorAssignment,
  mentorClearance,
  organization,
  programRuleSet,
  referral,
  youth,
  youthHubClinician,
} from '../db/schema.ts';
import type { DemoContext, DemoStep } from './demo-context.ts';

const PLAN_TYPE: Record<THubType, string> = { icc: 'icc_icp', iht: 'iht_plan', op: 'op_plan' };
const AGENCY: Record<THubType, string> = {
  icc: 'Riverside Care Coordination',
  iht: 'Northshore In-Home Therapy',
  op: 'Harbor Outpatient Clinic',
};
const CLINICIANS = ['Jordan Ames, LICSW', 'Priya Natarajan, LMHC', 'Luis Ortega, LMFT', 'Grace Whitfield, LICSW'];
const REASONS = [
  'Withdraws from peers and misses school when anxious; needs practice with coping and social skills',
  'Frequent conflicts at home and school; needs support practising problem solving and communication',
  'Returning home from a short-term program; needs coaching on routines and community activities',
  'Low mood and isolation after a family move; needs behavioural activation in the community',
];
const PLAN_GOALS = [
  'Use a coping skill when anxious instead of leaving class',
  'Join one structured activity with peers each week',
  'Resolve disagreements at home without shouting, using the steps practised in therapy',
  'Keep a regular morning routine so that school starts on time',
  'Ask a trusted adult for help when overwhelmed',
];
const ADMISSION = ['assessment_warrants_tm', 'needs_skill_support', 'outpatient_alone_insufficient'] as const;

/** Referrals still in the pipeline, each with a new (synthetic) referred youth. */
const PIPELINE: {
  first: string;
  last: string;
  dob: string;
  status: TReferralStatus;
  fromHub: boolean;
  type: THubType;
  receivedDaysAgo: number;
  community?: boolean;
  priority?: number;
  declineReason?: string;
  note?: string;
  payer?: 'masshealth_standard' | 'masshealth_commonhealth' | 'private';
}[] = [
  {
    first: 'Bianca',
    last: 'Ueda',
    dob: '2013-04-18',
    status: 'received',
    fromHub: true,
    type: 'iht',
    receivedDaysAgo: 2,
  },
  {
    first: 'Caleb',
    last: 'Vance',
    dob: '2011-09-02',
    status: 'received',
    fromHub: false,
    type: 'op',
    receivedDaysAgo: 1,
  },
  {
    first: 'Dalia',
    last: 'Wright',
    dob: '2010-12-11',
    status: 'screening',
    fromHub: true,
    type: 'icc',
    receivedDaysAgo: 6,
  },
  {
    first: 'Emeka',
    last: 'Xiong',
    dob: '2012-02-27',
    status: 'screening',
    fromHub: false,
    type: 'op',
    receivedDaysAgo: 9,
  },
  {
    first: 'Farah',
    last: 'Yilmaz',
    dob: '2014-07-07',
    status: 'accepted',
    fromHub: true,
    type: 'iht',
    receivedDaysAgo: 12,
  },
  {
    first: 'Gabriel',
    last: 'Zamora',
    dob: '2009-05-30',
    status: 'waitlisted',
    fromHub: true,
    type: 'icc',
    receivedDaysAgo: 30,
    priority: 1,
    note: 'At risk of placement; first mentor with an opening',
  },
  {
    first: 'Hazel',
    last: 'Abbott',
    dob: '2012-10-14',
    status: 'waitlisted',
    fromHub: false,
    type: 'op',
    receivedDaysAgo: 40,
    priority: 2,
    note: 'Family asks for a Portuguese-speaking mentor',
  },
  {
    first: 'Isaac',
    last: 'Bennett',
    dob: '2011-01-23',
    status: 'waitlisted',
    fromHub: true,
    type: 'iht',
    receivedDaysAgo: 21,
    priority: 2,
  },
  {
    first: 'Jade',
    last: 'Castillo',
    dob: '2013-08-09',
    status: 'waitlisted',
    fromHub: false,
    type: 'op',
    receivedDaysAgo: 18,
    priority: 3,
    community: true,
    payer: 'private',
  },
  {
    first: 'Kofi',
    last: 'Dube',
    dob: '2010-03-15',
    status: 'declined',
    fromHub: false,
    type: 'op',
    receivedDaysAgo: 25,
    declineReason: 'not_eligible',
    note: 'Private insurance only; referred to the community program',
    payer: 'private',
  },
  {
    first: 'Luna',
    last: 'Ferreira',
    dob: '2012-06-21',
    status: 'declined',
    fromHub: true,
    type: 'iht',
    receivedDaysAgo: 35,
    declineReason: 'family_declined',
  },
];

/** Admission days spread from 2026-05-01 (first youth) to 2026-10-15 (the twentieth). */
const admissionDay = (index: number) => addDays('2026-05-01', Math.round((index * 167) / 19));
const at = (day: string, hour = 15) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

/**
 * Demo records of the intake area. Runs first of the workflow steps: the care and notes steps read what it makes.
 * - Rule sets: version 1 of each program from its preset (TM → MassHealth CBHI, Community → community TM),
 *   effective 2025-01-01.
 * - The four mentors cleared to practise on 2025-01-15 by the admin.
 * - For each of the twenty youth: an admitted referral (from the demo hub clinician for the TM youth with an even
 *   index, from other agencies otherwise), an open episode admitted between 2026-05-01 and 2026-10-15, an active hub
 *   service for the TM youth (ICC / IHT / OP, some with a CANS older than 90 days, two with a second hub), and
 *   guardian agreement — except youth 13, so the signing gates have a demo failure.
 * - Referrals in every other status (received, screening, accepted, waitlisted with priorities, declined with a
 *   reason), each with a new referred youth.
 */
export const demoIntake: DemoStep = async (tx, ctx) => {
  const [org] = await tx
    .select({ tz: organization.timeZone })
    .from(organization)
    .where(eq(organization.id, ctx.organizationId));
  const today = calendarDate(new Date(), org?.tz ?? 'America/New_York');
  const daysAgo = (n: number) => addDays(today, -n);
  const orgId = ctx.organizationId;
  const users = ctx.users;

  // Rule sets first: the other areas' demo steps read them.
  const ruleSets: Record<string, { id: string; rules: TRuleSet }> = {};
  for (const [programId, preset] of [
    [ctx.programs.tm, 'masshealth_cbhi_tm'],
    [ctx.programs.community, 'community_tm'],
  ] as const) {
    const rules = structuredClone(RULE_SET_PRESETS[preset].rules) as TRuleSet;
    const [row] = await tx
      .insert(programRuleSet)
      .values({
        organizationId: orgId,
        programId,
        version: 1,
        effectiveFrom: '2025-01-01',
        preset,
        rules,
        createdBy: users.admin,
        createdAt: at('2025-01-01', 14),
      })
      .returning({ id: programRuleSet.id });
    ruleSets[programId] = { id: row!.id, rules };
  }

  await tx.insert(mentorClearance).values(
    ['mentor1', 'mentor2', 'mentor3', 'mentor4'].map((key) => ({
      organizationId: orgId,
      mentorUserId: users[key]!,
      clearedOn: '2025-01-15',
      clearedBy: users.admin,
      note: 'Screening (CORI, interview, references) and pre-match training complete',
      createdAt: at('2025-01-15'),
    })),
  );

  for (const y of await demoYouth(tx, ctx)) {
    const i = y.index;
    const tm = y.programId === ctx.programs.tm;
    const [row] = await tx.select().from(youth).where(eq(youth.id, y.id));
    const admittedOn = admissionDay(i);
    const received = addDays(admittedOn, -14);
    const fromHubUser = tm && i % 2 === 0;
    const type: THubType = tm ? (['icc', 'iht', 'op'] as const)[i % 3]! : 'op';
    const agency = fromHubUser ? 'Bayside Family Services' : AGENCY[type];
    const clinician = fromHubUser ? 'Pat Hub, LMHC' : CLINICIANS[i % CLINICIANS.length]!;
    const cansOn = tm && [3, 7, 11].includes(i) ? daysAgo(100 + i * 3) : daysAgo(15 + i * 3);

    let hubId: string | null = null;
    if (tm) {
      const [h] = await tx
        .insert(hubService)
        .values({
          organizationId: orgId,
          youthId: y.id,
          type,
          agency,
          clinicianName: clinician,
          clinicianUserId: fromHubUser ? users.hub : null,
          phone: `617-555-${String(4000 + i * 17).slice(-4)}`,
          startedOn: addDays(admittedOn, -60),
          coordinating: true,
        })
        .returning({ id: hubService.id });
      hubId = h!.id;
      // Two youth with a second, less or more intensive hub: the most intensive is suggested as coordinating.
      if (i === 4 || i === 5) {
        await tx.insert(hubService).values({
          organizationId: orgId,
          youthId: y.id,
          type: i === 4 ? 'op' : 'icc',
          agency: i === 4 ? AGENCY.op : AGENCY.icc,
          clinicianName: i === 4 ? 'Jordan Ames, LICSW' : 'Luis Ortega, LMFT',
          startedOn: addDays(admittedOn, -20),
          coordinating: false,
        });
      }
    }
    const planGoals = [0, 1].slice(0, 1 + (i % 2)).map((k) => ({
      text: PLAN_GOALS[(i + k) % PLAN_GOALS.length]!,
      planGoalId: tm ? `${type.toUpperCase()}-${100 + i}-${k + 1}` : null,
      planType: tm ? PLAN_TYPE[type] : 'program_plan',
      planDate: addDays(received, -7),
    }));
    const [r] = await tx
      .insert(referral)
      .values({
        organizationId: orgId,
        programId: y.programId,
        youthId: y.id,
        hubServiceId: hubId,
        referredByUserId: fromHubUser ? users.hub : users.pm,
        referringClinicianName: clinician,
        referringAgency: agency,
        hubType: type,
        reason: REASONS[i % REASONS.length]!,
        planGoals,
        lastAssessmentOn: addDays(received, -10),
        lastCansOn: cansOn,
        status: 'admitted',
        receivedAt: at(received, 13),
        statusChangedAt: at(admittedOn),
        version: 4,
        createdAt: at(received, 13),
      })
      .returning({ id: referral.id });

    const livingSituation = i % 7 === 5 ? 'foster_home' : 'home';
    const rules = ruleSets[y.programId]!;
    const eligibility = checkEligibility({
      dateOfBirth: row!.dateOfBirth,
      onDate: admittedOn,
      payer: row!.payer,
      livingSituation,
      hasActiveHub: tm,
      admissionCriteria: ADMISSION,
      exclusionCriteria: [],
      rules: rules.rules,
    });
    if (!eligibility.eligible) throw new Error(`Demo youth ${i} would not be eligible`);
    const [e] = await tx
      .insert(episode)
      .values({
        organizationId: orgId,
        programId: y.programId,
        youthId: y.id,
        referralId: r!.id,
        ruleSetId: rules.id,
        status: 'open',
        admittedOn,
        livingSituation,
        admissionCriteria: [...ADMISSION],
        exclusionCriteria: [],
        eligibility,
        eligibilityDecidedBy: users.pm,
        eligibilityDecidedAt: at(admittedOn),
        createdAt: at(admittedOn),
      })
      .returning({ id: episode.id });
    await tx
      .update(mentorAssignment)
      .set({ episodeId: e!.id })
      .where(
        and(eq(mentorAssignment.youthId, y.id), eq(mentorAssignment.active, true), isNull(mentorAssignment.episodeId)),
      );

    const [g] = await tx
      .select()
      .from(guardian)
      .where(eq(guardian.youthId, y.id))
      .orderBy(asc(guardian.createdAt))
      .limit(1);
    const consents: (typeof consent.$inferInsert)[] = [];
    // Youth 13 has no guardian agreement: the demo's failing "guardian agreement" gate.
    if (g && i !== 13) {
      const name = `${g.firstName} ${g.lastName}`;
      consents.push({
        organizationId: orgId,
        youthId: y.id,
        episodeId: e!.id,
        kind: 'guardian_agreement',
        guardianId: g.id,
        givenByName: name,
        legalBasis: g.legalAuthority,
        method: 'in_app_signature',
        typedName: name,
        givenOn: admittedOn,
        recordedBy: users.pm,
        createdAt: at(admittedOn, 16),
      });
      if (i % 6 === 0) {
        consents.push({
          organizationId: orgId,
          youthId: y.id,
          episodeId: e!.id,
          kind: 'release_of_information',
          guardianId: g.id,
          givenByName: name,
          legalBasis: g.legalAuthority,
          method: 'in_app_signature',
          typedName: name,
          givenOn: admittedOn,
          recipient: row!.school ?? 'School',
          scope: 'Attendance and progress on the TM goals, shared with the school counselor',
          expiresOn: addDays(admittedOn, 365),
          recordedBy: users.pm,
          createdAt: at(admittedOn, 16),
        });
      }
    }
    if (i % 2 === 0) {
      const name = `${row!.firstName} ${row!.lastName}`;
      consents.push({
        organizationId: orgId,
        youthId: y.id,
        episodeId: e!.id,
        kind: 'youth_assent',
        givenByName: name,
        method: 'in_app_signature',
        typedName: name,
        givenOn: admittedOn,
        recordedBy: users.pm,
        createdAt: at(admittedOn, 16),
      });
    }
    if (consents.length) await tx.insert(consent).values(consents);
  }

  // The pipeline: referrals in every status that is not admitted, each with a new referred youth.
  for (const [k, p] of PIPELINE.entries()) {
    const programId = p.community ? ctx.programs.community : ctx.programs.tm;
    const received = daysAgo(p.receivedDaysAgo);
    const declined = p.status === 'declined';
    const [y] = await tx
      .insert(youth)
      .values({
        organizationId: orgId,
        programId,
        firstName: p.first,
        lastName: p.last,
        dateOfBirth: p.dob,
        pronouns: ['she/her', 'he/him', 'they/them'][k % 3]!,
        primaryLanguage: ['English', 'Spanish', 'Portuguese'][k % 3]!,
        payer: p.payer ?? (k % 3 === 0 ? 'masshealth_commonhealth' : 'masshealth_standard'),
        memberId: p.payer === 'private' ? null : `2000${String(5120 + k * 29)}`,
        status: declined ? 'inactive' : 'referred',
        deactivatedAt: declined ? at(addDays(received, 3)) : null,
        createdBy: p.fromHub ? users.hub : users.pm,
        createdAt: at(received, 13),
      })
      .returning({ id: youth.id });
    await tx.insert(guardian).values({
      organizationId: orgId,
      youthId: y!.id,
      firstName: ['Maribel', 'Thomas', 'Ngozi', 'Ines'][k % 4]!,
      lastName: p.last,
      relationship: 'Parent',
      legalAuthority: 'parent',
      phone: `617-555-${String(6000 + k * 23).slice(-4)}`,
    });
    if (p.fromHub)
      await tx.insert(youthHubClinician).values({ organizationId: orgId, youthId: y!.id, userId: users.hub! });
    const agency = p.fromHub ? 'Bayside Family Services' : AGENCY[p.type];
    const clinician = p.fromHub ? 'Pat Hub, LMHC' : CLINICIANS[k % CLINICIANS.length]!;
    const [h] = await tx
      .insert(hubService)
      .values({
        organizationId: orgId,
        youthId: y!.id,
        type: p.type,
        agency,
        clinicianName: clinician,
        clinicianUserId: p.fromHub ? users.hub : null,
        startedOn: addDays(received, -45),
        coordinating: true,
      })
      .returning({ id: hubService.id });
    const moved = p.status === 'received' ? received : addDays(received, Math.min(3, p.receivedDaysAgo));
    await tx.insert(referral).values({
      organizationId: orgId,
      programId,
      youthId: y!.id,
      hubServiceId: h!.id,
      referredByUserId: p.fromHub ? users.hub : users.pm,
      referringClinicianName: clinician,
      referringAgency: agency,
      hubType: p.type,
      reason: REASONS[k % REASONS.length]!,
      planGoals: [
        {
          text: PLAN_GOALS[(k + 2) % PLAN_GOALS.length]!,
          planGoalId: p.community ? null : `${p.type.toUpperCase()}-${300 + k}-1`,
          planType: p.community ? 'program_plan' : PLAN_TYPE[p.type],
          planDate: addDays(received, -5),
        },
      ],
      lastAssessmentOn: addDays(received, -20),
      lastCansOn: addDays(received, -20),
      status: p.status,
      priority: p.priority ?? null,
      declineReason: p.declineReason ?? null,
      statusNote: p.note ?? null,
      receivedAt: at(received, 13),
      statusChangedAt: at(moved, 17),
      createdAt: at(received, 13),
    });
  }
};

/** The twenty demo youth in index order: from the context, or read back in the order they were made. */
const demoYouth = async (tx: Tx, ctx: DemoContext): Promise<DemoContext['youth']> => {
  if (ctx.youth.length) return ctx.youth;
  const rows = await tx
    .select({ id: youth.id, programId: youth.programId, mentorUserId: mentorAssignment.mentorUserId })
    .from(youth)
    .innerJoin(mentorAssignment, eq(mentorAssignment.youthId, youth.id))
    .where(eq(youth.organizationId, ctx.organizationId))
    // The demo's last names run alphabetically in the order the youth were made.
    .orderBy(asc(youth.lastName));
  const keyOf = new Map(Object.entries(ctx.users).map(([k, v]) => [v, k]));
  return rows.map((r, index) => ({
    id: r.id,
    programId: r.programId,
    mentorKey: keyOf.get(r.mentorUserId) ?? 'mentor1',
    index,
  }));
};
