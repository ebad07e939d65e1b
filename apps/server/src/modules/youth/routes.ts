import {
  ZCreateEmergencyContact,
  ZCreateGuardian,
  ZCreateYouth,
  ZEmergencyContact,
  ZGuardian,
  ZUpdateEmergencyContact,
  ZUpdateGuardian,
  ZUpdateYouth,
  ZYouth,
  ZYouthAccessEntry,
  ZYouthListQuery,
  ZYouthPage,
} from '@mentorbridge/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { errorResponses, ZIdParam, ZNoContent, ZVersionBody } from '../../http/schemas.ts';
import { youthAccessLog } from '../audit/audit-service.ts';
import { emergencyContacts, guardians } from './youth-contacts.ts';
import {
  createYouth,
  deleteYouth,
  exportYouth,
  getYouth,
  listYouth,
  setYouthStatus,
  updateYouth,
} from './youth-service.ts';

const tags = ['Youth'];
const ZGuardianParams = z.object({ id: z.uuid(), guardianId: z.uuid() });
const ZContactParams = z.object({ id: z.uuid(), contactId: z.uuid() });

export const youthRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/youth',
    {
      config: { permission: 'youth.list' },
      schema: {
        tags,
        summary: 'Search youth within your reach',
        querystring: ZYouthListQuery,
        response: { 200: ZYouthPage, ...errorResponses },
      },
    },
    async (req) => listYouth(db, actorOf(req), req.query),
  );

  app.post(
    '/youth',
    {
      config: { permission: 'youth.create' },
      schema: {
        tags,
        summary: 'Create a youth record',
        description: 'Accepts a client-generated `id` and an `Idempotency-Key` header.',
        body: ZCreateYouth,
        response: { 201: ZYouth, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createYouth(db, actorOf(req), req.body)),
  );

  app.get(
    '/youth/:id',
    {
      config: { permission: 'youth.read', record: true },
      schema: { tags, summary: 'Open a youth record', params: ZIdParam, response: { 200: ZYouth, ...errorResponses } },
    },
    async (req) => getYouth(db, actorOf(req), req.params.id),
  );

  app.patch(
    '/youth/:id',
    {
      config: { permission: 'youth.update', record: true },
      schema: {
        tags,
        summary: 'Edit a youth record',
        description: 'Send the `version` you edited; a stale version answers 409 with the current record.',
        params: ZIdParam,
        body: ZUpdateYouth,
        response: { 200: ZYouth, ...errorResponses },
      },
    },
    async (req) => updateYouth(db, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/youth/:id/deactivate',
    {
      config: { permission: 'youth.deactivate', record: true },
      schema: {
        tags,
        summary: 'Deactivate a youth record (keeps its history)',
        params: ZIdParam,
        body: ZVersionBody,
        response: { 200: ZYouth, ...errorResponses },
      },
    },
    async (req) => setYouthStatus(db, actorOf(req), req.params.id, req.body.version, 'inactive'),
  );

  app.post(
    '/youth/:id/reactivate',
    {
      config: { permission: 'youth.deactivate', record: true },
      schema: {
        tags,
        summary: 'Reactivate a deactivated youth record',
        params: ZIdParam,
        body: ZVersionBody,
        response: { 200: ZYouth, ...errorResponses },
      },
    },
    async (req) => setYouthStatus(db, actorOf(req), req.params.id, req.body.version, 'active'),
  );

  app.get(
    '/youth/:id/export',
    {
      config: { permission: 'youth.export', record: true },
      schema: {
        tags,
        summary: 'Export a youth\'s whole record as JSON',
        params: ZIdParam,
        response: { 200: z.record(z.string(), z.unknown()), ...errorResponses },
      },
    },
    async (req, reply) => {
      reply.header('content-disposition', `attachment; filename="youth-${req.params.id}.json"`);
      return exportYouth(db, actorOf(req), req.params.id);
    },
  );

  app.delete(
    '/youth/:id',
    {
      config: { permission: 'youth.delete', record: true },
      schema: {
        tags,
        summary: 'Delete a youth record (org admin; after an export)',
        params: ZIdParam,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (req, reply) => {
      await deleteYouth(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/youth/:id/access-log',
    {
      config: { permission: 'youth.access_log', record: true },
      schema: {
        tags,
        summary: 'Everyone who opened this record',
        params: ZIdParam,
        response: { 200: z.array(ZYouthAccessEntry), ...errorResponses },
      },
    },
    async (req) => youthAccessLog(db, actorOf(req), req.params.id),
  );

  // Guardians
  app.get(
    '/youth/:id/guardians',
    {
      config: { permission: 'guardian.read', record: true },
      schema: {
        tags,
        summary: 'A youth\'s guardians',
        params: ZIdParam,
        response: { 200: z.array(ZGuardian), ...errorResponses },
      },
    },
    async (req) => guardians.list(db, actorOf(req), req.params.id),
  );
  app.post(
    '/youth/:id/guardians',
    {
      config: { permission: 'guardian.write', record: true },
      schema: {
        tags,
        summary: 'Add a guardian',
        params: ZIdParam,
        body: ZCreateGuardian,
        response: { 201: ZGuardian, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await guardians.create(db, actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/youth/:id/guardians/:guardianId',
    {
      config: { permission: 'guardian.write', record: true },
      schema: {
        tags,
        summary: 'Edit a guardian',
        params: ZGuardianParams,
        body: ZUpdateGuardian,
        response: { 200: ZGuardian, ...errorResponses },
      },
    },
    async (req) => guardians.update(db, actorOf(req), req.params.id, req.params.guardianId, req.body),
  );
  app.delete(
    '/youth/:id/guardians/:guardianId',
    {
      config: { permission: 'guardian.write', record: true },
      schema: {
        tags,
        summary: 'Remove a guardian',
        params: ZGuardianParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (req, reply) => {
      await guardians.remove(db, actorOf(req), req.params.id, req.params.guardianId);
      return reply.status(204).send(null);
    },
  );

  // Emergency contacts
  app.get(
    '/youth/:id/emergency-contacts',
    {
      config: { permission: 'emergency_contact.read', record: true },
      schema: {
        tags,
        summary: 'A youth\'s emergency contacts',
        params: ZIdParam,
        response: { 200: z.array(ZEmergencyContact), ...errorResponses },
      },
    },
    async (req) => emergencyContacts.list(db, actorOf(req), req.params.id),
  );
  app.post(
    '/youth/:id/emergency-contacts',
    {
      config: { permission: 'emergency_contact.write', record: true },
      schema: {
        tags,
        summary: 'Add an emergency contact',
        params: ZIdParam,
        body: ZCreateEmergencyContact,
        response: { 201: ZEmergencyContact, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await emergencyContacts.create(db, actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/youth/:id/emergency-contacts/:contactId',
    {
      config: { permission: 'emergency_contact.write', record: true },
      schema: {
        tags,
        summary: 'Edit an emergency contact',
        params: ZContactParams,
        body: ZUpdateEmergencyContact,
        response: { 200: ZEmergencyContact, ...errorResponses },
      },
    },
    async (req) => emergencyContacts.update(db, actorOf(req), req.params.id, req.params.contactId, req.body),
  );
  app.delete(
    '/youth/:id/emergency-contacts/:contactId',
    {
      config: { permission: 'emergency_contact.write', record: true },
      schema: {
        tags,
        summary: 'Remove an emergency contact',
        params: ZContactParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (req, reply) => {
      await emergencyContacts.remove(db, actorOf(req), req.params.id, req.params.contactId);
      return reply.status(204).send(null);
    },
  );
};
