import type { TProgramSurvey, ZCreateProgramSurvey } from '@mentorbridge/core';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { programsFor } from '../../access/scopes.ts';
import { originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db } from '../../db/client.ts';
import { programSurvey } from '../../db/schema-measures.ts';
import { program } from '../../db/schema.ts';
import { badRequest, forbidden } from '../../http/errors.ts';
import { isoRequired } from '../../http/schemas.ts';
import { lockKey } from '../care/care-access.ts';

/** Survey instrument ids are prefixed so they never collide with the library's instruments. */
export const surveyInstrumentId = (slug: string) => (slug.startsWith('survey_') ? slug : `survey_${slug}`);

const toSurvey = (r: typeof programSurvey.$inferSelect): TProgramSurvey => ({
  id: r.id,
  instrumentId: r.instrumentId,
  version: r.version,
  programId: r.programId,
  active: r.active,
  definition: r.definition,
  createdAt: isoRequired(r.createdAt),
});

/** Every version of the organization's surveys, newest first; older versions stay for the responses that used them. */
export const listSurveys = async (db: Db, actor: Actor): Promise<TProgramSurvey[]> => {
  const rows = await db
    .select()
    .from(programSurvey)
    .where(eq(programSurvey.organizationId, actor.organizationId))
    .orderBy(programSurvey.instrumentId, desc(programSurvey.version));
  return rows.map(toSurvey);
};

/**
 * Defines a survey, or a new version of one (same id): the new version becomes the one in use and earlier versions
 * are kept inactive. A program manager scoped to one program defines surveys for that program only.
 */
export const createSurvey = async (db: Db, actor: Actor, input: z.output<typeof ZCreateProgramSurvey>): Promise<TProgramSurvey> =>
  db.transaction(async (tx) => {
    const covered = programsFor(actor, 'program_survey.write');
    if (input.programId) {
      const [p] = await tx
        .select({ id: program.id })
        .from(program)
        .where(and(eq(program.id, input.programId), eq(program.organizationId, actor.organizationId)));
      if (!p) throw badRequest({ programId: 'Not a program of this organization' });
      if (covered && !covered.includes(input.programId)) throw forbidden('You manage other programs');
    } else if (covered) {
      throw forbidden('Only an organization-wide manager defines surveys for every program');
    }
    const instrumentId = surveyInstrumentId(input.definition.id);
    await lockKey(tx, `survey:${actor.organizationId}:${instrumentId}`);
    const existing = await tx
      .select({ programId: programSurvey.programId, v: programSurvey.version })
      .from(programSurvey)
      .where(and(eq(programSurvey.organizationId, actor.organizationId), eq(programSurvey.instrumentId, instrumentId)))
      .orderBy(desc(programSurvey.version));
    if (existing[0] && existing[0].programId !== input.programId) {
      throw badRequest({ 'definition.id': 'A survey with this id belongs to another program' });
    }
    const version = (existing[0]?.v ?? 0) + 1;
    await tx
      .update(programSurvey)
      .set({ active: false })
      .where(and(eq(programSurvey.organizationId, actor.organizationId), eq(programSurvey.instrumentId, instrumentId)));
    const [row] = await tx
      .insert(programSurvey)
      .values({
        organizationId: actor.organizationId,
        programId: input.programId,
        instrumentId,
        version,
        definition: { ...input.definition, id: instrumentId, version },
        createdBy: actor.userId,
      })
      .returning();
    await writeAudit(tx, originOf(actor), {
      action: 'program_survey.created',
      resourceType: 'program_survey',
      resourceId: row!.id,
      detail: { instrumentId, version, programId: input.programId, items: input.definition.items.length },
    });
    return toSurvey(row!);
  });
