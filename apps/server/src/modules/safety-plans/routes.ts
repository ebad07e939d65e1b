import {
  ZCrisisResources,
  ZProgramSafetySettings,
  ZSafetyPlan,
  ZSafetyPlanView,
  ZSaveSafetyPlan,
  ZUpdateProgramSafetySettings,
} from '@mentorbridge/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { errorResponses, ZIdParam } from '../../http/schemas.ts';
import {
  crisisResourcesFor,
  getProgramSafetySettings,
  getSafetyPlan,
  getSafetyPlanVersion,
  saveSafetyPlan,
  updateProgramSafetySettings,
} from './safety-plans.ts';

const ZProgramParam = z.object({ programId: z.uuid() });
const ZVersionParam = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });

/** Safety plans (Stanley–Brown), the crisis panel's numbers, and a program's safety settings. */
export const safetyPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/youth/:id/safety-plan',
    {
      config: { permission: 'safety_plan.read', record: true },
      schema: {
        tags: ['Safety plans'],
        summary: 'A youth\'s safety plan: the current version and the list of earlier ones',
        description:
          'The case team sees every version. The youth and guardians see the current version only when it is shared with them (otherwise `current` is null).',
        params: ZIdParam,
        response: { 200: ZSafetyPlanView, ...errorResponses },
      },
    },
    async (req) => getSafetyPlan(db, actorOf(req), req.params.id),
  );

  app.get(
    '/youth/:id/safety-plan/versions/:version',
    {
      config: { permission: 'safety_plan.history', record: true },
      schema: {
        tags: ['Safety plans'],
        summary: 'One version of a youth\'s safety plan',
        params: ZVersionParam,
        response: { 200: ZSafetyPlan, ...errorResponses },
      },
    },
    async (req) => getSafetyPlanVersion(db, actorOf(req), req.params.id, req.params.version),
  );

  app.post(
    '/youth/:id/safety-plan',
    {
      config: { permission: 'safety_plan.write', record: true },
      schema: {
        tags: ['Safety plans'],
        summary: 'Save the safety plan as a new version (the six Stanley–Brown sections), and who it is shared with',
        description:
          'Send `basedOnVersion`: the version you edited (null for the first plan). If someone saved a newer one, 409 VERSION_CONFLICT returns it.',
        params: ZIdParam,
        body: ZSaveSafetyPlan,
        response: { 201: ZSafetyPlanView, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await saveSafetyPlan(db, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/youth/:id/crisis-resources',
    {
      config: { permission: 'crisis_resources.read', record: true },
      schema: {
        tags: ['Safety plans'],
        summary: 'The crisis numbers for a youth\'s panel: the program\'s mobile crisis line',
        params: ZIdParam,
        response: { 200: ZCrisisResources, ...errorResponses },
      },
    },
    async (req) => crisisResourcesFor(db, actorOf(req), req.params.id),
  );

  app.get(
    '/programs/:programId/safety-settings',
    {
      config: { permission: 'program_safety.read' },
      schema: {
        tags: ['Programs'],
        summary: 'A program\'s check-in areas and mobile crisis number',
        params: ZProgramParam,
        response: { 200: ZProgramSafetySettings, ...errorResponses },
      },
    },
    async (req) => getProgramSafetySettings(db, actorOf(req), req.params.programId),
  );

  app.put(
    '/programs/:programId/safety-settings',
    {
      config: { permission: 'program_safety.write' },
      schema: {
        tags: ['Programs'],
        summary: 'Set a program\'s check-in areas and mobile crisis number',
        params: ZProgramParam,
        body: ZUpdateProgramSafetySettings,
        response: { 200: ZProgramSafetySettings, ...errorResponses },
      },
    },
    async (req) => updateProgramSafetySettings(db, actorOf(req), req.params.programId, req.body),
  );
};
