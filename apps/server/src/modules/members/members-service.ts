import { randomBytes } from 'node:crypto';
import { STAFF_ROLES, type TInvite, type TMember, type TRole } from '@mentorbridge/core';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Actor } from '../../access/context.ts';
import { originOf, writeAudit } from '../../audit/write-audit.ts';
import { createPasswordUser, findUserByEmail } from '../../auth/accounts.ts';
import { hashToken } from '../../auth/token-hash.ts';
import type { Db } from '../../db/client.ts';
import { invitation, membership, organization, program, staffProfile, user } from '../../db/schema.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import { iso, isoRequired } from '../../http/schemas.ts';
import type { Mailer } from '../../mail/mailer.ts';

export const INVITATION_DAYS = 7;

export const listMembers = async (db: Db, actor: Actor): Promise<TMember[]> => {
  const rows = await db
    .select({
      userId: user.id,
      name: user.name,
      email: user.email,
      twoFactorEnabled: user.twoFactorEnabled,
      role: membership.role,
      programId: membership.programId,
    })
    .from(membership)
    .innerJoin(user, eq(user.id, membership.userId))
    .where(eq(membership.organizationId, actor.organizationId))
    .orderBy(user.name);
  const byUser = new Map<string, TMember>();
  for (const r of rows) {
    const m = byUser.get(r.userId) ?? {
      userId: r.userId,
      name: r.name,
      email: r.email,
      roles: [],
      twoFactorEnabled: Boolean(r.twoFactorEnabled),
    };
    m.roles.push({ role: r.role, programId: r.programId });
    byUser.set(r.userId, m);
  }
  return [...byUser.values()];
};

const toInvitation = (r: typeof invitation.$inferSelect) => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  programId: r.programId,
  expiresAt: isoRequired(r.expiresAt),
  acceptedAt: iso(r.acceptedAt),
  createdAt: isoRequired(r.createdAt),
});

export const listInvitations = async (db: Db, actor: Actor) =>
  (
    await db
      .select()
      .from(invitation)
      .where(eq(invitation.organizationId, actor.organizationId))
      .orderBy(desc(invitation.createdAt))
      .limit(200)
  ).map(toInvitation);

export const inviteMember = async (
  db: Db,
  mailer: Mailer,
  publicUrl: string,
  actor: Actor,
  input: TInvite,
): Promise<ReturnType<typeof toInvitation>> => {
  if (!STAFF_ROLES.includes(input.role)) {
    throw badRequest({ role: 'Guardians and youth get access from their youth record, not by invitation' });
  }
  if (input.programId) {
    const [p] = await db
      .select({ id: program.id })
      .from(program)
      .where(and(eq(program.id, input.programId), eq(program.organizationId, actor.organizationId)));
    if (!p) throw badRequest({ programId: 'No such program in this organization' });
  }
  const token = randomBytes(32).toString('base64url');
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ name: organization.name })
      .from(organization)
      .where(eq(organization.id, actor.organizationId));
    const [row] = await tx
      .insert(invitation)
      .values({
        id: input.id,
        organizationId: actor.organizationId,
        email: input.email.toLowerCase(),
        name: input.name,
        role: input.role,
        programId: input.programId ?? null,
        tokenHash: hashToken(token),
        invitedBy: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86400_000),
      })
      .returning();
    await mailer.enqueue(tx, {
      organizationId: actor.organizationId,
      to: row!.email,
      subject: `You are invited to ${org?.name ?? 'Mentorbridge'}`,
      text: `You have been invited to join ${org?.name ?? 'an organization'} on Mentorbridge.\n\nAccept within ${INVITATION_DAYS} days: ${publicUrl}/invite?token=${token}\n`,
    });
    await writeAudit(tx, originOf(actor), {
      action: 'member.invited',
      resourceType: 'invitation',
      resourceId: row!.id,
      detail: { role: input.role, programId: input.programId ?? null },
    });
    return toInvitation(row!);
  });
};

const openInvitation = async (db: Db, token: string) => {
  const [row] = await db
    .select({ inv: invitation, orgName: organization.name })
    .from(invitation)
    .innerJoin(organization, eq(organization.id, invitation.organizationId))
    .where(
      and(
        eq(invitation.tokenHash, hashToken(token)),
        isNull(invitation.acceptedAt),
        gt(invitation.expiresAt, new Date()),
      ),
    );
  if (!row) throw notFound('Invitation (it may have expired or been used)');
  return row;
};

export const lookupInvitation = async (db: Db, token: string) => {
  const { inv, orgName } = await openInvitation(db, token);
  return { email: inv.email, name: inv.name, organizationName: orgName, role: inv.role };
};

export const acceptInvitation = async (
  db: Db,
  input: { token: string; password: string },
  origin: { ip: string | null; userAgent: string | null; requestId: string },
) => {
  const { inv } = await openInvitation(db, input.token);
  return db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, inv.email);
    if (existing) {
      throw new AppError(
        409,
        'CONFLICT',
        'An account with this email already exists; ask your administrator to add the role to it',
      );
    }
    const userId = await createPasswordUser(tx, { email: inv.email, name: inv.name, password: input.password });
    await addMembership(tx as unknown as Db, inv.organizationId, userId, inv.role, inv.programId);
    const claimed = await tx
      .update(invitation)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitation.id, inv.id), isNull(invitation.acceptedAt)))
      .returning({ id: invitation.id });
    if (!claimed.length) throw notFound('Invitation (it may have expired or been used)');
    await writeAudit(
      tx,
      { organizationId: inv.organizationId, actorUserId: userId, ...origin },
      { action: 'member.joined', resourceType: 'invitation', resourceId: inv.id, detail: { role: inv.role } },
    );
    return { email: inv.email };
  });
};

/** Gives a user a role; staff roles get a staff profile to hold languages, capacity and licence. */
export const addMembership = async (
  db: Db,
  organizationId: string,
  userId: string,
  role: TRole,
  programId: string | null,
) => {
  await db.insert(membership).values({ organizationId, userId, role, programId }).onConflictDoNothing();
  if (STAFF_ROLES.includes(role)) {
    await db.insert(staffProfile).values({ organizationId, userId }).onConflictDoNothing();
  }
};
