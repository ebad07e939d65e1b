import type {
  TAlertSeverity,
  TLanguage,
  TMeasurePrivacy,
  TMeasureResponse,
  TMeasureResponseList,
  TResponseRespondent,
  TScoreResult,
  ZCreateMeasureResponse,
  ZMeasureResponseQuery,
} from '@mentorbridge/core';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { type AuditOrigin, auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { measureResponse, safetyAlert } from '../../db/schema-measures.ts';
import { user, youth } from '../../db/schema.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { isoRequired } from '../../http/schemas.ts';
import { isFuture, orgClock, permissionsOn } from '../care/care-access.ts';
import { raiseAlert } from '../safety/raise-alert.ts';
import { findYouthFor, type YouthRow } from '../youth/youth-record.ts';
import {
  type AnswersInput,
  assertAnswers,
  bandById,
  languagesOf,
  type ResolvedInstrument,
  resolveInstrument,
  scoreWith,
  titleOf,
} from './catalog.ts';

type CreateInput = z.output<typeof ZCreateMeasureResponse>;
export type ResponseRow = typeof measureResponse.$inferSelect;

/** Who answers a form by default, from the respondent the instrument was written for. */
export const defaultRespondent = (r: ResolvedInstrument): TResponseRespondent =>
  r.def.respondent === 'youth' ? 'youth' : r.def.respondent === 'parent' ? 'guardian' : 'staff';

/** The language a form is actually shown in: the one asked for when the instrument has official text in it. */
export const languageFor = (r: ResolvedInstrument, wanted: TLanguage): TLanguage =>
  languagesOf(r).includes(wanted) ? wanted : 'en';

/** One alert per response at its highest severity; reasons are flag rule codes, never answers. */
export const alertFrom = (instrumentId: string, result: TScoreResult): { severity: TAlertSeverity; reasons: string[] } | null => {
  const safety = result.flags.filter((f) => f.type === 'safety' && f.severity !== 'routine');
  if (safety.length === 0) return null;
  const severity: TAlertSeverity = safety.some((f) => f.severity === 'acute') ? 'acute' : 'non_acute';
  // The flag rule names the finding ("phq9_teen.item9_self_harm_thoughts", "asq.acute_positive"); the screens
  // turn these codes into words.
  const reasons = new Set<string>();
  for (const f of safety) {
    const rule = f.ruleId.startsWith(`${instrumentId}_`) ? f.ruleId.slice(instrumentId.length + 1) : f.ruleId;
    reasons.add(`${instrumentId}.${rule}`);
  }
  return { severity, reasons: [...reasons] };
};

export type SaveInput = {
  id?: string;
  youth: Pick<YouthRow, 'id' | 'organizationId'>;
  instrument: ResolvedInstrument;
  answers: AnswersInput;
  respondent: TResponseRespondent;
  mode: ResponseRow['mode'];
  administrationId: string | null;
  language: TLanguage;
  administeredOn: string;
  scheduleKey: string | null;
  enteredBy: string | null;
  now: Date;
};

/**
 * Scores and stores a response in the caller's transaction and, when a safety flag fires, raises the alert in that
 * same transaction: if the answer is saved, the alert exists.
 */
export const saveResponse = async (tx: Tx, origin: AuditOrigin, input: SaveInput): Promise<{ id: string; alertId: string | null }> => {
  const { instrument: r } = input;
  const result = scoreWith(r, input.answers);
  const subscales: ResponseRow['subscales'] = {};
  for (const [k, v] of Object.entries(result.subscales)) subscales[k] = { score: v.score, bandId: v.band?.id ?? null };
  // Blanks are not stored: the stored answers re-score to the same result.
  const answers = Object.fromEntries(Object.entries(input.answers).filter(([, v]) => v != null));
  const [row] = await tx
    .insert(measureResponse)
    .values({
      ...(input.id ? { id: input.id } : {}),
      organizationId: input.youth.organizationId,
      youthId: input.youth.id,
      instrumentId: r.def.id,
      instrumentVersion: r.def.version,
      respondent: input.respondent,
      mode: input.mode,
      administrationId: input.administrationId,
      language: input.language,
      administeredOn: input.administeredOn,
      scheduleKey: input.scheduleKey,
      answers,
      total: result.total,
      subscales,
      bandId: result.band?.id ?? null,
      valid: result.valid,
      flags: result.flags,
      confidential: input.respondent === 'youth',
      enteredBy: input.enteredBy,
    })
    .returning({ id: measureResponse.id });
  const id = row!.id;
  await writeAudit(tx, origin, {
    action: 'measure_response.created',
    resourceType: 'measure_response',
    resourceId: id,
    youthId: input.youth.id,
    detail: {
      instrumentId: r.def.id,
      instrumentVersion: r.def.version,
      mode: input.mode,
      respondent: input.respondent,
      administrationId: input.administrationId,
    },
  });
  const alert = alertFrom(r.def.id, result);
  if (!alert) return { id, alertId: null };
  const raised = await raiseAlert(tx, origin, {
    youthId: input.youth.id,
    source: 'measure_response',
    sourceId: id,
    severity: alert.severity,
    reasons: alert.reasons,
    raisedBy: input.enteredBy,
    now: input.now,
  });
  return { id, alertId: raised.id };
};

export const createResponse = async (db: Db, actor: Actor, youthId: string, input: CreateInput): Promise<TMeasureResponse> => {
  const saved = await db.transaction(async (tx) => {
    const y = await findYouthFor(tx, actor, youthId, 'measure.write');
    const r = await resolveInstrument(tx, actor.organizationId, input.instrumentId, {
      version: input.instrumentVersion,
      programId: y.programId,
    });
    if (r.kind === 'program_survey' && !r.active && input.instrumentVersion == null) {
      throw badRequest({ instrumentId: 'This survey is no longer in use' });
    }
    assertAnswers(r, input.answers);
    const { today, now } = await orgClock(tx, actor);
    if (r.kind === 'score_entry' && !input.administeredOn) {
      throw badRequest({ administeredOn: 'The day the licensed form was administered is required' });
    }
    const administeredOn = input.administeredOn ?? today;
    if (isFuture(administeredOn, today)) throw badRequest({ administeredOn: 'Cannot be in the future' });
    return saveResponse(tx, originOf(actor), {
      id: input.id,
      youth: y,
      instrument: r,
      answers: input.answers,
      respondent: input.respondent ?? defaultRespondent(r),
      mode: r.kind === 'score_entry' ? 'score_entry' : 'visit',
      administrationId: null,
      language: languageFor(r, input.language),
      administeredOn,
      scheduleKey: input.scheduleKey ?? null,
      enteredBy: actor.userId,
      now,
    });
  });
  return loadResponse(db, saved.id);
};

const alertIdSql = sql<
  string | null
>`(select ${safetyAlert.id} from ${safetyAlert} where ${safetyAlert.source} = 'measure_response' and ${safetyAlert.sourceId} = ${measureResponse.id} limit 1)`;
const responseSelect = { r: measureResponse, enteredByName: user.name, alertId: alertIdSql };

/** The instrument definitions a page of responses needs, each resolved once. */
const instrumentsFor = async (db: Db | Tx, rows: ResponseRow[]) => {
  const cache = new Map<string, ResolvedInstrument>();
  for (const row of rows) {
    const key = `${row.instrumentId}@${row.instrumentVersion}`;
    if (cache.has(key)) continue;
    cache.set(key, await resolveInstrument(db, row.organizationId, row.instrumentId, { version: row.instrumentVersion }));
  }
  return (row: ResponseRow) => cache.get(`${row.instrumentId}@${row.instrumentVersion}`)!;
};

const toResponse = (
  row: { r: ResponseRow; enteredByName: string | null; alertId: string | null },
  r: ResolvedInstrument,
  showAnswers: boolean,
): TMeasureResponse => ({
  id: row.r.id,
  youthId: row.r.youthId,
  instrumentId: row.r.instrumentId,
  instrumentVersion: row.r.instrumentVersion,
  instrumentKind: r.kind,
  instrumentTitle: titleOf(r),
  respondent: row.r.respondent,
  mode: row.r.mode,
  administrationId: row.r.administrationId,
  language: row.r.language === 'es' ? 'es' : 'en',
  administeredOn: row.r.administeredOn,
  scheduleKey: row.r.scheduleKey,
  answers: showAnswers ? row.r.answers : null,
  total: row.r.total == null ? null : Number(row.r.total),
  subscales: Object.fromEntries(
    Object.entries(row.r.subscales).map(([k, v]) => [k, { score: v.score, band: bandById(r, v.bandId, k) }]),
  ),
  band: bandById(r, row.r.bandId),
  valid: row.r.valid,
  flags: row.r.flags,
  confidential: row.r.confidential,
  enteredBy: row.r.enteredBy,
  enteredByName: row.enteredByName,
  createdAt: isoRequired(row.r.createdAt),
  alertId: row.alertId,
});

const loadResponse = async (db: Db, id: string): Promise<TMeasureResponse> => {
  const [row] = await db
    .select(responseSelect)
    .from(measureResponse)
    .leftJoin(user, eq(user.id, measureResponse.enteredBy))
    .where(eq(measureResponse.id, id));
  const resolve = await instrumentsFor(db, [row!.r]);
  return toResponse(row!, resolve(row!.r), true);
};

/**
 * Which of a youth's responses the actor may read. The case team and the youth read everything; anyone else who
 * can read measures (a guardian) reads the youth's own, confidential answers only when the youth shares them.
 */
export const visibleResponses = async (db: Db | Tx, actor: Actor, y: YouthRow): Promise<SQL | undefined> => {
  const may = await permissionsOn(db, actor, y.id, ['measure.read_confidential'] as const);
  if (may['measure.read_confidential'] || y.shareAnswersWithGuardian) return undefined;
  return eq(measureResponse.confidential, false);
};

export const listResponses = async (
  db: Db,
  actor: Actor,
  youthId: string,
  query: z.output<typeof ZMeasureResponseQuery>,
): Promise<TMeasureResponseList> => {
  const y = await findYouthFor(db, actor, youthId, 'measure.read');
  const found = await db
    .select(responseSelect)
    .from(measureResponse)
    .leftJoin(user, eq(user.id, measureResponse.enteredBy))
    .where(
      and(
        eq(measureResponse.youthId, youthId),
        eq(measureResponse.organizationId, actor.organizationId),
        query.instrument ? eq(measureResponse.instrumentId, query.instrument) : undefined,
        await visibleResponses(db, actor, y),
      ),
    )
    .orderBy(desc(measureResponse.administeredOn), desc(measureResponse.createdAt));
  const resolve = await instrumentsFor(
    db,
    found.map((f) => f.r),
  );
  await auditRead(db, actor, {
    action: 'measure_response.listed',
    resourceType: 'youth',
    resourceId: youthId,
    youthId,
    detail: { shown: found.map((f) => f.r.id) },
  });
  return { items: found.map((f) => toResponse(f, resolve(f.r), true)), shareAnswersWithGuardian: y.shareAnswersWithGuardian };
};

export const getResponse = async (db: Db, actor: Actor, youthId: string, responseId: string): Promise<TMeasureResponse> => {
  const y = await findYouthFor(db, actor, youthId, 'measure.read');
  const [row] = await db
    .select(responseSelect)
    .from(measureResponse)
    .leftJoin(user, eq(user.id, measureResponse.enteredBy))
    .where(and(eq(measureResponse.id, responseId), eq(measureResponse.youthId, youthId), await visibleResponses(db, actor, y)));
  if (!row) throw notFound('Response');
  const resolve = await instrumentsFor(db, [row.r]);
  await auditRead(db, actor, {
    action: 'measure_response.viewed',
    resourceType: 'measure_response',
    resourceId: responseId,
    youthId,
    detail: { instrumentId: row.r.instrumentId },
  });
  return toResponse(row, resolve(row.r), true);
};

/** Responses of one instrument in date order, within what the actor may read (for trajectories). */
export const responsesForTrend = async (db: Db, actor: Actor, y: YouthRow, instrumentId: string) =>
  db
    .select()
    .from(measureResponse)
    .where(
      and(
        eq(measureResponse.youthId, y.id),
        eq(measureResponse.organizationId, actor.organizationId),
        eq(measureResponse.instrumentId, instrumentId),
        eq(measureResponse.valid, true),
        await visibleResponses(db, actor, y),
      ),
    )
    .orderBy(asc(measureResponse.administeredOn), asc(measureResponse.createdAt));

export const setPrivacy = async (db: Db, actor: Actor, youthId: string, input: TMeasurePrivacy): Promise<TMeasurePrivacy> =>
  db.transaction(async (tx) => {
    const y = await findYouthFor(tx, actor, youthId, 'measure.privacy');
    if (y.shareAnswersWithGuardian !== input.shareAnswersWithGuardian) {
      await tx.update(youth).set({ shareAnswersWithGuardian: input.shareAnswersWithGuardian }).where(eq(youth.id, youthId));
      await writeAudit(tx, originOf(actor), {
        action: 'youth.measure_privacy_changed',
        resourceType: 'youth',
        resourceId: youthId,
        youthId,
        detail: { fields: ['shareAnswersWithGuardian'], shareAnswersWithGuardian: input.shareAnswersWithGuardian },
      });
    }
    return { shareAnswersWithGuardian: input.shareAnswersWithGuardian };
  });
