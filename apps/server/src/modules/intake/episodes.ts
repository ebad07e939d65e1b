import type { TConsent, TDischargeSummary, TEpisode } from '@mentorbridge/core';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../access/context.ts';
import { auditRead } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { consent, episode, goal, programRuleSet } from '../../db/schema.ts';
import { iso, isoRequired } from '../../http/schemas.ts';
import { findYouthFor } from '../youth/youth-record.ts';
import { orgToday, personRef, userNames } from './intake-common.ts';

type EpisodeRow = typeof episode.$inferSelect;
type ConsentRow = typeof consent.$inferSelect;

/** What episode.discharge holds: discharge planning (after guardian agreement is withdrawn) and the summary. */
export type EpisodeDischarge = {
  planning?: { reason: string; since: string; consentId: string | null };
  summary?: TDischargeSummary;
};
export const dischargeOf = (e: EpisodeRow): EpisodeDischarge => (e.discharge ?? {}) as EpisodeDischarge;

export const toConsent = (c: ConsentRow, names: Map<string, string>, today: string): TConsent => ({
  id: c.id,
  episodeId: c.episodeId,
  kind: c.kind,
  guardianId: c.guardianId,
  givenByName: c.givenByName,
  legalBasis: c.legalBasis,
  method: c.method,
  typedName: c.typedName,
  attachmentId: c.attachmentId,
  givenOn: c.givenOn,
  recipient: c.recipient,
  scope: c.scope,
  expiresOn: c.expiresOn,
  expired: c.kind === 'release_of_information' && c.expiresOn !== null && c.expiresOn < today,
  withdrawnAt: iso(c.withdrawnAt),
  withdrawnReason: c.withdrawnReason,
  recordedBy: personRef(names, c.recordedBy),
  createdAt: isoRequired(c.createdAt),
});

/** Episodes with their consents, goals and rule-set version, newest admission first. */
export const loadEpisodes = async (db: Db | Tx, rows: EpisodeRow[], today: string): Promise<TEpisode[]> => {
  if (!rows.length) return [];
  const ids = rows.map((e) => e.id);
  const [consents, goals, ruleSets] = await Promise.all([
    db
      .select()
      .from(consent)
      .where(inArray(consent.episodeId, ids))
      .orderBy(asc(consent.givenOn), asc(consent.createdAt)),
    db
      .select({ id: goal.id, episodeId: goal.episodeId, title: goal.title, status: goal.status })
      .from(goal)
      .where(inArray(goal.episodeId, ids))
      .orderBy(asc(goal.createdAt)),
    db
      .select({ id: programRuleSet.id, version: programRuleSet.version, effectiveFrom: programRuleSet.effectiveFrom })
      .from(programRuleSet)
      .where(
        inArray(
          programRuleSet.id,
          rows.map((e) => e.ruleSetId),
        ),
      ),
  ]);
  const names = await userNames(db, [
    ...rows.flatMap((e) => [e.eligibilityDecidedBy, e.dischargedBy]),
    ...consents.map((c) => c.recordedBy),
  ]);
  return rows.map((e) => {
    const own = consents.filter((c) => c.episodeId === e.id);
    const rs = ruleSets.find((r) => r.id === e.ruleSetId)!;
    const d = dischargeOf(e);
    return {
      id: e.id,
      youthId: e.youthId,
      programId: e.programId,
      referralId: e.referralId,
      ruleSet: { id: rs.id, version: rs.version, effectiveFrom: rs.effectiveFrom },
      status: e.status === 'discharged' ? 'discharged' : 'open',
      admittedOn: e.admittedOn,
      livingSituation: e.livingSituation,
      admissionCriteria: e.admissionCriteria,
      exclusionCriteria: e.exclusionCriteria,
      eligibility: e.eligibility,
      eligibilityDecidedBy: personRef(names, e.eligibilityDecidedBy),
      eligibilityDecidedAt: iso(e.eligibilityDecidedAt),
      dischargePlanning: d.planning ?? null,
      hasGuardianAgreement: own.some((c) => c.kind === 'guardian_agreement' && c.withdrawnAt === null),
      consents: own.map((c) => toConsent(c, names, today)),
      goals: goals.filter((g) => g.episodeId === e.id).map(({ id, title, status }) => ({ id, title, status })),
      dischargedOn: e.dischargedOn,
      discharge: d.summary ?? null,
      dischargedBy: personRef(names, e.dischargedBy),
      retentionUntil: e.retentionUntil,
      version: e.version,
    };
  });
};

export const loadEpisode = async (db: Db | Tx, row: EpisodeRow, organizationId: string): Promise<TEpisode> =>
  (await loadEpisodes(db, [row], await orgToday(db, organizationId)))[0]!;

export const listEpisodes = async (db: Db, actor: Actor, youthId: string): Promise<TEpisode[]> => {
  await findYouthFor(db, actor, youthId, 'episode.read');
  const rows = await db
    .select()
    .from(episode)
    .where(eq(episode.youthId, youthId))
    .orderBy(desc(episode.admittedOn), desc(episode.createdAt));
  const out = await loadEpisodes(db, rows, await orgToday(db, actor.organizationId));
  await auditRead(db, actor, {
    action: 'episode.listed',
    resourceType: 'episode',
    youthId,
    detail: { shown: rows.map((r) => r.id) },
  });
  return out;
};
