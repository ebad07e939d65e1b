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
