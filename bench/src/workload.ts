import type pg from 'pg';
import { Rng } from './rng.ts';

/** Who the bench signs in as, and the records each of them works on (read from the loaded data set). */
export type BenchUser = {
  email: string;
  role: 'mentor' | 'supervisor' | 'program_manager' | 'org_admin';
  organizationId: string;
  cookie?: string;
  youthIds: string[];
  goalIds: string[];
  /** Complete draft notes, ready to sign: consumed one by one. */
  drafts: { id: string; version: number }[];
  /** Signed notes awaiting this supervisor's approval: consumed one by one. */
  pending: { id: string; version: number }[];
};

export type Workload = {
  mentors: BenchUser[];
  supervisors: BenchUser[];
  managers: BenchUser[];
  /** The administrator of the largest organization (5,000 youth at `state`), for the compliance board. */
  bigOrgAdmin: BenchUser;
  youthIds: string[];
};

const sample = <T>(rng: Rng, items: T[], n: number): T[] => {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
};

/** Picks the bench users (deterministically) and loads what each one's requests will touch. */
export const loadWorkload = async (
  db: pg.Pool,
  counts: { mentors: number; supervisors: number; managers: number },
): Promise<Workload> => {
  const rng = new Rng(7);
  const people = (
    await db.query<{ email: string; role: BenchUser['role']; org: string; user_id: string }>(
      `select u.email, m.role, m.organization_id as org, u.id as user_id
         from membership m join "user" u on u.id = m.user_id
        where u.email like '%@bench.mentorbridge.org' order by u.email`,
    )
  ).rows;
  const byRole = (role: string) => people.filter((p) => p.role === role);
  const pick = (role: string, n: number) => sample(rng, byRole(role), n);
  const mentors = pick('mentor', counts.mentors);
  const supervisors = pick('supervisor', counts.supervisors);
  const managers = pick('program_manager', counts.managers);
  const [bigOrg] = (await db.query<{ org: string }>(`select organization_id as org from youth group by 1 order by count(*) desc limit 1`)).rows;
  const admin = people.find((p) => p.role === 'org_admin' && p.org === bigOrg!.org)!;

  const mentorIds = mentors.map((m) => m.user_id);
  const caseload = (
    await db.query<{ mentor: string; youth: string; goal: string | null }>(
      `select a.mentor_user_id as mentor, a.youth_id as youth,
              (select g.id from goal g where g.youth_id = a.youth_id order by g.id limit 1) as goal
         from mentor_assignment a where a.active and a.mentor_user_id = any($1)`,
      [mentorIds],
    )
  ).rows;
  const drafts = (
    await db.query<{ mentor: string; id: string; version: number }>(
      `select mentor_user_id as mentor, id, version from contact
        where mentor_user_id = any($1) and note_status = 'draft' and youth_response is not null and date < current_date`,
      [mentorIds],
    )
  ).rows;
  const pending = (
    await db.query<{ supervisor: string; id: string; version: number }>(
      `select s.supervisor_user_id as supervisor, c.id, c.version
         from contact c join supervision_assignment s on s.mentor_user_id = c.mentor_user_id and s.active
        where s.supervisor_user_id = any($1) and c.note_status = 'signed' and c.review_required = 'approve'`,
      [supervisors.map((s) => s.user_id)],
    )
  ).rows;
  const user = (p: (typeof people)[number]): BenchUser => ({
    email: p.email,
    role: p.role,
    organizationId: p.org,
    youthIds: caseload.filter((c) => c.mentor === p.user_id).map((c) => c.youth),
    goalIds: caseload.filter((c) => c.mentor === p.user_id && c.goal).map((c) => c.goal!),
    drafts: drafts.filter((d) => d.mentor === p.user_id).map(({ id, version }) => ({ id, version })),
    pending: pending.filter((d) => d.supervisor === p.user_id).map(({ id, version }) => ({ id, version })),
  });
  return {
    mentors: mentors.map(user).filter((m) => m.youthIds.length > 0),
    supervisors: supervisors.map(user),
    managers: managers.map(user),
    bigOrgAdmin: user(admin),
    youthIds: caseload.map((c) => c.youth),
  };
};
