/**
 * The synthetic data set: organizations with programs, staff, youth and a year or more of their care, written
 * with COPY. Deterministic from (seed, scale, anchor day): run it twice and the rows are the same.
 *
 *   npm run bench:data -- --scale small|state [--engine postgres|pglite] [--seed 42] [--today 2026-03-02]
 */
import { scoreInstrument, RULE_SET_PRESETS, GAD7, PSC17, type TInstrumentDefinition } from '@mentorbridge/core';
import { hashPassword } from 'better-auth/crypto';
import { GENESIS_HASH, hashEvent } from '../../apps/server/src/audit/hash.ts';
import { type CopyTarget, type CopyValue, json, type TableCopy } from './copy-sink.ts';
import { IdSource, Rng } from './rng.ts';

export const BENCH_PASSWORD = 'Mentorbridge-bench-1';
export const BENCH_EMAIL_DOMAIN = 'bench.mentorbridge.org';

export type Scale = {
  name: 'small' | 'state';
  youthPerOrg: number[];
  /** Weeks of history an active youth has, drawn uniformly from this range (weekly contacts). */
  activeWeeks: [number, number];
};

export const SCALES: Record<'small' | 'state', Scale> = {
  small: { name: 'small', youthPerOrg: [500], activeWeeks: [8, 79] },
  // One organization of 5,000 youth (the compliance-board target), the rest spread over 99 agencies.
  state: {
    name: 'state',
    youthPerOrg: [5000, ...Array.from({ length: 99 }, (_, i) => (i < 45 ? 455 : 454))],
    activeWeeks: [8, 79],
  },
};

const DAY = 86_400_000;
const dayNum = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoDay = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
/** A wall-clock time in New York as an instant (EST/EDT by a fixed 5 hours is close enough for synthetic data). */
const at = (day: number, hhmm: string, plusMinutes = 0) =>
  new Date(day * DAY + (Number(hhmm.slice(0, 2)) + 5) * 3600_000 + (Number(hhmm.slice(3)) + plusMinutes) * 60_000);

const FIRST = ['Ava', 'Liam', 'Mia', 'Noah', 'Sofia', 'Mateo', 'Isabella', 'Elijah', 'Camila', 'Lucas', 'Aaliyah', 'Jayden', 'Zoe', 'Kai', 'Maya', 'Diego', 'Layla', 'Ethan', 'Nia', 'Omar'];
const LAST = ['Garcia', 'Smith', 'Nguyen', 'Johnson', 'Rodriguez', 'Brown', 'Lopez', 'Williams', 'Pereira', 'Jones', 'Santos', 'Davis', 'Martinez', 'Miller', 'Rivera', 'Wilson', 'Tran', 'Moore', 'Baptiste', 'Taylor'];
const SETTINGS = ['home', 'school', 'community'];
const ACTIVITIES = ['anticipatory_guidance', 'teaching_alternative_strategies', 'role_play', 'skill_acquisition_in_community'];
const SKILLS = ['psychoeducation', 'behavioral_activation', 'problem_solving', 'relaxation'];
const SLOTS: [string, string][] = [['15:00', '16:00'], ['16:00', '17:00'], ['17:00', '18:00'], ['10:00', '11:00']];
const REFERRAL_WAITING = ['received', 'screening', 'accepted', 'waitlisted', 'declined'] as const;

type AuditRow = {
  at: Date;
  actorUserId: string | null;
  action: string;
  resourceType: string;
  resourceId: string;
  youthId: string | null;
  detail: Record<string, unknown>;
};

export type GenerateResult = { rows: Record<string, number>; users: number; orgs: number };

/** Column lists of every table the generator writes; the rest take their defaults. */
const TABLES: Record<string, string[]> = {
  user: ['id', 'name', 'email', 'email_verified', 'two_factor_enabled', 'created_at', 'updated_at'],
  account: ['id', 'account_id', 'provider_id', 'user_id', 'password', 'created_at', 'updated_at'],
  organization: ['id', 'name', 'slug', 'time_zone', 'created_at'],
  program: ['id', 'organization_id', 'name', 'kind', 'active', 'created_at'],
  program_rule_set: ['id', 'organization_id', 'program_id', 'version', 'effective_from', 'preset', 'rules', 'created_at'],
  membership: ['id', 'organization_id', 'user_id', 'role', 'program_id', 'created_at'],
  staff_profile: ['id', 'organization_id', 'user_id', 'title', 'degree_level', 'capacity', 'licence_type', 'licence_number', 'licence_state', 'licence_expires_on'],
  supervision_assignment: ['id', 'organization_id', 'supervisor_user_id', 'mentor_user_id', 'active', 'review_mode', 'sample_percent', 'created_at'],
  mentor_clearance: ['id', 'organization_id', 'mentor_user_id', 'cleared_on', 'cleared_by', 'created_at'],
  youth: ['id', 'organization_id', 'program_id', 'first_name', 'last_name', 'date_of_birth', 'races', 'ethnicity', 'primary_language', 'school', 'grade', 'payer', 'member_id', 'status', 'deactivated_at', 'created_at', 'updated_at', 'created_by'],
  guardian: ['id', 'organization_id', 'youth_id', 'first_name', 'last_name', 'relationship', 'legal_authority', 'phone', 'created_at', 'updated_at'],
  hub_service: ['id', 'organization_id', 'youth_id', 'type', 'agency', 'clinician_name', 'started_on', 'ended_on', 'coordinating', 'created_at', 'updated_at'],
  referral: ['id', 'organization_id', 'program_id', 'youth_id', 'hub_service_id', 'referring_clinician_name', 'referring_agency', 'hub_type', 'reason', 'plan_goals', 'status', 'decline_reason', 'received_at', 'status_changed_at', 'created_at', 'updated_at'],
  episode: ['id', 'organization_id', 'program_id', 'youth_id', 'referral_id', 'rule_set_id', 'status', 'admitted_on', 'eligibility', 'eligibility_decided_by', 'eligibility_decided_at', 'discharged_on', 'discharge', 'discharged_by', 'retention_until', 'created_at', 'updated_at'],
  consent: ['id', 'organization_id', 'youth_id', 'episode_id', 'kind', 'guardian_id', 'given_by_name', 'legal_basis', 'method', 'given_on', 'recorded_by', 'created_at'],
  mentor_assignment: ['id', 'organization_id', 'mentor_user_id', 'youth_id', 'episode_id', 'active', 'status', 'is_primary', 'meeting_frequency', 'agreement_signed_on', 'closed_on', 'closure_type', 'created_at', 'ended_at'],
  goal: ['id', 'organization_id', 'youth_id', 'episode_id', 'hub_plan_goal', 'plan_type', 'family_agreed', 'title', 'status', 'created_at', 'updated_at'],
  contact: ['id', 'organization_id', 'youth_id', 'episode_id', 'mentor_user_id', 'kind', 'status', 'status_reason', 'date', 'start_time', 'end_time', 'setting', 'modality', 'goal_ids', 'activities', 'skills', 'youth_response', 'plan', 'safety_concern', 'note_status', 'signed_at', 'signed_by', 'signed_late', 'billable', 'billing_units', 'rule_set_id', 'review_required', 'reviewed_at', 'reviewed_by', 'version', 'created_at', 'updated_at'],
  note_revision: ['id', 'organization_id', 'contact_id', 'revision', 'content', 'signed_by', 'signed_at'],
  note_review: ['id', 'organization_id', 'contact_id', 'revision', 'reviewer_user_id', 'action', 'created_at'],
  supervision_session: ['id', 'organization_id', 'supervisor_user_id', 'supervisee_user_ids', 'date', 'minutes', 'format', 'remote', 'signed_at', 'signature_credentials', 'created_at'],
  hub_contact: ['id', 'organization_id', 'youth_id', 'contact_on', 'mode', 'summary', 'duration_minutes', 'logged_by', 'created_at'],
  measure_response: ['id', 'organization_id', 'youth_id', 'instrument_id', 'instrument_version', 'respondent', 'mode', 'language', 'administered_on', 'schedule_key', 'answers', 'total', 'subscales', 'band_id', 'valid', 'flags', 'confidential', 'entered_by', 'created_at'],
  audit_event: ['id', 'chain', 'seq', 'organization_id', 'at', 'actor_user_id', 'action', 'resource_type', 'resource_id', 'youth_id', 'ip', 'user_agent', 'request_id', 'detail', 'prev_hash', 'hash'],
};
export const GENERATED_TABLES = Object.keys(TABLES);

/** Caseload-like partition: every group gets `min`, the rest spread at random without passing `max`. */
const partition = (rng: Rng, total: number, groups: number, min: number, max: number): number[] => {
  const sizes = Array.from({ length: groups }, () => Math.min(min, Math.floor(total / groups)));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  while (left > 0) {
    const g = rng.int(0, groups - 1);
    if (sizes[g]! < max || sizes.every((s) => s >= max)) {
      sizes[g]! += 1;
      left -= 1;
    }
  }
  return sizes;
};

const answersFor = (rng: Rng, def: TInstrumentDefinition, severity: number) => {
  const answers: Record<string, number | string> = {};
  for (const item of def.items) {
    const values = item.options.map((o) => o.value);
    const idx = Math.min(values.length - 1, Math.floor(rng.next() * rng.next() * values.length * severity));
    answers[item.id] = values[idx]!;
  }
  return answers;
};

export const generate = async (
  target: CopyTarget,
  opts: { scale: Scale; seed: number; today: string; log?: (msg: string) => void },
): Promise<GenerateResult> => {
  const { scale, seed } = opts;
  const log = opts.log ?? (() => {});
  const root = new Rng(seed);
  const ids = new IdSource(root.fork(1));
  const today = dayNum(opts.today);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const copies: Record<string, TableCopy> = {};
  for (const [table, cols] of Object.entries(TABLES)) copies[table] = await target.open(table, cols);
  const put = (table: string, values: CopyValue[]) => copies[table]!.add(values);
  const drainAll = async () => {
    for (const c of Object.values(copies)) await c.drain();
  };
  const rules = {
    tm: RULE_SET_PRESETS.masshealth_cbhi_tm.rules,
    community: RULE_SET_PRESETS.community_tm.rules,
  };
  const start = isoDay(today - 800);
  const startAt = at(today - 800, '09:00').toISOString();
  let users = 0;
  const nowCap = new Date(Math.min(Date.now() - 60_000, at(today, '23:59').getTime()));

  const addUser = (email: string, name: string, createdAt: string) => {
    const id = ids.next();
    put('user', [id, name, email, true, false, createdAt, createdAt]);
    put('account', [ids.next(), id, 'credential', id, passwordHash, createdAt, createdAt]);
    users += 1;
    return id;
  };

  const counters = { mentor: 0, supervisor: 0, pm: 0, admin: 0 };
  for (let o = 0; o < scale.youthPerOrg.length; o++) {
    const rng = root.fork(1000 + o);
    const youthCount = scale.youthPerOrg[o]!;
    const orgId = ids.next();
    const audit: AuditRow[] = [];
    // Nothing is dated after the moment of generation: the server's next audit event follows the last one.
    const ev = (row: AuditRow) => audit.push(row.at > nowCap ? { ...row, at: nowCap } : row);
    put('organization', [orgId, `Bench Agency ${o + 1}`, `bench-agency-${o + 1}`, 'America/New_York', startAt]);

    const adminId = addUser(`admin${++counters.admin}@${BENCH_EMAIL_DOMAIN}`, `Admin ${counters.admin}`, startAt);
    put('membership', [ids.next(), orgId, adminId, 'org_admin', null, startAt]);

    // Two programs: MassHealth TM (billable, hub required) and a community program.
    const programs = (['tm', 'community'] as const).map((kind) => {
      const id = ids.next();
      const ruleSetId = ids.next();
      put('program', [id, orgId, kind === 'tm' ? 'Therapeutic Mentoring' : 'Community Mentoring', kind === 'tm' ? 'therapeutic_mentoring' : 'community', true, startAt]);
      put('program_rule_set', [ruleSetId, orgId, id, 1, start, kind === 'tm' ? 'masshealth_cbhi_tm' : 'community_tm', json(rules[kind]), startAt]);
      const pmId = addUser(`pm${++counters.pm}@${BENCH_EMAIL_DOMAIN}`, `Program Manager ${counters.pm}`, startAt);
      put('membership', [ids.next(), orgId, pmId, 'program_manager', id, startAt]);
      return { id, ruleSetId, kind, pmId };
    });

    // Staff: one mentor per ten youth, one supervisor per ten mentors (4–10 each).
    const mentorCount = Math.max(1, Math.round(youthCount / 10));
    const supervisorCount = Math.max(1, Math.round(mentorCount / 10));
    const supervisors = Array.from({ length: supervisorCount }, () => {
      const id = addUser(`supervisor${++counters.supervisor}@${BENCH_EMAIL_DOMAIN}`, `Supervisor ${counters.supervisor}`, startAt);
      put('membership', [ids.next(), orgId, id, 'supervisor', null, startAt]);
      put('staff_profile', [ids.next(), orgId, id, 'Clinical supervisor', 'master', null, 'LICSW', `L${100000 + counters.supervisor}`, 'MA', isoDay(today + 400 + rng.int(0, 300))]);
      return id;
    });
    const mentors = Array.from({ length: mentorCount }, () => {
      const id = addUser(`mentor${++counters.mentor}@${BENCH_EMAIL_DOMAIN}`, `Mentor ${counters.mentor}`, startAt);
      put('membership', [ids.next(), orgId, id, 'mentor', null, startAt]);
      put('staff_profile', [ids.next(), orgId, id, 'Therapeutic mentor', 'bachelor', 15, null, null, null, null]);
      put('mentor_clearance', [ids.next(), orgId, id, start, adminId, startAt]);
      return { id, supervisor: '' };
    });
    const teamSizes = partition(rng, mentorCount, supervisorCount, 4, 10);
    let m = 0;
    teamSizes.forEach((size, s) => {
      for (let k = 0; k < size; k++, m++) {
        mentors[m]!.supervisor = supervisors[s]!;
        put('supervision_assignment', [ids.next(), orgId, supervisors[s]!, mentors[m]!.id, true, 'approve_all', 100, startAt]);
      }
    });
    // Weekly group supervision for the last 40 weeks, signed.
    teamSizes.forEach((size, s) => {
      const team = mentors.filter((x) => x.supervisor === supervisors[s]).map((x) => x.id);
      for (let w = 40; w >= 1; w--) {
        const d = today - w * 7 + (s % 5) - ((today + 3) % 7);
        put('supervision_session', [ids.next(), orgId, supervisors[s]!, team, isoDay(d), 60, 'group', false, at(d, '12:00').toISOString(), 'LICSW', at(d, '12:00').toISOString()]);
      }
      void size;
    });

    // Youth: 80% active, 12% discharged, 8% referred and waiting (referrals in every status).
    const kinds = Array.from({ length: youthCount }, (_, i) => (i % 25 < 20 ? 'active' : i % 25 < 23 ? 'discharged' : 'referred'));
    const activeCount = kinds.filter((k) => k === 'active').length;
    const caseloads = partition(rng, activeCount, mentorCount, 6, 15);
    const activeMentor: number[] = [];
    caseloads.forEach((size, mi) => {
      for (let k = 0; k < size; k++) activeMentor.push(mi);
    });
    let activeIdx = 0;
    for (let y = 0; y < youthCount; y++) {
      if (y % 8 === 0) await drainAll();
      const kind = kinds[y]!;
      const prog = programs[rng.chance(0.75) ? 0 : 1]!;
      const youthId = ids.next();
      const first = rng.pick(FIRST);
      const last = rng.pick(LAST);
      const mentor = kind === 'active' ? mentors[activeMentor[activeIdx++]!]! : rng.pick(mentors);
      const weeks = kind === 'active' ? rng.int(scale.activeWeeks[0], scale.activeWeeks[1]) : rng.int(20, 90);
      const admitted = today - weeks * 7 - rng.int(0, 6);
      const referredOn = kind === 'referred' ? today - rng.int(1, 60) : admitted - rng.int(7, 30);
      const dischargedOn = kind === 'discharged' ? Math.min(today - 7, admitted + rng.int(12, weeks - 1) * 7) : null;
      const createdAt = at(referredOn, '09:30').toISOString();
      const youthStatus = kind === 'referred' ? 'referred' : kind;
      put('youth', [youthId, orgId, prog.id, first, last, isoDay(today - rng.int(6 * 365, 19 * 365)), [rng.pick(['white', 'black_or_african_american', 'asian'])], rng.pick(['hispanic_or_latino', 'not_hispanic_or_latino']), rng.chance(0.2) ? 'es' : 'en', 'Bench Public School', String(rng.int(1, 12)), prog.kind === 'tm' ? 'masshealth_standard' : 'private', `M${String(y).padStart(9, '0')}`, youthStatus, null, createdAt, createdAt, prog.pmId]);
      const guardianId = ids.next();
      put('guardian', [guardianId, orgId, youthId, rng.pick(FIRST), last, 'mother', 'parent', '617-555-0100', createdAt, createdAt]);
      const hubId = ids.next();
      const hubType = rng.pick(['icc', 'iht', 'op'] as const);
      put('hub_service', [hubId, orgId, youthId, hubType, 'Bench Community Services', 'Hub Clinician', isoDay(referredOn - 30), dischargedOn == null ? null : isoDay(dischargedOn), true, createdAt, createdAt]);
      const referralId = ids.next();
      const refStatus = kind === 'referred' ? REFERRAL_WAITING[y % REFERRAL_WAITING.length]! : 'admitted';
      const refChanged = kind === 'referred' ? at(referredOn + 1, '10:00') : at(admitted, '10:00');
      put('referral', [referralId, orgId, prog.id, youthId, hubId, 'Hub Clinician', 'Bench Community Services', hubType, 'Needs support with coping skills', json([{ text: 'Use coping skills at school', planGoalId: null, planType: 'icc_icp', planDate: null }]), refStatus, refStatus === 'declined' ? 'Not eligible' : null, createdAt, refChanged.toISOString(), createdAt, refChanged.toISOString()]);
      ev({ at: new Date(createdAt), actorUserId: prog.pmId, action: 'referral.created', resourceType: 'referral', resourceId: referralId, youthId, detail: { programId: prog.id } });
      if (kind === 'referred') {
        if (refStatus !== 'received')
          ev({ at: refChanged, actorUserId: prog.pmId, action: 'referral.status_changed', resourceType: 'referral', resourceId: referralId, youthId, detail: { status: refStatus } });
        continue;
      }

      // Admitted: episode, guardian agreement, match, two goals.
      const episodeId = ids.next();
      const admittedAt = at(admitted, '10:00').toISOString();
      put('episode', [episodeId, orgId, prog.id, youthId, referralId, prog.ruleSetId, dischargedOn == null ? 'open' : 'discharged', isoDay(admitted), json({ eligible: true, findings: [] }), prog.pmId, admittedAt, dischargedOn == null ? null : isoDay(dischargedOn), dischargedOn == null ? null : json({ type: 'planned', reasons: ['goals_met'] }), dischargedOn == null ? null : prog.pmId, dischargedOn == null ? null : isoDay(dischargedOn + 7 * 365), admittedAt, admittedAt]);
      put('consent', [ids.next(), orgId, youthId, episodeId, 'guardian_agreement', guardianId, `${first} Guardian`, 'parent', 'uploaded_form', isoDay(admitted), prog.pmId, admittedAt]);
      ev({ at: at(admitted, '10:00'), actorUserId: prog.pmId, action: 'episode.admitted', resourceType: 'episode', resourceId: episodeId, youthId, detail: { referralId } });
      const matchId = ids.next();
      const matchStart = admitted + 3;
      const matchAt = at(matchStart, '11:00');
      put('mentor_assignment', [matchId, orgId, mentor.id, youthId, episodeId, dischargedOn == null, dischargedOn == null ? 'active' : 'closed', true, 'weekly', isoDay(matchStart), dischargedOn == null ? null : isoDay(dischargedOn), dischargedOn == null ? null : 'planned', matchAt.toISOString(), dischargedOn == null ? null : at(dischargedOn, '12:00').toISOString()]);
      ev({ at: matchAt, actorUserId: prog.pmId, action: 'match.created', resourceType: 'match', resourceId: matchId, youthId, detail: { mentorUserId: mentor.id } });
      const goals = [ids.next(), ids.next()];
      goals.forEach((g, gi) => {
        put('goal', [g, orgId, youthId, episodeId, gi ? 'Attend school daily' : 'Use coping skills at school', 'icc_icp', true, gi ? 'School attendance' : 'Coping skills', 'active', matchAt.toISOString(), matchAt.toISOString()]);
        ev({ at: matchAt, actorUserId: mentor.id, action: 'goal.created', resourceType: 'goal', resourceId: g, youthId, detail: { episodeId } });
      });

      // Weekly visits on the youth's weekday, from the week after the match to next week (or discharge).
      const weekday = rng.int(0, 4);
      const [startTime, endTime] = rng.pick(SLOTS);
      const setting = rng.pick(SETTINGS);
      const lastVisit = dischargedOn ?? today + 7;
      const billable = prog.kind === 'tm';
      for (let d = matchStart + 7 - ((matchStart + 3 - weekday + 7) % 7); d <= lastVisit; d += 7) {
        const contactId = ids.next();
        const ago = today - d;
        const r = rng.next();
        const status = ago <= 0 ? 'scheduled' : r < 0.1 ? 'no_show' : r < 0.15 ? 'cancelled' : 'completed';
        const created = at(Math.min(d - 6, today - 1), '09:00');
        if (status !== 'completed') {
          put('contact', [contactId, orgId, youthId, episodeId, mentor.id, 'session', status, status === 'no_show' ? 'Youth not home' : status === 'cancelled' ? 'Family cancelled' : null, isoDay(d), startTime, endTime, setting, 'in_person', [], [], [], null, null, null, 'draft', null, null, false, false, 0, null, null, null, null, 1, created.toISOString(), created.toISOString()]);
          ev({ at: created, actorUserId: mentor.id, action: 'contact.scheduled', resourceType: 'contact', resourceId: contactId, youthId, detail: { kind: 'session', mentorUserId: mentor.id } });
          continue;
        }
        // Complete notes: a draft the last four days, signed and awaiting review up to two weeks, approved before.
        const noteStatus = ago <= 4 ? 'draft' : ago < 14 ? 'signed' : 'approved';
        const activities = [rng.pick(ACTIVITIES)];
        const skills = [rng.pick(SKILLS)];
        const youthResponse = 'Practised the skill in the community and named two situations to use it this week.';
        const plan = 'Rehearse the skill before school; check in on attendance next visit.';
        const signedAt = noteStatus === 'draft' ? null : at(d, endTime, rng.int(30, 1440));
        const reviewedAt = noteStatus === 'approved' ? new Date(signedAt!.getTime() + rng.int(1, 72) * 3600_000) : null;
        const documentedAt = at(d, endTime, 20);
        const units = billable ? 4 : 0;
        put('contact', [contactId, orgId, youthId, episodeId, mentor.id, 'session', noteStatus === 'draft' ? 'scheduled' : 'completed', null, isoDay(d), startTime, endTime, setting, 'in_person', [goals[0]!], activities, skills, youthResponse, plan, false, noteStatus, signedAt?.toISOString() ?? null, signedAt ? mentor.id : null, false, billable && !!signedAt, signedAt ? units : 0, signedAt ? prog.ruleSetId : null, signedAt ? 'approve' : null, reviewedAt?.toISOString() ?? null, reviewedAt ? mentor.supervisor : null, noteStatus === 'draft' ? 2 : noteStatus === 'signed' ? 3 : 4, created.toISOString(), (reviewedAt ?? signedAt ?? documentedAt).toISOString()]);
        ev({ at: documentedAt, actorUserId: mentor.id, action: 'contact.documented', resourceType: 'contact', resourceId: contactId, youthId, detail: { kind: 'session', mentorUserId: mentor.id, fields: ['activities', 'skills', 'youthResponse', 'plan', 'safetyConcern'] } });
        if (signedAt) {
          put('note_revision', [ids.next(), orgId, contactId, 1, json({ date: isoDay(d), startTime, endTime, setting, modality: 'in_person', goalIds: [goals[0]], activities, skills, youthResponse, plan, safetyConcern: false, minutes: 60, billable, billingUnits: units, ruleSetId: prog.ruleSetId, ruleSetVersion: 1, signedLate: false }), mentor.id, signedAt.toISOString()]);
          ev({ at: signedAt, actorUserId: mentor.id, action: 'note.signed', resourceType: 'contact', resourceId: contactId, youthId, detail: { revision: 1, billable, billingUnits: units, signedLate: false, reviewRequired: 'approve', ruleSetId: prog.ruleSetId } });
        }
        if (reviewedAt) {
          const reviewId = ids.next();
          put('note_review', [reviewId, orgId, contactId, 1, mentor.supervisor, 'approve', reviewedAt.toISOString()]);
          ev({ at: reviewedAt, actorUserId: mentor.supervisor, action: 'note.approved', resourceType: 'contact', resourceId: contactId, youthId, detail: { revision: 1, reviewId, commented: false } });
        }
      }

      // Measures every four weeks from admission: the youth's GAD-7 and the guardian's PSC-17, alternating,
      // with both at baseline and every 24 weeks; hub contacts on the same rhythm.
      const severity = 0.6 + rng.next() * 1.2;
      const lastMeasure = Math.min(dischargedOn ?? today, today);
      for (let d = admitted, k = 0; d <= lastMeasure; d += 28, k++) {
        const forms = k % 6 === 0 ? [GAD7, PSC17] : [k % 2 ? GAD7 : PSC17];
        for (const def of forms) {
          const answers = answersFor(rng, def, Math.max(0.3, severity - k * 0.03));
          const s = scoreInstrument(def, answers);
          const id = ids.next();
          const createdAtM = at(d, '16:30');
          const subscales = Object.fromEntries(
            Object.entries(s.subscales).map(([key, v]) => [key, { score: v.score, bandId: v.band?.id ?? null }]),
          );
          put('measure_response', [id, orgId, youthId, def.id, def.version, def.respondent === 'parent' ? 'guardian' : 'youth', 'visit', 'en', isoDay(d), k === 0 ? 'baseline' : `week_${k * 4}`, json(answers), s.total, json(subscales), s.band?.id ?? null, s.valid, json(s.flags), def.respondent === 'youth', mentor.id, createdAtM.toISOString()]);
          ev({ at: createdAtM, actorUserId: mentor.id, action: 'measure_response.recorded', resourceType: 'measure_response', resourceId: id, youthId, detail: { instrumentId: def.id, instrumentVersion: def.version } });
        }
        const hubContactId = ids.next();
        put('hub_contact', [hubContactId, orgId, youthId, isoDay(d + 2), 'phone', 'Coordinated with the hub clinician on progress.', 20, mentor.id, at(d + 2, '13:00').toISOString()]);
        ev({ at: at(d + 2, '13:00'), actorUserId: mentor.id, action: 'hub_contact.created', resourceType: 'hub_contact', resourceId: hubContactId, youthId, detail: {} });
      }
      if (dischargedOn != null)
        ev({ at: at(dischargedOn, '12:00'), actorUserId: prog.pmId, action: 'episode.discharged', resourceType: 'episode', resourceId: episodeId, youthId, detail: { type: 'planned' } });
    }

    // The organization's audit chain, in time order, hashed the way the server hashes it.
    audit.sort((a, b) => a.at.getTime() - b.at.getTime());
    let prevHash = GENESIS_HASH;
    audit.forEach((e, i) => {
      const fields = {
        ...e,
        chain: orgId,
        seq: i + 1,
        organizationId: orgId,
        ip: null,
        userAgent: null,
        requestId: null,
        prevHash,
      };
      const hash = hashEvent(fields);
      put('audit_event', [ids.next(), orgId, i + 1, orgId, e.at.toISOString(), e.actorUserId, e.action, e.resourceType, e.resourceId, e.youthId, null, null, null, json(e.detail), prevHash, hash]);
      prevHash = hash;
    });
    await drainAll();
    if (o % 10 === 0 || o === scale.youthPerOrg.length - 1) log(`  organization ${o + 1}/${scale.youthPerOrg.length}: ${copies.contact!.rows} contacts, ${copies.audit_event!.rows} audit events so far`);
  }
  const rows: Record<string, number> = {};
  for (const c of Object.values(copies)) {
    await c.end();
    rows[c.table] = c.rows;
  }
  await target.close();
  return { rows, users, orgs: scale.youthPerOrg.length };
};
