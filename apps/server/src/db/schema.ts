import type { TRuleSet } from '@mentorbridge/core';
import {
  CONSENT_KINDS,
  CONSENT_METHODS,
  CONTACT_KINDS,
  CONTACT_STATUSES,
  DEGREE_LEVELS,
  ETHNICITIES,
  GOAL_STATUSES,
  HUB_TYPES,
  LEGAL_AUTHORITIES,
  MATCH_STATUSES,
  NOTE_STATUSES,
  PAYERS,
  PROGRAM_KINDS,
  REFERRAL_STATUSES,
  REVIEW_MODES,
  ROLES,
  YOUTH_STATUSES,
} from '@mentorbridge/core';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { user } from './auth-schema.ts';
import { createdAt, updatedAt, version } from './columns.ts';

export * from './auth-schema.ts';

export const roleEnum = pgEnum('role', ROLES);
export const programKindEnum = pgEnum('program_kind', PROGRAM_KINDS);
export const youthStatusEnum = pgEnum('youth_status', YOUTH_STATUSES);
export const ethnicityEnum = pgEnum('ethnicity', ETHNICITIES);
export const legalAuthorityEnum = pgEnum('legal_authority', LEGAL_AUTHORITIES);
export const payerEnum = pgEnum('payer', PAYERS);
export const degreeLevelEnum = pgEnum('degree_level', DEGREE_LEVELS);
export const hubTypeEnum = pgEnum('hub_type', HUB_TYPES);
export const referralStatusEnum = pgEnum('referral_status', REFERRAL_STATUSES);
export const consentKindEnum = pgEnum('consent_kind', CONSENT_KINDS);
export const consentMethodEnum = pgEnum('consent_method', CONSENT_METHODS);
export const matchStatusEnum = pgEnum('match_status', MATCH_STATUSES);
export const goalStatusEnum = pgEnum('goal_status', GOAL_STATUSES);
export const contactKindEnum = pgEnum('contact_kind', CONTACT_KINDS);
export const contactStatusEnum = pgEnum('contact_status', CONTACT_STATUSES);
export const noteStatusEnum = pgEnum('note_status', NOTE_STATUSES);
export const reviewModeEnum = pgEnum('review_mode', REVIEW_MODES);

export const organization = pgTable('organization', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  timeZone: text('time_zone').default('America/New_York').notNull(),
  /** Roles whose members must use two-factor in this organization. */
  twoFactorRoles: roleEnum('two_factor_roles').array().default(sql`'{}'::role[]`).notNull(),
  /** An unacknowledged acute safety alert escalates after this many minutes, and again each time it passes. */
  acuteEscalationMinutes: integer('acute_escalation_minutes').default(15).notNull(),
  createdAt: createdAt(),
});

export const program = pgTable(
  'program',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    name: text('name').notNull(),
    kind: programKindEnum('kind').notNull(),
    active: boolean('active').default(true).notNull(),
    /** The local mobile crisis (MCI/CBHC) line shown in the crisis panel. */
    mobileCrisisPhone: text('mobile_crisis_phone'),
    /** Weekly check-in domains; the defaults unless the program sets its own. */
    checkInDomains: text('check_in_domains')
      .array()
      .default(sql`'{mood,worries,school,friends_family,sleep,safety}'::text[]`)
      .notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('program_org_idx').on(t.organizationId)],
);

/** One row per role a user holds in an organization; a program-scoped role names its program. */
export const membership = pgTable(
  'membership',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    programId: uuid('program_id').references(() => program.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('membership_unique_idx').on(
      t.organizationId,
      t.userId,
      t.role,
      sql`coalesce(${t.programId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    index('membership_user_idx').on(t.userId, t.organizationId),
  ],
);

export const staffProfile = pgTable(
  'staff_profile',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    title: text('title'),
    languages: text('languages').array().default(sql`'{}'::text[]`).notNull(),
    degreeLevel: degreeLevelEnum('degree_level'),
    capacity: integer('capacity'),
    licenceType: text('licence_type'),
    licenceNumber: text('licence_number'),
    licenceState: text('licence_state'),
    licenceExpiresOn: date('licence_expires_on', { mode: 'string' }),
    /** Designated mandated reporter. */
    mandatedReporter: boolean('mandated_reporter').default(false).notNull(),
    /** Where safety-alert text messages go; no phone, no SMS (the notice is marked skipped). */
    phone: text('phone'),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('staff_profile_org_user_idx').on(t.organizationId, t.userId)],
);

/** Which mentors a supervisor supervises (the supervisor's relationship to youth runs through it). */
export const supervisionAssignment = pgTable(
  'supervision_assignment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    supervisorUserId: text('supervisor_user_id')
      .notNull()
      .references(() => user.id),
    mentorUserId: text('mentor_user_id')
      .notNull()
      .references(() => user.id),
    active: boolean('active').default(true).notNull(),
    /** How this supervisor reviews this mentor's notes. */
    reviewMode: reviewModeEnum('review_mode').default('approve_all').notNull(),
    samplePercent: integer('sample_percent').default(100).notNull(),
    startedAt: createdAt(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('supervision_supervisor_idx').on(t.supervisorUserId, t.organizationId),
    index('supervision_mentor_idx').on(t.mentorUserId),
  ],
);

export const youth = pgTable(
  'youth',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => program.id),
    /** The youth's own account, when they have one. */
    userId: text('user_id').references(() => user.id),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    preferredName: text('preferred_name'),
    pronouns: text('pronouns'),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    genderIdentity: text('gender_identity'),
    races: text('races').array().default(sql`'{}'::text[]`).notNull(),
    raceDeclined: boolean('race_declined').default(false).notNull(),
    ethnicity: ethnicityEnum('ethnicity').default('unknown').notNull(),
    primaryLanguage: text('primary_language'),
    interpreterNeeded: boolean('interpreter_needed').default(false).notNull(),
    school: text('school'),
    grade: text('grade'),
    payer: payerEnum('payer'),
    memberId: text('member_id'),
    phone: text('phone'),
    address: text('address'),
    status: youthStatusEnum('status').default('active').notNull(),
    /** The youth's privacy setting: guardians see the youth's own questionnaire answers only when this is on. */
    shareAnswersWithGuardian: boolean('share_answers_with_guardian').default(false).notNull(),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    createdBy: text('created_by'),
  },
  (t) => [
    index('youth_org_program_idx').on(t.organizationId, t.programId, t.status),
    index('youth_org_last_name_idx').on(t.organizationId, sql`lower(${t.lastName})`),
    index('youth_org_dob_idx').on(t.organizationId, t.dateOfBirth),
    index('youth_user_idx').on(t.userId),
  ],
);

/**
 * The match: a mentor assigned to a youth. Row access runs through it (a mentor reaches the youth of their matches
 * that are not closed; a supervisor those of the mentors they supervise).
 */
export const mentorAssignment = pgTable(
  'mentor_assignment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    mentorUserId: text('mentor_user_id')
      .notNull()
      .references(() => user.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    episodeId: uuid('episode_id'),
    /** False once the match is closed; paused matches keep access. */
    active: boolean('active').default(true).notNull(),
    status: matchStatusEnum('status').default('active').notNull(),
    isPrimary: boolean('is_primary').default(true).notNull(),
    meetingFrequency: text('meeting_frequency'),
    expectedDurationMonths: integer('expected_duration_months'),
    agreementSignedOn: date('agreement_signed_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    closureType: text('closure_type'),
    closureReasons: text('closure_reasons').array().default(sql`'{}'::text[]`).notNull(),
    closureChecklist: text('closure_checklist').array().default(sql`'{}'::text[]`).notNull(),
    closureNote: text('closure_note'),
    /** Set while a youth's flag of this mentor awaits review: the mentor cannot reach the youth. */
    contactSuspendedAt: timestamp('contact_suspended_at', { withTimezone: true }),
    version: version(),
    startedAt: createdAt(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('mentor_assignment_mentor_idx').on(t.mentorUserId, t.active),
    index('mentor_assignment_youth_idx').on(t.youthId),
    // Bench access paths (docs/performance.md): dashboards probe "has an active match" per youth and list an
    // organization's active matches.
    index('mentor_assignment_youth_active_idx').on(t.youthId).where(sql`active`),
    index('mentor_assignment_org_active_idx').on(t.organizationId, t.active),
  ],
);

/** A hub clinician (therapist or care coordinator) on a youth's care team. */
export const youthHubClinician = pgTable(
  'youth_hub_clinician',
  {
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.youthId, t.userId] }), index('youth_hub_clinician_user_idx').on(t.userId)],
);

export const guardian = pgTable(
  'guardian',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    /** The guardian's own account, when they have one. */
    userId: text('user_id').references(() => user.id),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    relationship: text('relationship').notNull(),
    legalAuthority: legalAuthorityEnum('legal_authority').notNull(),
    phone: text('phone'),
    email: text('email'),
    preferredLanguage: text('preferred_language'),
    livesWithYouth: boolean('lives_with_youth').default(true).notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('guardian_youth_idx').on(t.youthId), index('guardian_user_idx').on(t.userId)],
);

export const emergencyContact = pgTable(
  'emergency_contact',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    relationship: text('relationship').notNull(),
    phone: text('phone').notNull(),
    notes: text('notes'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('emergency_contact_youth_idx').on(t.youthId)],
);

/**
 * Append-only, hash-chained: each row's hash covers its content and the previous row's hash in the same chain
 * (one chain per organization; events outside any organization form the global chain).
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    chain: text('chain').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    organizationId: uuid('organization_id'),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: text('actor_user_id'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    youthId: uuid('youth_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().default({}).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_chain_seq_idx').on(t.chain, t.seq),
    index('audit_org_at_idx').on(t.organizationId, t.at),
    index('audit_youth_idx').on(t.youthId, t.at),
    index('audit_actor_idx').on(t.actorUserId, t.at),
  ],
);

export const idempotencyKey = pgTable(
  'idempotency_key',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_created_idx').on(t.createdAt)],
);

export const loginThrottle = pgTable('login_throttle', {
  email: text('email').primaryKey(),
  failures: integer('failures').default(0).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
});

export const invitation = pgTable(
  'invitation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull(),
    programId: uuid('program_id').references(() => program.id),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').references(() => user.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('invitation_org_idx').on(t.organizationId)],
);

export const outboxMessage = pgTable(
  'outbox_message',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id'),
    channel: text('channel').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status').default('pending').notNull(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbox_status_idx').on(t.status, t.createdAt)],
);

// ---------------------------------------------------------------------------------------------------------------
// The therapeutic mentoring workflow: rule sets, hub services, referral → episode → consent → match → goals →
// contacts and notes → review → supervision → hub coordination → discharge.

/** A version of a program's rules; records keep the version in force when they were made. */
export const programRuleSet = pgTable(
  'program_rule_set',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => program.id),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    preset: text('preset'),
    rules: jsonb('rules').$type<TRuleSet>().notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('program_rule_set_version_idx').on(t.programId, t.version)],
);

export const hubService = pgTable(
  'hub_service',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    type: hubTypeEnum('type').notNull(),
    agency: text('agency').notNull(),
    clinicianName: text('clinician_name').notNull(),
    /** The hub clinician's Mentorbridge account, when they have one. */
    clinicianUserId: text('clinician_user_id').references(() => user.id),
    phone: text('phone'),
    email: text('email'),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    coordinating: boolean('coordinating').default(false).notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('hub_service_youth_idx').on(t.youthId)],
);

export const referral = pgTable(
  'referral',
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
    hubServiceId: uuid('hub_service_id').references(() => hubService.id),
    referredByUserId: text('referred_by_user_id').references(() => user.id),
    referringClinicianName: text('referring_clinician_name').notNull(),
    referringAgency: text('referring_agency').notNull(),
    hubType: hubTypeEnum('hub_type').notNull(),
    reason: text('reason').notNull(),
    /** The hub plan goals TM is to work on: [{ text, planGoalId, planType, planDate }]. */
    planGoals: jsonb('plan_goals')
      .$type<{ text: string; planGoalId: string | null; planType: string; planDate: string | null }[]>()
      .default([])
      .notNull(),
    lastAssessmentOn: date('last_assessment_on', { mode: 'string' }),
    lastCansOn: date('last_cans_on', { mode: 'string' }),
    status: referralStatusEnum('status').default('received').notNull(),
    priority: integer('priority'),
    declineReason: text('decline_reason'),
    statusNote: text('status_note'),
    receivedAt: timestamp('received_at', { withTimezone: true }).defaultNow().notNull(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).defaultNow().notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('referral_org_status_idx').on(t.organizationId, t.status, t.receivedAt),
    index('referral_youth_idx').on(t.youthId),
    index('referral_referred_by_idx').on(t.referredByUserId),
  ],
);

export const attachment = pgTable(
  'attachment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    referralId: uuid('referral_id').references(() => referral.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    documentDate: date('document_date', { mode: 'string' }),
    uploadedBy: text('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('attachment_youth_idx').on(t.youthId), index('attachment_referral_idx').on(t.referralId)],
);

/** One period of service for a youth in a program, from admission to discharge. */
export const episode = pgTable(
  'episode',
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
    referralId: uuid('referral_id').references(() => referral.id),
    ruleSetId: uuid('rule_set_id')
      .notNull()
      .references(() => programRuleSet.id),
    status: text('status').default('open').notNull(),
    admittedOn: date('admitted_on', { mode: 'string' }).notNull(),
    livingSituation: text('living_situation'),
    admissionCriteria: text('admission_criteria').array().default(sql`'{}'::text[]`).notNull(),
    exclusionCriteria: text('exclusion_criteria').array().default(sql`'{}'::text[]`).notNull(),
    eligibility: jsonb('eligibility')
      .$type<{ eligible: boolean; findings: { code: string; met: boolean; detail: string }[] }>()
      .notNull(),
    eligibilityDecidedBy: text('eligibility_decided_by'),
    eligibilityDecidedAt: timestamp('eligibility_decided_at', { withTimezone: true }),
    dischargedOn: date('discharged_on', { mode: 'string' }),
    discharge: jsonb('discharge').$type<Record<string, unknown>>(),
    dischargedBy: text('discharged_by'),
    retentionUntil: date('retention_until', { mode: 'string' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('episode_youth_idx').on(t.youthId),
    index('episode_org_status_idx').on(t.organizationId, t.status),
    // "Has an open episode" per youth on the compliance board.
    index('episode_youth_open_idx').on(t.youthId).where(sql`status = 'open'`),
  ],
);

export const consent = pgTable(
  'consent',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    episodeId: uuid('episode_id')
      .notNull()
      .references(() => episode.id, { onDelete: 'cascade' }),
    kind: consentKindEnum('kind').notNull(),
    guardianId: uuid('guardian_id').references(() => guardian.id),
    givenByName: text('given_by_name').notNull(),
    legalBasis: text('legal_basis'),
    method: consentMethodEnum('method').notNull(),
    typedName: text('typed_name'),
    attachmentId: uuid('attachment_id').references(() => attachment.id),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    recipient: text('recipient'),
    scope: text('scope'),
    expiresOn: date('expires_on', { mode: 'string' }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnReason: text('withdrawn_reason'),
    recordedBy: text('recorded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('consent_episode_idx').on(t.episodeId)],
);

/** A dated record that a mentor may practise (screening and pre-match training done), and who said so. */
export const mentorClearance = pgTable(
  'mentor_clearance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    mentorUserId: text('mentor_user_id')
      .notNull()
      .references(() => user.id),
    clearedOn: date('cleared_on', { mode: 'string' }).notNull(),
    clearedBy: text('cleared_by'),
    note: text('note'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('mentor_clearance_mentor_idx').on(t.organizationId, t.mentorUserId)],
);

export const goal = pgTable(
  'goal',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    episodeId: uuid('episode_id')
      .notNull()
      .references(() => episode.id, { onDelete: 'cascade' }),
    hubPlanGoal: text('hub_plan_goal').notNull(),
    hubPlanGoalId: text('hub_plan_goal_id'),
    planType: text('plan_type').notNull(),
    planDate: date('plan_date', { mode: 'string' }),
    familyAgreed: boolean('family_agreed').default(false).notNull(),
    /** The hub clinician who owns the goal (sees its progress). */
    ownerUserId: text('owner_user_id').references(() => user.id),
    title: text('title').notNull(),
    specific: text('specific'),
    measurable: text('measurable'),
    achievable: text('achievable'),
    relevant: text('relevant'),
    targetDate: date('target_date', { mode: 'string' }),
    /** Goal Attainment Scale: descriptions for levels -2..+2. */
    gasLevels: jsonb('gas_levels').$type<Record<string, string>>(),
    weight: integer('weight').default(1).notNull(),
    status: goalStatusEnum('status').default('active').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('goal_youth_idx').on(t.youthId), index('goal_episode_idx').on(t.episodeId)],
);

export const goalProgress = pgTable(
  'goal_progress',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => goal.id, { onDelete: 'cascade' }),
    ratedOn: date('rated_on', { mode: 'string' }).notNull(),
    /** GAS level -2..+2. */
    level: integer('level').notNull(),
    note: text('note'),
    ratedBy: text('rated_by'),
    createdAt: createdAt(),
  },
  (t) => [index('goal_progress_goal_idx').on(t.goalId, t.ratedOn)],
);

export const contactSeries = pgTable('contact_series', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organization.id),
  youthId: uuid('youth_id')
    .notNull()
    .references(() => youth.id, { onDelete: 'cascade' }),
  mentorUserId: text('mentor_user_id')
    .notNull()
    .references(() => user.id),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }),
  startTime: text('start_time').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  setting: text('setting'),
  createdAt: createdAt(),
});

/** A scheduled or documented contact (session or collateral) and its note. */
export const contact = pgTable(
  'contact',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    episodeId: uuid('episode_id').references(() => episode.id),
    mentorUserId: text('mentor_user_id')
      .notNull()
      .references(() => user.id),
    seriesId: uuid('series_id').references(() => contactSeries.id),
    kind: contactKindEnum('kind').default('session').notNull(),
    collateralWith: text('collateral_with'),
    status: contactStatusEnum('status').default('scheduled').notNull(),
    statusReason: text('status_reason'),
    date: date('date', { mode: 'string' }).notNull(),
    startTime: text('start_time'),
    endTime: text('end_time'),
    setting: text('setting'),
    modality: text('modality'),
    participants: text('participants'),
    goalIds: uuid('goal_ids').array().default(sql`'{}'::uuid[]`).notNull(),
    activities: text('activities').array().default(sql`'{}'::text[]`).notNull(),
    skills: text('skills').array().default(sql`'{}'::text[]`).notNull(),
    youthResponse: text('youth_response'),
    plan: text('plan'),
    safetyConcern: boolean('safety_concern'),
    safetyDetail: text('safety_detail'),
    mileage: integer('mileage'),
    noteStatus: noteStatusEnum('note_status').default('draft').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signedBy: text('signed_by'),
    signedLate: boolean('signed_late').default(false).notNull(),
    /** Whether the signed note passed every gate for a billable TM contact. */
    billable: boolean('billable').default(false).notNull(),
    billingUnits: integer('billing_units').default(0).notNull(),
    ruleSetId: uuid('rule_set_id').references(() => programRuleSet.id),
    reviewRequired: text('review_required'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: text('reviewed_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('contact_youth_date_idx').on(t.youthId, t.date),
    // The caregiver-contact timer reads collateral contacts only, a small share of all contacts.
    index('contact_collateral_idx').on(t.youthId, t.date).where(sql`kind = 'collateral'`),
    index('contact_mentor_date_idx').on(t.mentorUserId, t.date),
    index('contact_org_note_status_idx').on(t.organizationId, t.noteStatus, t.signedAt),
    // The review queue: a supervisor's supervisees' youth, only the notes that wait for a review.
    index('contact_awaiting_review_idx')
      .on(t.youthId, t.signedAt)
      .where(sql`note_status = 'signed' and review_required is not null`),
  ],
);

/** Each signature of a note keeps what was signed, so returns and revisions leave their history. */
export const noteRevision = pgTable(
  'note_revision',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    signedBy: text('signed_by').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('note_revision_idx').on(t.contactId, t.revision)],
);

export const noteReview = pgTable(
  'note_review',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    reviewerUserId: text('reviewer_user_id').notNull(),
    action: text('action').notNull(),
    comment: text('comment'),
    attestation: text('attestation'),
    credentials: text('credentials'),
    createdAt: createdAt(),
  },
  (t) => [index('note_review_contact_idx').on(t.contactId)],
);

export const noteAddendum = pgTable(
  'note_addendum',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    authorUserId: text('author_user_id').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('note_addendum_contact_idx').on(t.contactId)],
);

export const supervisionSession = pgTable(
  'supervision_session',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    supervisorUserId: text('supervisor_user_id')
      .notNull()
      .references(() => user.id),
    superviseeUserIds: text('supervisee_user_ids').array().notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull(),
    format: text('format').notNull(),
    remote: boolean('remote').default(false).notNull(),
    topics: text('topics'),
    youthDiscussed: uuid('youth_discussed').array().default(sql`'{}'::uuid[]`).notNull(),
    actions: text('actions'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signatureCredentials: text('signature_credentials'),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    index('supervision_session_supervisor_idx').on(t.supervisorUserId, t.date),
    // The supervision timer looks sessions up by supervisee (`supervisee_user_ids @> array[mentor]`).
    index('supervision_session_supervisees_idx').using('gin', t.superviseeUserIds),
  ],
);

export const hubContact = pgTable(
  'hub_contact',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    youthId: uuid('youth_id')
      .notNull()
      .references(() => youth.id, { onDelete: 'cascade' }),
    hubServiceId: uuid('hub_service_id').references(() => hubService.id),
    contactOn: date('contact_on', { mode: 'string' }).notNull(),
    mode: text('mode').notNull(),
    participants: text('participants'),
    summary: text('summary').notNull(),
    goalIds: uuid('goal_ids').array().default(sql`'{}'::uuid[]`).notNull(),
    durationMinutes: integer('duration_minutes'),
    loggedBy: text('logged_by'),
    createdAt: createdAt(),
  },
  (t) => [index('hub_contact_youth_idx').on(t.youthId, t.contactOn)],
);

export * from './schema-measures.ts';
