import {
  ZAdministration,
  ZAdministrationParam,
  ZCreateAdministration,
  ZCreatedAdministration,
  ZCreateMeasureResponse,
  ZCreateProgramSurvey,
  ZErrorBody,
  ZGasSummary,
  ZInstrumentCatalogItem,
  ZInstrumentDetail,
  ZInstrumentParam,
  ZInstrumentQuery,
  ZKioskRedeem,
  ZKioskToken,
  ZMeasurePrivacy,
  ZMeasureResponse,
  ZMeasureResponseList,
  ZMeasureResponseQuery,
  ZOverdueList,
  ZOverdueQuery,
  ZProgramSurvey,
  ZScorePreview,
  ZScorePreviewBody,
  ZSelfReportDone,
  ZSelfReportForm,
  ZSelfReportSubmit,
  ZSelfReportToken,
  ZTrajectory,
  ZTrajectoryQuery,
} from '@mentorbridge/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ALERT_DELIVERY_TASK } from '../safety/alert-jobs.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { errorResponses, ZIdParam } from '../../http/schemas.ts';
import {
  cancelAdministration,
  createAdministration,
  listAdministrations,
  openSelfReport,
  type PublicOrigin,
  redeemKioskCode,
  submitSelfReport,
} from './administration-service.ts';
import { detailOf, listCatalog, resolveInstrument, scoreWith } from './catalog.ts';
import { createLimiter, tooMany } from './rate-limit.ts';
import { createResponse, getResponse, listResponses, setPrivacy } from './response-service.ts';
import { listOverdue } from './schedule-service.ts';
import { createSurvey, listSurveys } from './survey-service.ts';
import { gasSummary, trajectory } from './trajectory-service.ts';

const idempotent = 'Accepts a client-generated `id` and an `Idempotency-Key` header.';
const ZResponseParam = z.object({ id: z.uuid(), responseId: z.uuid() });
const publicErrors = {
  400: ZErrorBody.describe('Invalid input; `fields` names each offending field'),
  404: ZErrorBody.describe('No such link or code'),
  410: ZErrorBody.describe('The link expired, was cancelled or was already answered (code says which)'),
  429: ZErrorBody.describe('Too many requests or wrong codes from this address; wait and try again'),
};

/** Kiosk codes: this many wrong codes from one address in the window locks that address out until it ends. */
export const KIOSK_MAX_FAILURES = 5;
const KIOSK_WINDOW_MS = 15 * 60_000;

/** Measurement-based care: instruments, program surveys, responses, self-report links and kiosk codes, trends. */
export const measuresRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const { config } = app.deps;
  const secrets = { publicUrl: config.publicUrl, kioskSecret: config.authSecret };
  const publicRequests = createLimiter({ limit: 60, windowMs: 60_000 });
  const kioskFailures = createLimiter({ limit: KIOSK_MAX_FAILURES, windowMs: KIOSK_WINDOW_MS });
  const limited = async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.ip ?? 'unknown';
    if (!publicRequests.hit(key)) {
      reply.header('retry-after', String(publicRequests.retryAfterSeconds(key)));
      throw tooMany();
    }
  };
  const originOfPublic = (req: FastifyRequest): PublicOrigin => ({
    ip: req.ip ?? null,
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 300) : null,
    requestId: req.id,
  });

  // Instruments
  app.get(
    '/instruments',
    {
      config: { permission: 'instrument.read' },
      schema: {
        tags: ['Measures'],
        summary: 'Instruments available: the embedded library, licensed score-entry forms and the organization\'s surveys',
        description: 'Each with its required attribution, licence note, respondent and languages.',
        response: { 200: z.array(ZInstrumentCatalogItem), ...errorResponses },
      },
    },
    async (req) => listCatalog(db, actorOf(req).organizationId),
  );

  app.get(
    '/instruments/:instrumentId',
    {
      config: { permission: 'instrument.read' },
      schema: {
        tags: ['Measures'],
        summary: 'An instrument\'s full definition, to render its form (or, for a licensed form, its score fields)',
        params: ZInstrumentParam,
        querystring: ZInstrumentQuery,
        response: { 200: ZInstrumentDetail, ...errorResponses },
      },
    },
    async (req) =>
      detailOf(await resolveInstrument(db, actorOf(req).organizationId, req.params.instrumentId, { version: req.query.version })),
  );

  app.post(
    '/instruments/:instrumentId/score',
    {
      config: { permission: 'instrument.read' },
      schema: {
        tags: ['Measures'],
        summary: 'Score answers without storing anything (preview)',
        description: 'Gives the same numbers a stored response gets. Unknown items or values make the result invalid, with reasons.',
        params: ZInstrumentParam,
        querystring: ZInstrumentQuery,
        body: ZScorePreviewBody,
        response: { 200: ZScorePreview, ...errorResponses },
      },
    },
    async (req) => {
      const r = await resolveInstrument(db, actorOf(req).organizationId, req.params.instrumentId, { version: req.query.version });
      return scoreWith(r, req.body.answers);
    },
  );

  // Program surveys
  app.get(
    '/program-surveys',
    {
      config: { permission: 'instrument.read' },
      schema: {
        tags: ['Measures'],
        summary: 'The organization\'s own surveys, every version, newest first',
        response: { 200: z.array(ZProgramSurvey), ...errorResponses },
      },
    },
    async (req) => listSurveys(db, actorOf(req)),
  );

  app.post(
    '/program-surveys',
    {
      config: { permission: 'program_survey.write' },
      schema: {
        tags: ['Measures'],
        summary: 'Define a short numeric survey, or a new version of one (same id)',
        description: 'The new version is the one in use; responses keep the version they were answered on.',
        body: ZCreateProgramSurvey,
        response: { 201: ZProgramSurvey, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createSurvey(db, actorOf(req), req.body)),
  );

  // Stored responses
  app.post(
    '/youth/:id/measures',
    {
      config: { permission: 'measure.write', record: true },
      schema: {
        tags: ['Measures'],
        summary: 'Record a questionnaire administered during a visit, or the scores of a licensed form',
        description: `${idempotent} A safety flag (e.g. PHQ-9 item 9 ≥ 1) raises a safety alert in the same transaction. Licensed forms (SDQ, RCADS, C-SSRS) need \`administeredOn\`.`,
        params: ZIdParam,
        body: ZCreateMeasureResponse,
        response: { 201: ZMeasureResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const saved = await createResponse(db, actorOf(req), req.params.id, req.body);
      // A flagged answer raised its alert in the same transaction: deliver the notices now.
      await app.deps.jobs.kick(ALERT_DELIVERY_TASK);
      return reply.status(201).send(saved);
    },
  );

  app.get(
    '/youth/:id/measures',
    {
      config: { permission: 'measure.read', record: true },
      schema: {
        tags: ['Measures'],
        summary: 'A youth\'s questionnaire responses, newest first',
        description: 'A guardian sees the youth\'s own answers only when the youth shares them (privacy setting).',
        params: ZIdParam,
        querystring: ZMeasureResponseQuery,
        response: { 200: ZMeasureResponseList, ...errorResponses },
      },
    },
    async (req) => listResponses(db, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/youth/:id/measures/trajectory',
    {
      config: { permission: 'measure.read', record: true },
      schema: {
        tags: ['Measures'],
        summary: 'Scores on one instrument over time, with bands and reliable / clinically significant change',
        description: 'Change is Jacobson & Truax between the first and latest valid score; the SD, reliability and cut-off used are returned with it.',
        params: ZIdParam,
        querystring: ZTrajectoryQuery,
        response: { 200: ZTrajectory, ...errorResponses },
      },
    },
    async (req) => trajectory(db, actorOf(req), req.params.id, req.query),
  );

  app.put(
    '/youth/:id/measures/privacy',
    {
      config: { permission: 'measure.privacy', record: true },
      schema: {
        tags: ['Measures'],
        summary: 'Whether the youth\'s own answers are shared with their guardians',
        params: ZIdParam,
        body: ZMeasurePrivacy,
        response: { 200: ZMeasurePrivacy, ...errorResponses },
      },
    },
    async (req) => setPrivacy(db, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/youth/:id/measures/:responseId',
    {
      config: { permission: 'measure.read', record: true },
      schema: {
        tags: ['Measures'],
        summary: 'One response with its answers and score',
        params: ZResponseParam,
        response: { 200: ZMeasureResponse, ...errorResponses },
      },
    },
    async (req) => getResponse(db, actorOf(req), req.params.id, req.params.responseId),
  );

  // Self-report invitations
  app.post(
    '/youth/:id/administrations',
    {
      config: { permission: 'measure.write', record: true },
      schema: {
        tags: ['Measures'],
        summary: 'Invite the youth or a guardian to answer a form without an account: a one-time link or a kiosk code',
        description: `${idempotent} The token or code is in this answer only: just a hash is stored.`,
        params: ZIdParam,
        body: ZCreateAdministration,
        response: { 201: ZCreatedAdministration, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createAdministration(db, actorOf(req), req.params.id, req.body, secrets)),
  );

  app.get(
    '/youth/:id/administrations',
    {
      config: { permission: 'measure.write', record: true },
      schema: {
        tags: ['Measures'],
        summary: 'A youth\'s self-report invitations and their status',
        params: ZIdParam,
        response: { 200: z.array(ZAdministration), ...errorResponses },
      },
    },
    async (req) => listAdministrations(db, actorOf(req), req.params.id),
  );

  app.post(
    '/administrations/:administrationId/cancel',
    {
      config: { permission: 'measure.write', record: true },
      schema: {
        tags: ['Measures'],
        summary: 'Cancel an open invitation: its link or code stops working',
        params: ZAdministrationParam,
        response: { 200: ZAdministration, ...errorResponses },
      },
    },
    async (req) => cancelAdministration(db, actorOf(req), req.params.administrationId),
  );

  // Public: no account
  app.get(
    '/self-report/:token',
    {
      config: { permission: 'public' },
      preHandler: limited,
      schema: {
        tags: ['Self-report'],
        security: [],
        summary: 'Open a self-report link: the youth\'s first name, the form in its language, the expiry',
        params: ZSelfReportToken,
        response: { 200: ZSelfReportForm, ...publicErrors },
      },
    },
    async (req) => openSelfReport(db, req.params.token, originOfPublic(req)),
  );

  app.post(
    '/self-report/:token',
    {
      config: { permission: 'public' },
      preHandler: limited,
      schema: {
        tags: ['Self-report'],
        security: [],
        summary: 'Submit the answers of a self-report link (once)',
        description: 'The score is never returned. A safety flag raises an alert in the same transaction.',
        params: ZSelfReportToken,
        body: ZSelfReportSubmit,
        response: { 200: ZSelfReportDone, ...publicErrors },
      },
    },
    async (req) => {
      const done = await submitSelfReport(db, req.params.token, req.body.answers, originOfPublic(req));
      await app.deps.jobs.kick(ALERT_DELIVERY_TASK);
      return done;
    },
  );

  app.post(
    '/kiosk',
    {
      config: { permission: 'public' },
      preHandler: limited,
      schema: {
        tags: ['Self-report'],
        security: [],
        summary: 'Trade a kiosk code for the token of its form',
        description: `Each code works once. ${KIOSK_MAX_FAILURES} wrong codes from one address lock it out for 15 minutes.`,
        body: ZKioskRedeem,
        response: { 200: ZKioskToken, ...publicErrors },
      },
    },
    async (req) => {
      const key = req.ip ?? 'unknown';
      if (kioskFailures.exhausted(key)) throw tooMany('Too many wrong codes; wait 15 minutes or ask staff for help');
      const found = await redeemKioskCode(db, req.body.code, secrets.kioskSecret, originOfPublic(req));
      if (!found) {
        kioskFailures.hit(key);
        throw new AppError(404, 'KIOSK_CODE_INVALID', 'That code is not valid. Check it and try again.');
      }
      return found;
    },
  );

  // Schedules
  app.get(
    '/measures/overdue',
    {
      config: { permission: 'measure.overdue' },
      schema: {
        tags: ['Measures'],
        summary: 'Scheduled measures overdue (and, with includeDue, due now) for the youth within your reach',
        description: 'From each program\'s rule set: baseline at admission, every N weeks, at discharge.',
        querystring: ZOverdueQuery,
        response: { 200: ZOverdueList, ...errorResponses },
      },
    },
    async (req) => listOverdue(db, actorOf(req), req.query),
  );

  app.get(
    '/youth/:id/goals/gas',
    {
      config: { permission: 'goal.read', record: true },
      schema: {
        tags: ['Goals'],
        summary: 'Goal Attainment Scaling T-score over the youth\'s goals (Kiresuk–Sherman, ρ = 0.3)',
        params: ZIdParam,
        response: { 200: ZGasSummary, ...errorResponses },
      },
    },
    async (req) => gasSummary(db, actorOf(req), req.params.id),
  );
};
