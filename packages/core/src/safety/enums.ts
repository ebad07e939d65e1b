import { z } from 'zod';

/** How a questionnaire reached its answers. */
export const ADMINISTRATION_MODES = ['visit', 'link', 'kiosk', 'score_entry'] as const;
export const ZAdministrationMode = z.enum(ADMINISTRATION_MODES);
export type TAdministrationMode = z.infer<typeof ZAdministrationMode>;

/** Who answered a stored response. */
export const RESPONSE_RESPONDENTS = ['youth', 'guardian', 'staff'] as const;
export const ZResponseRespondent = z.enum(RESPONSE_RESPONDENTS);
export type TResponseRespondent = z.infer<typeof ZResponseRespondent>;

/** A self-report invitation: open until answered, cancelled or past its expiry. */
export const ADMINISTRATION_STATUSES = ['open', 'completed', 'cancelled'] as const;
export const ZAdministrationStatus = z.enum(ADMINISTRATION_STATUSES);

/** What raised a safety alert. */
export const ALERT_SOURCES = ['measure_response', 'check_in', 'contact_note', 'mentor_flag', 'staff_report'] as const;
export const ZAlertSource = z.enum(ALERT_SOURCES);
export type TAlertSource = z.infer<typeof ZAlertSource>;

export const ALERT_SEVERITIES = ['acute', 'non_acute'] as const;
export const ZAlertSeverity = z.enum(ALERT_SEVERITIES);
export type TAlertSeverity = z.infer<typeof ZAlertSeverity>;

/** open → acknowledged → closed (with a disposition). */
export const ALERT_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export const ZAlertStatus = z.enum(ALERT_STATUSES);
export type TAlertStatus = z.infer<typeof ZAlertStatus>;

/** Steps taken on an alert (R-1.34 escalation path: mentor → supervisor → hub → mobile crisis or emergency). */
export const ALERT_ACTION_KINDS = [
  'contacted_youth',
  'contacted_guardian',
  'safety_plan_reviewed',
  'mobile_crisis',
  'called_988',
  'called_911',
  'hub_clinician_informed',
  'supervisor_consulted',
  'other',
] as const;
export const ZAlertActionKind = z.enum(ALERT_ACTION_KINDS);
export type TAlertActionKind = z.infer<typeof ZAlertActionKind>;

export const ALERT_DISPOSITIONS = [
  'no_imminent_risk',
  'safety_plan_updated',
  'referred_to_hub',
  'mobile_crisis_engaged',
  'emergency_services',
  'hospitalized',
  'mandated_report_filed',
  'false_positive',
  'other',
] as const;
export const ZAlertDisposition = z.enum(ALERT_DISPOSITIONS);
export type TAlertDisposition = z.infer<typeof ZAlertDisposition>;

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'sms'] as const;
export const ZNotificationChannel = z.enum(NOTIFICATION_CHANNELS);
export type TNotificationChannel = z.infer<typeof ZNotificationChannel>;

/** Why someone was told of an alert: first notice, or the escalation level it reached. */
export const NOTIFICATION_REASONS = ['raised', 'escalated'] as const;

/** Default weekly check-in domains; programs can configure their own. */
export const DEFAULT_CHECK_IN_DOMAINS = ['mood', 'worries', 'school', 'friends_family', 'sleep', 'safety'] as const;
/** 1 = going well … 5 = very challenging. A rating at SERIOUS_DIFFICULTY or above on the safety domain raises an alert. */
export const CHECK_IN_MIN = 1;
export const CHECK_IN_MAX = 5;
export const SERIOUS_DIFFICULTY = 5;

/** Stanley–Brown safety planning intervention: the six sections, in order. */
export const SAFETY_PLAN_SECTIONS = [
  'warning_signs',
  'internal_coping',
  'social_distraction',
  'people_to_ask_for_help',
  'professionals_and_agencies',
  'making_environment_safe',
] as const;
export const ZSafetyPlanSection = z.enum(SAFETY_PLAN_SECTIONS);
export type TSafetyPlanSection = z.infer<typeof ZSafetyPlanSection>;

/** A suspected-abuse or neglect report (51A in Massachusetts): oral report, then written within 48 hours. */
export const MANDATED_REPORT_STATUSES = ['oral_reported', 'written_filed', 'closed'] as const;
export const ZMandatedReportStatus = z.enum(MANDATED_REPORT_STATUSES);
export const MANDATED_REPORT_KINDS = ['physical_abuse', 'sexual_abuse', 'emotional_abuse', 'neglect', 'other'] as const;
export const ZMandatedReportKind = z.enum(MANDATED_REPORT_KINDS);
export const WRITTEN_REPORT_DEADLINE_HOURS = 48;

/** A youth's flag of their mentor: open until a program manager reviews it. */
export const MENTOR_FLAG_STATUSES = ['open', 'reviewed'] as const;
export const MENTOR_FLAG_OUTCOMES = ['contact_restored', 'match_closed', 'rematch_planned'] as const;
export const ZMentorFlagOutcome = z.enum(MENTOR_FLAG_OUTCOMES);

export const DEFAULT_ACUTE_ESCALATION_MINUTES = 15;
