import { ZCheckIn, ZCheckInHistory, ZCreateCheckIn, ZLatestCheckIn, ZTopChallenges, ZTopChallengesQuery } from '@mentorbridge/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { errorResponses, ZIdParam } from '../../http/schemas.ts';
import { latestCheckIns, listCheckIns, programTopChallenges, submitCheckIn } from './check-ins.ts';

/** Weekly youth check-ins: submit, a youth's history and trend, the caseload's latest, program top challenges. */
export const checkInRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.post(
    '/youth/:id/check-ins',
    {
      config: { permission: 'check_in.submit', record: true },
      schema: {
        tags: ['Check-ins'],
        summary: 'Submit a weekly check-in: each area rated 1 (going well) … 5 (very challenging)',
        description:
          'Accepts a client-generated `id` and an `Idempotency-Key` header. Rating keys must be the program\'s check-in areas. "I need to talk to someone" or any area at 5 raises a non-acute safety alert, the safety area at 5 an acute one, in the same transaction.',
        params: ZIdParam,
        body: ZCreateCheckIn,
        response: { 201: ZCheckIn, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await submitCheckIn(db, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/youth/:id/check-ins',
    {
      config: { permission: 'check_in.read', record: true },
      schema: {
        tags: ['Check-ins'],
        summary: 'A youth\'s recent check-ins, newest first, with the latest\'s trend',
        description: 'Guardians see ratings only: the youth\'s comment is confidential.',
        params: ZIdParam,
        response: { 200: ZCheckInHistory, ...errorResponses },
      },
    },
    async (req) => listCheckIns(db, actorOf(req), req.params.id),
  );

  app.get(
    '/check-ins/latest',
    {
      config: { permission: 'check_in.read' },
      schema: {
        tags: ['Check-ins'],
        summary: 'Each youth within reach with their latest check-in and its trend',
        response: { 200: z.array(ZLatestCheckIn), ...errorResponses },
      },
    },
    async (req) => latestCheckIns(db, actorOf(req)),
  );

  app.get(
    '/check-ins/top-challenges',
    {
      config: { permission: 'check_in.aggregate' },
      schema: {
        tags: ['Check-ins'],
        summary: 'A program\'s top challenges: check-in counts by area over the last days, no names',
        querystring: ZTopChallengesQuery,
        response: { 200: ZTopChallenges, ...errorResponses },
      },
    },
    async (req) => programTopChallenges(db, actorOf(req), req.query),
  );
};
