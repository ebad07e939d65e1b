import {
  skillLibrary,
  ZCancelContact,
  ZContact,
  ZContactListQuery,
  ZContactPage,
  ZContactSummary,
  ZCreateAddendum,
  ZCreateContact,
  ZCreateSupervisionSession,
  ZErrorBody,
  ZNoShowContact,
  ZNoteAddendum,
  ZPageQuery,
  ZReviewModeInput,
  ZReviewNote,
  ZReviewQueuePage,
  ZSignNote,
  ZSignSupervisionSession,
  ZSkillGuide,
  ZSupervisionAssignment,
  ZSupervisionCompliance,
  ZSupervisionSession,
  ZSupervisionSessionPage,
  ZSupervisionSessionQuery,
  ZUpdateContact,
  ZUpdateSupervisionSession,
} from '@mentorbridge/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { errorResponses, ZIdParam } from '../../http/schemas.ts';
import { cancelContact, markNoShow, updateContact } from './edit-contact.ts';
import { getContact } from './get-contact.ts';
import { addAddendum, listAssignments, reviewNote, reviewQueue, setReviewMode } from './review-notes.ts';
import { createContact, listContacts } from './schedule-contacts.ts';
import { ALERT_DELIVERY_TASK } from '../safety/alert-jobs.ts';
import { signNote } from './sign-contact-note.ts';
import {
  createSupervisionSession,
  listSupervisionSessions,
  signSupervisionSession,
  supervisionCompliance,
  updateSupervisionSession,
} from './supervision-sessions.ts';

const ZContactParam = z.object({ contactId: z.uuid() });
const ZSessionParam = z.object({ sessionId: z.uuid() });
const ZMentorParam = z.object({ mentorUserId: z.string().min(1).max(100) });

const signing = {
  ...errorResponses,
  401: ZErrorBody.describe('Not signed in, or the password did not match (REAUTH_FAILED)'),
  409: ZErrorBody.describe('Already signed (NOTE_SIGNED / SESSION_SIGNED), cancelled, or a stale version'),
  422: ZErrorBody.describe(
    'Refused by the rules: GATES_FAILED (`fields` names each failed gate), NO_RULE_SET, LICENCE_REQUIRED, LICENCE_NOT_CURRENT',
  ),
};
const changing = {
  ...errorResponses,
  409: ZErrorBody.describe(
    'The note is signed (NOTE_SIGNED), the contact is closed (CONTACT_CLOSED), or a stale version',
  ),
};

export const notesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, mailer: app.deps.mailer, publicUrl: app.deps.config.publicUrl, clock: app.deps.clock };
  const contacts = ['Contacts and notes'];
  const review = ['Note review'];
  const supervision = ['Supervision'];

  app.post(
    '/youth/:id/contacts',
    {
      config: { permission: 'contact.write', record: true },
      schema: {
        tags: contacts,
        summary: 'Schedule a contact (one-off or weekly), or document one that took place',
        description:
          'A session or a collateral contact (with the hub clinician, a guardian or the school). `repeatWeeklyUntil` ' +
          'creates a weekly series (at most 26 occurrences). Note fields may be sent to document a contact at once. ' +
          'Accepts a client-generated `id` and an `Idempotency-Key` header.',
        params: ZIdParam,
        body: ZCreateContact,
        response: { 201: ZContact, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createContact(db, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/contacts',
    {
      config: { permission: 'contact.read' },
      schema: {
        tags: contacts,
        summary: 'Contacts within your reach: a schedule, or the sessions of a youth',
        querystring: ZContactListQuery,
        response: { 200: ZContactPage, ...errorResponses },
      },
    },
    async (req) => listContacts(db, actorOf(req), req.query),
  );

  app.get(
    '/contacts/:contactId',
    {
      config: { permission: 'contact.read', record: true },
      schema: {
        tags: contacts,
        summary: 'A contact and its note, with revisions, reviews, addenda and a live gate check',
        params: ZContactParam,
        response: { 200: ZContact, ...errorResponses },
      },
    },
    async (req) => getContact(db, actorOf(req), req.params.contactId),
  );

  app.patch(
    '/contacts/:contactId',
    {
      config: { permission: 'contact.write', record: true },
      schema: {
        tags: contacts,
        summary: 'Edit an occurrence or save the draft note (autosave)',
        description:
          'Send the `version` you edited. Editing one occurrence leaves its series as it is. Only the mentor writes ' +
          'the note. A signed note answers 409 NOTE_SIGNED.',
        params: ZContactParam,
        body: ZUpdateContact,
        response: { 200: ZContact, ...changing },
      },
    },
    async (req) => updateContact(db, actorOf(req), req.params.contactId, req.body),
  );

  app.post(
    '/contacts/:contactId/cancel',
    {
      config: { permission: 'contact.write', record: true },
      schema: {
        tags: contacts,
        summary: 'Cancel an occurrence, or this and the later occurrences of its series',
        params: ZContactParam,
        body: ZCancelContact,
        response: { 200: z.array(ZContactSummary), ...changing },
      },
    },
    async (req) => cancelContact(db, actorOf(req), req.params.contactId, req.body),
  );

  app.post(
    '/contacts/:contactId/no-show',
    {
      config: { permission: 'contact.write', record: true },
      schema: {
        tags: contacts,
        summary: 'Record that the youth did not come',
        params: ZContactParam,
        body: ZNoShowContact,
        response: { 200: ZContact, ...changing },
      },
    },
    async (req) => markNoShow(db, actorOf(req), req.params.contactId, req.body),
  );

  app.post(
    '/contacts/:contactId/sign',
    {
      config: { permission: 'contact.write', record: true },
      schema: {
        tags: contacts,
        summary: 'Sign the note (its mentor, re-entering their password)',
        description:
          'Checks the note is complete (400 names each missing field) and, for a session of a billable program, ' +
          'every hard gate (422 GATES_FAILED names each). Locks the note, records units, lateness and the review ' +
          'it needs; a "yes" to the safety question alerts the supervisors.',
        params: ZContactParam,
        body: ZSignNote,
        response: { 200: ZContact, ...signing },
      },
    },
    async (req) => {
      const signed = await signNote(deps, actorOf(req), req.params.contactId, req.body);
      // A safety concern raised an alert in that transaction: deliver its notices now rather than at the next sweep.
      if (signed.safetyConcern) await app.deps.jobs.kick(ALERT_DELIVERY_TASK);
      return signed;
    },
  );

  app.post(
    '/contacts/:contactId/addenda',
    {
      config: { permission: 'contact.write', record: true },
      schema: {
        tags: contacts,
        summary: 'Add an addendum to a signed note (its mentor or their supervisor)',
        params: ZContactParam,
        body: ZCreateAddendum,
        response: {
          201: ZNoteAddendum,
          ...errorResponses,
          409: ZErrorBody.describe('The note is not signed yet (NOTE_NOT_SIGNED)'),
        },
      },
    },
    async (req, reply) => reply.status(201).send(await addAddendum(db, actorOf(req), req.params.contactId, req.body)),
  );

  app.get(
    '/review-queue',
    {
      config: { permission: 'note.review' },
      schema: {
        tags: review,
        summary: 'Signed notes of your supervisees awaiting your review, oldest first',
        querystring: ZPageQuery,
        response: { 200: ZReviewQueuePage, ...errorResponses },
      },
    },
    async (req) => reviewQueue(db, actorOf(req), req.query),
  );

  app.post(
    '/contacts/:contactId/review',
    {
      config: { permission: 'note.review', record: true },
      schema: {
        tags: review,
        summary: 'Approve, co-sign (attestation and password) or return a note with a comment',
        params: ZContactParam,
        body: ZReviewNote,
        response: { 200: ZContact, ...signing, 409: ZErrorBody.describe('Not awaiting review, or a stale version') },
      },
    },
    async (req) => reviewNote(deps, actorOf(req), req.params.contactId, req.body),
  );

  app.get(
    '/supervision-assignments',
    {
      config: { permission: 'supervision.read' },
      schema: {
        tags: supervision,
        summary: 'Supervisors and supervisees with their review modes',
        response: { 200: z.array(ZSupervisionAssignment), ...errorResponses },
      },
    },
    async (req) => listAssignments(db, actorOf(req)),
  );

  app.put(
    '/supervision-assignments/:mentorUserId/review-mode',
    {
      config: { permission: 'review_mode.write', record: true },
      schema: {
        tags: review,
        summary: 'Set how a supervisee\'s notes are reviewed: approve all, co-sign all, or a sample',
        params: ZMentorParam,
        body: ZReviewModeInput,
        response: { 200: z.array(ZSupervisionAssignment), ...errorResponses },
      },
    },
    async (req) => setReviewMode(db, actorOf(req), req.params.mentorUserId, req.body),
  );

  app.get(
    '/supervision-sessions',
    {
      config: { permission: 'supervision.read' },
      schema: {
        tags: supervision,
        summary: 'Supervision sessions you led or attended (all of them for admins and managers)',
        querystring: ZSupervisionSessionQuery,
        response: { 200: ZSupervisionSessionPage, ...errorResponses },
      },
    },
    async (req) => listSupervisionSessions(db, actorOf(req), req.query),
  );

  app.post(
    '/supervision-sessions',
    {
      config: { permission: 'supervision.write' },
      schema: {
        tags: supervision,
        summary: 'Record a supervision session with your supervisees',
        description: 'Accepts a client-generated `id` and an `Idempotency-Key` header.',
        body: ZCreateSupervisionSession,
        response: { 201: ZSupervisionSession, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createSupervisionSession(db, actorOf(req), req.body)),
  );

  app.patch(
    '/supervision-sessions/:sessionId',
    {
      config: { permission: 'supervision.write', record: true },
      schema: {
        tags: supervision,
        summary: 'Edit an unsigned supervision session',
        params: ZSessionParam,
        body: ZUpdateSupervisionSession,
        response: {
          200: ZSupervisionSession,
          ...errorResponses,
          409: ZErrorBody.describe('Signed (SESSION_SIGNED), or a stale version'),
        },
      },
    },
    async (req) => updateSupervisionSession(db, actorOf(req), req.params.sessionId, req.body),
  );

  app.post(
    '/supervision-sessions/:sessionId/sign',
    {
      config: { permission: 'supervision.write', record: true },
      schema: {
        tags: supervision,
        summary: 'Sign a supervision session with your password and licence; it is final',
        params: ZSessionParam,
        body: ZSignSupervisionSession,
        response: { 200: ZSupervisionSession, ...signing },
      },
    },
    async (req) => signSupervisionSession(db, actorOf(req), req.params.sessionId, req.body),
  );

  app.get(
    '/supervision/compliance',
    {
      config: { permission: 'supervision.read' },
      schema: {
        tags: supervision,
        summary: 'Supervision cadence per mentor against their programs\' rule sets',
        response: { 200: z.array(ZSupervisionCompliance), ...errorResponses },
      },
    },
    async (req) => supervisionCompliance(db, actorOf(req)),
  );

  app.get(
    '/skills',
    {
      config: { permission: 'skills.read' },
      schema: {
        tags: contacts,
        summary: 'The skills library: the evidence-based skills with a short guide for mentors',
        response: { 200: z.array(ZSkillGuide), ...errorResponses },
      },
    },
    async () => skillLibrary(),
  );
};
