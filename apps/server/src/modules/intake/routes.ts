import {
  ATTACHMENT_MAX_BASE64,
  ZAdmit,
  ZAttachment,
  ZClearanceStatus,
  ZConsent,
  ZCreateClearance,
  ZCreateConsent,
  ZCreateHubService,
  ZCreateReferral,
  ZCreateRuleSet,
  ZDischarge,
  ZEligibilityFinding,
  ZEligibilityRequest,
  ZEligibilityResult,
  ZEpisode,
  ZErrorBody,
  ZHubService,
  ZHubServiceList,
  ZProgramDetail,
  ZReferral,
  ZReferralListQuery,
  ZReferralPage,
  ZReferralStatusChange,
  ZRuleSetPresetInfo,
  ZRuleSetVersion,
  ZRuleSetVersions,
  ZUpdateHubService,
  ZUploadAttachment,
  ZWithdrawConsent,
} from '@mentorbridge/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { errorResponses, ZIdParam } from '../../http/schemas.ts';
import { createFileStorage } from '../../storage/storage.ts';
import { admitReferral, previewEligibility } from './admission.ts';
import { contentDisposition, openAttachment, uploadAttachment } from './attachments.ts';
import { getClearance, recordClearance } from './clearance.ts';
import { recordConsent, withdrawConsent } from './consents.ts';
import { dischargeEpisode } from './discharge.ts';
import { listEpisodes } from './episodes.ts';
import { createHubService, listHubServices, updateHubService } from './hub-services.ts';
import { changeReferralStatus, createReferral, getReferral, listReferrals } from './referrals.ts';
import { createRuleSet, getProgram, listPresets, listRuleSets } from './rule-sets.ts';

const ZProgramParam = z.object({ programId: z.uuid() });
const ZReferralParam = z.object({ referralId: z.uuid() });
const ZEpisodeParam = z.object({ episodeId: z.uuid() });
const ZConsentParams = z.object({ episodeId: z.uuid(), consentId: z.uuid() });
const ZHubServiceParams = z.object({ id: z.uuid(), hubServiceId: z.uuid() });
const ZAttachmentParam = z.object({ attachmentId: z.uuid() });
const ZUserParam = z.object({ userId: z.string().min(1).max(100) });

const ZNotEligibleBody = z
  .object({
    error: ZErrorBody.shape.error.extend({ findings: z.array(ZEligibilityFinding).optional() }),
  })
  .describe('Not eligible: `findings` lists every check that failed (also named in `fields`)');
const intakeErrors = {
  ...errorResponses,
  409: ZErrorBody.describe('Conflict: stale version, a transition the record cannot make, or a closed episode'),
};

/** Upload bodies carry the file as base64: room for the largest allowed file and the other fields. */
const UPLOAD_BODY_LIMIT = ATTACHMENT_MAX_BASE64 + 64 * 1024;

/**
 * Intake: program rule sets, hub services, referrals and their attachments, eligibility and admission, consent,
 * mentor clearance and discharge.
 */
export const intakeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const storage = createFileStorage(app.deps.config);

  // Programs and rule sets
  app.get(
    '/programs/:programId',
    {
      config: { permission: 'rule_set.read', record: true },
      schema: {
        tags: ['Programs'],
        summary: 'A program with the rules in force and whether it meets the definition of therapeutic mentoring',
        params: ZProgramParam,
        response: { 200: ZProgramDetail, ...errorResponses },
      },
    },
    async (req) => getProgram(db, actorOf(req), req.params.programId),
  );
  app.get(
    '/programs/:programId/rule-sets',
    {
      config: { permission: 'rule_set.read', record: true },
      schema: {
        tags: ['Programs'],
        summary: 'A program\'s rule set versions, newest first, with the one in force today',
        params: ZProgramParam,
        response: { 200: ZRuleSetVersions, ...errorResponses },
      },
    },
    async (req) => listRuleSets(db, actorOf(req), req.params.programId),
  );
  app.post(
    '/programs/:programId/rule-sets',
    {
      config: { permission: 'rule_set.write', record: true },
      schema: {
        tags: ['Programs'],
        summary: 'Add a rule set version (applies from its effective date; past records keep their version)',
        description: 'The effective date cannot be before the latest version’s. Accepts a client-generated `id`.',
        params: ZProgramParam,
        body: ZCreateRuleSet,
        response: { 201: ZRuleSetVersion, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createRuleSet(db, actorOf(req), req.params.programId, req.body)),
  );
  app.get(
    '/rule-set-presets',
    {
      config: { permission: 'rule_set.read' },
      schema: {
        tags: ['Programs'],
        summary: 'Rule set presets (MassHealth CBHI TM, community TM)',
        response: { 200: z.array(ZRuleSetPresetInfo), ...errorResponses },
      },
    },
    async () => listPresets(),
  );

  // Hub services (R-1.12–1.14)
  const hubTags = ['Hub services'];
  app.get(
    '/youth/:id/hub-services',
    {
      config: { permission: 'hub_service.read', record: true },
      schema: {
        tags: hubTags,
        summary: 'A youth\'s hub services (ICC, IHT, OP) and the one suggested to coordinate',
        params: ZIdParam,
        response: { 200: ZHubServiceList, ...errorResponses },
      },
    },
    async (req) => listHubServices(db, actorOf(req), req.params.id),
  );
  app.post(
    '/youth/:id/hub-services',
    {
      config: { permission: 'hub_service.write', record: true },
      schema: {
        tags: hubTags,
        summary: 'Add a hub service',
        description:
          'Exactly one active hub coordinates care; without `coordinating` the new hub coordinates only if no other active hub does.',
        params: ZIdParam,
        body: ZCreateHubService,
        response: { 201: ZHubService, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createHubService(db, actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/youth/:id/hub-services/:hubServiceId',
    {
      config: { permission: 'hub_service.write', record: true },
      schema: {
        tags: hubTags,
        summary: 'End a hub service, change its contact, or make it the coordinating hub',
        params: ZHubServiceParams,
        body: ZUpdateHubService,
        response: { 200: ZHubService, ...errorResponses },
      },
    },
    async (req) => updateHubService(db, actorOf(req), req.params.id, req.params.hubServiceId, req.body),
  );

  // Referrals
  const referralTags = ['Referrals'];
  app.post(
    '/referrals',
    {
      config: { permission: 'referral.create' },
      schema: {
        tags: referralTags,
        summary: 'Refer a youth (hub clinician, or staff on their behalf)',
        description:
          'Creates the youth record (status "referred"), an optional guardian, the referring hub service and the referral in one transaction. A referring hub clinician joins the youth’s care team.',
        body: ZCreateReferral,
        response: { 201: ZReferral, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createReferral(db, actorOf(req), req.body)),
  );
  app.get(
    '/referrals',
    {
      config: { permission: 'referral.list' },
      schema: {
        tags: referralTags,
        summary: 'The referral pipeline, with counts per status (hub clinicians: the youth they referred)',
        description: 'With `status=waitlisted` the list is ordered by priority (1 first), then by date received.',
        querystring: ZReferralListQuery,
        response: { 200: ZReferralPage, ...errorResponses },
      },
    },
    async (req) => listReferrals(db, actorOf(req), req.query),
  );
  app.get(
    '/referrals/:referralId',
    {
      config: { permission: 'referral.read', record: true },
      schema: {
        tags: referralTags,
        summary: 'A referral with its hub plan goals and attachments',
        params: ZReferralParam,
        response: { 200: ZReferral, ...errorResponses },
      },
    },
    async (req) => getReferral(db, actorOf(req), req.params.referralId),
  );
  app.post(
    '/referrals/:referralId/status',
    {
      config: { permission: 'referral.screen', record: true },
      schema: {
        tags: referralTags,
        summary: 'Screen, accept, waitlist (with a priority) or decline (with a reason) a referral',
        description: 'Transitions follow REFERRAL_TRANSITIONS; another answers 409 INVALID_TRANSITION.',
        params: ZReferralParam,
        body: ZReferralStatusChange,
        response: { 200: ZReferral, ...intakeErrors },
      },
    },
    async (req) => changeReferralStatus(db, actorOf(req), req.params.referralId, req.body),
  );
  app.post(
    '/referrals/:referralId/attachments',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      config: { permission: 'referral.attach', record: true },
      schema: {
        tags: referralTags,
        summary: 'Attach a document to a referral (treatment plan, CANS, assessment, signed consent form)',
        description:
          'JSON with the file as base64. PDF, JPEG, PNG, HEIC or WebP, at most 10 MB; the bytes must match the declared type.',
        params: ZReferralParam,
        body: ZUploadAttachment,
        response: { 201: ZAttachment, ...errorResponses, 413: ZErrorBody.describe('The request is too large') },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await uploadAttachment(db, storage, actorOf(req), req.params.referralId, req.body)),
  );
  app.get(
    '/attachments/:attachmentId',
    {
      config: { permission: 'attachment.read', record: true },
      schema: {
        tags: referralTags,
        summary: 'Download an attachment (audited)',
        params: ZAttachmentParam,
        response: { 200: z.string().describe('The file, with its content type'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { file, stream } = await openAttachment(db, storage, actorOf(req), req.params.attachmentId);
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.sizeBytes))
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'no-store')
        .send(stream as unknown as string);
    },
  );

  // Eligibility and admission (R-1.6–1.11)
  app.post(
    '/referrals/:referralId/eligibility',
    {
      config: { permission: 'referral.screen', record: true },
      schema: {
        tags: referralTags,
        summary: 'Check eligibility against the rule set in force (nothing is stored)',
        params: ZReferralParam,
        body: ZEligibilityRequest,
        response: { 200: ZEligibilityResult, ...intakeErrors },
      },
    },
    async (req) => previewEligibility(db, actorOf(req), req.params.referralId, req.body),
  );
  app.post(
    '/referrals/:referralId/admit',
    {
      config: { permission: 'episode.manage', record: true },
      schema: {
        tags: referralTags,
        summary: 'Admit an accepted referral: opens the episode with its eligibility findings',
        description:
          'Checks eligibility with the rule set in force on the admission date; an ineligible youth answers 422 with the failing findings and nothing is written.',
        params: ZReferralParam,
        body: ZAdmit,
        response: { 201: ZEpisode, ...intakeErrors, 422: ZNotEligibleBody },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await admitReferral(db, actorOf(req), req.params.referralId, req.body)),
  );

  // Episodes, consent and discharge
  const episodeTags = ['Episodes'];
  app.get(
    '/youth/:id/episodes',
    {
      config: { permission: 'episode.read', record: true },
      schema: {
        tags: episodeTags,
        summary: 'A youth\'s episodes of care with their consents',
        params: ZIdParam,
        response: { 200: z.array(ZEpisode), ...errorResponses },
      },
    },
    async (req) => listEpisodes(db, actorOf(req), req.params.id),
  );
  app.post(
    '/episodes/:episodeId/consents',
    {
      config: { permission: 'consent.write', record: true },
      schema: {
        tags: episodeTags,
        summary: 'Record guardian agreement, youth assent or a release of information',
        description:
          'Method `uploaded_form` names the signed form (`attachmentId`); `in_app_signature` takes the signer’s typed name and the password of the staff member recording it (401 REAUTH_FAILED when it does not match).',
        params: ZEpisodeParam,
        body: ZCreateConsent,
        response: { 201: ZConsent, ...intakeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await recordConsent(db, actorOf(req), req.params.episodeId, req.body)),
  );
  app.post(
    '/episodes/:episodeId/consents/:consentId/withdraw',
    {
      config: { permission: 'consent.write', record: true },
      schema: {
        tags: episodeTags,
        summary: 'Withdraw a consent (withdrawn guardian agreement starts discharge planning)',
        params: ZConsentParams,
        body: ZWithdrawConsent,
        response: { 200: ZConsent, ...intakeErrors },
      },
    },
    async (req) => withdrawConsent(db, actorOf(req), req.params.episodeId, req.params.consentId, req.body),
  );
  app.post(
    '/episodes/:episodeId/discharge',
    {
      config: { permission: 'episode.manage', record: true },
      schema: {
        tags: episodeTags,
        summary: 'Discharge: summary, goal statuses, matches closed, youth discharged, retention date computed',
        params: ZEpisodeParam,
        body: ZDischarge,
        response: { 200: ZEpisode, ...intakeErrors },
      },
    },
    async (req) => dischargeEpisode(db, actorOf(req), req.params.episodeId, req.body),
  );

  // Mentor clearance (gate input, R-6.2)
  app.get(
    '/staff/:userId/clearance',
    {
      config: { permission: 'staff.read', record: true },
      schema: {
        tags: ['Staff'],
        summary: 'A mentor\'s clearance to practise: the latest in effect and the history',
        params: ZUserParam,
        response: { 200: ZClearanceStatus, ...errorResponses },
      },
    },
    async (req) => getClearance(db, actorOf(req), req.params.userId),
  );
  app.post(
    '/staff/:userId/clearance',
    {
      config: { permission: 'mentor_clearance.write', record: true },
      schema: {
        tags: ['Staff'],
        summary: 'Record that a mentor is cleared to practise (screening and pre-match training done)',
        params: ZUserParam,
        body: ZCreateClearance,
        response: { 201: ZClearanceStatus, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await recordClearance(db, actorOf(req), req.params.userId, req.body)),
  );
};
