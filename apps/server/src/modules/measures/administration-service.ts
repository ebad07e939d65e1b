import { createHmac, randomBytes, randomInt } from 'node:crypto';
import {
  KIOSK_CODE_ALPHABET,
  KIOSK_CODE_LENGTH,
  type TAdministration,
  type TCreatedAdministration,
  type TSelfReportForm,
  type ZCreateAdministration,
} from '@mentorbridge/core';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { youthScope } from '../../access/scopes.ts';
import { type AuditOrigin, auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import { hashToken } from '../../auth/token-hash.ts';
import type { Db, Tx } from '../../db/client.ts';
import { measureAdministration } from '../../db/schema-measures.ts';
import { user, youth } from '../../db/schema.ts';
import { AppError, badRequest, forbidden, notFound } from '../../http/errors.ts';
import { iso, isoRequired } from '../../http/schemas.ts';
import { orgClock } from '../care/care-access.ts';
import { findYouthFor } from '../youth/youth-record.ts';
import { type AnswersInput, assertAnswers, formOf, type ResolvedInstrument, resolveInstrument, titleOf } from './catalog.ts';
import { languageFor, saveResponse } from './response-service.ts';

type CreateInput = z.output<typeof ZCreateAdministration>;
type AdministrationRow = typeof measureAdministration.$inferSelect;

/** Link tokens carry 256 random bits; only their SHA-256 is stored. */
const newToken = () => randomBytes(32).toString('base64url');

/**
 * A kiosk code has ~30 bits, so a bare hash could be reversed by trying them all: it is keyed with the server
 * secret instead, and codes are short-lived and attempt-limited.
 */
export const hashKioskCode = (secret: string, code: string) => createHmac('sha256', secret).update(`kiosk:${code}`).digest('hex');
const newKioskCode = () => Array.from({ length: KIOSK_CODE_LENGTH }, () => KIOSK_CODE_ALPHABET[randomInt(KIOSK_CODE_ALPHABET.length)]).join('');

const statusOf = (row: AdministrationRow, now: Date): TAdministration['status'] =>
  row.status === 'open' && row.expiresAt <= now ? 'expired' : row.status;

const toAdministration = (row: AdministrationRow, r: ResolvedInstrument, createdByName: string | null, now: Date): TAdministration => ({
  id: row.id,
  youthId: row.youthId,
  instrumentId: row.instrumentId,
  instrumentVersion: row.instrumentVersion,
  instrumentTitle: titleOf(r),
  respondent: row.respondent,
  mode: row.mode,
  language: row.language === 'es' ? 'es' : 'en',
  status: statusOf(row, now),
  expiresAt: isoRequired(row.expiresAt),
  completedAt: iso(row.completedAt),
  scheduleKey: row.scheduleKey,
  createdBy: row.createdBy,
  createdByName,
  createdAt: isoRequired(row.createdAt),
});

/** Self-report forms go to whom the instrument was written for: a parent-report form to a guardian, and so on. */
const assertRespondent = (r: ResolvedInstrument, respondent: 'youth' | 'guardian') => {
  if (r.kind === 'score_entry') throw badRequest({ instrumentId: 'A licensed form is administered on paper; enter its scores instead' });
  const wants = r.def.respondent === 'parent' ? 'guardian' : r.def.respondent === 'youth' ? 'youth' : null;
  if (wants === null) throw badRequest({ instrumentId: 'This form is completed by staff, not sent for self-report' });
  if (wants !== respondent) throw badRequest({ respondent: `This form is answered by the ${wants}` });
};

export const createAdministration = async (
  db: Db,
  actor: Actor,
  youthId: string,
  input: CreateInput,
  secrets: { publicUrl: string; kioskSecret: string },
): Promise<TCreatedAdministration> =>
  db.transaction(async (tx) => {
    const y = await findYouthFor(tx, actor, youthId, 'measure.write');
    const r = await resolveInstrument(tx, actor.organizationId, input.instrumentId, { programId: y.programId });
    assertRespondent(r, input.respondent);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + input.expiresInHours * 3600_000);
    let token: string | null = null;
    let kioskCode: string | null = null;
    let kioskCodeHash: string | null = null;
    if (input.mode === 'link') {
      token = newToken();
    } else {
      // Codes are unique among the codes still open anywhere, so one typed code finds exactly one form.
      for (let attempt = 0; attempt < 8 && !kioskCode; attempt++) {
        const code = newKioskCode();
        const hash = hashKioskCode(secrets.kioskSecret, code);
        const [clash] = await tx
          .select({ id: measureAdministration.id })
          .from(measureAdministration)
          .where(and(eq(measureAdministration.kioskCodeHash, hash), eq(measureAdministration.status, 'open'), gt(measureAdministration.expiresAt, now)))
          .limit(1);
        if (!clash) {
          kioskCode = code;
          kioskCodeHash = hash;
        }
      }
      if (!kioskCode) throw new AppError(503, 'INTERNAL', 'Could not issue a kiosk code; try again');
    }
    const [row] = await tx
      .insert(measureAdministration)
      .values({
        ...(input.id ? { id: input.id } : {}),
        organizationId: y.organizationId,
        youthId,
        instrumentId: r.def.id,
        instrumentVersion: r.def.version,
        respondent: input.respondent,
        mode: input.mode,
        language: input.language,
        tokenHash: token ? hashToken(token) : null,
        kioskCodeHash,
        expiresAt,
        scheduleKey: input.scheduleKey ?? null,
        createdBy: actor.userId,
      })
      .returning();
    await writeAudit(tx, originOf(actor), {
      action: 'measure_administration.created',
      resourceType: 'measure_administration',
      resourceId: row!.id,
      youthId,
      detail: { instrumentId: r.def.id, mode: input.mode, respondent: input.respondent, expiresInHours: input.expiresInHours },
    });
    const [me] = await tx.select({ name: user.name }).from(user).where(eq(user.id, actor.userId));
    return {
      ...toAdministration(row!, r, me?.name ?? null, now),
      token,
      url: token ? `${secrets.publicUrl}/r/${token}` : null,
      kioskCode,
    };
  });

export const listAdministrations = async (db: Db, actor: Actor, youthId: string): Promise<TAdministration[]> => {
  const y = await findYouthFor(db, actor, youthId, 'measure.write');
  const rows = await db
    .select({ a: measureAdministration, name: user.name })
    .from(measureAdministration)
    .leftJoin(user, eq(user.id, measureAdministration.createdBy))
    .where(and(eq(measureAdministration.youthId, youthId), eq(measureAdministration.organizationId, actor.organizationId)))
    .orderBy(desc(measureAdministration.createdAt))
    .limit(100);
  const now = new Date();
  const out: TAdministration[] = [];
  for (const row of rows) {
    const r = await resolveInstrument(db, actor.organizationId, row.a.instrumentId, {
      version: row.a.instrumentVersion,
      programId: y.programId,
    });
    out.push(toAdministration(row.a, r, row.name, now));
  }
  await auditRead(db, actor, {
    action: 'measure_administration.listed',
    resourceType: 'youth',
    resourceId: youthId,
    youthId,
    detail: { shown: rows.map((r) => r.a.id) },
  });
  return out;
};

export const cancelAdministration = async (db: Db, actor: Actor, administrationId: string): Promise<TAdministration> =>
  db.transaction(async (tx) => {
    const [found] = await tx
      .select({ a: measureAdministration, allowed: sql<boolean>`(${youthScope(actor, 'measure.write')})` })
      .from(measureAdministration)
      .innerJoin(youth, eq(youth.id, measureAdministration.youthId))
      .where(and(eq(measureAdministration.id, administrationId), youthScope(actor, 'youth.read')))
      .for('update', { of: measureAdministration });
    if (!found) throw notFound('Invitation');
    if (!found.allowed) throw forbidden();
    const now = new Date();
    const status = statusOf(found.a, now);
    if (status !== 'open') throw new AppError(409, 'ADMINISTRATION_CLOSED', `This invitation is already ${status}`);
    const [row] = await tx
      .update(measureAdministration)
      .set({ status: 'cancelled' })
      .where(eq(measureAdministration.id, administrationId))
      .returning();
    await writeAudit(tx, originOf(actor), {
      action: 'measure_administration.cancelled',
      resourceType: 'measure_administration',
      resourceId: administrationId,
      youthId: row!.youthId,
      detail: { instrumentId: row!.instrumentId, mode: row!.mode },
    });
    const r = await resolveInstrument(tx, row!.organizationId, row!.instrumentId, { version: row!.instrumentVersion });
    const [creator] = row!.createdBy ? await tx.select({ name: user.name }).from(user).where(eq(user.id, row!.createdBy)) : [];
    return toAdministration(row!, r, creator?.name ?? null, now);
  });

// ---------------------------------------------------------------------------------------------------------------
// Public: answering without an account

export type PublicOrigin = { ip: string | null; userAgent: string | null; requestId: string };

const publicOrigin = (row: AdministrationRow, o: PublicOrigin): AuditOrigin => ({
  organizationId: row.organizationId,
  actorUserId: null,
  ip: o.ip,
  userAgent: o.userAgent,
  requestId: o.requestId,
});

/** Why a link no longer works, as a clear 410 the page can explain. */
const gone = (status: 'completed' | 'cancelled' | 'expired') =>
  status === 'completed'
    ? new AppError(410, 'ALREADY_ANSWERED', 'This form has already been answered. Thank you!')
    : status === 'cancelled'
      ? new AppError(410, 'LINK_CANCELLED', 'This link was cancelled. Ask your mentor for a new one.')
      : new AppError(410, 'LINK_EXPIRED', 'This link has expired. Ask your mentor for a new one.');

const linkNotFound = () => new AppError(404, 'NOT_FOUND', 'This link is not valid. Check it, or ask your mentor for a new one.');

const openRow = async (db: Db | Tx, token: string, lock: boolean) => {
  const q = db.select().from(measureAdministration).where(eq(measureAdministration.tokenHash, hashToken(token)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw linkNotFound();
  const status = statusOf(row, new Date());
  if (status !== 'open') throw gone(status);
  return row;
};

export const openSelfReport = async (db: Db, token: string, origin: PublicOrigin): Promise<TSelfReportForm> => {
  const row = await openRow(db, token, false);
  const [y] = await db
    .select({ firstName: youth.firstName, preferredName: youth.preferredName })
    .from(youth)
    .where(eq(youth.id, row.youthId));
  const r = await resolveInstrument(db, row.organizationId, row.instrumentId, { version: row.instrumentVersion });
  const requested = row.language === 'es' ? 'es' : 'en';
  const language = languageFor(r, requested);
  await db.transaction((tx) =>
    writeAudit(tx, publicOrigin(row, origin), {
      action: 'self_report.opened',
      resourceType: 'measure_administration',
      resourceId: row.id,
      youthId: row.youthId,
      detail: { administrationId: row.id, instrumentId: row.instrumentId },
    }),
  );
  return {
    // First name only (the preferred one when given): the page says nothing else about the youth.
    firstName: y?.preferredName?.trim() || y?.firstName || '',
    respondent: row.respondent === 'guardian' ? 'guardian' : 'youth',
    requestedLanguage: requested,
    language,
    languageFallback: language !== requested,
    expiresAt: isoRequired(row.expiresAt),
    form: formOf(r)!,
  };
};

export const submitSelfReport = async (db: Db, token: string, answers: AnswersInput, origin: PublicOrigin) =>
  db.transaction(async (tx) => {
    // Locked, so two submits of one link cannot both pass: the second finds it completed.
    const row = await openRow(tx, token, true);
    const r = await resolveInstrument(tx, row.organizationId, row.instrumentId, { version: row.instrumentVersion });
    assertAnswers(r, answers);
    const { today, now } = await orgClock(tx, row.organizationId);
    const auditOrigin = publicOrigin(row, origin);
    const saved = await saveResponse(tx, auditOrigin, {
      youth: { id: row.youthId, organizationId: row.organizationId },
      instrument: r,
      answers,
      respondent: row.respondent,
      mode: row.mode,
      administrationId: row.id,
      language: languageFor(r, row.language === 'es' ? 'es' : 'en'),
      administeredOn: today,
      scheduleKey: row.scheduleKey,
      enteredBy: null,
      now,
    });
    await tx
      .update(measureAdministration)
      .set({ status: 'completed', completedAt: now, kioskCodeHash: null })
      .where(eq(measureAdministration.id, row.id));
    await writeAudit(tx, auditOrigin, {
      action: 'self_report.submitted',
      resourceType: 'measure_administration',
      resourceId: row.id,
      youthId: row.youthId,
      detail: { administrationId: row.id, responseId: saved.id },
    });
    return { completed: true as const };
  });

/**
 * Trades a kiosk code for a link token to continue with. The code works once: it is cleared as the token is made.
 * Returns null when no open or recent invitation has that code (the caller counts the failed attempt).
 */
export const redeemKioskCode = async (db: Db, code: string, kioskSecret: string, origin: PublicOrigin): Promise<{ token: string } | null> =>
  db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(measureAdministration)
      .where(and(eq(measureAdministration.kioskCodeHash, hashKioskCode(kioskSecret, code)), eq(measureAdministration.mode, 'kiosk')))
      .orderBy(desc(measureAdministration.createdAt))
      .limit(1)
      .for('update');
    if (!row) return null;
    const status = statusOf(row, new Date());
    if (status !== 'open') throw gone(status);
    const token = newToken();
    await tx
      .update(measureAdministration)
      .set({ tokenHash: hashToken(token), kioskCodeHash: null })
      .where(eq(measureAdministration.id, row.id));
    await writeAudit(tx, publicOrigin(row, origin), {
      action: 'kiosk.code_redeemed',
      resourceType: 'measure_administration',
      resourceId: row.id,
      youthId: row.youthId,
      detail: { administrationId: row.id },
    });
    return { token };
  });
