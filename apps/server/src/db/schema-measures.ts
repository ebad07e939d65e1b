// Measurement-based care and youth safety: questionnaire responses and self-report invitations, program surveys,
// weekly check-ins, safety alerts with their actions and notifications, safety plans, mandated reports and
// youth flags of their mentor.
import {
  ADMINISTRATION_MODES,
  ADMINISTRATION_STATUSES,
  ALERT_ACTION_KINDS,
  ALERT_DISPOSITIONS,
  ALERT_SEVERITIES,
  ALERT_SOURCES,
  ALERT_STATUSES,
  MANDATED_REPORT_KINDS,
  MANDATED_REPORT_STATUSES,
  MENTOR_FLAG_OUTCOMES,
  MENTOR_FLAG_STATUSES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_REASONS,
  RESPONSE_RESPONDENTS,
  type TAnswers,
  type TFlag,
  type TProgramSurveyDefinition,
  type TSafetyPlanSection,
} from '@mentorbridge/core';
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth-schema.ts';
import { createdAt, version } from './columns.ts';
import { mentorAssignment, organization, program, youth } from './schema.ts';

export const administrationModeEnum = pgEnum('administration_mode', ADMINISTRATION_MODES);
export const responseRespondentEnum = pgEnum('response_respondent', RESPONSE_RESPONDENTS);
export const administrationStatusEnum = pgEnum('administration_status', ADMINISTRATION_STATUSES);
export const alertSourceEnum = pgEnum('alert_source', ALERT_SOURCES);
export const alertSeverityEnum = pgEnum('alert_severity', ALERT_SEVERITIES);
export const alertStatusEnum = pgEnum('alert_status', ALERT_STATUSES);
export const alertActionKindEnum = pgEnum('alert_action_kind', ALERT_ACTION_KINDS);
export const alertDispositionEnum = pgEnum('alert_disposition', ALERT_DISPOSITIONS);
export const notificationChannelEnum = pgEnum('notification_channel', NOTIFICATION_CHANNELS);
export const notificationReasonEnum = pgEnum('notification_reason', NOTIFICATION_REASONS);
export const mandatedReportStatusEnum = pgEnum('mandated_report_status', MANDATED_REPORT_STATUSES);
export const mandatedReportKindEnum = pgEnum('mandated_report_kind', MANDATED_REPORT_KINDS);
export const mentorFlagStatusEnum = pgEnum('mentor_flag_status', MENTOR_FLAG_STATUSES);
export const mentorFlagOutcomeEnum = pgEnum('mentor_flag_outcome', MENTOR_FLAG_OUTCOMES);

/** A program-defined short survey (e.g. relationship quality); versioned, answers keep the version used. */
export const programSurvey = pgTable(
  'program_survey',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    /** null: every program of the organization. */
    programId: uuid('program_id').references(() => program.id),
    /** The instrument id responses carry ("survey_<slug>"); stable across versions. */
    instrumentId: text('instrument_id').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<TProgramSurveyDefinition>().notNull(),
    active: boolean('active').default(true).notNull(),
    createdBy: text('created_by').references(() => user.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('program_survey_org_instrument_version_idx').on(t.organizationId, t.instrumentId, t.version)],
);

/** A self-report invitation: a one-time link or a short kiosk code, answered without an account. */
export const measureAdministration = pgTable(
  'measure_administration',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    instrumentId: text('instrument_id').notNull(),
    instrumentVersion: integer('instrument_version').notNull(),
    respondent: responseRespondentEnum('respondent').notNull(),
    mode: administrationModeEnum('mode').notNull(),
    language: text('language').default('en').notNull(),
    /** SHA-256 of the link token; the token itself is shown once. */
    tokenHash: text('token_hash').unique(),
    /** SHA-256 of the kiosk code (with the organization id), for the short code typed on a shared device. */
    kioskCodeHash: text('kiosk_code_hash'),
    status: administrationStatusEnum('status').default('open').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** The schedule point this invitation answers (baseline, week 12, discharge), when it came from the schedule. */
    scheduleKey: text('schedule_key'),
    failedAttempts: integer('failed_attempts').default(0).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdBy: text('created_by').references(() => user.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('measure_administration_youth_idx').on(t.youthId, t.createdAt),
    index('measure_administration_kiosk_idx').on(t.kioskCodeHash),
    index('measure_administration_open_idx').on(t.organizationId, t.status, t.expiresAt),
  ],
);

/** A stored questionnaire result: answers (or entered scores for licensed forms) and the score computed on save. */
export const measureResponse = pgTable(
  'measure_response',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    instrumentId: text('instrument_id').notNull(),
    instrumentVersion: integer('instrument_version').notNull(),
    respondent: responseRespondentEnum('respondent').notNull(),
    mode: administrationModeEnum('mode').notNull(),
    administrationId: uuid('administration_id').references(() => measureAdministration.id),
    language: text('language').default('en').notNull(),
    administeredOn: date('administered_on', { mode: 'string' }).notNull(),
    scheduleKey: text('schedule_key'),
    /** Item answers by content id; for score entry, the entered scores by field id. */
    answers: jsonb('answers').$type<TAnswers>().notNull(),
    total: numeric('total', { mode: 'number' }),
    subscales: jsonb('subscales').$type<Record<string, { score: number | null; bandId: string | null }>>().notNull(),
    bandId: text('band_id'),
    valid: boolean('valid').notNull(),
    flags: jsonb('flags').$type<TFlag[]>().notNull(),
    /** The youth's own answers: hidden from guardians unless the youth's privacy setting shares them. */
    confidential: boolean('confidential').default(false).notNull(),
    enteredBy: text('entered_by').references(() => user.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('measure_response_youth_instrument_idx').on(t.youthId, t.instrumentId, t.administeredOn),
    index('measure_response_org_date_idx').on(t.organizationId, t.administeredOn),
  ],
);

/** Weekly youth check-in: each domain rated 1 (going well) … 5 (very challenging). */
export const checkIn = pgTable(
  'check_in',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    ratings: jsonb('ratings').$type<Record<string, number>>().notNull(),
    needToTalk: boolean('need_to_talk').default(false).notNull(),
    comment: text('comment'),
    submittedBy: text('submitted_by').references(() => user.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('check_in_youth_idx').on(t.youthId, t.createdAt),
    index('check_in_org_idx').on(t.organizationId, t.createdAt),
  ],
);

/** A youth safety alert: written in the same transaction as what raised it, acknowledged, acted on, closed. */
export const safetyAlert = pgTable(
  'safety_alert',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => program.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    source: alertSourceEnum('source').notNull(),
    /** The response, check-in, contact or flag that raised it. */
    sourceId: uuid('source_id'),
    severity: alertSeverityEnum('severity').notNull(),
    /** Machine codes and item content ids only (e.g. "phq9_teen.thoughts_self_harm=2"); no free text. */
    reasons: text('reasons').array().default(sql`'{}'::text[]`).notNull(),
    status: alertStatusEnum('status').default('open').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    raisedBy: text('raised_by').references(() => user.id),
    /** 0 at raise; each escalation up the chain adds one. */
    escalationLevel: integer('escalation_level').default(0).notNull(),
    /** When an unacknowledged alert escalates next; null once acknowledged or for non-acute alerts. */
    escalateAt: timestamp('escalate_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by').references(() => user.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by').references(() => user.id),
    disposition: alertDispositionEnum('disposition'),
    dispositionNote: text('disposition_note'),
    version: version(),
  },
  (t) => [
    index('safety_alert_org_status_idx').on(t.organizationId, t.status, t.raisedAt),
    index('safety_alert_youth_idx').on(t.youthId, t.raisedAt),
    index('safety_alert_escalate_idx').on(t.escalateAt),
  ],
);

export const safetyAlertAction = pgTable(
  'safety_alert_action',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => safetyAlert.id, { onDelete: 'cascade' }),
    kind: alertActionKindEnum('kind').notNull(),
    note: text('note'),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
    takenBy: text('taken_by')
      .notNull()
      .references(() => user.id),
    createdAt: createdAt(),
  },
  (t) => [index('safety_alert_action_alert_idx').on(t.alertId)],
);

/**
 * One notice of an alert to one person on one channel. Written pending in the alert's transaction; a durable job
 * delivers it (in-app notices are delivered when written), so a crash between commit and send loses nothing.
 */
export const alertNotification = pgTable(
  'alert_notification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => safetyAlert.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id),
    channel: notificationChannelEnum('channel').notNull(),
    reason: notificationReasonEnum('reason').default('raised').notNull(),
    level: integer('level').default(0).notNull(),
    status: text('status').default('pending').notNull(),
    attempts: integer('attempts').default(0).notNull(),
    outboxId: uuid('outbox_id'),
    createdAt: createdAt(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('alert_notification_user_idx').on(t.userId, t.organizationId, t.createdAt),
    index('alert_notification_pending_idx').on(t.status, t.createdAt),
    index('alert_notification_alert_idx').on(t.alertId),
  ],
);

/** A Stanley–Brown safety plan; each save is a new version and earlier versions stay readable. */
export const safetyPlan = pgTable(
  'safety_plan',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    sections: jsonb('sections').$type<Record<TSafetyPlanSection, string[]>>().notNull(),
    /** Reasons for living / what matters most, kept with the plan. */
    reasonsForLiving: text('reasons_for_living'),
    sharedWithYouth: boolean('shared_with_youth').default(false).notNull(),
    sharedWithGuardian: boolean('shared_with_guardian').default(false).notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => user.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('safety_plan_youth_version_idx').on(t.youthId, t.version)],
);

/** A suspected abuse or neglect report (51A): oral report now, written report within 48 hours. */
export const mandatedReport = pgTable(
  'mandated_report',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    kinds: mandatedReportKindEnum('kinds').array().notNull(),
    status: mandatedReportStatusEnum('status').default('oral_reported').notNull(),
    oralReportAt: timestamp('oral_report_at', { withTimezone: true }).notNull(),
    oralReportTo: text('oral_report_to').notNull(),
    /** Reported through the person in charge of the program instead of directly. */
    viaPersonInCharge: boolean('via_person_in_charge').default(false).notNull(),
    writtenDueAt: timestamp('written_due_at', { withTimezone: true }).notNull(),
    writtenFiledAt: timestamp('written_filed_at', { withTimezone: true }),
    agencyReference: text('agency_reference'),
    caregivers: text('caregivers'),
    natureAndExtent: text('nature_and_extent').notNull(),
    priorEvidence: text('prior_evidence'),
    circumstances: text('circumstances').notNull(),
    actionTaken: text('action_taken'),
    suspectedPerpetrator: text('suspected_perpetrator'),
    otherInformation: text('other_information'),
    reporterUserId: text('reporter_user_id')
      .notNull()
      .references(() => user.id),
    supervisorNotifiedAt: timestamp('supervisor_notified_at', { withTimezone: true }),
    remindersSent: integer('reminders_sent').default(0).notNull(),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    index('mandated_report_org_status_idx').on(t.organizationId, t.status, t.writtenDueAt),
    index('mandated_report_youth_idx').on(t.youthId),
  ],
);

/** A youth's flag of their mentor: the match's contact is suspended until a program manager reviews it. */
export const mentorFlag = pgTable(
  'mentor_flag',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => mentorAssignment.id),
    mentorUserId: text('mentor_user_id')
      .notNull()
      .references(() => user.id),
    reason: text('reason'),
    status: mentorFlagStatusEnum('status').default('open').notNull(),
    flaggedBy: text('flagged_by').references(() => user.id),
    createdAt: createdAt(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: text('reviewed_by').references(() => user.id),
    outcome: mentorFlagOutcomeEnum('outcome'),
    reviewNote: text('review_note'),
  },
  (t) => [
    index('mentor_flag_org_status_idx').on(t.organizationId, t.status),
    index('mentor_flag_assignment_idx').on(t.assignmentId),
  ],
);
