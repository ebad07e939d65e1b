import type { TEmergencyContact, TGuardian } from '@mentorbridge/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../access/context.ts';
import type { Action } from '../../access/policy.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db } from '../../db/client.ts';
import { emergencyContact, guardian } from '../../db/schema.ts';
import { notFound, versionConflict } from '../../http/errors.ts';
import { changedFields, findYouthFor } from './youth-record.ts';

type GuardianRow = typeof guardian.$inferSelect;
type ContactRow = typeof emergencyContact.$inferSelect;

const toGuardian = (r: GuardianRow): TGuardian => ({
  id: r.id,
  youthId: r.youthId,
  firstName: r.firstName,
  lastName: r.lastName,
  relationship: r.relationship,
  legalAuthority: r.legalAuthority,
  phone: r.phone,
  email: r.email,
  preferredLanguage: r.preferredLanguage,
  livesWithYouth: r.livesWithYouth,
  version: r.version,
});

const toContact = (r: ContactRow): TEmergencyContact => ({
  id: r.id,
  youthId: r.youthId,
  name: r.name,
  relationship: r.relationship,
  phone: r.phone,
  notes: r.notes,
  version: r.version,
});

/**
 * Guardians and emergency contacts hang off a youth record: reaching them is reaching the youth, so every call
 * first resolves the youth through the access policy, and the audit names the youth.
 */
const childRecords = <Row extends { id: string; version: number }, Out>(spec: {
  table: typeof guardian | typeof emergencyContact;
  kind: 'guardian' | 'emergency_contact';
  label: string;
  read: Action;
  write: Action;
  out: (r: Row) => Out;
}) => {
  const t = spec.table;
  return {
    list: async (db: Db, actor: Actor, youthId: string): Promise<Out[]> => {
      await findYouthFor(db, actor, youthId, spec.read);
      const rows = (await db
        .select()
        .from(t)
        .where(eq(t.youthId, youthId))
        .orderBy(asc(t.createdAt))) as unknown as Row[];
      await auditRead(db, actor, { action: `${spec.kind}.listed`, resourceType: spec.kind, youthId });
      return rows.map(spec.out);
    },
    create: async (db: Db, actor: Actor, youthId: string, input: Record<string, unknown>): Promise<Out> =>
      db.transaction(async (tx) => {
        await findYouthFor(tx, actor, youthId, spec.write);
        const [row] = (await tx
          .insert(t)
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- validated by the route's schema for this table
          .values({ ...(input as any), id: input.id ?? undefined, youthId, organizationId: actor.organizationId })
          .returning()) as unknown as Row[];
        await writeAudit(tx, originOf(actor), {
          action: `${spec.kind}.created`,
          resourceType: spec.kind,
          resourceId: row!.id,
          youthId,
        });
        return spec.out(row!);
      }),
    update: async (
      db: Db,
      actor: Actor,
      youthId: string,
      id: string,
      patch: { version: number } & Record<string, unknown>,
    ): Promise<Out> =>
      db.transaction(async (tx) => {
        await findYouthFor(tx, actor, youthId, spec.write);
        const [before] = (await tx
          .select()
          .from(t)
          .where(and(eq(t.id, id), eq(t.youthId, youthId)))) as unknown as Row[];
        if (!before) throw notFound(spec.label);
        const { version, ...fields } = patch;
        if (before.version !== version) throw versionConflict(spec.out(before));
        const changed = changedFields(before as Record<string, unknown>, fields);
        if (!changed.length) return spec.out(before);
        const [row] = (await tx
          .update(t)
          .set({ ...fields, version: sql`${t.version} + 1`, updatedAt: new Date() })
          .where(and(eq(t.id, id), eq(t.version, version)))
          .returning()) as unknown as Row[];
        if (!row) throw versionConflict(spec.out(before));
        await writeAudit(tx, originOf(actor), {
          action: `${spec.kind}.updated`,
          resourceType: spec.kind,
          resourceId: id,
          youthId,
          detail: { fields: changed },
        });
        return spec.out(row);
      }),
    remove: async (db: Db, actor: Actor, youthId: string, id: string): Promise<void> =>
      db.transaction(async (tx) => {
        await findYouthFor(tx, actor, youthId, spec.write);
        const deleted = await tx
          .delete(t)
          .where(and(eq(t.id, id), eq(t.youthId, youthId)))
          .returning({ id: t.id });
        if (!deleted.length) throw notFound(spec.label);
        await writeAudit(tx, originOf(actor), {
          action: `${spec.kind}.deleted`,
          resourceType: spec.kind,
          resourceId: id,
          youthId,
        });
      }),
  };
};

export const guardians = childRecords<GuardianRow, TGuardian>({
  table: guardian,
  kind: 'guardian',
  label: 'Guardian',
  read: 'guardian.read',
  write: 'guardian.write',
  out: toGuardian,
});

export const emergencyContacts = childRecords<ContactRow, TEmergencyContact>({
  table: emergencyContact,
  kind: 'emergency_contact',
  label: 'Emergency contact',
  read: 'emergency_contact.read',
  write: 'emergency_contact.write',
  out: toContact,
});
