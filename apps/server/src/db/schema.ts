import {
  DEGREE_LEVELS,
  ETHNICITIES,
  LEGAL_AUTHORITIES,
  PAYERS,
  PROGRAM_KINDS,
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

export * from './auth-schema.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).defaultNow().notNull();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).defaultNow().notNull();
const version = () => integer('version').default(1).notNull();

export const roleEnum = pgEnum('role', ROLES);
export const programKindEnum = pgEnum('program_kind', PROGRAM_KINDS);
export const youthStatusEnum = pgEnum('youth_status', YOUTH_STATUSES);
export const ethnicityEnum = pgEnum('ethnicity', ETHNICITIES);
export const legalAuthorityEnum = pgEnum('legal_authority', LEGAL_AUTHORITIES);
export const payerEnum = pgEnum('payer', PAYERS);
export const degreeLevelEnum = pgEnum('degree_level', DEGREE_LEVELS);

export const organization = pgTable('organization', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  timeZone: text('time_zone').default('America/New_York').notNull(),
  /** Roles whose members must use two-factor in this organization. */
  twoFactorRoles: roleEnum('two_factor_roles').array().default(sql`'{}'::role[]`).notNull(),
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

/** Mentor ↔ youth assignment (the match, in its simplest form). */
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
    active: boolean('active').default(true).notNull(),
    startedAt: createdAt(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('mentor_assignment_mentor_idx').on(t.mentorUserId, t.active),
    index('mentor_assignment_youth_idx').on(t.youthId),
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
