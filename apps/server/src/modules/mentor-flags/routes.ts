import { ZCreateMentorFlag, ZMentorFlag, ZMentorFlagListQuery, ZReviewMentorFlag, ZYouthHome } from '@mentorbridge/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { errorResponses, ZIdParam } from '../../http/schemas.ts';
import { createMentorFlag, listMentorFlags, reviewMentorFlag, youthHome } from './mentor-flags.ts';

const ZFlagParam = z.object({ flagId: z.uuid() });

/** The youth's home and "flag my mentor" (R-3.9), with the program managers' review. */
export const mentorFlagRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/me/youth-home',
    {
      config: { permission: 'youth_home.read' },
      schema: {
        tags: ['Youth home'],
        summary: 'The signed-in youth\'s home: check-in areas, shared safety plan, crisis numbers, mentors',
        response: { 200: ZYouthHome, ...errorResponses },
      },
    },
    async (req) => youthHome(db, actorOf(req)),
  );

  app.post(
    '/youth/:id/mentor-flags',
    {
      config: { permission: 'mentor_flag.create', record: true },
      schema: {
        tags: ['Mentor flags'],
        summary: 'A youth flags their mentor: contact is suspended and the program managers are alerted',
        description:
          'The match\'s contact through the platform is suspended until a program manager reviews the flag; the alert goes to program managers only, never to the mentor. 409 FLAG_OPEN while a flag on that mentor awaits review.',
        params: ZIdParam,
        body: ZCreateMentorFlag,
        response: { 201: ZMentorFlag, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createMentorFlag(db, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/mentor-flags',
    {
      config: { permission: 'mentor_flag.read' },
      schema: {
        tags: ['Mentor flags'],
        summary: 'Flagged mentors in your programs, newest first',
        querystring: ZMentorFlagListQuery,
        response: { 200: z.array(ZMentorFlag), ...errorResponses },
      },
    },
    async (req) => listMentorFlags(db, actorOf(req), req.query),
  );

  app.post(
    '/mentor-flags/:flagId/review',
    {
      config: { permission: 'mentor_flag.review', record: true },
      schema: {
        tags: ['Mentor flags'],
        summary: 'Review a flag: restore contact, close the match, or plan a re-match',
        params: ZFlagParam,
        body: ZReviewMentorFlag,
        response: { 200: ZMentorFlag, ...errorResponses },
      },
    },
    async (req) => reviewMentorFlag(db, actorOf(req), req.params.flagId, req.body),
  );
};
