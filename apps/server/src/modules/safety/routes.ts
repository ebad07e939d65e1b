import {
  ZAcknowledgeAlert,
  ZAlertDetail,
  ZAlertListQuery,
  ZAlertPage,
  ZAlertSettings,
  ZCloseAlert,
  ZCreateAlertAction,
  ZMarkNotificationsRead,
  ZNotificationPage,
  ZNotificationQuery,
} from '@mentorbridge/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { errorResponses, ZIdParam } from '../../http/schemas.ts';
import {
  acknowledgeAlert,
  addAlertAction,
  closeAlert,
  getAlert,
  getAlertSettings,
  listAlerts,
  listNotifications,
  listYouthAlerts,
  markNotificationsRead,
  updateAlertSettings,
} from './alert-service.ts';

const versioned = 'Send the `version` you saw; a stale version answers 409 with the current alert.';

/** Safety alerts (R-6.6, R-1.34–1.36): the list, one alert with its log, acknowledge, actions, close; in-app notices. */
export const alertRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, now: () => app.deps.clock.now() };

  app.get(
    '/alerts',
    {
      config: { permission: 'alert.read' },
      schema: {
        tags: ['Safety alerts'],
        summary: 'Safety alerts within your reach, most urgent first',
        description:
          'Unacknowledged before acknowledged before closed; acute first; then by escalation level and age. ' +
          '`status=active` means open or acknowledged. `open` counts the unacknowledged alerts whatever the filters.',
        querystring: ZAlertListQuery,
        response: { 200: ZAlertPage, ...errorResponses },
      },
    },
    async (req) => listAlerts(db, actorOf(req), req.query),
  );

  app.get(
    '/youth/:id/alerts',
    {
      config: { permission: 'alert.read', record: true },
      schema: {
        tags: ['Safety alerts'],
        summary: 'A youth\'s safety alerts, most urgent first',
        params: ZIdParam,
        querystring: ZAlertListQuery,
        response: { 200: ZAlertPage, ...errorResponses },
      },
    },
    async (req) => listYouthAlerts(db, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/alerts/:id',
    {
      config: { permission: 'alert.read', record: true },
      schema: {
        tags: ['Safety alerts'],
        summary: 'One alert: reasons, actions taken, notices sent and the log of raise, escalation and closing',
        params: ZIdParam,
        response: { 200: ZAlertDetail, ...errorResponses },
      },
    },
    async (req) => getAlert(db, actorOf(req), req.params.id),
  );

  app.post(
    '/alerts/:id/acknowledge',
    {
      config: { permission: 'alert.act', record: true },
      schema: {
        tags: ['Safety alerts'],
        summary: 'Acknowledge an alert: it stops escalating',
        description: `${versioned} An alert already acknowledged answers 409 ALERT_ALREADY_ACKNOWLEDGED.`,
        params: ZIdParam,
        body: ZAcknowledgeAlert,
        response: { 200: ZAlertDetail, ...errorResponses },
      },
    },
    async (req) => acknowledgeAlert(deps, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/alerts/:id/actions',
    {
      config: { permission: 'alert.act', record: true },
      schema: {
        tags: ['Safety alerts'],
        summary: 'Record a step taken (contacted youth, safety plan reviewed, mobile crisis, 988, 911, …)',
        description:
          'Accepts a client-generated `id` and an `Idempotency-Key` header. `takenAt` defaults to now and may not ' +
          'be in the future or before the alert. A closed alert answers 409 ALERT_CLOSED.',
        params: ZIdParam,
        body: ZCreateAlertAction,
        response: { 201: ZAlertDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await addAlertAction(deps, actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/alerts/:id/close',
    {
      config: { permission: 'alert.act', record: true },
      schema: {
        tags: ['Safety alerts'],
        summary: 'Close an alert with its disposition',
        description: `${versioned} Needs an acknowledgement (409 ALERT_NOT_ACKNOWLEDGED) and at least one action (409 ALERT_NEEDS_ACTION).`,
        params: ZIdParam,
        body: ZCloseAlert,
        response: { 200: ZAlertDetail, ...errorResponses },
      },
    },
    async (req) => closeAlert(deps, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/me/notifications',
    {
      config: { permission: 'notification.read' },
      schema: {
        tags: ['Safety alerts'],
        summary: 'Your in-app notices of safety alerts, newest first, with the unread count',
        querystring: ZNotificationQuery,
        response: { 200: ZNotificationPage, ...errorResponses },
      },
    },
    async (req) => listNotifications(db, actorOf(req), req.query),
  );

  app.post(
    '/me/notifications/read',
    {
      config: { permission: 'notification.read' },
      schema: {
        tags: ['Safety alerts'],
        summary: 'Mark your notices read (by id, or all)',
        body: ZMarkNotificationsRead,
        response: { 200: z.object({ unread: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => markNotificationsRead(deps, actorOf(req), req.body),
  );

  app.get(
    '/organization/alert-settings',
    {
      config: { permission: 'alert.settings' },
      schema: {
        tags: ['Safety alerts'],
        summary: 'How long an acute alert may stay unacknowledged before it escalates',
        response: { 200: ZAlertSettings, ...errorResponses },
      },
    },
    async (req) => getAlertSettings(db, actorOf(req)),
  );

  app.put(
    '/organization/alert-settings',
    {
      config: { permission: 'alert.settings' },
      schema: {
        tags: ['Safety alerts'],
        summary: 'Set the minutes before an unacknowledged acute alert escalates (and between escalations)',
        description: 'Applies to alerts raised from now on; open alerts keep their current deadline and use the new minutes after it.',
        body: ZAlertSettings,
        response: { 200: ZAlertSettings, ...errorResponses },
      },
    },
    async (req) => updateAlertSettings(db, actorOf(req), req.body),
  );
};
