import { z } from 'zod';
import { optionalText, pageOf, requiredText, ZIsoDate, ZPageQuery, ZUuid } from '../common.ts';
import {
  MATCH_CLOSURE_CHECKLIST,
  MATCH_CLOSURE_REASONS,
  ZContactStatus,
  ZGoalStatus,
  ZHubContactMode,
  ZMatchClosureReason,
  ZMatchStatus,
  ZNoteStatus,
  ZPlanType,
} from './enums.ts';

/**
 * API shapes of the care area: matches (R-2.13–2.15, R-3.4), goals (R-1.16, R-1.18–1.20), hub coordination
 * (R-1.21–1.23), compliance timers, dashboards and the youth timeline.
 */

const ZVersion = z.number().int().min(1);
const ZUserId = z.string().trim().min(1).max(100);

// ---------------------------------------------------------------------------------------------------------------
// Matches

/** How often a match agreement says mentor and youth meet. */
export const MEETING_FREQUENCIES = ['twice_weekly', 'weekly', 'biweekly', 'monthly'] as const;
export const ZMeetingFrequency = z.enum(MEETING_FREQUENCIES);
export const CLOSURE_TYPES = ['planned', 'unplanned'] as const;
export const ZClosureType = z.enum(CLOSURE_TYPES);
export const ZClosureChecklistItem = z.enum(MATCH_CLOSURE_CHECKLIST);

/** The match agreement: meeting frequency, expected duration, the day it was signed. */
const ZMatchAgreement = z.object({
  mentorUserId: ZUserId,
  meetingFrequency: ZMeetingFrequency,
  expectedDurationMonths: z.number().int().min(1).max(60),
  agreementSignedOn: ZIsoDate,
});

export const ZCreateMatch = ZMatchAgreement.extend({
  id: ZUuid.optional(),
  isPrimary: z.boolean(),
  /** The youth's open episode; when left out, the open episode is linked if there is one. */
  episodeId: ZUuid.optional(),
});
export type TCreateMatch = z.input<typeof ZCreateMatch>;

export const ZMatchStatusChange = z.object({
  status: z.enum(['active', 'paused']),
  version: ZVersion,
});

const ZClosureFields = z.object({
  closedOn: ZIsoDate,
  closureType: ZClosureType,
  /** The items of the closure checklist that were done. */
  checklist: z.array(ZClosureChecklistItem).max(MATCH_CLOSURE_CHECKLIST.length).default([]),
  note: optionalText(2000),
  version: ZVersion,
});

export const ZCloseMatch = ZClosureFields.extend({
  reasons: z.array(ZMatchClosureReason).min(1, 'Give at least one closure reason').max(MATCH_CLOSURE_REASONS.length),
});
export type TCloseMatch = z.input<typeof ZCloseMatch>;

/** Closes a match with the reason "rematch" and opens one with another mentor, in one transaction. */
export const ZRematch = ZClosureFields.extend({
  closureType: ZClosureType.default('planned'),
  /** Reasons besides "rematch" (which is always recorded). */
  reasons: z.array(ZMatchClosureReason).max(MATCH_CLOSURE_REASONS.length).default([]),
  newMatch: ZMatchAgreement.extend({ id: ZUuid.optional() }),
});
export type TRematch = z.input<typeof ZRematch>;

export const ZMatch = z.object({
  id: ZUuid,
  youthId: ZUuid,
  mentorUserId: z.string(),
  mentorName: z.string(),
  episodeId: ZUuid.nullable(),
  status: ZMatchStatus,
  isPrimary: z.boolean(),
  meetingFrequency: z.string().nullable(),
  expectedDurationMonths: z.number().int().nullable(),
  agreementSignedOn: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  closedOn: z.string().nullable(),
  closureType: z.string().nullable(),
  closureReasons: z.array(z.string()),
  closureChecklist: z.array(z.string()),
  closureNote: z.string().nullable(),
  version: z.number().int(),
});
export type TMatch = z.infer<typeof ZMatch>;

export const ZRematchResult = z.object({ closed: ZMatch, opened: ZMatch });

export const ZMatchListQuery = ZPageQuery.extend({
  status: ZMatchStatus.optional(),
  programId: ZUuid.optional(),
  mentorUserId: ZUserId.optional(),
});
export const ZMatchListItem = ZMatch.extend({
  youthFirstName: z.string(),
  youthLastName: z.string(),
  youthPreferredName: z.string().nullable(),
  programId: ZUuid,
});
export type TMatchListItem = z.infer<typeof ZMatchListItem>;
export const ZMatchPage = pageOf(ZMatchListItem);

export const ZAvailabilityQuery = z.object({
  programId: ZUuid.optional(),
  language: z.string().trim().min(1).max(60).optional(),
});
export const ZMentorAvailability = z.object({
  userId: z.string(),
  name: z.string(),
  languages: z.array(z.string()),
  /** Active and paused matches. */
  caseload: z.number().int(),
  /** null: no limit recorded. */
  capacity: z.number().int().nullable(),
  /** Open places (null when there is no limit). */
  openPlaces: z.number().int().nullable(),
  supervisorUserId: z.string().nullable(),
  supervisorName: z.string().nullable(),
  /** A current clearance to practise (screening and pre-match training). */
  cleared: z.boolean(),
});
export type TMentorAvailability = z.infer<typeof ZMentorAvailability>;

// ---------------------------------------------------------------------------------------------------------------
// Goals

export const GAS_LEVELS = ['-2', '-1', '0', '1', '2'] as const;
/** Goal Attainment Scale: one description per level, -2 (much less than expected) … +2 (much more). */
export const ZGasLevels = z.object({
  '-2': requiredText(300),
  '-1': requiredText(300),
  0: requiredText(300),
  1: requiredText(300),
  2: requiredText(300),
});
export type TGasLevels = z.infer<typeof ZGasLevels>;

const ZGoalFields = z.object({
  /** The goal as the hub plan states it. */
  hubPlanGoal: requiredText(1000),
  hubPlanGoalId: optionalText(100),
  planType: ZPlanType,
  planDate: ZIsoDate.nullable().optional(),
  /** Youth and family agreed to work on it; a goal without it is allowed but flagged. */
  familyAgreed: z.boolean(),
  /** The hub clinician who owns the goal; defaults to the youth's hub clinician when known. */
  ownerUserId: ZUserId.nullable().optional(),
  title: requiredText(200),
  specific: optionalText(1000),
  measurable: optionalText(1000),
  achievable: optionalText(1000),
  relevant: optionalText(1000),
  targetDate: ZIsoDate.nullable().optional(),
  gasLevels: ZGasLevels.nullable().optional(),
  weight: z.number().int().min(1).max(10).default(1),
  status: ZGoalStatus.default('active'),
});
export const ZCreateGoal = ZGoalFields.extend({ id: ZUuid.optional() });
export type TCreateGoal = z.input<typeof ZCreateGoal>;
export const ZUpdateGoal = ZGoalFields.omit({ weight: true, status: true })
  .partial()
  .extend({
    weight: z.number().int().min(1).max(10).optional(),
    status: ZGoalStatus.optional(),
    version: ZVersion,
  });
export type TUpdateGoal = z.input<typeof ZUpdateGoal>;

export const ZGoal = z.object({
  id: ZUuid,
  youthId: ZUuid,
  episodeId: ZUuid,
  hubPlanGoal: z.string(),
  hubPlanGoalId: z.string().nullable(),
  planType: z.string(),
  planDate: z.string().nullable(),
  familyAgreed: z.boolean(),
  ownerUserId: z.string().nullable(),
  ownerName: z.string().nullable(),
  title: z.string(),
  specific: z.string().nullable(),
  measurable: z.string().nullable(),
  achievable: z.string().nullable(),
  relevant: z.string().nullable(),
  targetDate: z.string().nullable(),
  gasLevels: ZGasLevels.nullable(),
  weight: z.number().int(),
  status: ZGoalStatus,
  latestLevel: z.number().int().nullable(),
  latestRatedOn: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TGoal = z.infer<typeof ZGoal>;

/** A goal named in a referral's hub plan, offered when adding goals. */
export const ZHubPlanGoal = z.object({
  referralId: ZUuid,
  text: z.string(),
  planGoalId: z.string().nullable(),
  planType: z.string(),
  planDate: z.string().nullable(),
  /** A goal already references it (same id, or same text when it has no id). */
  used: z.boolean(),
});
export type THubPlanGoal = z.infer<typeof ZHubPlanGoal>;

export const ZGoalList = z.object({
  items: z.array(ZGoal),
  hubPlanGoals: z.array(ZHubPlanGoal),
  /** The open episode new goals belong to; null: the youth has no open episode, so goals cannot be added. */
  openEpisodeId: ZUuid.nullable(),
});
export type TGoalList = z.infer<typeof ZGoalList>;

export const ZCreateGoalProgress = z.object({
  id: ZUuid.optional(),
  ratedOn: ZIsoDate,
  level: z.number().int().min(-2).max(2),
  note: optionalText(2000),
});
export type TCreateGoalProgress = z.input<typeof ZCreateGoalProgress>;
export const ZGoalProgress = z.object({
  id: ZUuid,
  goalId: ZUuid,
  ratedOn: z.string(),
  level: z.number().int(),
  note: z.string().nullable(),
  ratedBy: z.string().nullable(),
  ratedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type TGoalProgress = z.infer<typeof ZGoalProgress>;

// ---------------------------------------------------------------------------------------------------------------
// Hub coordination

export const ZCreateHubContact = z.object({
  id: ZUuid.optional(),
  contactOn: ZIsoDate,
  mode: ZHubContactMode,
  participants: optionalText(500),
  summary: requiredText(4000),
  goalIds: z.array(ZUuid).max(20).default([]),
  durationMinutes: z.number().int().min(1).max(600).nullable().optional(),
  hubServiceId: ZUuid.nullable().optional(),
});
export type TCreateHubContact = z.input<typeof ZCreateHubContact>;
export const ZHubContact = z.object({
  id: ZUuid,
  youthId: ZUuid,
  hubServiceId: ZUuid.nullable(),
  contactOn: z.string(),
  mode: ZHubContactMode,
  participants: z.string().nullable(),
  summary: z.string(),
  goalIds: z.array(ZUuid),
  durationMinutes: z.number().int().nullable(),
  loggedBy: z.string().nullable(),
  loggedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type THubContact = z.infer<typeof ZHubContact>;

// ---------------------------------------------------------------------------------------------------------------
// Compliance timers

export const TIMER_KINDS = ['hubContact', 'cans', 'unsignedNotes', 'supervision', 'matchSupport'] as const;
export const ZTimerKind = z.enum(TIMER_KINDS);
export type TTimerKind = z.infer<typeof ZTimerKind>;

export const ZTimerState = z.object({
  /** Whether the rule set asks for it at all (e.g. no hub-contact interval in a community program). */
  applicable: z.boolean(),
  lastOn: z.string().nullable(),
  intervalDays: z.number().int().nullable(),
  due: z.string().nullable(),
  daysSince: z.number().int().nullable(),
  overdue: z.boolean(),
});
export type TTimerState = z.infer<typeof ZTimerState>;

export const ZUnsignedNotes = z.object({
  /** Completed contacts whose note is a draft or was returned. */
  count: z.number().int(),
  /** Of those, how many are past the signing deadline. */
  overdue: z.number().int(),
  oldestContactOn: z.string().nullable(),
});

export const ZYouthTimers = z.object({
  youthId: ZUuid,
  episodeId: ZUuid.nullable(),
  ruleSetId: ZUuid.nullable(),
  today: z.string(),
  hubContact: ZTimerState,
  cans: ZTimerState,
  unsignedNotes: ZUnsignedNotes,
  supervision: ZTimerState.extend({ mentorUserId: z.string().nullable() }),
  matchSupport: ZTimerState.extend({ matchId: ZUuid.nullable() }),
  /** The timers that are overdue, for a quick badge. */
  overdue: z.array(ZTimerKind),
});
export type TYouthTimers = z.infer<typeof ZYouthTimers>;

// ---------------------------------------------------------------------------------------------------------------
// Dashboards

const ZYouthName = z.object({
  youthId: ZUuid,
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
});

export const ZTodayVisit = ZYouthName.extend({
  contactId: ZUuid,
  date: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  kind: z.string(),
  status: ZContactStatus,
  noteStatus: ZNoteStatus,
  setting: z.string().nullable(),
});
export const ZOverdueNote = ZYouthName.extend({
  contactId: ZUuid,
  date: z.string(),
  noteStatus: ZNoteStatus,
  deadline: z.string(),
});
export const ZYouthAttention = ZYouthName.extend({ overdue: z.array(ZTimerKind) });
export const ZTodayDashboard = z.object({
  today: z.string(),
  visits: z.array(ZTodayVisit),
  overdueNotes: z.array(ZOverdueNote),
  attention: z.array(ZYouthAttention),
});
export type TTodayDashboard = z.infer<typeof ZTodayDashboard>;

export const ZCaseloadItem = ZYouthName.extend({
  pronouns: z.string().nullable(),
  matchId: ZUuid,
  matchStatus: ZMatchStatus,
  isPrimary: z.boolean(),
  nextVisitOn: z.string().nullable(),
  nextVisitTime: z.string().nullable(),
  lastContactOn: z.string().nullable(),
  timers: ZYouthTimers,
});
export const ZCaseloadDashboard = z.object({ today: z.string(), items: z.array(ZCaseloadItem) });
export type TCaseloadDashboard = z.infer<typeof ZCaseloadDashboard>;

export const ZTeamMember = z.object({
  mentorUserId: z.string(),
  name: z.string(),
  caseload: z.number().int(),
  capacity: z.number().int().nullable(),
  unsignedNotes: z.number().int(),
  lateNotes: z.number().int(),
  awaitingReview: z.number().int(),
  supervision: ZTimerState,
  youthOverdue: z.array(ZYouthAttention),
});
export const ZTeamDashboard = z.object({ today: z.string(), members: z.array(ZTeamMember) });
export type TTeamDashboard = z.infer<typeof ZTeamDashboard>;

export const ZComplianceQuery = z.object({ programId: ZUuid.optional() });
export const ZComplianceRow = ZYouthName.extend({
  programId: ZUuid,
  mentorUserId: z.string().nullable(),
  mentorName: z.string().nullable(),
  timers: ZYouthTimers,
});
export const ZComplianceBoard = z.object({
  today: z.string(),
  rows: z.array(ZComplianceRow),
  totals: z.object({
    youth: z.number().int(),
    hubContact: z.number().int(),
    cans: z.number().int(),
    unsignedNotes: z.number().int(),
    supervision: z.number().int(),
    matchSupport: z.number().int(),
    anyOverdue: z.number().int(),
  }),
});
export type TComplianceBoard = z.infer<typeof ZComplianceBoard>;
export type TComplianceRow = z.infer<typeof ZComplianceRow>;

export const ZWaitingYouth = ZYouthName.extend({
  programId: ZUuid,
  episodeId: ZUuid,
  admittedOn: z.string(),
  primaryLanguage: z.string().nullable(),
  interpreterNeeded: z.boolean(),
  daysWaiting: z.number().int(),
});
export type TWaitingYouth = z.infer<typeof ZWaitingYouth>;
export const ZMatchesDashboard = z.object({
  today: z.string(),
  matches: z.array(ZMatchListItem),
  waiting: z.array(ZWaitingYouth),
});
export type TMatchesDashboard = z.infer<typeof ZMatchesDashboard>;

// ---------------------------------------------------------------------------------------------------------------
// Timeline

export const TIMELINE_KINDS = [
  'referral',
  'admission',
  'consent',
  'match_started',
  'match_closed',
  'goal',
  'goal_progress',
  'contact',
  'hub_contact',
  'discharge',
] as const;
export const ZTimelineKind = z.enum(TIMELINE_KINDS);
export type TTimelineKind = z.infer<typeof ZTimelineKind>;

/** One event in a youth's history; `detail` holds codes and ids to be shown translated, not free text. */
export const ZTimelineItem = z.object({
  kind: ZTimelineKind,
  id: z.string(),
  on: z.string(),
  at: z.string().nullable(),
  /** A short code the screen translates: referral status, consent kind, contact kind, hub-contact mode, … */
  code: z.string().nullable(),
  /** A second code: contact status, closure reason, "withdrawn" for a consent, … */
  secondaryCode: z.string().nullable(),
  /** A contact's note status. */
  noteStatus: ZNoteStatus.nullable(),
  /** A short title (goal title, mentor name, referring agency). */
  label: z.string().nullable(),
  /** A goal progress rating (-2…+2). */
  level: z.number().int().nullable(),
});
export type TTimelineItem = z.infer<typeof ZTimelineItem>;
export const ZTimelineQuery = ZPageQuery;
export const ZTimelinePage = pageOf(ZTimelineItem);
export type TTimelinePage = z.infer<typeof ZTimelinePage>;
