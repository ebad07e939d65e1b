import type { TRole } from '@mentorbridge/core';

/**
 * THE access policy. Who may take each action, by role and by the relationship between the actor and the record.
 * Every route names one of these actions; queries are scoped by the relationship (see scopes.ts). Anything not
 * listed is denied. A change here changes who can reach children's records: review it as such.
 *
 * Relationships:
 * - organization — any record in the actor's active organization;
 * - program — records in the programs the role is scoped to (a role with no program covers all programs);
 * - supervisees — youth actively assigned to a mentor the actor supervises;
 * - caseload — youth actively assigned to the actor as mentor;
 * - referred — youth whose care team lists the actor as hub clinician;
 * - own_child — youth the actor is a guardian of;
 * - self — the actor's own record.
 */
export type Relationship = 'organization' | 'program' | 'supervisees' | 'caseload' | 'referred' | 'own_child' | 'self';

type Rule = Partial<Record<TRole, Relationship>>;

const YOUTH_READERS: Rule = {
  org_admin: 'organization',
  program_manager: 'program',
  supervisor: 'supervisees',
  mentor: 'caseload',
  hub_clinician: 'referred',
  guardian: 'own_child',
  youth: 'self',
};
const YOUTH_EDITORS: Rule = { org_admin: 'organization', program_manager: 'program', supervisor: 'supervisees' };
const STAFF_MANAGERS: Rule = { org_admin: 'organization', program_manager: 'organization' };
/** Staff who work a youth's case. */
const CASE_STAFF: Rule = {
  org_admin: 'organization',
  program_manager: 'program',
  supervisor: 'supervisees',
  mentor: 'caseload',
};
const CASE_TEAM: Rule = { ...CASE_STAFF, hub_clinician: 'referred' };
const PROGRAM_MANAGERS: Rule = { org_admin: 'organization', program_manager: 'program' };
const ALL_STAFF: Rule = {
  org_admin: 'organization',
  program_manager: 'organization',
  supervisor: 'organization',
  mentor: 'organization',
  hub_clinician: 'organization',
};

export const POLICY = {
  'program.list': {
    org_admin: 'organization',
    program_manager: 'organization',
    supervisor: 'organization',
    mentor: 'organization',
    hub_clinician: 'organization',
  },
  'youth.list': YOUTH_READERS,
  'youth.read': YOUTH_READERS,
  'youth.create': { org_admin: 'organization', program_manager: 'program' },
  'youth.update': YOUTH_EDITORS,
  'youth.deactivate': { org_admin: 'organization', program_manager: 'program' },
  'youth.export': { org_admin: 'organization' },
  'youth.delete': { org_admin: 'organization' },
  'youth.access_log': { org_admin: 'organization' },
  'guardian.read': YOUTH_READERS,
  'guardian.write': YOUTH_EDITORS,
  'emergency_contact.read': YOUTH_READERS,
  'emergency_contact.write': YOUTH_EDITORS,
  'staff.list': {
    org_admin: 'organization',
    program_manager: 'organization',
    supervisor: 'organization',
    mentor: 'self',
    hub_clinician: 'self',
  },
  'staff.read': {
    org_admin: 'organization',
    program_manager: 'organization',
    supervisor: 'organization',
    mentor: 'self',
    hub_clinician: 'self',
  },
  'staff.update': STAFF_MANAGERS,
  'member.list': { org_admin: 'organization' },
  'member.invite': { org_admin: 'organization' },
  'audit.read': { org_admin: 'organization' },

  // The therapeutic mentoring workflow.
  'rule_set.read': ALL_STAFF,
  'rule_set.write': PROGRAM_MANAGERS,
  'mentor_clearance.write': STAFF_MANAGERS,
  'hub_service.read': { ...CASE_TEAM, guardian: 'own_child' },
  'hub_service.write': { ...PROGRAM_MANAGERS, supervisor: 'supervisees' },
  'referral.list': { ...PROGRAM_MANAGERS, hub_clinician: 'referred' },
  'referral.read': { ...PROGRAM_MANAGERS, hub_clinician: 'referred' },
  'referral.create': { ...PROGRAM_MANAGERS, hub_clinician: 'organization' },
  'referral.screen': PROGRAM_MANAGERS,
  'referral.attach': { ...PROGRAM_MANAGERS, hub_clinician: 'referred' },
  'attachment.read': CASE_TEAM,
  'episode.read': CASE_TEAM,
  'episode.manage': PROGRAM_MANAGERS,
  'consent.write': PROGRAM_MANAGERS,
  'match.read': CASE_TEAM,
  'match.write': PROGRAM_MANAGERS,
  'goal.read': { ...CASE_TEAM, guardian: 'own_child', youth: 'self' },
  'goal.write': { ...PROGRAM_MANAGERS, supervisor: 'supervisees' },
  'goal.progress': CASE_STAFF,
  'contact.read': CASE_STAFF,
  'contact.write': CASE_STAFF,
  'note.review': { supervisor: 'supervisees' },
  'review_mode.write': { org_admin: 'organization', program_manager: 'organization', supervisor: 'self' },
  'hub_contact.read': CASE_TEAM,
  'hub_contact.write': CASE_STAFF,
  'supervision.read': { org_admin: 'organization', program_manager: 'organization', supervisor: 'self', mentor: 'self' },
  'supervision.write': { supervisor: 'self' },
  'dashboard.mentor': { mentor: 'self' },
  'dashboard.supervisor': { supervisor: 'self' },
  'dashboard.program': PROGRAM_MANAGERS,
  'skills.read': ALL_STAFF,

  // Youth safety: weekly check-ins, safety plans and crisis resources, mandated reports (R-5.14–5.17),
  // flag my mentor. Guardians never see mandated reports; hub clinicians neither.
  'youth_home.read': { youth: 'self' },
  'check_in.submit': { youth: 'self', mentor: 'caseload' },
  /** Guardians see ratings, never the youth's comment. */
  'check_in.read': { ...CASE_TEAM, guardian: 'own_child', youth: 'self' },
  /** The youth's comment is confidential from guardians. */
  'check_in.read_comment': { ...CASE_TEAM, youth: 'self' },
  'check_in.aggregate': PROGRAM_MANAGERS,
  'program_safety.read': ALL_STAFF,
  'program_safety.write': PROGRAM_MANAGERS,
  'crisis_resources.read': YOUTH_READERS,
  /** The youth and guardians read only a version shared with them; the service decides. */
  'safety_plan.read': { ...CASE_TEAM, guardian: 'own_child', youth: 'self' },
  'safety_plan.history': CASE_TEAM,
  'safety_plan.write': CASE_STAFF,
  'mandated_report.create': CASE_STAFF,
  'mandated_report.read': CASE_STAFF,
  'mandated_report.update': CASE_STAFF,
  'mandated_report.close': { ...PROGRAM_MANAGERS, supervisor: 'supervisees' },
  'mandated_report.list': PROGRAM_MANAGERS,
  'mentor_flag.create': { youth: 'self' },
  'mentor_flag.read': PROGRAM_MANAGERS,
  'mentor_flag.review': PROGRAM_MANAGERS,
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

/** The relationships through which an actor holding `roles` may take `action`. */
export const relationshipsFor = (action: Action, roles: readonly TRole[]): Relationship[] => {
  const rule: Rule = POLICY[action];
  const out = new Set<Relationship>();
  for (const role of roles) {
    const rel = rule[role];
    if (rel) out.add(rel);
  }
  return [...out];
};

/** Whether any of the roles may take the action on some record (the coarse, record-free check). */
export const mayEver = (action: Action, roles: readonly TRole[]) => relationshipsFor(action, roles).length > 0;
