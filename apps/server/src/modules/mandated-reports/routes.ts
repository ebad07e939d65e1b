import {
  ZCloseMandatedReport,
  ZCreateMandatedReport,
  ZFileWrittenReport,
  ZMandatedReport,
  ZMandatedReportListQuery,
  ZMandatedReportSummary,
} from '@mentorbridge/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { errorResponses, ZIdParam } from '../../http/schemas.ts';
import {
  closeMandatedReport,
  createMandatedReport,
  fileWrittenReport,
  getMandatedReport,
  listMandatedReports,
  listYouthMandatedReports,
} from './mandated-reports.ts';

const ZReportParam = z.object({ reportId: z.uuid() });

/** Mandated reports of suspected abuse or neglect (51A, R-5.14–5.17). Guardians, youth and hub clinicians never see them. */
export const mandatedReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, mailer: app.deps.mailer, publicUrl: app.deps.config.publicUrl };

  app.post(
    '/youth/:id/mandated-reports',
    {
      config: { permission: 'mandated_report.create', record: true },
      schema: {
        tags: ['Mandated reports'],
        summary: 'Record a mandated report: the oral report made, what was reported; the written report is due in 48 hours',
        description:
          'Accepts a client-generated `id` and an `Idempotency-Key` header. The reporter\'s supervisors and the program managers are notified; the guardian is never notified.',
        params: ZIdParam,
        body: ZCreateMandatedReport,
        response: { 201: ZMandatedReport, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createMandatedReport(deps, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/youth/:id/mandated-reports',
    {
      config: { permission: 'mandated_report.read', record: true },
      schema: {
        tags: ['Mandated reports'],
        summary: 'A youth\'s mandated reports, newest first',
        params: ZIdParam,
        response: { 200: z.array(ZMandatedReportSummary), ...errorResponses },
      },
    },
    async (req) => listYouthMandatedReports(db, actorOf(req), req.params.id),
  );

  app.get(
    '/mandated-reports',
    {
      config: { permission: 'mandated_report.list' },
      schema: {
        tags: ['Mandated reports'],
        summary: 'Mandated reports in your programs, earliest written-report deadline first',
        querystring: ZMandatedReportListQuery,
        response: { 200: z.array(ZMandatedReportSummary), ...errorResponses },
      },
    },
    async (req) => listMandatedReports(db, actorOf(req), req.query),
  );

  app.get(
    '/mandated-reports/:reportId',
    {
      config: { permission: 'mandated_report.read', record: true },
      schema: {
        tags: ['Mandated reports'],
        summary: 'One mandated report',
        params: ZReportParam,
        response: { 200: ZMandatedReport, ...errorResponses },
      },
    },
    async (req) => getMandatedReport(db, actorOf(req), req.params.reportId),
  );

  app.post(
    '/mandated-reports/:reportId/written',
    {
      config: { permission: 'mandated_report.update', record: true },
      schema: {
        tags: ['Mandated reports'],
        summary: 'Record that the written report was filed, with the agency\'s reference',
        description: 'Send the `version` you saw; 409 when it changed or the written report is already recorded.',
        params: ZReportParam,
        body: ZFileWrittenReport,
        response: { 200: ZMandatedReport, ...errorResponses },
      },
    },
    async (req) => fileWrittenReport(db, actorOf(req), req.params.reportId, req.body),
  );

  app.post(
    '/mandated-reports/:reportId/close',
    {
      config: { permission: 'mandated_report.close', record: true },
      schema: {
        tags: ['Mandated reports'],
        summary: 'Close a mandated report once its written report is recorded',
        params: ZReportParam,
        body: ZCloseMandatedReport,
        response: { 200: ZMandatedReport, ...errorResponses },
      },
    },
    async (req) => closeMandatedReport(db, actorOf(req), req.params.reportId, req.body.version),
  );
};
