import { z } from 'zod';

export const HUB_TYPES = ['icc', 'iht', 'op'] as const;
export const ZHubType = z.enum(HUB_TYPES);
export type THubType = z.infer<typeof ZHubType>;
/** Coordination belongs to the most intensive hub: ICC > IHT > OP. */
export const HUB_INTENSITY: Record<THubType, number> = { icc: 3, iht: 2, op: 1 };

export const REFERRAL_STATUSES = ['received', 'screening', 'accepted', 'waitlisted', 'declined', 'admitted'] as const;
export const ZReferralStatus = z.enum(REFERRAL_STATUSES);
export type TReferralStatus = z.infer<typeof ZReferralStatus>;
/** Where a referral may go next; admission happens through the intake, not by setting the status. */
export const REFERRAL_TRANSITIONS: Record<TReferralStatus, readonly TReferralStatus[]> = {
  received: ['screening', 'declined'],
  screening: ['accepted', 'waitlisted', 'declined'],
  waitlisted: ['accepted', 'declined'],
  accepted: ['waitlisted', 'declined'],
  declined: [],
  admitted: [],
};
export const DECLINE_REASONS = [
  'not_eligible',
  'excluded',
  'family_declined',
  'no_capacity',
  'referred_elsewhere',
  'other',
] as const;
export const ZDeclineReason = z.enum(DECLINE_REASONS);

export const ATTACHMENT_KINDS = [
  'treatment_plan',
  'cans',
  'comprehensive_assessment',
  'consent_form',
  'other',
] as const;
export const ZAttachmentKind = z.enum(ATTACHMENT_KINDS);
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/webp'] as const;
export const ZAttachmentType = z.enum(ATTACHMENT_TYPES);
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export const CONSENT_KINDS = ['guardian_agreement', 'youth_assent', 'release_of_information'] as const;
export const ZConsentKind = z.enum(CONSENT_KINDS);
export const CONSENT_METHODS = ['uploaded_form', 'in_app_signature'] as const;
export const ZConsentMethod = z.enum(CONSENT_METHODS);

export const MATCH_STATUSES = ['active', 'paused', 'closed'] as const;
export const ZMatchStatus = z.enum(MATCH_STATUSES);
export const MATCH_CLOSURE_REASONS = [
  'goals_met',
  'youth_moved',
  'mentor_left',
  'family_request',
  'youth_request',
  'unreachable',
  'safety_or_conduct',
  'program_ended',
  'rematch',
  'other',
] as const;
export const ZMatchClosureReason = z.enum(MATCH_CLOSURE_REASONS);
export const MATCH_CLOSURE_CHECKLIST = [
  'closure_meeting_held',
  'youth_informed',
  'guardian_informed',
  'mentor_debriefed',
  'hub_informed',
  'future_contact_rules_explained',
] as const;

export const GOAL_STATUSES = ['active', 'met', 'discontinued'] as const;
export const ZGoalStatus = z.enum(GOAL_STATUSES);
export const PLAN_TYPES = ['icc_icp', 'iht_plan', 'op_plan', 'program_plan'] as const;
export const ZPlanType = z.enum(PLAN_TYPES);

export const CONTACT_KINDS = ['session', 'collateral'] as const;
export const ZContactKind = z.enum(CONTACT_KINDS);
export const CONTACT_STATUSES = ['scheduled', 'completed', 'no_show', 'cancelled'] as const;
export const ZContactStatus = z.enum(CONTACT_STATUSES);
export const NOTE_STATUSES = ['draft', 'signed', 'returned', 'approved', 'cosigned'] as const;
export const ZNoteStatus = z.enum(NOTE_STATUSES);
export type TNoteStatus = z.infer<typeof ZNoteStatus>;
export const SETTINGS = [
  'home',
  'school',
  'community',
  'foster_home',
  'child_care',
  'respite',
  'telehealth',
  'other',
] as const;
export const ZSetting = z.enum(SETTINGS);
export const MODALITIES = ['in_person', 'video', 'phone'] as const;
export const ZModality = z.enum(MODALITIES);
export const COLLATERAL_WITH = ['hub_clinician', 'guardian', 'school', 'other_provider', 'other'] as const;
export const ZCollateralWith = z.enum(COLLATERAL_WITH);

/** TM activity types. */
export const TM_ACTIVITIES = [
  'anticipatory_guidance',
  'teaching_alternative_strategies',
  'role_play',
  'skill_acquisition_in_community',
  'social_exposure',
  'conflict_resolution',
  'communication_skills',
  'coaching',
] as const;
export const ZTmActivity = z.enum(TM_ACTIVITIES);

/** Evidence-based skills mentors practise with youth, each with a short guide in the skills library. */
export const EBP_SKILLS = [
  'psychoeducation',
  'behavioral_activation',
  'problem_solving',
  'relaxation',
  'cognitive_restructuring',
  'exposure_with_supervisor_guidance',
  'motivational_interviewing',
  'social_communication_skills',
  'emotion_regulation',
  'goal_setting',
] as const;
export const ZEbpSkill = z.enum(EBP_SKILLS);

export const REVIEW_MODES = ['approve_all', 'cosign_all', 'sample'] as const;
export const ZReviewMode = z.enum(REVIEW_MODES);
export const REVIEW_ACTIONS = ['approve', 'cosign', 'return'] as const;
export const ZReviewAction = z.enum(REVIEW_ACTIONS);

export const SUPERVISION_FORMATS = ['individual', 'group', 'observation'] as const;
export const ZSupervisionFormat = z.enum(SUPERVISION_FORMATS);

export const HUB_CONTACT_MODES = ['in_person', 'phone', 'video', 'email', 'team_meeting'] as const;
export const ZHubContactMode = z.enum(HUB_CONTACT_MODES);

export const DISCHARGE_REASONS = [
  'goals_substantially_met',
  'no_longer_needed',
  'caregiver_not_engaged',
  'consent_withdrawn',
  'residential_no_return',
  'independent_living',
  'aged_out',
  'moved_away',
  'other',
] as const;
export const ZDischargeReason = z.enum(DISCHARGE_REASONS);
