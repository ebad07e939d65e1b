import { ZAcceptInvitation, ZInvitation, ZInvite, ZMember } from '@mentorbridge/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { errorResponses } from '../../http/schemas.ts';
import { acceptInvitation, inviteMember, listInvitations, listMembers, lookupInvitation } from './members-service.ts';

const tags = ['Members'];

export const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const { mailer, config } = app.deps;
  app.get(
    '/members',
    {
      config: { permission: 'member.list' },
      schema: {
        tags,
        summary: 'Members of the organization and their roles',
        response: { 200: z.array(ZMember), ...errorResponses },
      },
    },
    async (req) => listMembers(db, actorOf(req)),
  );
  app.get(
    '/invitations',
    {
      config: { permission: 'member.invite' },
      schema: { tags, summary: 'Invitations sent', response: { 200: z.array(ZInvitation), ...errorResponses } },
    },
    async (req) => listInvitations(db, actorOf(req)),
  );
  app.post(
    '/invitations',
    {
      config: { permission: 'member.invite' },
      schema: {
        tags,
        summary: 'Invite someone to a staff role (the link goes by email)',
        body: ZInvite,
        response: { 201: ZInvitation, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await inviteMember(db, mailer, config.publicUrl, actorOf(req), req.body)),
  );
  app.get(
    '/invitations/lookup',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'What an invitation link is for',
        security: [],
        querystring: z.object({ token: z.string().min(20).max(200) }),
        response: {
          200: z.object({ email: z.string(), name: z.string(), organizationName: z.string(), role: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (req) => lookupInvitation(db, req.query.token),
  );
  app.post(
    '/invitations/accept',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Accept an invitation by setting a password',
        security: [],
        body: ZAcceptInvitation,
        response: { 200: z.object({ email: z.string() }), ...errorResponses },
      },
    },
    async (req) =>
      acceptInvitation(db, req.body, {
        ip: req.ip ?? null,
        userAgent: req.headers['user-agent']?.slice(0, 300) ?? null,
        requestId: req.id,
      }),
  );
};
