import type { TCreateYouth, TUpdateYouth, TYouth, TYouthStatus, ZYouthListQuery } from '@mentorbridge/core';
import { and, asc, count, eq, gte, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { programsFor, youthScope } from '../../access/scopes.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db } from '../../db/client.ts';
import { auditEvent, emergencyContact, guardian, program, youth } from '../../db/schema.ts';
import { AppError, badRequest, forbidden, versionConflict } from '../../http/errors.ts';
import { iso } from '../../http/schemas.ts';
import { changedFields, findYouthFor, toYouth } from './youth-record.ts';

type ListQuery = z.output<typeof ZYouthListQuery>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export const listYouth = async (db: Db, actor: Actor, q: ListQuery) => {
  const filters: SQL[] = [youthScope(actor, 'youth.list')];
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    const [first, ...rest] = q.q.split(/\s+/);
    const nameMatch = or(ilike(youth.firstName, like), ilike(youth.lastName, like), ilike(youth.preferredName, like))!;
    // "Ana Lopez" matches a first name and a last name together.
    filters.push(
      rest.length && first
        ? or(
          nameMatch,
          and(
            or(ilike(youth.firstName, `${escapeLike(first)}%`), ilike(youth.preferredName, `${escapeLike(first)}%`)),
            ilike(youth.lastName, `${escapeLike(rest.join(' '))}%`),
          ),
        )!
        : nameMatch,
    );
  }
  if (q.dateOfBirth) filters.push(eq(youth.dateOfBirth, q.dateOfBirth));
  if (q.status) filters.push(eq(youth.status, q.status));
  if (q.programId) filters.push(eq(youth.programId, q.programId));
  const where = and(...filters);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: youth.id,
        programId: youth.programId,
        firstName: youth.firstName,
        lastName: youth.lastName,
        preferredName: youth.preferredName,
        pronouns: youth.pronouns,
        dateOfBirth: youth.dateOfBirth,
        status: youth.status,
      })
      .from(youth)
      .where(where)
      .orderBy(asc(sql`lower(${youth.lastName})`), asc(sql`lower(${youth.firstName})`), asc(youth.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(youth).where(where),
  ]);
  if (rows.length) {
    // Filter values can hold names; the audit keeps which filters were used and which records were shown.
    await auditRead(db, actor, {
      action: 'youth.searched',
      resourceType: 'youth',
      detail: {
        filters: Object.keys(q).filter((k) => k !== 'page' && k !== 'pageSize' && q[k as keyof ListQuery] != null),
        page: q.page,
        shown: rows.map((r) => r.id),
      },
    });
  }
  return { items: rows, page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
};

export const getYouth = async (db: Db, actor: Actor, id: string): Promise<TYouth> => {
  const row = await findYouthFor(db, actor, id, 'youth.read');
  await auditRead(db, actor, { action: 'youth.viewed', resourceType: 'youth', resourceId: id, youthId: id });
  return toYouth(row);
};

const assertProgramForCreate = async (db: Db, actor: Actor, programId: string) => {
  const [p] = await db
    .select({ id: program.id })
    .from(program)
    .where(and(eq(program.id, programId), eq(program.organizationId, actor.organizationId)));
  if (!p) throw badRequest({ programId: 'No such program in this organization' });
  const allowed = programsFor(actor, 'youth.create');
  if (allowed !== null && !allowed.includes(programId)) throw forbidden('You cannot add youth to that program');
};

export const createYouth = async (db: Db, actor: Actor, input: TCreateYouth & { races: string[] }): Promise<TYouth> => {
  await assertProgramForCreate(db, actor, input.programId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(youth)
      .values({
        ...input,
        id: input.id ?? undefined,
        organizationId: actor.organizationId,
        status: 'active',
        createdBy: actor.userId,
      })
      .returning();
    await writeAudit(tx, originOf(actor), {
      action: 'youth.created',
      resourceType: 'youth',
      resourceId: row!.id,
      youthId: row!.id,
    });
    return toYouth(row!);
  });
};

export const updateYouth = async (db: Db, actor: Actor, id: string, patch: TUpdateYouth): Promise<TYouth> => {
  const { version, ...fields } = patch;
  return db.transaction(async (tx) => {
    const before = await findYouthFor(tx, actor, id, 'youth.update');
    if (fields.programId && fields.programId !== before.programId) {
      const allowed = programsFor(actor, 'youth.update');
      const [p] = await tx
        .select({ id: program.id })
        .from(program)
        .where(and(eq(program.id, fields.programId), eq(program.organizationId, actor.organizationId)));
      if (!p) throw badRequest({ programId: 'No such program in this organization' });
      if (allowed !== null && !allowed.includes(fields.programId))
        throw forbidden('You cannot move youth to that program');
    }
    const changed = changedFields(before, fields);
    if (before.version !== version) throw versionConflict(toYouth(before));
    if (changed.length === 0) return toYouth(before);
    const [row] = await tx
      .update(youth)
      .set({ ...fields, version: sql`${youth.version} + 1`, updatedAt: new Date() })
      .where(and(eq(youth.id, id), eq(youth.version, version)))
      .returning();
    if (!row) throw versionConflict(toYouth(before));
    await writeAudit(tx, originOf(actor), {
      action: 'youth.updated',
      resourceType: 'youth',
      resourceId: id,
      youthId: id,
      detail: { fields: changed, version: row.version },
    });
    return toYouth(row);
  });
};

export const setYouthStatus = async (
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  status: Extract<TYouthStatus, 'active' | 'inactive'>,
): Promise<TYouth> =>
  db.transaction(async (tx) => {
    const before = await findYouthFor(tx, actor, id, 'youth.deactivate');
    if (before.version !== version) throw versionConflict(toYouth(before));
    const [row] = await tx
      .update(youth)
      .set({
        status,
        deactivatedAt: status === 'inactive' ? new Date() : null,
        version: sql`${youth.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(youth.id, id), eq(youth.version, version)))
      .returning();
    if (!row) throw versionConflict(toYouth(before));
    await writeAudit(tx, originOf(actor), {
      action: status === 'inactive' ? 'youth.deactivated' : 'youth.reactivated',
      resourceType: 'youth',
      resourceId: id,
      youthId: id,
    });
    return toYouth(row);
  });

/** Everything held about one youth, as one JSON document (what an org admin keeps before deleting the record). */
export const exportYouth = async (db: Db, actor: Actor, id: string) => {
  const row = await findYouthFor(db, actor, id, 'youth.export');
  const [guardians, contacts] = await Promise.all([
    db.select().from(guardian).where(eq(guardian.youthId, id)),
    db.select().from(emergencyContact).where(eq(emergencyContact.youthId, id)),
  ]);
  await auditRead(db, actor, { action: 'youth.exported', resourceType: 'youth', resourceId: id, youthId: id });
  return {
    exportedAt: new Date().toISOString(),
    format: 'mentorbridge.youth-record.v1',
    youth: toYouth(row),
    guardians: guardians.map(({ organizationId: _o, createdAt, updatedAt, ...g }) => ({
      ...g,
      createdAt: iso(createdAt),
      updatedAt: iso(updatedAt),
    })),
    emergencyContacts: contacts.map(({ organizationId: _o, createdAt, updatedAt, ...c }) => ({
      ...c,
      createdAt: iso(createdAt),
      updatedAt: iso(updatedAt),
    })),
  };
};

export const EXPORT_VALID_HOURS = 24;

export const deleteYouth = async (db: Db, actor: Actor, id: string) =>
  db.transaction(async (tx) => {
    await findYouthFor(tx, actor, id, 'youth.delete');
    const since = new Date(Date.now() - EXPORT_VALID_HOURS * 3600_000);
    const [exported] = await tx
      .select({ id: auditEvent.id })
      .from(auditEvent)
      .where(
        and(
          eq(auditEvent.organizationId, actor.organizationId),
          eq(auditEvent.youthId, id),
          eq(auditEvent.action, 'youth.exported'),
          gte(auditEvent.at, since),
        ),
      )
      .limit(1);
    if (!exported) {
      throw new AppError(
        409,
        'EXPORT_REQUIRED',
        `Export this youth's record first (GET /api/v1/youth/${id}/export); deletion needs an export from the last ${EXPORT_VALID_HOURS} hours`,
      );
    }
    await tx.delete(youth).where(eq(youth.id, id));
    await writeAudit(tx, originOf(actor), {
      action: 'youth.deleted',
      resourceType: 'youth',
      resourceId: id,
      youthId: id,
    });
  });
