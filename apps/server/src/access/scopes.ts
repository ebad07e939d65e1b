import type { TRole } from '@mentorbridge/core';
import { and, eq, or, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { guardian, mentorAssignment, supervisionAssignment, youth, youthHubClinician } from '../db/schema.ts';
import type { Actor } from './context.ts';
import { type Action, POLICY, type Relationship } from './policy.ts';

const FALSE = sql`false`;

/**
 * The youth rows `actor` may take `action` on, as a where-clause. Always confined to the active organization;
 * `false` when no role allows the action. This is the single place row access to youth is decided: every query
 * that touches a youth record or anything hanging off one goes through it.
 */
export const youthScope = (actor: ScopeActor, action: Action): SQL => {
  const rule: Partial<Record<string, Relationship>> = POLICY[action];
  const clauses: SQL[] = [];
  for (const { role, programId } of actor.roles) {
    const rel = rule[role];
    if (!rel) continue;
    const clause = relationshipClause(actor, rel, programId);
    if (clause) clauses.push(clause);
  }
  if (clauses.length === 0) return FALSE;
  return and(eq(youth.organizationId, actor.organizationId), or(...clauses))!;
};

/**
 * What a scope is built from. Placeholders in place of the values give the same SQL text for every actor with the
 * same roles, so the query can be prepared once (see `findYouthFor`).
 */
export type ScopeActor = {
  userId: string | Placeholder;
  organizationId: string | Placeholder;
  roles: { role: TRole; programId: string | null | Placeholder }[];
};

const relationshipClause = (
  actor: ScopeActor,
  rel: Relationship,
  programId: string | null | Placeholder,
): SQL | undefined => {
  switch (rel) {
    case 'organization':
      return sql`true`;
    case 'program':
      return programId ? eq(youth.programId, programId) : sql`true`;
    case 'caseload':
      // A match whose contact is suspended (the youth flagged the mentor, R-3.9) gives no reach until reviewed.
      return sql`exists (select 1 from ${mentorAssignment} where ${mentorAssignment.youthId} = ${youth.id} and ${mentorAssignment.mentorUserId} = ${actor.userId} and ${mentorAssignment.active} and ${mentorAssignment.contactSuspendedAt} is null)`;
    case 'supervisees':
      return sql`exists (select 1 from ${mentorAssignment} join ${supervisionAssignment} on ${supervisionAssignment.mentorUserId} = ${mentorAssignment.mentorUserId} and ${supervisionAssignment.active} and ${supervisionAssignment.organizationId} = ${actor.organizationId} where ${mentorAssignment.youthId} = ${youth.id} and ${mentorAssignment.active} and ${supervisionAssignment.supervisorUserId} = ${actor.userId})`;
    case 'referred':
      return sql`exists (select 1 from ${youthHubClinician} where ${youthHubClinician.youthId} = ${youth.id} and ${youthHubClinician.userId} = ${actor.userId})`;
    case 'own_child':
      return sql`exists (select 1 from ${guardian} where ${guardian.youthId} = ${youth.id} and ${guardian.userId} = ${actor.userId})`;
    case 'self':
      return eq(youth.userId, actor.userId);
    default:
      return undefined;
  }
};

/** Staff records are per user within the organization: either everyone's, or only the actor's own. */
export const staffScope = (actor: Actor, action: Action): { all: boolean; self: boolean } => {
  const rule: Partial<Record<string, Relationship>> = POLICY[action];
  let all = false;
  let self = false;
  for (const { role } of actor.roles) {
    const rel = rule[role];
    if (rel === 'organization' || rel === 'program') all = true;
    if (rel === 'self') self = true;
  }
  return { all, self };
};

/** Programs an actor's program-scoped role covers (null: every program of the organization). */
export const programsFor = (actor: Actor, action: Action): string[] | null => {
  const rule: Partial<Record<string, Relationship>> = POLICY[action];
  const ids: string[] = [];
  for (const { role, programId } of actor.roles) {
    const rel = rule[role];
    if (rel === 'organization' || (rel === 'program' && !programId)) return null;
    if (rel === 'program' && programId) ids.push(programId);
  }
  return ids;
};
