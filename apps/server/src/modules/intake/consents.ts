import type { TConsent, ZCreateConsent, ZWithdrawConsent } from '@mentorbridge/core';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { originOf, writeAudit } from '../../audit/write-audit.ts';
import { reauthenticate } from '../../auth/reauthenticate.ts';
import type { Db } from '../../db/client.ts';
import { attachment, consent, episode, guardian } from '../../db/schema.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import { dischargeOf, toConsent } from './episodes.ts';
import { findEpisodeFor, orgToday, userNames } from './intake-common.ts';

export const episodeClosed = () =>
  new AppError(409, 'EPISODE_CLOSED', 'The episode is discharged; its record can no longer change');

/**
 * Records a consent on an open episode: guardian agreement (who, legal basis, date, method),
 * youth assent, or a release of information (recipient, scope, expiry). The method is an uploaded signed form (an
 * attachment of the youth) or an in-app signature: the signer's typed name, confirmed by the password of the
 * staff member recording it.
 */
export const recordConsent = async (
  db: Db,
  actor: Actor,
  episodeId: string,
  input: z.output<typeof ZCreateConsent>,
): Promise<TConsent> =>
  db.transaction(async (tx) => {
    const { e, y } = await findEpisodeFor(tx, actor, episodeId, 'consent.write');
    if (e.status !== 'open') throw episodeClosed();
    const today = await orgToday(tx, actor.organizationId);
    const fields: Record<string, string> = {};
    if (input.givenOn > today) fields.givenOn = 'The date cannot be in the future';
    if (input.method === 'uploaded_form' && !input.attachmentId) fields.attachmentId = 'Upload the signed form';
    if (input.method === 'in_app_signature') {
      if (!input.typedName) fields.typedName = 'The signer types their full name';
      if (!input.password) fields.password = 'Enter your password to confirm the signature';
    }

    let guardianId: string | null = null;
    let givenByName = '';
    let legalBasis: string | null = null;
    if (input.kind === 'guardian_agreement' || (input.kind === 'release_of_information' && input.guardianId)) {
      const id = input.kind === 'guardian_agreement' ? input.guardianId : input.guardianId!;
      const [g] = await tx
        .select({ id: guardian.id, firstName: guardian.firstName, lastName: guardian.lastName })
        .from(guardian)
        .where(and(eq(guardian.id, id), eq(guardian.youthId, y.id)));
      if (!g) fields.guardianId = 'Choose one of the youth\'s guardians';
      else {
        guardianId = g.id;
        givenByName = `${g.firstName} ${g.lastName}`;
      }
      legalBasis = input.legalBasis ?? null;
    } else if (input.kind === 'youth_assent') {
      givenByName = `${y.firstName} ${y.lastName}`;
    } else {
      if (!input.givenByName) fields.givenByName = 'Name who signs the release';
      givenByName = input.givenByName ?? '';
      legalBasis = input.legalBasis ?? null;
    }
    if (input.kind === 'release_of_information' && input.expiresOn < input.givenOn)
      fields.expiresOn = 'The release cannot expire before it was given';
    if (input.method === 'uploaded_form' && input.attachmentId) {
      const [a] = await tx
        .select({ id: attachment.id })
        .from(attachment)
        .where(and(eq(attachment.id, input.attachmentId), eq(attachment.youthId, y.id)));
      if (!a) fields.attachmentId = 'No such file on this youth’s record';
    }
    if (Object.keys(fields).length) throw badRequest(fields);
    if (input.method === 'in_app_signature') await reauthenticate(tx, actor.userId, input.password!);

    const [row] = await tx
      .insert(consent)
      .values({
        id: input.id,
        organizationId: actor.organizationId,
        youthId: y.id,
        episodeId: e.id,
        kind: input.kind,
        guardianId,
        givenByName,
        legalBasis,
        method: input.method,
        typedName: input.method === 'in_app_signature' ? input.typedName! : null,
        attachmentId: input.method === 'uploaded_form' ? input.attachmentId! : null,
        givenOn: input.givenOn,
        recipient: input.kind === 'release_of_information' ? input.recipient : null,
        scope: input.kind === 'release_of_information' ? input.scope : null,
        expiresOn: input.kind === 'release_of_information' ? input.expiresOn : null,
        recordedBy: actor.userId,
      })
      .returning();
    await writeAudit(tx, originOf(actor), {
      action: 'consent.recorded',
      resourceType: 'consent',
      resourceId: row!.id,
      youthId: y.id,
      detail: {
        episodeId: e.id,
        kind: input.kind,
        method: input.method,
        guardianId,
        attachmentId: row!.attachmentId,
        reauthenticated: input.method === 'in_app_signature',
      },
    });
    return toConsent(row!, await userNames(tx, [actor.userId]), today);
  });

/**
 * Withdraws a consent. When the last guardian agreement of an open episode is withdrawn, the episode is marked
 * for discharge planning (R-1.33: caregiver withdraws consent).
 */
export const withdrawConsent = async (
  db: Db,
  actor: Actor,
  episodeId: string,
  consentId: string,
  input: z.output<typeof ZWithdrawConsent>,
): Promise<TConsent> =>
  db.transaction(async (tx) => {
    const { e, y } = await findEpisodeFor(tx, actor, episodeId, 'consent.write');
    const [c] = await tx
      .select()
      .from(consent)
      .where(and(eq(consent.id, consentId), eq(consent.episodeId, e.id)));
    if (!c) throw notFound('Consent');
    if (c.withdrawnAt) throw new AppError(409, 'ALREADY_WITHDRAWN', 'This consent was already withdrawn');
    const now = new Date();
    const [row] = await tx
      .update(consent)
      .set({ withdrawnAt: now, withdrawnReason: input.reason })
      .where(and(eq(consent.id, c.id), isNull(consent.withdrawnAt)))
      .returning();
    if (!row) throw new AppError(409, 'ALREADY_WITHDRAWN', 'This consent was already withdrawn');
    let planning = false;
    if (c.kind === 'guardian_agreement' && e.status === 'open') {
      const [other] = await tx
        .select({ id: consent.id })
        .from(consent)
        .where(
          and(
            eq(consent.episodeId, e.id),
            eq(consent.kind, 'guardian_agreement'),
            isNull(consent.withdrawnAt),
            ne(consent.id, c.id),
          ),
        )
        .limit(1);
      if (!other) {
        planning = true;
        await tx
          .update(episode)
          .set({
            discharge: {
              ...dischargeOf(e),
              planning: { reason: 'guardian_agreement_withdrawn', since: now.toISOString(), consentId: c.id },
            },
            version: sql`${episode.version} + 1`,
            updatedAt: now,
          })
          .where(eq(episode.id, e.id));
      }
    }
    await writeAudit(tx, originOf(actor), [
      {
        action: 'consent.withdrawn',
        resourceType: 'consent',
        resourceId: c.id,
        youthId: y.id,
        detail: { episodeId: e.id, kind: c.kind },
      },
      ...(planning
        ? [
            {
              action: 'episode.discharge_planning_started',
              resourceType: 'episode',
              resourceId: e.id,
              youthId: y.id,
              detail: { reason: 'guardian_agreement_withdrawn', consentId: c.id },
            },
          ]
        : []),
    ]);
    return toConsent(row!, await userNames(tx, [row!.recordedBy]), await orgToday(tx, actor.organizationId));
  });
