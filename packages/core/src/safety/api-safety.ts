import { z } from 'zod';
import { optionalText, requiredText, ZUuid } from '../common.ts';
import {
  CHECK_IN_MAX,
  CHECK_IN_MIN,
  MANDATED_REPORT_STATUSES,
  SAFETY_PLAN_SECTIONS,
  ZMandatedReportKind,
  ZMandatedReportStatus,
  ZMentorFlagOutcome,
  ZSafetyPlanSection,
} from './enums.ts';

/**
 * API shapes of youth safety: weekly check-ins, safety plans and crisis resources, mandated reports
 * (R-5.14–5.17) and a youth's flag of their mentor.
 */

const ZVersion = z.number().int().min(1);
const ZDateTime = z.iso.datetime({ offset: true });

// ---------------------------------------------------------------------------------------------------------------
// Check-ins

/** A domain id: lower-case letters, digits and underscores (e.g. "friends_family"). */
export const ZCheckInDomain = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'Use lower-case letters, digits and underscores (2–40)');
export const ZCheckInRating = z.number().int().min(CHECK_IN_MIN).max(CHECK_IN_MAX);

export const ZCreateCheckIn = z
  .object({
    id: ZUuid.optional(),
    /** The program's domains rated 1 (going well) … 5 (very challenging); at least one, unless asking to talk. */
    ratings: z.record(ZCheckInDomain, ZCheckInRating).default({}),
    needToTalk: z.boolean().default(false),
    comment: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (!v.needToTalk && Object.keys(v.ratings).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['ratings'], message: 'Rate at least one area' });
    }
  });
export type TCreateCheckIn = z.input<typeof ZCreateCheckIn>;

export const ZTrendDirection = z.enum(['better', 'worse', 'same']);

export const ZCheckIn = z.object({
  id: ZUuid,
  youthId: ZUuid,
  ratings: z.record(z.string(), z.number().int()),
  needToTalk: z.boolean(),
  /** The youth's own words; never shown to guardians (null for them). */
  comment: z.string().nullable(),
  /** Whether the youth submitted it from their own account (otherwise their mentor did, with them). */
  byYouth: z.boolean(),
  /** The safety alert it raised, if any. */
  alertId: ZUuid.nullable(),
  createdAt: z.string(),
});
export type TCheckIn = z.infer<typeof ZCheckIn>;

export const ZCheckInHistory = z.object({
  domains: z.array(z.string()),
  /** Newest first. */
  items: z.array(ZCheckIn),
  /** The latest check-in against the one before, per domain. */
  trend: z.record(z.string(), ZTrendDirection),
});
export type TCheckInHistory = z.infer<typeof ZCheckInHistory>;

export const ZLatestCheckIn = z.object({
  youthId: ZUuid,
  youthName: z.string(),
  latest: ZCheckIn.nullable(),
  trend: z.record(z.string(), ZTrendDirection),
  /** The highest rating in the latest check-in. */
  highest: z.number().int().nullable(),
});
export type TLatestCheckIn = z.infer<typeof ZLatestCheckIn>;

export const ZTopChallengesQuery = z.object({
  programId: ZUuid.optional(),
  days: z.coerce.number().int().min(1).max(365).default(28),
});
export const ZTopChallenges = z.object({
  since: z.string(),
  checkIns: z.number().int(),
  youthCount: z.number().int(),
  needToTalk: z.number().int(),
  domains: z.array(
    z.object({
      domain: z.string(),
      rated: z.number().int(),
      challenging: z.number().int(),
      serious: z.number().int(),
      average: z.number().nullable(),
    }),
  ),
});
export type TTopChallenges = z.infer<typeof ZTopChallenges>;

// ---------------------------------------------------------------------------------------------------------------
// Program safety settings and crisis resources

const ZPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()\-.]{5,24}$/, 'Enter a phone number');

export const ZProgramSafetySettings = z.object({
  programId: ZUuid,
  programName: z.string(),
  checkInDomains: z.array(z.string()),
  mobileCrisisPhone: z.string().nullable(),
});
export type TProgramSafetySettings = z.infer<typeof ZProgramSafetySettings>;
export const ZUpdateProgramSafetySettings = z.object({
  checkInDomains: z
    .array(ZCheckInDomain)
    .min(1, 'Keep at least one domain')
    .max(12)
    .refine((d) => new Set(d).size === d.length, 'Each domain once'),
  mobileCrisisPhone: ZPhone.nullable().or(z.literal('').transform(() => null)),
});
export type TUpdateProgramSafetySettings = z.input<typeof ZUpdateProgramSafetySettings>;

export const ZCrisisResources = z.object({
  programName: z.string(),
  mobileCrisisPhone: z.string().nullable(),
});
export type TCrisisResources = z.infer<typeof ZCrisisResources>;

// ---------------------------------------------------------------------------------------------------------------
// Safety plans (Stanley–Brown)

const ZPlanItems = z.array(z.string().trim().min(1).max(500)).max(20);
export const ZSafetyPlanSections = z.object(
  Object.fromEntries(SAFETY_PLAN_SECTIONS.map((s) => [s, ZPlanItems.default([])])) as Record<
    (typeof SAFETY_PLAN_SECTIONS)[number],
    z.ZodDefault<typeof ZPlanItems>
  >,
);

export const ZSaveSafetyPlan = z.object({
  sections: ZSafetyPlanSections,
  reasonsForLiving: optionalText(2000),
  sharedWithYouth: z.boolean().default(false),
  sharedWithGuardian: z.boolean().default(false),
  /** The version this edit started from (null for the first plan); a newer one answers 409. */
  basedOnVersion: z.number().int().min(1).nullable(),
});
export type TSaveSafetyPlan = z.input<typeof ZSaveSafetyPlan>;

export const ZSafetyPlan = z.object({
  id: ZUuid,
  youthId: ZUuid,
  version: z.number().int(),
  sections: z.record(ZSafetyPlanSection, z.array(z.string())),
  reasonsForLiving: z.string().nullable(),
  sharedWithYouth: z.boolean(),
  sharedWithGuardian: z.boolean(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type TSafetyPlan = z.infer<typeof ZSafetyPlan>;

export const ZSafetyPlanView = z.object({
  current: ZSafetyPlan.nullable(),
  /** Every version, newest first (case team only; empty for the youth and guardians). */
  versions: z.array(
    z.object({ version: z.number().int(), createdAt: z.string(), createdByName: z.string() }),
  ),
  mayWrite: z.boolean(),
});
export type TSafetyPlanView = z.infer<typeof ZSafetyPlanView>;

// ---------------------------------------------------------------------------------------------------------------
// Mandated reports (51A)

export const ZCreateMandatedReport = z.object({
  id: ZUuid.optional(),
  kinds: z.array(ZMandatedReportKind).min(1, 'Choose at least one kind').max(5),
  oralReportAt: ZDateTime,
  oralReportTo: requiredText(200),
  viaPersonInCharge: z.boolean().default(false),
  caregivers: optionalText(2000),
  natureAndExtent: requiredText(4000),
  priorEvidence: optionalText(4000),
  circumstances: requiredText(4000),
  actionTaken: optionalText(4000),
  suspectedPerpetrator: optionalText(1000),
  otherInformation: optionalText(4000),
});
export type TCreateMandatedReport = z.input<typeof ZCreateMandatedReport>;

export const ZMandatedReportSummary = z.object({
  id: ZUuid,
  youthId: ZUuid,
  youthName: z.string(),
  kinds: z.array(ZMandatedReportKind),
  status: ZMandatedReportStatus,
  oralReportAt: z.string(),
  writtenDueAt: z.string(),
  writtenFiledAt: z.string().nullable(),
  reporterName: z.string(),
  overdue: z.boolean(),
  version: z.number().int(),
});
export type TMandatedReportSummary = z.infer<typeof ZMandatedReportSummary>;

export const ZMandatedReport = ZMandatedReportSummary.extend({
  oralReportTo: z.string(),
  viaPersonInCharge: z.boolean(),
  caregivers: z.string().nullable(),
  natureAndExtent: z.string(),
  priorEvidence: z.string().nullable(),
  circumstances: z.string(),
  actionTaken: z.string().nullable(),
  suspectedPerpetrator: z.string().nullable(),
  otherInformation: z.string().nullable(),
  agencyReference: z.string().nullable(),
  reporterUserId: z.string(),
  supervisorNotifiedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TMandatedReport = z.infer<typeof ZMandatedReport>;

export const ZMandatedReportListQuery = z.object({
  status: z.enum(['open', ...MANDATED_REPORT_STATUSES]).default('open'),
});

export const ZFileWrittenReport = z.object({
  writtenFiledAt: ZDateTime,
  agencyReference: optionalText(100),
  version: ZVersion,
});
export type TFileWrittenReport = z.input<typeof ZFileWrittenReport>;
export const ZCloseMandatedReport = z.object({ version: ZVersion });

// ---------------------------------------------------------------------------------------------------------------
// Flag my mentor

export const ZCreateMentorFlag = z.object({
  /** Which match, when the youth has more than one mentor; otherwise their primary match. */
  matchId: ZUuid.optional(),
  reason: optionalText(1000),
});
export type TCreateMentorFlag = z.input<typeof ZCreateMentorFlag>;

export const ZMentorFlag = z.object({
  id: ZUuid,
  youthId: ZUuid,
  youthName: z.string(),
  matchId: ZUuid,
  mentorUserId: z.string(),
  mentorName: z.string(),
  reason: z.string().nullable(),
  status: z.enum(['open', 'reviewed']),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  outcome: ZMentorFlagOutcome.nullable(),
  reviewNote: z.string().nullable(),
});
export type TMentorFlag = z.infer<typeof ZMentorFlag>;

export const ZMentorFlagListQuery = z.object({ status: z.enum(['open', 'reviewed', 'all']).default('open') });

export const ZReviewMentorFlag = z.object({
  outcome: ZMentorFlagOutcome,
  reviewNote: optionalText(2000),
  /** For match_closed: the closing day (defaults to today). */
  closedOn: z.iso.date().optional(),
});
export type TReviewMentorFlag = z.input<typeof ZReviewMentorFlag>;

/** The youth's own flag, as they see it: no review notes. */
export const ZYouthMentor = z.object({
  matchId: ZUuid,
  mentorName: z.string(),
  isPrimary: z.boolean(),
  suspended: z.boolean(),
});

// ---------------------------------------------------------------------------------------------------------------
// The youth's home

export const ZYouthHome = z.object({
  youthId: ZUuid,
  firstName: z.string(),
  checkInDomains: z.array(z.string()),
  lastCheckInAt: z.string().nullable(),
  safetyPlan: ZSafetyPlan.nullable(),
  mentors: z.array(ZYouthMentor),
  crisis: ZCrisisResources,
});
export type TYouthHome = z.infer<typeof ZYouthHome>;
