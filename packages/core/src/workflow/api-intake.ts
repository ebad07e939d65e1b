import { z } from 'zod';
import { optionalText, pageOf, requiredText, ZIsoDate, ZPageQuery, ZUuid } from '../common.ts';
import { isLicenceExpired } from '../licence.ts';
import { ZProgramKind } from '../org.ts';
import { ZCreateGuardian, ZCreateYouth, ZYouthStatus } from '../people.ts';
import { ZAdmissionCriterion, ZExclusionCriterion, ZLivingSituation } from './eligibility.ts';
import {
  ATTACHMENT_MAX_BYTES,
  DISCHARGE_REASONS,
  ZAttachmentKind,
  ZAttachmentType,
  ZConsentKind,
  ZConsentMethod,
  ZDeclineReason,
  ZDischargeReason,
  ZGoalStatus,
  ZHubType,
  ZPlanType,
  ZReferralStatus,
} from './enums.ts';
import { ZRuleSet, ZRuleSetPreset } from './rule-set.ts';

/**
 * API shapes of the intake area: program rule sets and the four-part definition, hub services
 * (R-1.12–1.14), referrals and their attachments, eligibility and admission (R-1.6–1.11),
 * consent, mentor clearance and discharge.
 */

const ZVersionNumber = z.number().int().min(1);
const optionalEmail = () =>
  z
    .email()
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null));

/** A user named on a record (who decided, who recorded). */
export const ZIntakeUser = z.object({ userId: z.string(), name: z.string() });
export type TIntakeUser = z.infer<typeof ZIntakeUser>;

// ---------------------------------------------------------------------------------------------------------------
// Program rule sets

export const ZRuleSetVersion = z.object({
  id: ZUuid,
  programId: ZUuid,
  version: z.number().int(),
  effectiveFrom: z.string(),
  preset: z.string().nullable(),
  rules: ZRuleSet,
  createdBy: ZIntakeUser.nullable(),
  createdAt: z.string(),
  /** The version in force today (the latest whose effective date has come). */
  inForce: z.boolean(),
});
export type TRuleSetVersion = z.infer<typeof ZRuleSetVersion>;

export const ZRuleSetVersions = z.object({
  programId: ZUuid,
  /** The organization's today, which decides the version in force. */
  today: z.string(),
  inForceId: ZUuid.nullable(),
  /** Newest first. */
  versions: z.array(ZRuleSetVersion),
});
export type TRuleSetVersions = z.infer<typeof ZRuleSetVersions>;

export const ZCreateRuleSet = z.object({
  id: ZUuid.optional(),
  /** Cannot be before the latest version's effective date. */
  effectiveFrom: ZIsoDate,
  /** The preset the rules started from, if any. */
  preset: ZRuleSetPreset.nullable().optional(),
  rules: ZRuleSet,
});
export type TCreateRuleSet = z.input<typeof ZCreateRuleSet>;

export const ZRuleSetPresetInfo = z.object({ key: ZRuleSetPreset, label: z.string(), rules: ZRuleSet });
export type TRuleSetPresetInfo = z.infer<typeof ZRuleSetPresetInfo>;

/** The four features that make a program therapeutic mentoring (CEBM; DESIGN.md §1, R-2.1). */
export const TM_DEFINITION_CRITERIA = [
  'mental_health_aim',
  'paraprofessionals',
  'evidence_based_practices',
  'licensed_supervision',
] as const;
export type TTmDefinitionCriterion = (typeof TM_DEFINITION_CRITERIA)[number];

export const ZDefinitionFinding = z.object({
  code: z.enum(TM_DEFINITION_CRITERIA),
  met: z.boolean(),
  detail: z.string(),
  /** Numbers behind the detail, so a screen can say it in the user's language. */
  counts: z.record(z.string(), z.number()),
});
export type TDefinitionFinding = z.infer<typeof ZDefinitionFinding>;

export type DefinitionInput = {
  kind: z.infer<typeof ZProgramKind>;
  /** The rule set in force schedules outcome measures (a baseline and repeated measurement). */
  outcomeMeasuresScheduled: boolean;
  /** Contacts of the program's youth in the recent past that recorded an evidence-based skill. */
  skillContacts: number;
  /** Every mentor with an active match to a youth in the program. */
  mentors: {
    degreeLevel: string | null;
    hasLicence: boolean;
    /** Their active supervisors' licences. */
    supervisors: { hasLicence: boolean; licenceExpiresOn: string | null }[];
  }[];
  today: string;
};

const GRADUATE_DEGREES = ['master', 'doctorate'];

/**
 * Whether a program meets the four-part definition of therapeutic mentoring, criterion by criterion:
 * 1. it aims at mental health (a therapeutic mentoring program, or outcome measures scheduled);
 * 2. it is delivered by paraprofessionals (its mentors hold no clinical licence and no graduate degree);
 * 3. it uses evidence-based practices (the skills library is part of TM programs, or mentors record skills);
 * 4. it is supervised by licensed clinicians (every mentor has an active supervisor with a current licence).
 */
export const therapeuticMentoringDefinition = (
  i: DefinitionInput,
): { meets: boolean; criteria: TDefinitionFinding[] } => {
  const tm = i.kind === 'therapeutic_mentoring';
  const mentors = i.mentors.length;
  const paraprofessionals = i.mentors.filter(
    (m) => !m.hasLicence && !GRADUATE_DEGREES.includes(m.degreeLevel ?? ''),
  ).length;
  const supervised = i.mentors.filter((m) =>
    m.supervisors.some((s) => s.hasLicence && !isLicenceExpired(s.licenceExpiresOn, i.today)),
  ).length;
  const criteria: TDefinitionFinding[] = [
    {
      code: 'mental_health_aim',
      met: tm || i.outcomeMeasuresScheduled,
      detail: tm
        ? 'A therapeutic mentoring program: it aims to reduce symptoms or increase well-being'
        : i.outcomeMeasuresScheduled
          ? 'Outcome measures are scheduled at baseline and at intervals'
          : 'Not a therapeutic mentoring program, and no outcome measures are scheduled',
      counts: {},
    },
    {
      code: 'paraprofessionals',
      met: mentors > 0 && paraprofessionals === mentors,
      detail: mentors
        ? `${paraprofessionals} of ${mentors} mentors with youth in the program are paraprofessionals`
        : 'No mentor has a youth in the program yet',
      counts: { mentors, paraprofessionals },
    },
    {
      code: 'evidence_based_practices',
      met: tm || i.skillContacts > 0,
      detail: tm
        ? 'Mentors use the evidence-based skills library of therapeutic mentoring'
        : i.skillContacts > 0
          ? `${i.skillContacts} recent contacts recorded an evidence-based skill`
          : 'No recent contact recorded an evidence-based skill',
      counts: { skillContacts: i.skillContacts },
    },
    {
      code: 'licensed_supervision',
      met: mentors > 0 && supervised === mentors,
      detail: mentors
        ? `${supervised} of ${mentors} mentors have a supervisor with a current licence`
        : 'No mentor has a youth in the program yet',
      counts: { mentors, supervised },
    },
  ];
  return { meets: criteria.every((c) => c.met), criteria };
};

export const ZProgramDetail = z.object({
  id: ZUuid,
  organizationId: ZUuid,
  name: z.string(),
  kind: ZProgramKind,
  active: z.boolean(),
  today: z.string(),
  /** The rule set version in force today; null when the program has none yet. */
  ruleSet: ZRuleSetVersion.nullable(),
  definition: z.object({ meets: z.boolean(), criteria: z.array(ZDefinitionFinding) }),
});
export type TProgramDetail = z.infer<typeof ZProgramDetail>;

// ---------------------------------------------------------------------------------------------------------------
// Hub services

export const ZHubService = z.object({
  id: ZUuid,
  youthId: ZUuid,
  type: ZHubType,
  agency: z.string(),
  clinicianName: z.string(),
  clinicianUserId: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  coordinating: z.boolean(),
  /** Started and not ended as of today. */
  active: z.boolean(),
  version: z.number().int(),
});
export type THubService = z.infer<typeof ZHubService>;

export const ZHubServiceList = z.object({
  items: z.array(ZHubService),
  /** The most intensive active hub (ICC > IHT > OP), which should coordinate care. */
  suggestedCoordinatingId: ZUuid.nullable(),
});
export type THubServiceList = z.infer<typeof ZHubServiceList>;

const ZHubFields = z.object({
  type: ZHubType,
  agency: requiredText(200),
  clinicianName: requiredText(200),
  phone: optionalText(40),
  email: optionalEmail(),
  startedOn: ZIsoDate,
});

export const ZCreateHubService = ZHubFields.extend({
  id: ZUuid.optional(),
  endedOn: ZIsoDate.nullable().optional(),
  /** Make this the coordinating hub; left out, it coordinates only when no other active hub does. */
  coordinating: z.boolean().optional(),
});
export type TCreateHubService = z.input<typeof ZCreateHubService>;

export const ZUpdateHubService = z.object({
  clinicianName: requiredText(200).optional(),
  phone: optionalText(40),
  email: optionalEmail(),
  endedOn: ZIsoDate.nullable().optional(),
  coordinating: z.boolean().optional(),
  version: ZVersionNumber,
});
export type TUpdateHubService = z.input<typeof ZUpdateHubService>;

// ---------------------------------------------------------------------------------------------------------------
// Referrals

/** A goal of the hub's plan that TM is to work on. */
export const ZPlanGoalInput = z.object({
  text: requiredText(500),
  planGoalId: optionalText(60),
  planType: ZPlanType,
  planDate: ZIsoDate.nullable().optional(),
});
export const ZPlanGoal = z.object({
  text: z.string(),
  planGoalId: z.string().nullable(),
  planType: z.string(),
  planDate: z.string().nullable(),
});

export const ZCreateReferral = z.object({
  id: ZUuid.optional(),
  programId: ZUuid,
  /** The youth record the referral creates (status "referred"). */
  youth: ZCreateYouth.omit({ programId: true }),
  guardian: ZCreateGuardian.nullable().optional(),
  /** The referring hub: its clinician is the referring clinician. */
  hub: ZHubFields.extend({ id: ZUuid.optional() }),
  reason: requiredText(2000),
  planGoals: z.array(ZPlanGoalInput).min(1, 'Name at least one goal of the hub plan').max(10),
  lastAssessmentOn: ZIsoDate.nullable().optional(),
  lastCansOn: ZIsoDate.nullable().optional(),
});
export type TCreateReferral = z.input<typeof ZCreateReferral>;

export const ZAttachment = z.object({
  id: ZUuid,
  youthId: ZUuid,
  referralId: ZUuid.nullable(),
  kind: ZAttachmentKind,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  documentDate: z.string().nullable(),
  uploadedBy: ZIntakeUser.nullable(),
  createdAt: z.string(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

const ZReferralYouth = z.object({
  id: ZUuid,
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string(),
  status: ZYouthStatus,
});

export const ZReferralSummary = z.object({
  id: ZUuid,
  programId: ZUuid,
  youth: ZReferralYouth,
  hubType: ZHubType,
  referringAgency: z.string(),
  referringClinicianName: z.string(),
  referredBy: ZIntakeUser.nullable(),
  status: ZReferralStatus,
  priority: z.number().int().nullable(),
  declineReason: z.string().nullable(),
  receivedAt: z.string(),
  statusChangedAt: z.string(),
});
export type TReferralSummary = z.infer<typeof ZReferralSummary>;

export const ZReferral = ZReferralSummary.extend({
  hubServiceId: ZUuid.nullable(),
  reason: z.string(),
  planGoals: z.array(ZPlanGoal),
  lastAssessmentOn: z.string().nullable(),
  lastCansOn: z.string().nullable(),
  statusNote: z.string().nullable(),
  version: z.number().int(),
  /** Statuses it may move to next (admission goes through the intake). */
  nextStatuses: z.array(ZReferralStatus),
  /** The episode its admission opened. */
  episodeId: ZUuid.nullable(),
  attachments: z.array(ZAttachment),
});
export type TReferral = z.infer<typeof ZReferral>;

export const ZReferralListQuery = ZPageQuery.extend({
  status: ZReferralStatus.optional(),
  programId: ZUuid.optional(),
});
export const ZReferralPage = pageOf(ZReferralSummary).extend({
  /** How many referrals are in each status (with the program filter, whatever the status filter). */
  counts: z.record(ZReferralStatus, z.number().int()),
});
export type TReferralPage = z.infer<typeof ZReferralPage>;

/** Priority on the waitlist: 1 is the most urgent. */
export const REFERRAL_PRIORITIES = [1, 2, 3, 4, 5] as const;

export const ZReferralStatusChange = z.object({
  status: z.enum(['screening', 'accepted', 'waitlisted', 'declined']),
  /** Required for waitlisted. */
  priority: z.number().int().min(1).max(5).nullable().optional(),
  /** Required for declined. */
  declineReason: ZDeclineReason.nullable().optional(),
  note: optionalText(1000),
  version: ZVersionNumber,
});
export type TReferralStatusChange = z.input<typeof ZReferralStatusChange>;

/** Base64 text of a file of ATTACHMENT_MAX_BYTES. */
export const ATTACHMENT_MAX_BASE64 = Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4;

export const ZUploadAttachment = z.object({
  id: ZUuid.optional(),
  kind: ZAttachmentKind,
  fileName: requiredText(200),
  contentType: ZAttachmentType,
  dataBase64: z
    .string()
    .min(1, 'Choose a file')
    .max(ATTACHMENT_MAX_BASE64, `The file is larger than ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`),
  documentDate: ZIsoDate.nullable().optional(),
});
export type TUploadAttachment = z.input<typeof ZUploadAttachment>;

// ---------------------------------------------------------------------------------------------------------------
// Eligibility and admission

export const ZEligibilityRequest = z.object({
  /** The day to check on (default: today). */
  onDate: ZIsoDate.optional(),
  livingSituation: ZLivingSituation.nullable().optional(),
  admissionCriteria: z.array(ZAdmissionCriterion).max(5).default([]),
  exclusionCriteria: z.array(ZExclusionCriterion).max(6).default([]),
});
export type TEligibilityRequest = z.input<typeof ZEligibilityRequest>;

export const ZEligibilityFinding = z.object({ code: z.string(), met: z.boolean(), detail: z.string() });
export type TEligibilityFinding = z.infer<typeof ZEligibilityFinding>;

export const ZRuleSetRef = z.object({ id: ZUuid, version: z.number().int(), effectiveFrom: z.string() });

export const ZEligibilityResult = z.object({
  eligible: z.boolean(),
  findings: z.array(ZEligibilityFinding),
  onDate: z.string(),
  ruleSet: ZRuleSetRef,
});
export type TEligibilityResult = z.infer<typeof ZEligibilityResult>;

export const ZAdmit = z.object({
  /** Id of the episode to open. */
  id: ZUuid.optional(),
  admittedOn: ZIsoDate,
  livingSituation: ZLivingSituation,
  admissionCriteria: z.array(ZAdmissionCriterion).max(5),
  exclusionCriteria: z.array(ZExclusionCriterion).max(6).default([]),
  /** The referral version screened; a stale one answers 409. */
  version: ZVersionNumber.optional(),
});
export type TAdmit = z.input<typeof ZAdmit>;

// ---------------------------------------------------------------------------------------------------------------
// Consent

/** Who may consent and on what basis. */
export const CONSENT_LEGAL_BASES = ['parent', 'guardian', 'dcf', 'emancipated_minor', 'mature_minor', 'other'] as const;
export const ZConsentLegalBasis = z.enum(CONSENT_LEGAL_BASES);

const ZConsentSignature = z.object({
  id: ZUuid.optional(),
  givenOn: ZIsoDate,
  method: ZConsentMethod,
  /** uploaded_form: the signed form, uploaded as an attachment of the referral. */
  attachmentId: ZUuid.nullable().optional(),
  /** in_app_signature: the name the signer typed… */
  typedName: optionalText(200),
  /** …and the password of the staff member recording it (re-authentication). */
  password: z.string().max(128).optional(),
});

export const ZCreateConsent = z.discriminatedUnion('kind', [
  ZConsentSignature.extend({
    kind: z.literal('guardian_agreement'),
    guardianId: ZUuid,
    legalBasis: ZConsentLegalBasis,
  }),
  ZConsentSignature.extend({ kind: z.literal('youth_assent') }),
  ZConsentSignature.extend({
    kind: z.literal('release_of_information'),
    /** A guardian signing for the youth; left out, the youth (or another person named) signs. */
    guardianId: ZUuid.nullable().optional(),
    givenByName: optionalText(200),
    legalBasis: ZConsentLegalBasis.nullable().optional(),
    recipient: requiredText(200),
    scope: requiredText(1000),
    expiresOn: ZIsoDate,
  }),
]);
export type TCreateConsent = z.input<typeof ZCreateConsent>;

export const ZConsent = z.object({
  id: ZUuid,
  episodeId: ZUuid,
  kind: ZConsentKind,
  guardianId: ZUuid.nullable(),
  givenByName: z.string(),
  legalBasis: z.string().nullable(),
  method: ZConsentMethod,
  typedName: z.string().nullable(),
  attachmentId: ZUuid.nullable(),
  givenOn: z.string(),
  recipient: z.string().nullable(),
  scope: z.string().nullable(),
  expiresOn: z.string().nullable(),
  /** A release of information past its expiry date. */
  expired: z.boolean(),
  withdrawnAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  recordedBy: ZIntakeUser.nullable(),
  createdAt: z.string(),
});
export type TConsent = z.infer<typeof ZConsent>;

export const ZWithdrawConsent = z.object({ reason: requiredText(1000) });

// ---------------------------------------------------------------------------------------------------------------
// Episodes and discharge

export const ZDischarge = z.object({
  dischargedOn: ZIsoDate,
  reasons: z.array(ZDischargeReason).min(1, 'Choose at least one reason').max(DISCHARGE_REASONS.length),
  /** A status for each active goal of the episode. */
  goalStatuses: z
    .array(z.object({ goalId: ZUuid, status: z.enum(['met', 'discontinued']) }))
    .max(100)
    .default([]),
  recommendations: requiredText(4000),
  closureActivity: optionalText(2000),
  version: ZVersionNumber,
});
export type TDischarge = z.input<typeof ZDischarge>;

export const ZDischargeSummary = z.object({
  reasons: z.array(z.string()),
  goalStatuses: z.array(z.object({ goalId: ZUuid, status: z.string() })),
  recommendations: z.string(),
  closureActivity: z.string().nullable(),
  /** The latest completed contact, or the discharge date when there was none. */
  lastServiceDate: z.string(),
  closedMatchIds: z.array(ZUuid),
});
export type TDischargeSummary = z.infer<typeof ZDischargeSummary>;

export const ZEpisode = z.object({
  id: ZUuid,
  youthId: ZUuid,
  programId: ZUuid,
  referralId: ZUuid.nullable(),
  ruleSet: ZRuleSetRef,
  status: z.enum(['open', 'discharged']),
  admittedOn: z.string(),
  livingSituation: z.string().nullable(),
  admissionCriteria: z.array(z.string()),
  exclusionCriteria: z.array(z.string()),
  eligibility: z.object({ eligible: z.boolean(), findings: z.array(ZEligibilityFinding) }),
  eligibilityDecidedBy: ZIntakeUser.nullable(),
  eligibilityDecidedAt: z.string().nullable(),
  /** Set when guardian agreement was withdrawn: the episode needs discharge planning. */
  dischargePlanning: z.object({ reason: z.string(), since: z.string(), consentId: ZUuid.nullable() }).nullable(),
  hasGuardianAgreement: z.boolean(),
  consents: z.array(ZConsent),
  goals: z.array(z.object({ id: ZUuid, title: z.string(), status: ZGoalStatus })),
  dischargedOn: z.string().nullable(),
  discharge: ZDischargeSummary.nullable(),
  dischargedBy: ZIntakeUser.nullable(),
  /** The earliest day the closed record may be destroyed. */
  retentionUntil: z.string().nullable(),
  version: z.number().int(),
});
export type TEpisode = z.infer<typeof ZEpisode>;

// ---------------------------------------------------------------------------------------------------------------
// Mentor clearance

export const ZCreateClearance = z.object({
  id: ZUuid.optional(),
  clearedOn: ZIsoDate,
  note: optionalText(500),
});
export type TCreateClearance = z.input<typeof ZCreateClearance>;

export const ZClearance = z.object({
  id: ZUuid,
  mentorUserId: z.string(),
  clearedOn: z.string(),
  clearedBy: ZIntakeUser.nullable(),
  note: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TClearance = z.infer<typeof ZClearance>;

export const ZClearanceStatus = z.object({
  userId: z.string(),
  /** The latest clearance in effect today (not revoked, dated today or earlier). */
  latest: ZClearance.nullable(),
  cleared: z.boolean(),
  history: z.array(ZClearance),
});
export type TClearanceStatus = z.infer<typeof ZClearanceStatus>;
