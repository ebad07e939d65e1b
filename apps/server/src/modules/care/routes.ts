import {
  ZAvailabilityQuery,
  ZCaseloadDashboard,
  ZCloseMatch,
  ZComplianceBoard,
  ZComplianceQuery,
  ZCreateGoal,
  ZCreateGoalProgress,
  ZCreateHubContact,
  ZCreateMatch,
  ZGoal,
  ZGoalList,
  ZGoalProgress,
  ZHubContact,
  ZMatch,
  ZMatchesDashboard,
  ZMatchListQuery,
  ZMatchPage,
  ZMatchStatusChange,
  ZMentorAvailability,
  ZRematch,
  ZRematchResult,
  ZTeamDashboard,
  ZTimelinePage,
  ZTimelineQuery,
  ZTodayDashboard,
  ZUpdateGoal,
  ZYouthTimers,
} from '@mentorbridge/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { errorResponses, ZIdParam } from '../../http/schemas.ts';
import {
  caseloadDashboard,
  complianceBoard,
  getYouthTimers,
  matchesDashboard,
  teamDashboard,
  todayDashboard,
} from './dashboard-service.ts';
import { addGoalProgress, createGoal, listGoalProgress, listGoals, updateGoal } from './goal-service.ts';
import { createHubContact, listHubContacts } from './hub-contact-service.ts';
import {
  closeMatch,
  createMatch,
  listMatches,
  listYouthMatches,
  mentorAvailability,
  rematch,
  setMatchStatus,
} from './match-service.ts';
import { youthTimeline } from './timeline-service.ts';

const ZMatchParam = z.object({ matchId: z.uuid() });
const ZGoalParam = z.object({ goalId: z.uuid() });
const idempotent = 'Accepts a client-generated `id` and an `Idempotency-Key` header.';
const versioned = 'Send the `version` you edited; a stale version answers 409 with the current record.';

/** The care area: matches, goals, hub coordination, compliance timers, dashboards and the youth timeline. */
export const careRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  // Matches (R-2.13–2.15, R-3.4)
  app.get(
    '/youth/:id/matches',
    {
      config: { permission: 'match.read', record: true },
      schema: {
        tags: ['Matches'],
        summary: 'A youth\'s matches, primary first, closed ones last',
        params: ZIdParam,
        response: { 200: z.array(ZMatch), ...errorResponses },
      },
    },
    async (req) => listYouthMatches(db, actorOf(req), req.params.id),
  );

  app.post(
    '/youth/:id/matches',
    {
      config: { permission: 'match.write', record: true },
      schema: {
        tags: ['Matches'],
        summary: 'Match a mentor with a youth, with the match agreement',
        description: `${idempotent} The mentor must hold the mentor role here and have room under their capacity (409 CAPACITY_REACHED names the numbers). A youth has one active primary match (409 PRIMARY_MATCH_EXISTS); a secondary match needs an active primary. Re-match with POST /matches/{matchId}/rematch.`,
        params: ZIdParam,
        body: ZCreateMatch,
        response: { 201: ZMatch, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createMatch(db, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/matches',
    {
      config: { permission: 'match.read' },
      schema: {
        tags: ['Matches'],
        summary: 'Matches within your reach, filtered by status, program or mentor',
        querystring: ZMatchListQuery,
        response: { 200: ZMatchPage, ...errorResponses },
      },
    },
    async (req) => listMatches(db, actorOf(req), req.query),
  );

  app.post(
    '/matches/:matchId/status',
    {
      config: { permission: 'match.write', record: true },
      schema: {
        tags: ['Matches'],
        summary: 'Pause or resume a match',
        description: `${versioned} A closed match answers 409 MATCH_CLOSED.`,
        params: ZMatchParam,
        body: ZMatchStatusChange,
        response: { 200: ZMatch, ...errorResponses },
      },
    },
    async (req) => setMatchStatus(db, actorOf(req), req.params.matchId, req.body),
  );

  app.post(
    '/matches/:matchId/close',
    {
      config: { permission: 'match.write', record: true },
      schema: {
        tags: ['Matches'],
        summary: 'Close a match, planned or unplanned, with reasons and the closure checklist',
        description: versioned,
        params: ZMatchParam,
        body: ZCloseMatch,
        response: { 200: ZMatch, ...errorResponses },
      },
    },
    async (req) => closeMatch(db, actorOf(req), req.params.matchId, req.body),
  );

  app.post(
    '/matches/:matchId/rematch',
    {
      config: { permission: 'match.write', record: true },
      schema: {
        tags: ['Matches'],
        summary: 'Re-match: close this match (reason "rematch") and open one with another mentor, in one step',
        description: `${versioned} Both happen or neither: a refused new match (capacity, mentor) leaves the old one open.`,
        params: ZMatchParam,
        body: ZRematch,
        response: { 200: ZRematchResult, ...errorResponses },
      },
    },
    async (req) => rematch(db, actorOf(req), req.params.matchId, req.body),
  );

  app.get(
    '/mentors/availability',
    {
      config: { permission: 'match.write' },
      schema: {
        tags: ['Matches'],
        summary: 'Mentors to match with: caseload, capacity, languages, supervisor, clearance',
        querystring: ZAvailabilityQuery,
        response: { 200: z.array(ZMentorAvailability), ...errorResponses },
      },
    },
    async (req) => mentorAvailability(db, actorOf(req), req.query),
  );

  // Goals (R-1.16, R-1.18–1.20)
  app.get(
    '/youth/:id/goals',
    {
      config: { permission: 'goal.read', record: true },
      schema: {
        tags: ['Goals'],
        summary: 'A youth\'s goals, with the hub plan goals they can be made from',
        params: ZIdParam,
        response: { 200: ZGoalList, ...errorResponses },
      },
    },
    async (req) => listGoals(db, actorOf(req), req.params.id),
  );

  app.post(
    '/youth/:id/goals',
    {
      config: { permission: 'goal.write', record: true },
      schema: {
        tags: ['Goals'],
        summary: 'Add a goal from the hub plan to the open episode',
        description: `${idempotent} Without an open episode: 409 NO_OPEN_EPISODE. The owner defaults to the youth's hub clinician when known.`,
        params: ZIdParam,
        body: ZCreateGoal,
        response: { 201: ZGoal, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createGoal(db, actorOf(req), req.params.id, req.body)),
  );

  app.patch(
    '/goals/:goalId',
    {
      config: { permission: 'goal.write', record: true },
      schema: {
        tags: ['Goals'],
        summary: 'Edit a goal (fields, GAS levels, weight, status)',
        description: versioned,
        params: ZGoalParam,
        body: ZUpdateGoal,
        response: { 200: ZGoal, ...errorResponses },
      },
    },
    async (req) => updateGoal(db, actorOf(req), req.params.goalId, req.body),
  );

  app.get(
    '/goals/:goalId/progress',
    {
      config: { permission: 'goal.read', record: true },
      schema: {
        tags: ['Goals'],
        summary: 'A goal\'s progress ratings, newest first',
        params: ZGoalParam,
        response: { 200: z.array(ZGoalProgress), ...errorResponses },
      },
    },
    async (req) => listGoalProgress(db, actorOf(req), req.params.goalId),
  );

  app.post(
    '/goals/:goalId/progress',
    {
      config: { permission: 'goal.progress', record: true },
      schema: {
        tags: ['Goals'],
        summary: 'Rate progress on an active goal (Goal Attainment Scale level -2…+2)',
        description: `${idempotent} A goal that is met or discontinued answers 409 GOAL_NOT_ACTIVE.`,
        params: ZGoalParam,
        body: ZCreateGoalProgress,
        response: { 201: ZGoalProgress, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await addGoalProgress(db, actorOf(req), req.params.goalId, req.body)),
  );

  // Hub coordination (R-1.21–1.23)
  app.get(
    '/youth/:id/hub-contacts',
    {
      config: { permission: 'hub_contact.read', record: true },
      schema: {
        tags: ['Hub coordination'],
        summary: 'Contacts with the youth’s hub, newest first',
        params: ZIdParam,
        response: { 200: z.array(ZHubContact), ...errorResponses },
      },
    },
    async (req) => listHubContacts(db, actorOf(req), req.params.id),
  );

  app.post(
    '/youth/:id/hub-contacts',
    {
      config: { permission: 'hub_contact.write', record: true },
      schema: {
        tags: ['Hub coordination'],
        summary: 'Log a contact with the hub: date, mode, participants, summary, goals discussed, duration',
        description: idempotent,
        params: ZIdParam,
        body: ZCreateHubContact,
        response: { 201: ZHubContact, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createHubContact(db, actorOf(req), req.params.id, req.body)),
  );

  // Timers and timeline
  app.get(
    '/youth/:id/timers',
    {
      config: { permission: 'contact.read', record: true },
      schema: {
        tags: ['Compliance'],
        summary:
          'Compliance timers of a youth: hub contact, CANS age, unsigned notes, supervision, match-support check-in',
        params: ZIdParam,
        response: { 200: ZYouthTimers, ...errorResponses },
      },
    },
    async (req) => getYouthTimers(db, actorOf(req), req.params.id),
  );

  app.get(
    '/youth/:id/timeline',
    {
      config: { permission: 'episode.read', record: true },
      schema: {
        tags: ['Youth'],
        summary: 'Everything that happened to a youth, newest first (each kind shown to those who may read it)',
        params: ZIdParam,
        querystring: ZTimelineQuery,
        response: { 200: ZTimelinePage, ...errorResponses },
      },
    },
    async (req) => youthTimeline(db, actorOf(req), req.params.id, req.query),
  );

  // Dashboards
  app.get(
    '/dashboard/today',
    {
      config: { permission: 'dashboard.mentor' },
      schema: {
        tags: ['Dashboards'],
        summary: 'A mentor\'s day: today\'s visits, notes past their deadline, youth needing attention',
        response: { 200: ZTodayDashboard, ...errorResponses },
      },
    },
    async (req) => todayDashboard(db, actorOf(req)),
  );

  app.get(
    '/dashboard/caseload',
    {
      config: { permission: 'dashboard.mentor' },
      schema: {
        tags: ['Dashboards'],
        summary: 'A mentor\'s caseload: next visit, last contact, timers',
        response: { 200: ZCaseloadDashboard, ...errorResponses },
      },
    },
    async (req) => caseloadDashboard(db, actorOf(req)),
  );

  app.get(
    '/dashboard/team',
    {
      config: { permission: 'dashboard.supervisor' },
      schema: {
        tags: ['Dashboards'],
        summary: 'A supervisor\'s team: each supervisee\'s caseload, notes, reviews, supervision and youth timers',
        response: { 200: ZTeamDashboard, ...errorResponses },
      },
    },
    async (req) => teamDashboard(db, actorOf(req)),
  );

  app.get(
    '/dashboard/compliance',
    {
      config: { permission: 'dashboard.program' },
      schema: {
        tags: ['Dashboards'],
        summary: 'Compliance board: every youth in service with each timer, and the totals',
        querystring: ZComplianceQuery,
        response: { 200: ZComplianceBoard, ...errorResponses },
      },
    },
    async (req) => complianceBoard(db, actorOf(req), req.query),
  );

  app.get(
    '/dashboard/matches',
    {
      config: { permission: 'dashboard.program' },
      schema: {
        tags: ['Dashboards'],
        summary: 'Active and paused matches, and admitted youth waiting for a match',
        response: { 200: ZMatchesDashboard, ...errorResponses },
      },
    },
    async (req) => matchesDashboard(db, actorOf(req)),
  );
};
