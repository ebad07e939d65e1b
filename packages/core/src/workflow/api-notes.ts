import { z } from 'zod';
import { optionalText, pageOf, requiredText, ZIsoDate, ZPageQuery, ZUuid } from '../common.ts';
import {
  EBP_SKILLS,
  ZCollateralWith,
  ZContactKind,
  ZContactStatus,
  ZEbpSkill,
  ZModality,
  ZNoteStatus,
  ZReviewAction,
  ZReviewMode,
  ZSetting,
  ZSupervisionFormat,
  ZTmActivity,
} from './enums.ts';
import { GATE_CODES } from './gates.ts';

/** Contacts, session notes, signing, supervisor review and supervision sessions (R-1.2–1.4, R-1.25–1.28, R-1.31). */

/** A time of day, 24-hour "HH:MM". */
export const ZTimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time like 15:30');

/** Note statuses in which the mentor may still edit the note. */
export const EDITABLE_NOTE_STATUSES = ['draft', 'returned'] as const;
/** Note statuses of a signed note: nothing may change it any more, only addenda. */
export const LOCKED_NOTE_STATUSES = ['signed', 'approved', 'cosigned'] as const;
export const isNoteLocked = (status: string) => (LOCKED_NOTE_STATUSES as readonly string[]).includes(status);

/** The most weekly occurrences one scheduling call creates. */
export const MAX_SERIES_OCCURRENCES = 26;

const uniqueArray = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((a) => new Set(a).size === a.length, 'Each value may appear once');

/** What a mentor writes about a contact; every field may be left empty in a draft. */
const ZNoteFields = z.object({
  participants: optionalText(300),
  goalIds: uniqueArray(ZUuid, 20).optional(),
  activities: uniqueArray(ZTmActivity, 20).optional(),
  skills: uniqueArray(ZEbpSkill, 20).optional(),
  youthResponse: optionalText(4000),
  plan: optionalText(2000),
  safetyConcern: z.boolean().nullable().optional(),
  safetyDetail: optionalText(2000),
  mileage: z.number().int().min(0).max(500).nullable().optional(),
});

const ZScheduleFields = z.object({
  kind: ZContactKind,
  collateralWith: ZCollateralWith.nullable().optional(),
  date: ZIsoDate,
  startTime: ZTimeOfDay,
  endTime: ZTimeOfDay,
  setting: ZSetting.nullable().optional(),
  modality: ZModality.nullable().optional(),
});

const NOTE_FIELD_NAMES = Object.keys(ZNoteFields.shape) as (keyof z.infer<typeof ZNoteFields>)[];

export const ZCreateContact = ZScheduleFields.extend({
  id: ZUuid.optional(),
  kind: ZContactKind.default('session'),
  /** The mentor the contact is with; defaults to the acting mentor, or the youth's primary mentor. */
  mentorUserId: z.string().min(1).max(100).optional(),
  /** Repeat weekly on the same weekday up to this date (at most 26 occurrences). */
  repeatWeeklyUntil: ZIsoDate.optional(),
})
  .extend(ZNoteFields.shape)
  .superRefine((v, ctx) => {
    const timesValid = ZTimeOfDay.safeParse(v.startTime).success && ZTimeOfDay.safeParse(v.endTime).success;
    if (timesValid && v.endTime <= v.startTime)
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'End the contact after it starts' });
    if (v.kind === 'collateral' && !v.collateralWith)
      ctx.addIssue({ code: 'custom', path: ['collateralWith'], message: 'Say who the collateral contact was with' });
    if (v.repeatWeeklyUntil) {
      if (v.repeatWeeklyUntil < v.date)
        ctx.addIssue({ code: 'custom', path: ['repeatWeeklyUntil'], message: 'Repeat until a date after the first' });
      if (NOTE_FIELD_NAMES.some((k) => v[k] != null && !(Array.isArray(v[k]) && v[k].length === 0)))
        ctx.addIssue({
          code: 'custom',
          path: ['repeatWeeklyUntil'],
          message: 'A weekly series is scheduled without a note; document each visit on its day',
        });
    }
  });
export type TCreateContact = z.input<typeof ZCreateContact>;

export const ZUpdateContact = ZScheduleFields.partial()
  .extend(ZNoteFields.shape)
  .extend({ version: z.number().int().min(1) });
export type TUpdateContact = z.input<typeof ZUpdateContact>;

export const CANCEL_SCOPES = ['occurrence', 'series-from-here'] as const;
export const ZCancelContact = z.object({
  reason: requiredText(500),
  scope: z.enum(CANCEL_SCOPES).default('occurrence'),
  version: z.number().int().min(1).optional(),
});
export const ZNoShowContact = z.object({
  reason: requiredText(500),
  version: z.number().int().min(1).optional(),
});
export const ZSignNote = z.object({
  password: z.string().min(1, 'Enter your password').max(200),
  version: z.number().int().min(1),
});
export const ZCreateAddendum = z.object({ id: ZUuid.optional(), text: requiredText(4000) });

export const ZReviewNote = z
  .object({
    action: ZReviewAction,
    comment: optionalText(2000),
    attestation: optionalText(1000),
    password: z.string().max(200).optional(),
    /** The version of the note reviewed; a stale one answers 409. */
    version: z.number().int().min(1).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'return' && !v.comment)
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Say what the mentor should revise' });
    if (v.action === 'cosign' && !v.attestation)
      ctx.addIssue({ code: 'custom', path: ['attestation'], message: 'Co-signing needs an attestation' });
    if (v.action === 'cosign' && !v.password)
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'Enter your password to co-sign' });
  });
export type TReviewNote = z.input<typeof ZReviewNote>;

/** The attestation a supervisor co-signs with, unless they write their own. */
export const DEFAULT_COSIGN_ATTESTATION =
  'I reviewed this note and the services it documents, which were delivered under my clinical supervision.';

export const ZReviewModeInput = z.object({
  mode: ZReviewMode,
  /** For `sample`: the share of notes reviewed, 1–100. */
  samplePercent: z.number().int().min(1).max(100).default(100),
});

export const ZContactListQuery = ZPageQuery.extend({
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  youthId: ZUuid.optional(),
  mentorUserId: z.string().min(1).max(100).optional(),
  status: ZContactStatus.optional(),
  noteStatus: ZNoteStatus.optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TContactListQuery = z.input<typeof ZContactListQuery>;

export const ZGateFailure = z.object({ code: z.enum(GATE_CODES), message: z.string() });

export const ZContactSummary = z.object({
  id: ZUuid,
  youthId: ZUuid,
  youthName: z.string(),
  mentorUserId: z.string(),
  mentorName: z.string(),
  seriesId: ZUuid.nullable(),
  kind: ZContactKind,
  collateralWith: ZCollateralWith.nullable(),
  status: ZContactStatus,
  statusReason: z.string().nullable(),
  date: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  setting: ZSetting.nullable(),
  modality: ZModality.nullable(),
  noteStatus: ZNoteStatus,
  signedAt: z.string().nullable(),
  signedLate: z.boolean(),
  /** Documented but unsigned (draft or returned), and the program's signing deadline after the contact has passed. */
  overdue: z.boolean(),
  billable: z.boolean(),
  billingUnits: z.number().int(),
  reviewRequired: z.enum(['approve', 'cosign']).nullable(),
  safetyConcern: z.boolean().nullable(),
  version: z.number().int(),
});
export type TContactSummary = z.infer<typeof ZContactSummary>;
export const ZContactPage = pageOf(ZContactSummary);

export const ZNoteRevision = z.object({
  revision: z.number().int(),
  signedAt: z.string(),
  signedBy: z.string(),
  signedByName: z.string(),
  content: z.record(z.string(), z.unknown()),
});
export const ZNoteReview = z.object({
  id: ZUuid,
  revision: z.number().int(),
  action: ZReviewAction,
  reviewerUserId: z.string(),
  reviewerName: z.string(),
  comment: z.string().nullable(),
  attestation: z.string().nullable(),
  credentials: z.string().nullable(),
  createdAt: z.string(),
});
export type TNoteReview = z.infer<typeof ZNoteReview>;
export const ZNoteAddendum = z.object({
  id: ZUuid,
  authorUserId: z.string(),
  authorName: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type TNoteAddendum = z.infer<typeof ZNoteAddendum>;

/** What signing now would decide: the rules in force on the contact date, the gates and the units. */
export const ZGateCheck = z.object({
  ruleSetId: ZUuid.nullable(),
  ruleSetVersion: z.number().int().nullable(),
  /** The program bills this service (gates block signing a session). */
  billableProgram: z.boolean(),
  failures: z.array(ZGateFailure),
  /** Signing now would make a billable contact. */
  billableIfSigned: z.boolean(),
  minutes: z.number().int(),
  unitsPreview: z.number().int(),
  noteSigningDeadlineHours: z.number().int().nullable(),
  deadlineAt: z.string().nullable(),
});
export type TGateCheck = z.infer<typeof ZGateCheck>;

export const ZContact = ZContactSummary.extend({
  episodeId: ZUuid.nullable(),
  participants: z.string().nullable(),
  goalIds: z.array(ZUuid),
  activities: z.array(ZTmActivity),
  skills: z.array(ZEbpSkill),
  youthResponse: z.string().nullable(),
  plan: z.string().nullable(),
  safetyDetail: z.string().nullable(),
  mileage: z.number().int().nullable(),
  signedBy: z.string().nullable(),
  signedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  ruleSetId: ZUuid.nullable(),
  series: z
    .object({
      id: ZUuid,
      startsOn: z.string(),
      endsOn: z.string().nullable(),
      startTime: z.string(),
      durationMinutes: z.number().int(),
    })
    .nullable(),
  /** The youth's goals a note can address (active ones, plus any the note already names). */
  goalOptions: z.array(z.object({ id: ZUuid, title: z.string(), hubPlanGoal: z.string(), status: z.string() })),
  revisions: z.array(ZNoteRevision),
  reviews: z.array(ZNoteReview),
  addenda: z.array(ZNoteAddendum),
  gateCheck: ZGateCheck,
  /** What the caller may do with this contact now. */
  can: z.object({
    edit: z.boolean(),
    editNote: z.boolean(),
    sign: z.boolean(),
    cancel: z.boolean(),
    addendum: z.boolean(),
    review: z.boolean(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TContact = z.infer<typeof ZContact>;

export const ZReviewQueueItem = z.object({
  contactId: ZUuid,
  youthId: ZUuid,
  youthName: z.string(),
  mentorUserId: z.string(),
  mentorName: z.string(),
  kind: ZContactKind,
  collateralWith: ZCollateralWith.nullable(),
  date: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  setting: ZSetting.nullable(),
  modality: ZModality.nullable(),
  signedAt: z.string(),
  signedLate: z.boolean(),
  billable: z.boolean(),
  billingUnits: z.number().int(),
  reviewRequired: z.enum(['approve', 'cosign']),
  safetyConcern: z.boolean().nullable(),
  safetyDetail: z.string().nullable(),
  revision: z.number().int(),
  /** How many times this note was returned before. */
  returns: z.number().int(),
  participants: z.string().nullable(),
  goals: z.array(z.object({ id: ZUuid, title: z.string() })),
  activities: z.array(ZTmActivity),
  skills: z.array(ZEbpSkill),
  youthResponse: z.string().nullable(),
  plan: z.string().nullable(),
  version: z.number().int(),
});
export type TReviewQueueItem = z.infer<typeof ZReviewQueueItem>;
export const ZReviewQueuePage = pageOf(ZReviewQueueItem);

export const ZSupervisionAssignment = z.object({
  mentorUserId: z.string(),
  mentorName: z.string(),
  supervisorUserId: z.string(),
  supervisorName: z.string(),
  reviewMode: ZReviewMode,
  samplePercent: z.number().int(),
});
export type TSupervisionAssignment = z.infer<typeof ZSupervisionAssignment>;

const ZSupervisionFields = z.object({
  superviseeUserIds: uniqueArray(z.string().min(1).max(100), 30).min(1, 'Choose at least one supervisee'),
  date: ZIsoDate,
  minutes: z.number().int().min(5).max(600),
  format: ZSupervisionFormat,
  remote: z.boolean().default(false),
  topics: requiredText(4000),
  youthDiscussed: uniqueArray(ZUuid, 50).default([]),
  actions: optionalText(4000),
});
export const ZCreateSupervisionSession = ZSupervisionFields.extend({ id: ZUuid.optional() });
export type TCreateSupervisionSession = z.input<typeof ZCreateSupervisionSession>;
export const ZUpdateSupervisionSession = ZSupervisionFields.partial().extend({ version: z.number().int().min(1) });
export const ZSignSupervisionSession = z.object({
  password: z.string().min(1, 'Enter your password').max(200),
  version: z.number().int().min(1).optional(),
});
export const ZSupervisionSessionQuery = ZPageQuery.extend({
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  mentorUserId: z.string().min(1).max(100).optional(),
});

export const ZSupervisionSession = z.object({
  id: ZUuid,
  supervisorUserId: z.string(),
  supervisorName: z.string(),
  supervisees: z.array(z.object({ userId: z.string(), name: z.string() })),
  date: z.string(),
  minutes: z.number().int(),
  format: ZSupervisionFormat,
  remote: z.boolean(),
  topics: z.string().nullable(),
  /** Youth discussed; the name only when the caller may open that youth's record. */
  youthDiscussed: z.array(z.object({ id: ZUuid, name: z.string().nullable() })),
  actions: z.string().nullable(),
  signedAt: z.string().nullable(),
  signatureCredentials: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type TSupervisionSession = z.infer<typeof ZSupervisionSession>;
export const ZSupervisionSessionPage = pageOf(ZSupervisionSession);

export const ZSupervisionCompliance = z.object({
  mentorUserId: z.string(),
  mentorName: z.string(),
  supervisors: z.array(z.object({ userId: z.string(), name: z.string() })),
  /** Programs of the mentor's active matches, whose rule sets set the cadence. */
  programIds: z.array(ZUuid),
  intervalDays: z.number().int().nullable(),
  minMinutes: z.number().int(),
  lastSessionOn: z.string().nullable(),
  windowStart: z.string().nullable(),
  minutesInWindow: z.number().int(),
  minutesMet: z.boolean(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
});
export type TSupervisionCompliance = z.infer<typeof ZSupervisionCompliance>;

export type TEbpSkill = (typeof EBP_SKILLS)[number];

/** The skills library: each evidence-based skill with a short guide for mentors (English; the web translates titles). */
export const SKILL_GUIDES: Record<TEbpSkill, { title: string; guide: string }> = {
  psychoeducation: {
    title: 'Psychoeducation',
    guide:
      'Explain in plain words how feelings, thoughts, body reactions and behaviour connect, using the youth\'s own examples. Keep it short and check understanding by asking the youth to say it back in their own words. Use the materials the hub clinician has shared, and leave questions about diagnosis or medication to the clinician.',
  },
  behavioral_activation: {
    title: 'Behavioral activation',
    guide:
      'Help the youth plan small, doable activities that bring enjoyment or a sense of accomplishment, especially when their mood is low. Schedule one concrete step together (what, when, with whom) and ask at the next visit how it went and how their mood changed. Praise the attempt, not only the result.',
  },
  problem_solving: {
    title: 'Problem solving',
    guide:
      'Walk through the steps together: name the problem, list options without judging them, weigh pros and cons, choose one, plan it, and later review how it worked. Use a real, current problem the youth cares about. Let the youth make the choices; your job is to keep the steps in order.',
  },
  relaxation: {
    title: 'Relaxation',
    guide:
      'Teach one calming technique at a time (slow belly breathing, progressive muscle relaxation, or grounding with the five senses) and practise it together during the visit. Ask the youth to rate their tension from 0 to 10 before and after. Agree on a moment in the coming week to use it, such as before a test.',
  },
  cognitive_restructuring: {
    title: 'Cognitive restructuring',
    guide:
      'Help the youth notice an upsetting thought, look at the evidence for and against it, and find a more balanced thought. Work from a recent real situation and write the steps down together. Follow the approach the hub clinician uses so the youth hears one consistent message.',
  },
  exposure_with_supervisor_guidance: {
    title: 'Exposure (with supervisor guidance)',
    guide:
      'Only practise exposure steps that the hub clinician and your supervisor have planned with the youth. Move gradually up the agreed fear ladder, stay with the youth until the anxiety eases, and never force a step. Record what was tried and the distress ratings, and tell your supervisor about any setback.',
  },
  motivational_interviewing: {
    title: 'Motivational interviewing',
    guide:
      'Use open questions, affirmations, reflections and summaries to help the youth put their own reasons for change into words. Listen for change talk and reflect it back; avoid arguing or lecturing. Respect mixed feelings: the decision is the youth\'s.',
  },
  social_communication_skills: {
    title: 'Social and communication skills',
    guide:
      'Pick one skill (starting a conversation, asking for help, saying no politely, making eye contact), model it, then role-play it with the youth and give specific praise. When you can, practise it in a real setting, such as ordering at a café. Debrief afterwards: what went well and what to try next time.',
  },
  emotion_regulation: {
    title: 'Emotion regulation',
    guide:
      'Help the youth name their feelings and notice the early warning signs in their body. Build a personal plan of coping steps (pause, breathe, move, talk to someone) and rehearse it while calm. After a hard moment, review together what helped, without blame.',
  },
  goal_setting: {
    title: 'Goal setting',
    guide:
      'Break the treatment-plan goal into small, specific steps the youth chooses, each with a clear \'by when\'. Write the next step down together and check on it at the start of the next visit. Celebrate progress, and shrink any step that turns out to be too big.',
  },
};

export const ZSkillGuide = z.object({ skill: ZEbpSkill, title: z.string(), guide: z.string() });
export type TSkillGuide = z.infer<typeof ZSkillGuide>;
export const skillLibrary = (): TSkillGuide[] => EBP_SKILLS.map((skill) => ({ skill, ...SKILL_GUIDES[skill] }));

/**
 * Whether a note falls into a supervisor's review sample: a stable hash of the contact id, so the same note is
 * always in or out of the sample and about `percent` of notes are in.
 */
export const inReviewSample = (contactId: string, percent: number): boolean => {
  if (percent >= 100) return true;
  if (percent <= 0) return false;
  // FNV-1a over the id's characters: deterministic and spread evenly over 0..99.
  let h = 0x811c9dc5;
  for (let i = 0; i < contactId.length; i++) {
    h ^= contactId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 100 < percent;
};
